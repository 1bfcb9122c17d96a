"""Problem reports in the Wagtail admin, grouped under "Reports":

- Categories, their questions, and the routes (which body receives a category where): edited
  by staff holding the models' add/change permissions (Editors and Moderators, migration 0002)
  and superusers.
- Open311 keys: listed; issued by a form that shows the secret once, and revoked, through
  `reports.services` (add/change permission of `Open311Key`: superusers unless granted).
- Moderation: the reports and updates made recently, with hide and restore (a reason is
  required) and re-route to another body; `reports.moderate_report`, checked here and again by
  the services. Reports and updates change only through the services, never by hand.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.params import page_of
from profiles.models import Organization
from reports import services
from reports.models import Category, CategoryAttribute, Open311Key, Report, ReportUpdate, Route
from reports.permissions import MODERATE_PERMISSION
from reports.states import ReportError

ISSUE_PERMISSION = "reports.add_open311key"
REVOKE_PERMISSION = "reports.change_open311key"

moderator_required = permission_required(MODERATE_PERMISSION, raise_exception=True)


class CategoryAdmin(ModelAdmin):
    model = Category
    menu_label = gettext_lazy("Categories")
    menu_icon = "tag"
    list_display = ("code", "name_uk", "name_en", "kind", "group", "target_days", "active")
    list_filter = ("kind", "group", "active")
    search_fields = ("code", "name_uk", "name_en")


class CategoryAttributeAdmin(ModelAdmin):
    model = CategoryAttribute
    menu_label = gettext_lazy("Category questions")
    menu_icon = "help"
    list_display = ("category", "code", "question_uk", "datatype", "required")
    list_filter = ("category", "datatype")


class RouteAdmin(ModelAdmin):
    model = Route
    menu_label = gettext_lazy("Routes")
    menu_icon = "redirect"
    list_display = ("category", "district", "body")
    list_filter = ("category", "district")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category", "district", "body")


class KeysPermissionHelper(PermissionHelper):
    """Keys are issued and revoked through the services (the secret is shown once), never
    created or edited by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class Open311KeyAdmin(ModelAdmin):
    model = Open311Key
    menu_label = gettext_lazy("Open311 keys")
    menu_icon = "key"
    permission_helper_class = KeysPermissionHelper
    list_display = ("application", "prefix", "body", "created_at", "last_used_at", "state")
    list_filter = ("revoked_at",)
    search_fields = ("application", "prefix", "contact_email")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("body")

    def state(self, obj):
        if obj.revoked_at:
            return _("revoked")
        return format_html(
            '<a href="{}">{}</a>', reverse("reports_admin:key_revoke", args=[obj.pk]), _("Revoke")
        )

    state.short_description = gettext_lazy("state")


class LinkItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ReportsAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Reports")
    menu_icon = "warning"
    menu_order = 330
    items = (CategoryAdmin, CategoryAttributeAdmin, RouteAdmin, Open311KeyAdmin)

    def get_submenu_items(self):
        return [
            LinkItem(
                _("Moderation"),
                reverse("reports_admin:moderation"),
                name="reports-moderation",
                icon_name="warning",
                order=10,
                permission=MODERATE_PERMISSION,
            ),
            *super().get_submenu_items(),
            LinkItem(
                _("Issue an Open311 key"),
                reverse("reports_admin:key_issue"),
                name="reports-key-issue",
                icon_name="key",
                order=900,
                permission=ISSUE_PERMISSION,
            ),
        ]


modeladmin_register(ReportsAdminGroup)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


class RerouteForm(forms.Form):
    body = forms.ModelChoiceField(
        label=gettext_lazy("Responsible body"),
        queryset=Organization.objects.filter(kind=Organization.Kind.MUNICIPAL_BODY).order_by(
            "name"
        ),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)


class KeyIssueForm(forms.Form):
    application = forms.CharField(label=gettext_lazy("Application"), max_length=100)
    contact_email = forms.EmailField(label=gettext_lazy("Developer's contact email"))
    owner_email = forms.EmailField(
        label=gettext_lazy("Developer's account (email)"),
        required=False,
        help_text=gettext_lazy("Optional: the account of the developer on this site."),
    )
    body = forms.ModelChoiceField(
        label=gettext_lazy("For the body's own system"),
        required=False,
        queryset=Organization.objects.filter(kind=Organization.Kind.MUNICIPAL_BODY).order_by(
            "name"
        ),
        help_text=gettext_lazy("Only for a body's system that posts the body's updates."),
    )

    def clean_owner_email(self):
        email = self.cleaned_data.get("owner_email")
        if not email:
            return None
        owner = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if owner is None:
            raise forms.ValidationError(_("No active account has this email."))
        return owner


def _refused(request, error) -> None:
    messages.error(request, " ".join(str(m) for m in error.messages))


@moderator_required
def moderation(request):
    """The queue: recent reports (or updates), hidden ones included, newest first."""
    showing = "updates" if request.GET.get("show") == "updates" else "reports"
    if showing == "updates":
        items = ReportUpdate.objects.exclude(kind=ReportUpdate.Kind.SITE).select_related(
            "report", "body"
        )
    else:
        items = Report.objects.exclude(state=Report.State.UNCONFIRMED).select_related(
            "category", "body"
        )
    if request.GET.get("hidden") == "1":
        items = items.filter(hidden_at__isnull=False)
    page_obj = page_of(request, items.order_by("-created_at", "-pk"), per_page=50)
    return TemplateResponse(
        request,
        "reports/body/admin/moderation.html",
        {
            "page_title": _("Report moderation"),
            "header_icon": "warning",
            "showing": showing,
            "hidden_only": request.GET.get("hidden") == "1",
            "page_obj": page_obj,
            "reason_form": ReasonForm(),
        },
    )


def _report_page(request, pk: int, *, reason_form=None, reroute_form=None):
    report = get_object_or_404(
        Report.objects.select_related("category", "body", "district", "provider", "reporter"),
        pk=pk,
    )
    return TemplateResponse(
        request,
        "reports/body/admin/report.html",
        {
            "page_title": f"#{report.pk} {report.title}",
            "header_icon": "warning",
            "report": report,
            "updates": report.updates.select_related("body").order_by("created_at", "pk"),
            "reason_form": reason_form or ReasonForm(),
            "reroute_form": reroute_form or RerouteForm(initial={"body": report.body_id}),
        },
    )


@moderator_required
def report_detail(request, pk: int):
    return _report_page(request, pk)


@require_POST
@moderator_required
def report_hide(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _report_page(request, pk, reason_form=form)
    try:
        services.report_hide(report=report, user=request.user, reason=form.cleaned_data["reason"])
    except ReportError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The report is hidden from the public."))
    return redirect("reports_admin:report", pk=pk)


@require_POST
@moderator_required
def report_restore(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    try:
        services.report_restore(report=report, user=request.user)
    except ReportError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The report is public again."))
    return redirect("reports_admin:report", pk=pk)


@require_POST
@moderator_required
def report_reroute(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    form = RerouteForm(request.POST)
    if not form.is_valid():
        return _report_page(request, pk, reroute_form=form)
    try:
        services.report_reroute(
            report=report,
            user=request.user,
            body=form.cleaned_data["body"],
            note=form.cleaned_data["note"],
        )
    except ReportError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The report was sent to the new body."))
    return redirect("reports_admin:report", pk=pk)


@require_POST
@moderator_required
def update_hide(request, pk: int):
    update = get_object_or_404(ReportUpdate, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for hiding the update."))
    else:
        try:
            services.update_hide(
                update=update, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ReportError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The update is hidden from the public."))
    return redirect("reports_admin:report", pk=update.report_id)


def key_issue(request):
    if not request.user.has_perm(ISSUE_PERMISSION):
        raise PermissionDenied
    form = KeyIssueForm(request.POST or None)
    context = {"page_title": _("Issue an Open311 key"), "header_icon": "key", "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            key, secret = services.open311_key_issue(
                application=form.cleaned_data["application"],
                contact_email=form.cleaned_data["contact_email"],
                owner=form.cleaned_data["owner_email"],
                body=form.cleaned_data["body"],
            )
        except ReportError as error:
            form.add_error(None, " ".join(str(m) for m in error.messages))
        else:
            # Shown this once: only its hash is stored. Never cached, never in a message.
            response = TemplateResponse(
                request,
                "reports/body/admin/key_issued.html",
                {**context, "key": key, "secret": secret},
            )
            response["Cache-Control"] = "no-store"
            return response
    return TemplateResponse(request, "reports/body/admin/key_issue.html", context)


def key_revoke(request, pk: int):
    if not request.user.has_perm(REVOKE_PERMISSION):
        raise PermissionDenied
    key = get_object_or_404(Open311Key, pk=pk)
    if request.method == "POST":
        services.open311_key_revoke(key=key)
        messages.success(request, _("The key is revoked."))
        return redirect("reports_open311key_modeladmin_index")
    return TemplateResponse(
        request,
        "reports/body/admin/key_revoke.html",
        {"page_title": _("Revoke an Open311 key"), "header_icon": "key", "key": key},
    )


admin_urlpatterns = [
    path("moderation/", moderation, name="moderation"),
    path("moderation/<id:pk>/", report_detail, name="report"),
    path("moderation/<id:pk>/hide/", report_hide, name="report_hide"),
    path("moderation/<id:pk>/restore/", report_restore, name="report_restore"),
    path("moderation/<id:pk>/reroute/", report_reroute, name="report_reroute"),
    path("moderation/updates/<id:pk>/hide/", update_hide, name="update_hide"),
    path("keys/issue/", key_issue, name="key_issue"),
    path("keys/<id:pk>/revoke/", key_revoke, name="key_revoke"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/", include((admin_urlpatterns, "reports_admin")))]
