"""The idea pages through the views: the list's filters and sorts (hostile values included),
an idea's page in each state, the proposal form, support and its withdrawal with CSRF, and what
each role may do."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from ideas.models import Comment, Idea, Support
from ideas.states import State
from tests.factories import PASSWORD
from tests.ideas import factories

pytestmark = pytest.mark.django_db

INDEX = "/en/ideas/"


def en_url(idea) -> str:
    with translation.override("en"):
        return idea.get_absolute_url()


def signed_in(user, *, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def titles(response) -> list[str]:
    return [idea.title for idea in response.context["ideas"]]


def test_the_list_shows_public_active_ideas_only(make_idea):
    make_idea("published", title="Gathering one")
    make_idea("draft", title="A draft")
    make_idea("rejected", title="A rejected one")
    make_idea("published", title="Hidden one", hidden_at="2026-01-01T00:00:00Z")
    response = Client().get(INDEX)
    assert response.status_code == 200
    assert titles(response) == ["Gathering one"]


def test_the_list_filters_by_district_topic_and_state(make_idea, district, other_district):
    make_idea("published", title="Here", topics=["transport"])
    make_idea("published", title="There", district=other_district, topics=["parks"])
    make_idea("rejected", title="Said no")
    make_idea("published", title="Everywhere", district=None)
    client = Client()
    assert titles(client.get(INDEX, {"district": district.slug})) == ["Here"]
    assert titles(client.get(INDEX, {"district": "city"})) == ["Everywhere"]
    assert titles(client.get(INDEX, {"topic": "parks"})) == ["There"]
    assert titles(client.get(INDEX, {"state": "rejected"})) == ["Said no"]
    assert set(titles(client.get(INDEX, {"state": "all"}))) == {
        "Here",
        "There",
        "Said no",
        "Everywhere",
    }


def test_the_list_sorts_by_support_and_closeness(make_idea):
    make_idea("published", title="Few", supporters=1, threshold=100)
    make_idea("published", title="Many", supporters=5, threshold=1000)
    make_idea("published", title="Nearly", supporters=3, threshold=5)
    client = Client()
    assert titles(client.get(INDEX, {"sort": "supported"}))[0] == "Many"
    assert titles(client.get(INDEX, {"sort": "closest"}))[0] == "Nearly"


@pytest.mark.parametrize(
    "query",
    [
        {"district": "9" * 40},
        {"district": "-1"},
        {"district": "'; DROP TABLE ideas_idea; --"},
        {"topic": "<script>alert(1)</script>"},
        {"state": "draft"},
        {"state": "x" * 5000},
        {"sort": "pk; DELETE"},
        {"page": "9" * 5000},
        {"page": "-3"},
    ],
)
def test_hostile_list_queries_are_ignored_with_a_message_never_a_500(make_idea, query):
    make_idea("published", title="Still here")
    response = Client().get(INDEX, query)
    assert response.status_code == 200
    assert "Still here" in titles(response)
    if set(query) - {"page", "sort"}:
        assert "Some filters were ignored" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_list_links_to_the_map_the_feed_and_open_data(make_idea):
    body = Client().get(INDEX).content.decode()
    for name in ("ideas:map", "ideas:feed", "ideas:data_json", "ideas:data_csv"):
        assert reverse(name) in body or reverse(name).replace("/ideas/", "/en/ideas/") in body


def test_the_list_pages(make_idea):
    for i in range(23):
        make_idea("published", title=f"Idea {i}")
    client = Client()
    first, second = client.get(INDEX), client.get(INDEX, {"page": 2})
    assert len(titles(first)) == 20 and len(titles(second)) == 3
    assert "page=2" in first.content.decode()


@pytest.mark.parametrize(
    "state",
    [
        "published",
        "under_review",
        "accepted",
        "accepted_in_part",
        "rejected",
        "expired",
        "in_progress",
        "done",
    ],
)
def test_every_public_state_has_a_page_with_its_badge(make_idea, state):
    idea = make_idea(state, title="Lights in the park")
    response = Client().get(idea.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lights in the park" in body
    assert f"idea-state--{state}" in body


def test_an_answered_idea_shows_its_dated_answer(make_idea):
    idea = make_idea("accepted", answer="We will build it next spring.")
    body = Client().get(en_url(idea)).content.decode()
    assert "We will build it next spring." in body
    assert "The authority&#x27;s answer" in body or "The authority's answer" in body


def test_a_duplicate_links_to_the_idea_it_was_merged_into(make_idea):
    target = make_idea("published", title="The original")
    duplicate = make_idea("duplicate", merged_into=target)
    body = Client().get(duplicate.get_absolute_url()).content.decode()
    assert target.get_absolute_url() in body


def test_a_draft_is_seen_by_its_author_only(make_idea, author, supporter):
    idea = make_idea("draft")
    assert Client().get(idea.get_absolute_url()).status_code == 404
    assert signed_in(supporter).get(idea.get_absolute_url()).status_code == 404
    response = signed_in(author).get(idea.get_absolute_url())
    assert response.status_code == 200
    assert reverse("ideas:publish", args=[idea.slug]) in response.content.decode()


def test_a_hidden_idea_is_gone_for_the_public(make_idea, moderator):
    idea = make_idea("published", hidden_at="2026-01-01T00:00:00Z", hidden_reason="Spam")
    assert Client().get(idea.get_absolute_url()).status_code == 404
    assert signed_in(moderator).get(idea.get_absolute_url()).status_code == 200


def test_an_unknown_or_hostile_slug_is_a_404(db):
    client = Client()
    for slug in ("nothing-here", "x" * 500, "%00", "..%2F..%2Fetc"):
        assert client.get(f"/ideas/{slug}/").status_code in (400, 404)


def test_the_proposal_form_needs_a_signed_in_person_with_a_confirmed_email(unconfirmed):
    anonymous = Client().get("/en/ideas/new/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    refused = signed_in(unconfirmed).get("/en/ideas/new/")
    assert refused.status_code == 403
    assert "Confirm your email" in refused.content.decode()


def test_a_resident_proposes_a_draft_on_behalf_of_their_organization(author, district):
    from profiles.models import Membership, Organization

    organization = Organization.objects.create(name="Friends of the Park", slug="friends-park")
    Membership.objects.create(organization=organization, user=author)
    client = signed_in(author)
    form_page = client.get("/en/ideas/new/").content.decode()
    assert "Friends of the Park" in form_page
    response = client.post(
        "/en/ideas/new/",
        {
            "title": "Benches by the river",
            "summary": "Ten benches along the river walk.",
            "description": "People walk there every day and there is nowhere to sit.",
            "district": district.pk,
            "organization": organization.pk,
            "topics": "parks, rest",
            "latitude": "49.5",
            "longitude": "30.8",
        },
    )
    idea = Idea.objects.get(title="Benches by the river")
    assert response.status_code == 302 and response["Location"].endswith(idea.get_absolute_url())
    assert idea.state == State.DRAFT and idea.organization == organization
    assert sorted(t.name for t in idea.topics.all()) == ["parks", "rest"]


def test_a_proposal_with_errors_is_shown_again_with_them(author):
    response = signed_in(author).post(
        "/en/ideas/new/", {"title": "", "summary": "x", "latitude": "49.5"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Give both the latitude and the longitude" in body
    assert not Idea.objects.exists()


def test_someone_elses_organization_cannot_be_chosen(author, district):
    from profiles.models import Organization

    foreign = Organization.objects.create(name="Not mine", slug="not-mine")
    response = signed_in(author).post(
        "/en/ideas/new/",
        {
            "title": "T",
            "summary": "S",
            "description": "D",
            "district": district.pk,
            "organization": foreign.pk,
        },
    )
    assert not Idea.objects.filter(organization=foreign).exists()
    assert response.status_code in (200, 302, 400)


def test_the_author_edits_and_publishes_the_draft(make_idea, author):
    idea = make_idea("draft", author_supports=False)
    client = signed_in(author)
    edit = client.post(
        reverse("ideas:edit", args=[idea.slug]),
        {"title": "New title", "summary": "New summary", "description": "New text"},
    )
    assert edit.status_code == 302
    client.post(reverse("ideas:publish", args=[idea.slug]))
    idea.refresh_from_db()
    assert idea.title == "New title"
    assert idea.state == State.PUBLISHED
    assert idea.support_count == 1


def test_another_person_cannot_edit_or_publish_a_draft(make_idea, supporter):
    idea = make_idea("draft")
    client = signed_in(supporter)
    assert client.get(reverse("ideas:edit", args=[idea.slug])).status_code == 404
    assert client.post(reverse("ideas:publish", args=[idea.slug])).status_code == 404
    idea.refresh_from_db()
    assert idea.state == State.DRAFT


def test_support_and_withdrawal_go_through_the_buttons_with_csrf(published_idea, supporter):
    client = signed_in(supporter, csrf=True)
    page = client.get(published_idea.get_absolute_url())
    assert "Support this idea" in page.content.decode() or "Підтримати" in page.content.decode()
    support_url = reverse("ideas:support", args=[published_idea.slug])
    assert client.post(support_url).status_code == 403  # no token: refused, nothing counted
    assert not Support.objects.filter(idea=published_idea, user=supporter).exists()
    token = client.cookies["csrftoken"].value
    client.post(support_url, {"csrfmiddlewaretoken": token})
    published_idea.refresh_from_db()
    assert published_idea.support_count == 2
    client.post(
        reverse("ideas:withdraw", args=[published_idea.slug]), {"csrfmiddlewaretoken": token}
    )
    published_idea.refresh_from_db()
    assert published_idea.support_count == 1


def test_the_refusal_reason_is_shown_instead_of_the_button(published_idea, unconfirmed):
    body = signed_in(unconfirmed).get(en_url(published_idea)).content.decode()
    assert "Confirm your email address to support ideas." in body
    anonymous = Client().get(en_url(published_idea)).content.decode()
    assert "Sign in to support this idea." in anonymous


def test_an_unconfirmed_person_posting_support_is_refused(published_idea, unconfirmed):
    signed_in(unconfirmed).post(reverse("ideas:support", args=[published_idea.slug]))
    published_idea.refresh_from_db()
    assert published_idea.support_count == 1


def test_the_answer_form_is_for_the_authority_only(make_idea, supporter, district_authority):
    idea = make_idea("under_review")
    answer_url = reverse("ideas:answer", args=[idea.slug])
    assert answer_url not in signed_in(supporter).get(idea.get_absolute_url()).content.decode()
    data = {"state": "accepted", "answer": "Yes, in 2027."}
    assert signed_in(supporter).post(answer_url, data).status_code == 404
    client = signed_in(district_authority)
    assert answer_url in client.get(idea.get_absolute_url()).content.decode()
    assert client.post(answer_url, data).status_code == 302
    idea.refresh_from_db()
    assert idea.state == State.ACCEPTED and idea.answer == "Yes, in 2027."


def test_an_authority_of_another_district_cannot_answer(make_idea, other_district):
    idea = make_idea("under_review")
    elsewhere = factories.authority(districts=[other_district])
    data = {"state": "rejected", "answer": "No."}
    assert (
        signed_in(elsewhere).post(reverse("ideas:answer", args=[idea.slug]), data).status_code
        == 404
    )


def test_an_empty_answer_is_shown_again_with_the_error(make_idea, editor):
    idea = make_idea("under_review")
    response = signed_in(editor).post(reverse("ideas:answer", args=[idea.slug]), {"state": "x"})
    assert response.status_code == 400
    assert set(response.context["answer_form"].errors) == {"state", "answer"}
    assert 'class="error-summary"' in response.content.decode()
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW


def test_a_moderator_merges_by_the_targets_address(make_idea, moderator, supporter):
    target = make_idea("published", title="The original")
    duplicate = make_idea("published", supporters=2)
    response = signed_in(moderator).post(
        reverse("ideas:merge", args=[duplicate.slug]),
        {"target": "http://testserver" + en_url(target), "note": "Same place"},
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.state == State.DUPLICATE and duplicate.merged_into == target


def test_a_merge_into_an_unknown_address_is_a_clear_error(make_idea, moderator):
    duplicate = make_idea("published")
    response = signed_in(moderator).post(
        reverse("ideas:merge", args=[duplicate.slug]), {"target": "https://evil.example/x/"}
    )
    assert response.status_code == 400
    with translation.override("uk"):
        assert escape(translation.gettext("No public idea has this address.")) in (
            response.content.decode()
        )


def test_a_resident_cannot_merge_or_hide(make_idea, supporter):
    idea = make_idea("published")
    client = signed_in(supporter)
    assert client.post(reverse("ideas:merge", args=[idea.slug]), {"target": "x"}).status_code == 404
    assert (
        client.post(reverse("ideas:hide", args=[idea.slug]), {"hide-reason": "x"}).status_code
        == 404
    )


def test_comments_are_posted_reported_and_hidden(published_idea, supporter, moderator):
    client = signed_in(supporter)
    client.post(reverse("ideas:comment", args=[published_idea.slug]), {"body": "Good idea!"})
    comment = Comment.objects.get(idea=published_idea)
    reporter = factories.person()
    signed_in(reporter).post(reverse("ideas:comment_report", args=[comment.pk]), {"reason": "spam"})
    assert comment.reports.count() == 1
    signed_in(moderator).post(
        reverse("ideas:comment_hide", args=[comment.pk]), {"hide-comment-reason": "Advertising"}
    )
    comment.refresh_from_db()
    assert comment.is_hidden
    assert "Good idea!" not in Client().get(published_idea.get_absolute_url()).content.decode()
    signed_in(moderator).post(reverse("ideas:comment_restore", args=[comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_resident_cannot_hide_a_comment(published_idea, supporter):
    comment = Comment.objects.create(idea=published_idea, author=supporter, body="Mine")
    response = signed_in(supporter).post(
        reverse("ideas:comment_hide", args=[comment.pk]), {"hide-comment-reason": "x"}
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_my_ideas_lists_drafts_and_published_ones(make_idea, author):
    make_idea("draft", title="My draft")
    make_idea("published", title="My public idea")
    body = signed_in(author).get(reverse("ideas:mine")).content.decode()
    assert "My draft" in body and "My public idea" in body


def test_pages_are_in_ukrainian_and_english(published_idea):
    assert Client().get("/ideas/").status_code == 200
    assert Client().get("/en/ideas/").status_code == 200
    assert Client().get(published_idea.get_absolute_url()).status_code == 200


def test_signing_in_with_the_password_works_for_the_fixture_people(author):
    assert Client().login(email=author.email, password=PASSWORD)


def test_the_main_menu_has_the_ideas_entry(db):
    body = Client().get("/en/ideas/").content.decode()
    assert 'href="/en/ideas/"' in body


def test_the_cabinet_has_my_ideas(make_idea, author):
    make_idea("draft", title="Cabinet draft")
    body = signed_in(author).get("/en/account/").content.decode()
    assert "Cabinet draft" in body
    assert reverse("ideas:mine").replace("/ideas/", "/en/ideas/") in body or "/ideas/mine/" in body


def test_public_activity_lists_ideas_of_the_person_and_the_organization(make_idea, author):
    from profiles.activity import activity_page
    from profiles.models import Organization

    organization = Organization.objects.create(name="Cyclists", slug="cyclists")
    make_idea("published", title="In my own name")
    make_idea("published", title="For the club", organization=organization)
    make_idea("draft", title="Not yet public")
    make_idea("published", title="Hidden", hidden_at="2026-01-01T00:00:00Z")
    mine = [item.title for item in activity_page(subject=author, viewer=None).object_list]
    theirs = [item.title for item in activity_page(subject=organization, viewer=None)]
    assert "In my own name" in mine
    assert "For the club" not in mine and "Not yet public" not in mine and "Hidden" not in mine
    assert "For the club" in theirs


def test_a_moderator_sees_open_reports_and_dismisses_one(published_idea, supporter, moderator):
    comment = Comment.objects.create(idea=published_idea, author=supporter, body="Buy now!")
    signed_in(factories.person()).post(
        reverse("ideas:comment_report", args=[comment.pk]), {"reason": "spam"}
    )
    report = comment.reports.get()
    page = signed_in(moderator).get(published_idea.get_absolute_url()).content.decode()
    dismiss_url = reverse("ideas:report_dismiss", args=[report.pk])
    assert dismiss_url in page
    assert (
        dismiss_url
        not in signed_in(supporter).get(published_idea.get_absolute_url()).content.decode()
    )
    assert signed_in(supporter).post(dismiss_url).status_code == 404
    signed_in(moderator).post(dismiss_url)
    report.refresh_from_db()
    assert report.resolution == "dismissed"


@pytest.fixture
def project_index(home_page):
    from experts.models import ProjectIndexPage

    page = ProjectIndexPage(title="Проєкти", slug="projects", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_authority_makes_an_accepted_idea_a_project_from_its_page(
    make_idea, supporter, district_authority, project_index
):
    idea = make_idea("accepted")
    project_url = reverse("ideas:project", args=[idea.slug])
    assert project_url not in signed_in(supporter).get(idea.get_absolute_url()).content.decode()
    assert signed_in(supporter).post(project_url).status_code == 404

    client = signed_in(district_authority)
    assert project_url in client.get(idea.get_absolute_url()).content.decode()
    response = client.post(project_url)

    idea.refresh_from_db()
    assert idea.state == State.IN_PROGRESS and idea.project is not None
    assert response.status_code == 302 and response["Location"] == idea.project.url
    # Once made, the page offers no second project.
    assert project_url not in client.get(idea.get_absolute_url()).content.decode()


def test_the_authority_puts_an_accepted_idea_to_a_draft_poll_of_its_district(
    make_idea, editor, district
):
    from datetime import timedelta

    from django.utils import timezone

    idea = make_idea("accepted")
    poll_url = reverse("ideas:poll", args=[idea.slug])
    client = signed_in(editor)
    assert poll_url in client.get(idea.get_absolute_url()).content.decode()
    today = timezone.localdate()

    refused = client.post(poll_url, {"poll-opens_on": str(today), "poll-closes_on": "x"})
    assert refused.status_code == 400
    idea.refresh_from_db()
    assert idea.poll is None

    opens, closes = today + timedelta(days=7), today + timedelta(days=21)
    response = client.post(poll_url, {"poll-opens_on": str(opens), "poll-closes_on": str(closes)})

    idea.refresh_from_db()
    poll = idea.poll
    assert poll is not None and poll.state == poll.State.DRAFT
    assert response.status_code == 302 and response["Location"].endswith(f"/polls/{poll.pk}/")
    assert timezone.localtime(poll.opens_at).date() == opens
    assert list(poll.audience.districts.all()) == [district]
    assert poll_url not in client.get(idea.get_absolute_url()).content.decode()


def test_people_who_are_not_its_authority_cannot_put_an_idea_to_a_poll(make_idea, supporter):
    idea = make_idea("accepted")
    data = {"poll-opens_on": "2030-01-01", "poll-closes_on": "2030-01-15"}
    assert (
        signed_in(supporter).post(reverse("ideas:poll", args=[idea.slug]), data).status_code == 404
    )
    idea.refresh_from_db()
    assert idea.poll is None
