"""The library's public views, served as routes of its pages (see `models`).

Each view parses a form, calls one service and redirects; what to show comes from selectors.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from taggit.models import Tag

from config.fragments import lazy
from config.params import page_of
from config.privacy import client_ip, keyed_hash
from library import selectors, services
from library.exports import PdfUnavailable
from library.forms import (
    CaseStudyForm,
    FeedbackForm,
    GuideForm,
    ListingForm,
    StepFormSet,
    steps_initial,
)
from library.models import ArticlePage, Contribution, TopicPage
from library.services.contributions import user_can_contribute
from library.services.feedback import voter_key

PER_PAGE = 12
NEW_STEP_ROWS = 3
FORMS = {Contribution.Kind.GUIDE: GuideForm, Contribution.Kind.CASE_STUDY: CaseStudyForm}


def listing_context(request, *, root, tag_slug: str = "") -> dict:
    form = ListingForm(request.GET, tags=selectors.tags_under(root)[:40])
    form.is_valid()  # a value that is not one of the choices is dropped, the rest still apply
    values = {name: form.cleaned_data.get(name) or "" for name in ("tag", "type", "sort")}
    articles = selectors.articles_under(
        root, tag_slug=tag_slug or values["tag"], kind=values["type"], sort=values["sort"]
    )
    page_obj = page_of(request, articles, per_page=PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "articles": page_obj,
        "listing_form": form,
        "listing_query": query.urlencode(),
        "library_index": selectors.library_index_for(locale=root.locale),
    }


def tag_page(request, *, index, tag_slug: str):
    tag = get_object_or_404(Tag, slug=tag_slug)
    context = listing_context(request, root=index, tag_slug=tag.slug)
    context["tag"] = tag
    return index.render(request, template="library/tag_page.html", context_overrides=context)


def article_context(request, *, page) -> dict:
    """What an article's page shows. All of it but whether the reader has answered is the
    same for every reader and built lazily: the page's fragments are kept (`config.fragments`),
    the feedback box one for those who answered and one for those who did not."""
    index = lazy(lambda: selectors.library_index_for(locale=page.locale))
    voter = lazy(lambda: _voter_or_none(request))
    return {
        "library_index": index,
        "topic": lazy(lambda: page.get_parent().specific),
        "credits": lazy(lambda: selectors.article_credits(page=page)),
        "related": lazy(lambda: selectors.related_articles(page=page)),
        "tag_links": lazy(lambda: _tag_links(page, index())),
        "feedback_form": FeedbackForm(),
        "feedback_given": lazy(
            lambda: bool(voter()) and selectors.feedback_given(page=page, voter=voter())
        ),
        "stats": lazy(lambda: getattr(page, "stats", None)),
    }


def _tag_links(page, index) -> list:
    return [
        (tag, index.url + index.reverse_subpage("tag", args=[tag.slug]) if index else "")
        for tag in page.tags.all()
    ]


def article_read(request, *, page) -> None:
    if request.method == "GET" and not getattr(request, "is_preview", False):
        services.article_read_record(page=page, visitor=_visitor(request))


def article_read_again(request, page_id: int) -> None:
    """A read of an article whose page came from the shared cache (`config.sharedpages`)."""
    services.article_read_record(page=ArticlePage(pk=page_id), visitor=_visitor(request))


def article_pdf(request, *, page):
    try:
        pdf = services.article_pdf_get(page=page)
    except PdfUnavailable as exc:
        raise Http404 from exc
    return FileResponse(
        pdf.file.open("rb"),
        as_attachment=True,
        filename=f"{page.slug[:60]}.pdf",
        content_type="application/pdf",
    )


def article_feedback(request, *, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.session.session_key:
        request.session.save()
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_submit(
                page=page,
                useful=form.cleaned_data["useful"],
                comment=form.cleaned_data["comment"],
                user=request.user,
                session_key=request.session.session_key,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you! Your answer helps editors improve this page."))
            return redirect(f"{page.url}#feedback")
    # The page again, with what the reader chose and wrote and the message of the field that
    # is wrong (a redirect would lose the comment and could only guess at the problem).
    return page.render(request, context_overrides={"feedback_form": form})


def contribute_choose(request, *, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return index.render(
        request,
        template="library/contribute_choose.html",
        context_overrides={"can_contribute": user_can_contribute(request.user)},
    )


def contribute(request, *, index, kind: str):
    if kind not in FORMS:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_can_contribute(request.user):
        return redirect(index.url + index.reverse_subpage("contribute"))
    form_class = FORMS[kind]
    topics = selectors.topic_choices(index=index)
    form = form_class(request.POST or None, user=request.user, topics=topics)
    steps = _steps_formset(request, kind)
    if request.method == "POST" and "add_step" not in request.POST and _valid(form, steps):
        topic = get_object_or_404(TopicPage, pk=form.cleaned_data["topic"])
        try:
            services.contribution_create(
                user=request.user, topic=topic, draft=form.to_draft(_steps(steps))
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Thank you! Editors will review your proposal; we will email you."),
            )
            return redirect("account_cabinet")
    return _render_form(request, index, form=form, steps=steps, kind=kind)


def contribution_edit(request, *, index, pk: int):
    contribution = _own_contribution(request, pk)
    if contribution is None:
        return redirect_to_login(request.get_full_path())
    if not contribution.is_editable:
        messages.info(request, _("This contribution is not waiting for changes."))
        return redirect("account_cabinet")
    page = contribution.page.specific.get_latest_revision_as_object()
    form_class = FORMS[contribution.kind]
    form = form_class(
        request.POST or None, user=request.user, initial=form_class.initial_from(page)
    )
    steps = _steps_formset(request, contribution.kind, page=page)
    if request.method == "POST" and "add_step" not in request.POST and _valid(form, steps):
        try:
            services.contribution_update(
                contribution=contribution,
                user=request.user,
                draft=form.to_draft(_steps(steps)),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your changes were sent back to the editors."))
            return redirect("account_cabinet")
    return _render_form(
        request, index, form=form, steps=steps, kind=contribution.kind, contribution=contribution
    )


def contribution_withdraw(request, *, index, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    contribution = _own_contribution(request, pk)
    if contribution is None:
        return redirect_to_login(request.get_full_path())
    try:
        services.contribution_withdraw(contribution=contribution, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Your contribution was withdrawn."))
    return redirect("account_cabinet")


def _own_contribution(request, pk: int) -> Contribution | None:
    if not request.user.is_authenticated:
        return None
    contribution = get_object_or_404(Contribution.objects.select_related("page"), pk=pk)
    if contribution.contributor_id != request.user.pk:
        raise PermissionDenied
    return contribution


def _steps_formset(request, kind: str, page=None):
    if kind != Contribution.Kind.GUIDE:
        return None
    if request.method == "POST":
        data = request.POST.copy()
        if "add_step" in data:
            # Read through the formset's own management form: a count that is no number is
            # left as it came, for the formset to report as an error on the page.
            management = StepFormSet(data, prefix="steps").management_form
            if management.is_valid():
                total = max(0, management.cleaned_data["TOTAL_FORMS"])
                data["steps-TOTAL_FORMS"] = str(min(total + 1, StepFormSet.max_num))
        return StepFormSet(data, prefix="steps")
    initial = steps_initial(page) if page is not None else []
    formset = StepFormSet(prefix="steps", initial=initial)
    formset.extra = 1 if initial else NEW_STEP_ROWS  # room for one more step when editing
    return formset


def _valid(form, steps) -> bool:
    form_ok = form.is_valid()
    return (steps.is_valid() if steps is not None else True) and form_ok


def _steps(steps) -> list[tuple[str, str]]:
    return steps.steps() if steps is not None else []


def _render_form(request, index, *, form, steps, kind, contribution=None):
    return index.render(
        request,
        template="library/contribute_form.html",
        context_overrides={
            "form": form,
            "steps": steps,
            "kind": kind,
            "kind_label": Contribution.Kind(kind).label,
            "contribution": contribution,
        },
    )


def _visitor(request) -> str:
    """A keyed hash standing for this browser, for counting a read once."""
    session_key = request.session.session_key
    if session_key:
        return keyed_hash(f"session:{session_key}", purpose="library-read")
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return keyed_hash(f"ip:{client_ip(request)}:{agent}", purpose="library-read")


def _voter_or_none(request) -> str:
    try:
        return voter_key(user=request.user, session_key=request.session.session_key or "")
    except ValidationError:
        return ""
