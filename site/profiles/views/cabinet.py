"""The personal cabinet (`/account/`) and the pages it links to."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.params import page_of
from profiles.data_rights import erasure_warnings
from profiles.exceptions import ProfilesError
from profiles.forms import (
    DeleteAccountForm,
    NotificationSettingsForm,
    ProfileForm,
    StatusRequestForm,
)
from profiles.models import DataExport, JoinRequest, StatusChange, StatusRequest
from profiles.notifications import notification_choices
from profiles.selectors import (
    cabinet_sections,
    deletion_scheduled_for,
    invitations_pending_for,
    memberships_of,
    posts_written_by,
    profile_of,
)
from profiles.services.people import notification_settings_update, profile_update
from profiles.services.privacy import (
    account_deletion_cancel,
    account_deletion_request,
    data_export_request,
)
from profiles.services.statuses import status_request_create, status_request_withdraw
from profiles.text import person_slug
from profiles.views.common import error_message, limit_writes, report_error


@login_required
def cabinet(request):
    """The personal cabinet: everything of mine on the platform, one section per app."""
    return render(
        request, "profiles/cabinet.html", {"sections": cabinet_sections(user=request.user)}
    )


@login_required
@limit_writes
def profile_edit(request):
    profile = profile_of(request.user)
    form = ProfileForm.for_profile(profile, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(profile=profile, actor=request.user, **form.service_kwargs())
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(profile.get_absolute_url())
    photo_url = ""
    if profile.photo:
        slug = person_slug(profile.display_name, profile.user_id)
        photo_url = reverse("profiles:person_photo", args=[slug])
    return render(
        request,
        "profiles/profile_edit.html",
        {"form": form, "profile": profile, "photo_url": photo_url},
    )


@login_required
def my_organizations(request):
    return render(
        request,
        "profiles/my_organizations.html",
        {
            "page": page_of(request, memberships_of(request.user)),
            "join_requests": JoinRequest.objects.filter(
                user=request.user, state=JoinRequest.State.PENDING
            ).select_related("organization"),
        },
    )


@login_required
def my_invitations(request):
    return render(
        request,
        "profiles/my_invitations.html",
        {"page": page_of(request, invitations_pending_for(request.user))},
    )


@login_required
def my_blog(request):
    return render(
        request, "profiles/my_blog.html", {"page": page_of(request, posts_written_by(request.user))}
    )


@login_required
@limit_writes
def notifications(request):
    form = NotificationSettingsForm(
        request.POST or None, choices=notification_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        notification_settings_update(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("profiles:notifications")
    return render(request, "profiles/notifications.html", {"form": form})


@login_required
@limit_writes
def status(request):
    """My status, my requests for a verified one, and the form to ask."""
    requests = StatusRequest.objects.filter(user=request.user).select_related("organization")
    pending = requests.filter(state=StatusRequest.State.PENDING).first()
    form = StatusRequestForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            status_request_create(user=request.user, **form.cleaned_data)
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("Your request is sent. Staff will answer by email."))
            return redirect("profiles:status")
    return render(
        request,
        "profiles/status.html",
        {
            "profile": profile_of(request.user),
            "form": form,
            "pending": pending,
            "page": page_of(request, requests),
            "changes": StatusChange.objects.filter(user=request.user),
        },
    )


@login_required
@require_POST
def status_withdraw(request, pk):
    status_request = get_object_or_404(StatusRequest, pk=pk, user=request.user)
    try:
        status_request_withdraw(request=status_request, user=request.user)
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("profiles:status")


@login_required
def my_data(request):
    return render(
        request,
        "profiles/my_data.html",
        {
            "page": page_of(request, DataExport.objects.filter(user=request.user), per_page=10),
            "deletion": deletion_scheduled_for(request.user),
        },
    )


@login_required
@require_POST
@limit_writes
def export_request(request):
    try:
        data_export_request(user=request.user)
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(
            request, _("Your archive is being prepared. We will email you when it is ready.")
        )
    return redirect("profiles:my_data")


@login_required
def export_download(request, pk):
    export = get_object_or_404(DataExport, pk=pk, user=request.user)
    if export.state != DataExport.State.READY or export.expires_at <= timezone.now():
        raise Http404
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"spilno-data-{export.finished_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@limit_writes
def delete_account(request):
    """Confirm with the password; the account is then erased after the grace period. The
    person is signed out, because signing in again is how they cancel."""
    if deletion_scheduled_for(request.user) is not None:
        return redirect("profiles:my_data")
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deletion = account_deletion_request(
                user=request.user, password=form.cleaned_data["password"]
            )
        except ProfilesError as error:
            form.add_error("password", error_message(error))
        else:
            logout(request)
            return render(request, "profiles/deletion_scheduled.html", {"deletion": deletion})
    return render(
        request,
        "profiles/delete_account.html",
        {"form": form, "warnings": erasure_warnings(request.user)},
    )


@login_required
@require_POST
def deletion_cancel(request):
    deletion = deletion_scheduled_for(request.user)
    if deletion is not None:
        account_deletion_cancel(deletion=deletion, user=request.user)
        messages.success(request, _("Your account is no longer scheduled for deletion."))
    return redirect("profiles:my_data")
