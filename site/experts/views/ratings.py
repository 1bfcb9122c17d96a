"""Rating an expert's work on a project, and reporting a rating."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts import services
from experts.errors import ExpertsError
from experts.forms import RatingForm
from experts.models import Rating
from experts.views.base import message_of, rate_limit, render_route
from experts.views.projects import project_page, rating_report_form


@login_required
@rate_limit("10/m")
def rating_form(request, *, page, expert_id: int):
    """Rate one expert of the project (or change one's rating within 14 days)."""
    project = page.canonical
    expert_user = get_object_or_404(get_user_model(), pk=expert_id, expert_profile__isnull=False)
    existing = Rating.objects.filter(project=project, rater=request.user, expert=expert_user)
    existing = existing.first()
    initial = existing.values() | {"comment": existing.comment} if existing else None
    form = RatingForm(request.POST or None, initial=initial)
    problem = ""
    try:
        participation = services.rating_check(
            project=project, rater=request.user, expert_user=expert_user
        )
    except ExpertsError as error:
        participation, problem = None, message_of(error)
    if request.method == "POST" and participation is not None and form.is_valid():
        try:
            services.rating_submit(
                project=project, rater=request.user, expert_user=expert_user, **form.cleaned_data
            )
        except ExpertsError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your rating counts towards their reputation."))
            return redirect(page.url)
    return render_route(
        request,
        page,
        "experts/rating_form.html",
        {
            "project": project,
            "expert_user": expert_user,
            "participation": participation,
            "problem": problem,
            "form": form,
            "existing": existing,
        },
        status=403 if participation is None else 200,
    )


@require_POST
@login_required
@rate_limit("10/m")
def rating_flag(request, *, page, rating_id: int):
    rating = get_object_or_404(Rating, pk=rating_id, project=page.canonical, is_hidden=False)
    form = rating_report_form(rating.pk, request.POST)
    if not form.is_valid():
        # The page again, the report open beside its rating with what was typed and why.
        return project_page(request, page, rating_reports={rating.pk: form})
    # A refusal of the report itself (reported already, one's own rating) is a message: no
    # other text would help.
    try:
        services.rating_flag(rating=rating, user=request.user, reason=form.cleaned_data["reason"])
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("Thank you. A moderator will look at this rating."))
    return redirect(page.url)
