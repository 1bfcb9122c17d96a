"""The community queues in the Wagtail admin, and the log of staff opening personal data.

- Status requests: the queue of requests for a verified status, with the evidence and a form
  to grant or decline; the log of grants and revocations.
- People: profiles, with a form to revoke a verified status.
- Organizations: registration data and the verified mark.
- Reported posts: hide the post or dismiss the report.
- Personal data accesses: who on staff opened whose data (for superusers).

Every admin page that shows one person's data (their profile, status request, evidence,
Wagtail's own user edit page) writes a PersonalDataAccess row.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.admin_forms import RefusedFormsMixin
from profiles import admin_views
from profiles.admin_views import DecisionForm, ReasonForm
from profiles.models import (
    BlogPost,
    Organization,
    PersonalDataAccess,
    PostReport,
    Profile,
    StatusChange,
    StatusRequest,
)
from profiles.services.privacy import personal_data_access_log


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "community/status-requests/<id:pk>/decide/",
            admin_views.status_decide,
            name="profiles_status_decide",
        ),
        path(
            "community/status-requests/<id:pk>/evidence/",
            admin_views.evidence_download,
            name="profiles_status_evidence",
        ),
        path(
            "community/people/<id:user_pk>/revoke-status/",
            admin_views.status_revoke_view,
            name="profiles_status_revoke",
        ),
        path(
            "community/organizations/<id:pk>/verify/",
            admin_views.organization_verify_view,
            name="profiles_organization_verify",
        ),
        path(
            "community/posts/<id:pk>/hide/", admin_views.post_hide_view, name="profiles_post_hide"
        ),
        path(
            "community/posts/<id:pk>/restore/",
            admin_views.post_restore_view,
            name="profiles_post_restore",
        ),
        path(
            "community/reports/<id:pk>/dismiss/",
            admin_views.report_dismiss_view,
            name="profiles_report_dismiss",
        ),
    ]


@hooks.register("before_edit_user")
def log_user_edit_view(request, user):
    """Wagtail's user edit page shows a person's account data: log each opening."""
    personal_data_access_log(
        staff=request.user,
        subject=user,
        what=str(_("Account (Wagtail user edit)")),
        path=request.path,
    )


class ReadOnlyPermissionHelper(PermissionHelper):
    """Lists and detail pages only: every change goes through the forms that call services."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class LoggedInspectView(RefusedFormsMixin, InspectView):
    """A detail page that shows one person's data: opening it is logged."""

    what = _("Profile")

    def subject(self):
        return self.instance.user

    def get(self, request, *args, **kwargs):
        personal_data_access_log(
            staff=request.user, subject=self.subject(), what=str(self.what), path=request.path
        )
        return super().get(request, *args, **kwargs)


class StatusRequestInspectView(LoggedInspectView):
    what = _("Status request")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            decision_form=self.form("decision_form", DecisionForm),
            decide_url=reverse("profiles_status_decide", args=[self.instance.pk]),
            evidence_url=reverse("profiles_status_evidence", args=[self.instance.pk])
            if self.instance.evidence_file
            else "",
            can_decide=self.request.user.has_perm("profiles.decide_statusrequest")
            and self.instance.state == StatusRequest.State.PENDING,
        )
        return context


class ProfileInspectView(LoggedInspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            reason_form=self.form("reason_form", ReasonForm),
            revoke_url=reverse("profiles_status_revoke", args=[self.instance.user_id]),
            can_revoke=self.request.user.has_perm("profiles.decide_statusrequest")
            and self.instance.is_verified,
            changes=StatusChange.objects.filter(user_id=self.instance.user_id),
        )
        return context


class OrganizationInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            verify_url=reverse("profiles_organization_verify", args=[self.instance.pk]),
            can_verify=self.request.user.has_perm("profiles.verify_organization")
            and self.instance.is_registered
            # An authority is verified only once staff granted its kind (organization_verify).
            and (not self.instance.is_authority or self.instance.authority_granted_at is not None),
        )
        return context


class PostReportInspectView(RefusedFormsMixin, InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.instance.post
        can_moderate = self.request.user.has_perm("profiles.moderate_blogpost")
        context.update(
            post=post,
            reason_form=self.form("reason_form", ReasonForm),
            hide_url=reverse("profiles_post_hide", args=[post.pk]),
            restore_url=reverse("profiles_post_restore", args=[post.pk]),
            dismiss_url=reverse("profiles_report_dismiss", args=[self.instance.pk]),
            can_hide=can_moderate and post.state == BlogPost.State.PUBLISHED,
            can_restore=can_moderate and post.state == BlogPost.State.HIDDEN,
            can_dismiss=can_moderate and self.instance.state == PostReport.State.OPEN,
        )
        return context


class CommunityAdmin(ModelAdmin):
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    add_to_settings_menu = False


class StatusRequestAdmin(CommunityAdmin):
    model = StatusRequest
    menu_label = _("Status requests")
    menu_icon = "tick-inverse"
    list_display = ("user", "status", "organization", "state", "created_at")
    list_filter = ("state", "status")
    search_fields = ("user__profile__display_name", "user__email")
    inspect_view_class = StatusRequestInspectView
    inspect_view_fields = [
        "user", "status", "organization", "evidence", "state", "created_at", "decided_at",
        "decided_by", "decision_note",
    ]  # fmt: skip
    inspect_template_name = "profiles/admin/statusrequest_inspect.html"


class StatusChangeAdmin(CommunityAdmin):
    model = StatusChange
    menu_label = _("Status changes log")
    menu_icon = "history"
    list_display = ("user", "action", "status_before", "status_after", "changed_by", "created_at")
    list_filter = ("action", "status_after")
    inspect_view_fields = [
        "user", "action", "status_before", "status_after", "changed_by", "reason", "request",
        "created_at",
    ]  # fmt: skip


class ProfileAdmin(CommunityAdmin):
    model = Profile
    menu_label = _("People")
    menu_icon = "user"
    list_display = ("display_name", "status", "status_organization", "created_at")
    list_filter = ("status",)
    search_fields = ("display_name",)
    inspect_view_class = ProfileInspectView
    inspect_view_fields = [
        "display_name", "status", "status_organization", "status_since", "about", "activity",
        "is_listed", "created_at",
    ]  # fmt: skip
    inspect_template_name = "profiles/admin/profile_inspect.html"


class OrganizationAdmin(CommunityAdmin):
    model = Organization
    menu_label = _("Organizations")
    menu_icon = "group"
    list_display = ("name", "kind", "registry_code", "is_verified", "created_at")
    list_filter = ("kind", "is_verified")
    search_fields = ("name", "registry_code")
    inspect_view_class = OrganizationInspectView
    inspect_view_fields = [
        "name", "kind", "registry_code", "address", "is_verified", "verified_at", "verified_by",
        "authority_granted_at", "authority_granted_by", "email", "district", "about", "created_at",
    ]  # fmt: skip
    inspect_template_name = "profiles/admin/organization_inspect.html"


class PostReportAdmin(CommunityAdmin):
    model = PostReport
    menu_label = _("Reported posts")
    menu_icon = "warning"
    list_display = ("post", "reason", "state", "created_at")
    list_filter = ("state", "reason")
    inspect_view_class = PostReportInspectView
    inspect_view_fields = ["post", "reason", "details", "state", "created_at", "resolved_at"]
    inspect_template_name = "profiles/admin/postreport_inspect.html"


class PersonalDataAccessAdmin(CommunityAdmin):
    model = PersonalDataAccess
    menu_label = _("Personal data accesses")
    menu_icon = "view"
    list_display = ("created_at", "staff", "subject", "what", "path")
    list_filter = ("what",)
    inspect_view_enabled = False


@modeladmin_register
class CommunityGroup(ModelAdminGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        StatusRequestAdmin,
        StatusChangeAdmin,
        ProfileAdmin,
        OrganizationAdmin,
        PostReportAdmin,
        PersonalDataAccessAdmin,
    )
