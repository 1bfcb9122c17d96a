"""Staff actions in the Wagtail admin: decide status requests, revoke statuses, verify
organizations, moderate reported posts, open evidence documents (each opening logged).

Each view checks its permission and calls one service; the lists and detail pages are the
modeladmin views registered in `wagtail_hooks`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config.admin_forms import inspect_again
from profiles.exceptions import ProfilesError
from profiles.models import BlogPost, Organization, PostReport, StatusRequest, User
from profiles.services.blog import post_hide, post_restore, report_dismiss
from profiles.services.organizations import organization_verify
from profiles.services.privacy import personal_data_access_log
from profiles.services.statuses import (
    status_request_approve,
    status_request_decline,
    status_revoke,
)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Grant")), ("decline", gettext_lazy("Decline"))]
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the participant (required when declining)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (the participant will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _run(request, action, success: str) -> None:
    try:
        action()
    except ProfilesError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


def _back(request, model: str):
    """Back to the page the form was on (an admin page), else the model's list."""
    target = request.POST.get("next", "")
    if target.startswith("/admin/") and "//" not in target:
        return redirect(target)
    return redirect(f"profiles_{model}_modeladmin_index")


@require_POST
def status_decide(request, pk):
    _require(request, "profiles.decide_statusrequest")
    status_request = get_object_or_404(StatusRequest, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return inspect_again(
            request,
            "profiles_statusrequest_modeladmin_inspect",
            status_request.pk,
            decision_form=form,
        )
    if form.cleaned_data["decision"] == "approve":
        _run(
            request,
            lambda: status_request_approve(
                request=status_request, staff=request.user, note=form.cleaned_data["note"]
            ),
            _("The status is granted."),
        )
    else:
        _run(
            request,
            lambda: status_request_decline(
                request=status_request, staff=request.user, reason=form.cleaned_data["note"]
            ),
            _("The request is declined."),
        )
    return _back(request, "statusrequest")


@require_POST
def status_revoke_view(request, user_pk):
    _require(request, "profiles.decide_statusrequest")
    user = get_object_or_404(User, pk=user_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return inspect_again(
            request, "profiles_profile_modeladmin_inspect", user.profile.pk, reason_form=form
        )
    _run(
        request,
        lambda: status_revoke(user=user, staff=request.user, reason=form.cleaned_data["reason"]),
        _("The status is revoked."),
    )
    return _back(request, "profile")


def evidence_download(request, pk):
    """The evidence document of a status request, for staff who decide; logged."""
    _require(request, "profiles.decide_statusrequest")
    status_request = get_object_or_404(StatusRequest, pk=pk)
    if not status_request.evidence_file:
        raise Http404
    personal_data_access_log(
        staff=request.user,
        subject=status_request.user,
        what=_("Status evidence document"),
        path=request.path,
    )
    name = status_request.evidence_file.name.rsplit("/", 1)[-1]
    response = FileResponse(status_request.evidence_file.open("rb"), filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def organization_verify_view(request, pk):
    _require(request, "profiles.verify_organization")
    organization = get_object_or_404(Organization, pk=pk)
    verified = request.POST.get("verified") == "1"
    _run(
        request,
        lambda: organization_verify(
            organization=organization, staff=request.user, verified=verified
        ),
        _("The organization is marked verified.")
        if verified
        else _("The verified mark is removed."),
    )
    return _back(request, "organization")


@require_POST
def post_hide_view(request, pk):
    _require(request, "profiles.moderate_blogpost")
    post = get_object_or_404(BlogPost, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return inspect_again(
            request,
            "profiles_postreport_modeladmin_inspect",
            _report_on(request, post).pk,
            reason_form=form,
        )
    _run(
        request,
        lambda: post_hide(post=post, moderator=request.user, reason=form.cleaned_data["reason"]),
        _("The post is hidden."),
    )
    return _back(request, "postreport")


def _report_on(request, post: BlogPost) -> PostReport:
    """The report whose page the hide form was on (its `next`), else the post's latest one:
    a post is hidden from a report's page, and there may be several."""
    try:
        match = resolve(request.POST.get("next", ""))
    except Resolver404:
        match = None
    reports = post.reports.order_by("-created_at", "-pk")
    shown = match.kwargs.get("instance_pk", "") if match else ""
    if match and match.url_name == "profiles_postreport_modeladmin_inspect" and shown.isdigit():
        reports = reports.filter(pk=shown) or reports
    report = reports.first()
    if report is None:
        raise Http404
    return report


@require_POST
def post_restore_view(request, pk):
    _require(request, "profiles.moderate_blogpost")
    post = get_object_or_404(BlogPost, pk=pk)
    _run(request, lambda: post_restore(post=post, moderator=request.user), _("The post is back."))
    return _back(request, "postreport")


@require_POST
def report_dismiss_view(request, pk):
    _require(request, "profiles.moderate_blogpost")
    report = get_object_or_404(PostReport, pk=pk)
    _run(
        request,
        lambda: report_dismiss(report=report, moderator=request.user),
        _("The report is dismissed."),
    )
    return _back(request, "postreport")
