"""The index follows the content: every change reaches it through a task after commit, and
only what the public may see is ever in it."""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from django_tasks.signals import task_enqueued

from experts.models import CompetencyClaim, ExpertDirectoryPage
from experts.services.experts import competency_claim_review
from library.models import GuidePage
from petitions.models import PetitionPage
from petitions.services import (
    petition_hide,
    petition_publish,
    petitions_close_due,
    signature_confirm,
    signature_create,
    signature_sign_as_user,
)
from petitions.states import State
from profiles.models import Organization, Visibility
from profiles.services.organizations import organization_verify
from profiles.services.people import profile_update
from search.models import SearchDocument
from search.selectors import search_documents
from search.signals import indexing_deferred, objects_changed
from tests.experts.factories import (
    ClaimFactory,
    CompetencyFactory,
    QuestionFactory,
    verified_expert,
)
from tests.factories import UserFactory
from tests.library.factories import GuideFactory, LibraryIndexFactory, TopicFactory
from tests.petitions.factories import index_page, petition_in
from tests.profiles.factories import InformalGroupFactory, OrganizationFactory, profiled_user


@pytest.fixture
def committed(db, django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (the index tasks) of what happens inside."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def topic(home_page):
    return TopicFactory(parent=LibraryIndexFactory(parent=home_page), title="Двори")


def found(query: str, **options) -> list[str]:
    results = search_documents(query=query, **options)
    return [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def test_publishing_a_guide_makes_it_findable(committed, topic):
    with committed():
        GuideFactory(parent=topic, title="Як полагодити гойдалку")

    assert found("гойдалка") == ["Як полагодити гойдалку"]


def test_a_new_title_is_found_once_published(committed, topic):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
    guide.title = "Як замінити пісочницю"
    with committed():
        guide.save_revision().publish()

    assert found("гойдалка") == []
    assert found("пісочниця") == ["Як замінити пісочницю"]


def test_unpublishing_a_guide_removes_it(committed, topic):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
    with committed():
        guide.unpublish()

    assert found("гойдалка") == []


def test_deleting_a_guide_removes_it(committed, topic):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
    with committed():
        guide.delete()

    assert not SearchDocument.objects.filter(source="library.guide").exists()


def test_a_draft_is_never_indexed(committed, topic):
    with committed():
        GuideFactory(parent=topic, title="Як полагодити гойдалку", live=False, publish=False)

    assert found("гойдалка") == []


def test_a_guide_behind_a_password_is_never_found(committed, topic):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
        PageViewRestriction.objects.create(
            page=topic, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        guide.save_revision().publish()

    assert found("гойдалка", viewer=UserFactory()) == []


def test_a_guide_that_needs_a_login_is_found_by_residents_only(committed, topic):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
        PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
        guide.save_revision().publish()

    assert found("гойдалка") == []
    assert found("гойдалка", viewer=UserFactory()) == ["Як полагодити гойдалку"]


def test_a_translated_page_is_shown_to_each_reader_in_their_language(committed, topic, english):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
    with committed():
        topic.copy_for_translation(english, copy_parents=True).save_revision().publish()
        translation = GuidePage.objects.get(pk=guide.copy_for_translation(english).pk)
        translation.title = "How to fix a swing"
        translation.save_revision().publish()

    assert found("гойдалка", language="en") == []
    assert found("swing", language="en") == ["How to fix a swing"]
    assert found("гойдалка", language="uk") == ["Як полагодити гойдалку"]


@pytest.fixture
def petitions_index(home_page):
    return index_page(home_page)


def test_publishing_a_petition_makes_it_findable(committed, petitions_index, staff):
    petition = petition_in(
        State.AWAITING_MODERATION, index=petitions_index, title="Полагодити ліфт на Соборній"
    )
    assert found("ліфт") == []

    with committed():
        petition_publish(petition=petition, moderator=staff)

    results = search_documents(query="ліфт")
    assert [hit.status for hit in results.hits] == ["petition_open"]


def test_hiding_a_petition_removes_it(committed, petitions_index, staff):
    with committed():
        petition = petition_in(State.OPEN, index=petitions_index, title="Полагодити ліфт")
    with committed():
        petition_hide(petition=petition, moderator=staff, note="Незаконний зміст")

    assert found("ліфт") == []


def test_rejected_and_unmoderated_petitions_are_never_indexed(committed, petitions_index):
    with committed():
        petition_in(State.REJECTED, index=petitions_index, title="Полагодити ліфт А")
        petition_in(State.GATHERING_SUPPORT, index=petitions_index, title="Полагодити ліфт Б")
        petition_in(State.DRAFT, index=petitions_index, title="Полагодити ліфт В")

    assert found("ліфт") == []


def test_a_residents_signature_raises_the_petitions_popularity(
    committed, petitions_index, districts
):
    with committed():
        petition = petition_in(State.OPEN, index=petitions_index, title="Полагодити ліфт")
    with committed():
        signature_sign_as_user(
            petition=petition,
            user=UserFactory(),
            name="Олена",
            district=districts[0],
            show_name=False,
        )

    assert search_documents(query="ліфт").hits[0].popularity == 1


def test_a_signature_confirmed_by_email_raises_the_petitions_popularity(
    committed, petitions_index, districts
):
    with committed():
        petition = petition_in(State.OPEN, index=petitions_index, title="Полагодити ліфт")
    signature = signature_create(
        petition_id=petition.pk,
        name="Олена",
        email="olena@example.org",
        district=districts[0],
        show_name=False,
    )
    with committed():
        signature_confirm(signature_id=signature.pk)

    assert search_documents(query="ліфт").hits[0].popularity == 1


def test_reaching_the_response_threshold_changes_the_status(committed, petitions_index, districts):
    with committed():
        petition = petition_in(
            State.OPEN, index=petitions_index, title="Полагодити ліфт", response_threshold=1
        )
    with committed():
        signature_sign_as_user(
            petition=petition,
            user=UserFactory(),
            name="Олена",
            district=districts[0],
            show_name=False,
        )

    assert [hit.status for hit in search_documents(query="ліфт").hits] == [
        "petition_awaiting_response"
    ]


def test_a_petition_closed_at_its_deadline_is_shown_as_closed(committed, petitions_index):
    with committed():
        petition_in(
            State.OPEN,
            index=petitions_index,
            title="Полагодити ліфт",
            closes_at=timezone.now() - datetime.timedelta(minutes=1),
        )
    with committed():
        petitions_close_due()

    assert [hit.status for hit in search_documents(query="ліфт").hits] == ["petition_closed"]


@pytest.fixture
def refresh_tasks():
    """The index refresh tasks enqueued, each as its sorted list of keys."""
    enqueued = []

    def heard(sender, task_result, **kwargs):
        if task_result.task.name == "refresh_documents":
            enqueued.append(task_result.kwargs["keys"])

    task_enqueued.connect(heard)
    yield enqueued
    task_enqueued.disconnect(heard)


def test_many_saves_in_one_transaction_refresh_each_document_once(committed, topic, refresh_tasks):
    with committed():
        guide = GuideFactory(parent=topic, title="Як полагодити гойдалку")
        for title in ["Гойдалка: ремонт", "Гойдалка: заміна"]:
            guide.title = title
            guide.save_revision().publish()

    assert len(refresh_tasks) == 1
    assert refresh_tasks[0].count(f"library.guide:{guide.pk}") == 1
    assert found("гойдалка") == ["Гойдалка: заміна"]


def test_a_rolled_back_savepoint_does_not_lose_the_changes_after_it(
    committed, petitions_index, refresh_tasks
):
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            petition_in(State.OPEN, index=petitions_index, title="Полагодити дах")
            raise RuntimeError
        petition_in(State.OPEN, index=petitions_index, title="Полагодити ліфт")

    assert found("ліфт") == ["Полагодити ліфт"]
    assert found("дах") == []


def test_changes_made_while_indexing_is_deferred_wait_for_the_rebuild(
    committed, topic, refresh_tasks
):
    with committed(), indexing_deferred():
        GuideFactory(parent=topic, title="Як полагодити гойдалку")

    assert refresh_tasks == []
    assert found("гойдалка") == []


def test_a_profile_field_made_private_leaves_the_index(committed):
    with committed():
        user = profiled_user(display_name="Олена Коваль", about="Вирощую троянди у дворі.")
    assert found("троянди") == ["Олена Коваль"]

    with committed():
        profile_update(
            profile=user.profile,
            actor=user,
            display_name="Олена Коваль",
            about="Вирощую троянди у дворі.",
            visibility={"about": Visibility.PRIVATE},
        )

    assert found("троянди") == []
    assert found("коваль") == ["Олена Коваль"]


def test_a_district_shown_only_to_its_owner_is_not_indexed(committed, districts):
    with committed():
        profiled_user(display_name="Олена Коваль", district=districts[2])

    document = SearchDocument.objects.get(source="profiles.profile")
    assert document.district_id is None


def test_a_person_who_leaves_the_directory_leaves_the_index(committed):
    with committed():
        user = profiled_user(display_name="Олена Коваль")
    with committed():
        profile_update(
            profile=user.profile, actor=user, display_name="Олена Коваль", is_listed=False
        )

    assert found("коваль") == []


def test_an_organization_is_found_once_staff_verified_it(committed, staff):
    with committed():
        organization = OrganizationFactory(name="Зелений квартал")
    assert found("квартал") == []

    with committed():
        organization_verify(organization=organization, staff=staff, verified=True)

    assert found("квартал") == ["Зелений квартал"]


def test_an_informal_group_needs_no_verification(committed):
    with committed():
        InformalGroupFactory(name="Сусіди з Липової")

    assert found("липової") == ["Сусіди з Липової"]
    assert Organization.objects.get().is_verified is False


@pytest.fixture
def expert_directory(home_page):
    """Experts and questions are shown on the directory page: without it they have no URL."""
    page = ExpertDirectoryPage(title="Експерти", slug="experts")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.usefixtures("expert_directory")
def test_an_expert_is_found_by_a_verified_competency(committed):
    with committed():
        verified_expert(CompetencyFactory(name="Арборист", name_en="Arborist"))

    results = search_documents(query="арборист")
    assert [hit.type for hit in results.hits] == ["expert"]


@pytest.mark.usefixtures("expert_directory")
def test_an_expert_with_only_a_pending_application_is_not_found(committed):
    with committed():
        ClaimFactory(
            tag=CompetencyFactory(name="Арборист", name_en="Arborist"),
            status=CompetencyClaim.Status.PENDING,
        )

    assert search_documents(query="арборист").total == 0


@pytest.mark.usefixtures("expert_directory")
def test_withdrawing_an_experts_only_verification_removes_them(committed, staff):
    with committed():
        expert = verified_expert(CompetencyFactory(name="Арборист", name_en="Arborist"))
    with committed():
        competency_claim_review(claim=expert.claims.get(), by=staff, verify=False)

    assert search_documents(query="арборист").total == 0


@pytest.mark.usefixtures("expert_directory")
def test_a_question_hidden_by_a_moderator_leaves_the_index(committed):
    with committed():
        question = QuestionFactory(title="Чому холодно в квартирі?")
    assert found("холодно") == ["Чому холодно в квартирі?"]

    question.is_hidden = True
    with committed():
        question.save()

    assert found("холодно") == []


def test_a_change_an_app_makes_without_saving_is_indexed_once_announced(committed, petitions_index):
    with committed():
        petition = petition_in(State.OPEN, index=petitions_index, title="Полагодити ліфт")
    PetitionPage.objects.filter(pk=petition.pk).update(state=State.AWAITING_RESPONSE)
    with committed():
        objects_changed("petitions.PetitionPage", [petition.pk])

    assert [hit.status for hit in search_documents(query="ліфт").hits] == [
        "petition_awaiting_response"
    ]
