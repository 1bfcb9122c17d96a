"""Rows that hold something about a person, one case per model, for
`test_personal_data_completeness`: how to make one for a person, what of it their archive
must show, and what erasure leaves of it."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from taggit.models import Tag
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)
from wagtail.users.models import UserProfile

import wagtail_factories
from allauth.account.models import EmailAddress, EmailConfirmation

from config.models import HomePage
from experts import services as experts_services
from experts.models import (
    Answer,
    ConsultationFlag,
    HelpfulMark,
    ModerationAction,
    ProjectIndexPage,
    RatingFlag,
    Reputation,
)
from library.models import ArticleAuthor, ContributionEvent
from library.services import GuideDraft, contribution_create, feedback_submit, library_index_prepare
from petitions.models import PetitionResponse
from profiles.models import (
    AccountDeletion,
    DataExport,
    Invitation,
    JoinRequest,
    PersonalDataAccess,
    Status,
    StatusChange,
    StatusRequest,
)
from profiles.services.blog import post_report
from tests.experts.factories import (
    ClaimFactory,
    CompetencyFactory,
    ExpertFactory,
    QuestionFactory,
    make_team,
    rate,
)
from tests.factories import UserFactory
from tests.ideas import personal_data_cases as ideas_cases
from tests.library.factories import GuideFactory, LibraryIndexFactory, TopicFactory
from tests.meetings import personal_data_cases as meetings_cases
from tests.petitions.factories import AuthorityFactory, SignatureFactory, index_page, petition_in
from tests.profiles.factories import BlogPostFactory, OrganizationFactory, member
from tests.reports import personal_data_cases as reports_cases
from tests.residents.factories import (
    BuildingFactory,
    DistrictFactory,
    OwnershipFactory,
    UnitFactory,
    accepted_ownership,
)


class World:
    """What the rows hang on (pages, an organization, a project team), made when first asked."""

    @cached_property
    def home(self):
        return HomePage.objects.get(locale__language_code="uk")

    @cached_property
    def organization(self):
        return OrganizationFactory(name="ГО «Тихий двір»")

    @cached_property
    def page(self):
        page = ProjectIndexPage(title="Сторінка для редакторів", slug="editors-page")
        self.home.add_child(instance=page)
        return page

    @cached_property
    def topic(self):
        library = LibraryIndexFactory(parent=self.home)
        library_index_prepare(index=library)
        return TopicFactory(parent=library)

    @cached_property
    def guide(self):
        return GuideFactory(parent=self.topic, title="Інструкція про ліфти")

    @cached_property
    def project_index(self):
        page = ProjectIndexPage(title="Проєкти", slug="projects")
        self.home.add_child(instance=page)
        return page

    @cached_property
    def competency(self):
        return CompetencyFactory(name="Інженер ліфтів")

    @cached_property
    def question(self):
        return QuestionFactory(competency=self.competency, title="Чому стоїть ліфт?")

    def answer(self, expert=None):
        return Answer.objects.create(
            question=self.question, expert=expert or ExpertFactory(), body="Через реле."
        )

    @cached_property
    def team(self):
        return make_team(self.project_index, self.competency, title="Ремонт ліфта")

    def petition(self, **fields):
        return petition_in("open", index=index_page(self.home), **fields)


@dataclass
class Gone:
    """Erasure deletes the row."""


@dataclass
class Blanked:
    """The row stays (counts, public history) with these fields erased."""

    fields: dict


@dataclass
class Credited:
    """The row stays as a record others rely on, linked to the erased account by `field`."""

    field: str
    why: str


@dataclass
class Case:
    # (person, world) -> (row, text of the row that their archive must contain)
    build: Callable
    after: Gone | Blanked | Credited


def as_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).strip('"')


def now_plus(days):
    return timezone.now() + timezone.timedelta(days=days)


def _user(person, world):
    return person, person.email


def _profile(person, world):
    profile = person.profile
    profile.display_name = "Марта Приклад"
    profile.save()
    return profile, "Марта Приклад"


def _organization(person, world):
    organization = OrganizationFactory(
        name="ГО «Перевірена»", verified_by=person, verified_at=timezone.now()
    )
    return organization, "ГО «Перевірена»"


def _post_report(person, world):
    post = BlogPostFactory(title="Чужий допис")
    return post_report(post=post, reporter=person, reason="spam", details="Це реклама"), (
        "Це реклама"
    )


def _status_change(person, world):
    change = StatusChange.objects.create(
        user=person, action=StatusChange.Action.GRANT, status_before=Status.CITIZEN,
        status_after=Status.ORGANIZATION_REPRESENTATIVE, reason="Статут перевірено",
    )  # fmt: skip
    return change, "Статут перевірено"


def _contribution(person, world):
    draft = GuideDraft(title="Моя інструкція про ліфт", summary="Коротко", steps=(("Крок", "Т"),))
    return contribution_create(user=person, topic=world.topic, draft=draft), (
        "Моя інструкція про ліфт"
    )


def _contribution_event(person, world):
    contribution, title = _contribution(person, world)
    return ContributionEvent.objects.get(contribution=contribution, actor=person), title


def _feedback(person, world):
    return feedback_submit(page=world.guide, useful=True, comment="Дуже корисно", user=person), (
        "Дуже корисно"
    )


def _signature(person, world):
    from config.models import District

    signature = SignatureFactory(
        petition=world.petition(), district=District.objects.first(), email=person.email,
        name="Марта Підписантка",
    )  # fmt: skip
    return signature, "Марта Підписантка"


def _petition_response(person, world):
    authority = AuthorityFactory()
    response = PetitionResponse.objects.create(
        petition=world.petition(authority=authority), organization=authority, author=person,
        summary="Перехід облаштуємо", body="<p>Так.</p>", published_at=timezone.now(),
    )  # fmt: skip
    return response, "Перехід облаштуємо"


def _rating(person, world):
    """A rating of the person's work as an expert on a completed project."""
    team = world.team
    ClaimFactory(content_object=ExpertFactory(user=person), tag=world.competency)
    invited = experts_services.participant_invite(
        project=team.project, by=team.coordinator, role="expert", user=person,
        competency=world.competency,
    )  # fmt: skip
    experts_services.participant_respond(participant=invited, user=person, accept=True)
    team.complete()
    rating = rate(team, team.resident, person, comment="Дякую за роботу")
    return rating, "Дякую за роботу"


def _rating_of_someone_else(world):
    world.team.complete()
    return rate(world.team, world.team.resident, world.team.expert.user)


def _project(person, world):
    project = experts_services.project_create(
        parent=world.project_index, title="Двір без калюж", goal="Сухо.", coordinator=person,
        milestones=["Обстеження"],
    )  # fmt: skip
    return project, "Двір без калюж"


def _participant(person, world):
    team = world.team
    participant = experts_services.participant_invite(
        project=team.project, by=team.coordinator, role="participant", user=person
    )
    return participant, "Ремонт ліфта"


def _reputation(person, world):
    expert = ExpertFactory(user=person)
    return Reputation.objects.create(expert=expert, indicator="overall", ratings_count=7), (
        '"ratings_count": 7'
    )


def _revision(person, world):
    return world.page.save_revision(user=person), world.page.title


def _task_state(person, world):
    revision = world.page.save_revision()
    workflow = Workflow.objects.create(name="Перевірка")
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(world.page),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(world.page.pk), workflow=workflow, status="in_progress",
    )  # fmt: skip
    task = TaskState.objects.create(
        workflow_state=state, revision=revision, task=Task.objects.create(name="Редактор"),
        content_type=ContentType.objects.get_for_model(Task), status="approved",
        finished_by=person, finished_at=timezone.now(), comment="Погоджено без змін",
    )  # fmt: skip
    return task, "Погоджено без змін"


def _workflow_state(person, world):
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(world.page),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(world.page.pk), workflow=Workflow.objects.create(name="Перевірка"),
        status="in_progress", requested_by=person,
    )  # fmt: skip
    return state, world.page.title


def _comment(person, world):
    comment = Comment.objects.create(
        page=world.page, user=person, text="Заголовок задовгий", contentpath="title"
    )
    return comment, "Заголовок задовгий"


def _comment_reply(person, world):
    comment = Comment.objects.create(
        page=world.page, user=UserFactory(), text="Що скажете?", contentpath="title"
    )
    return CommentReply.objects.create(comment=comment, user=person, text="Згодна"), "Згодна"


def _email_confirmation(person, world):
    address = EmailAddress.objects.get(user=person)
    return EmailConfirmation.objects.create(email_address=address, key="k" * 20), address.email


def _image(person, world):
    return wagtail_factories.ImageFactory(title="Фото двору", uploaded_by_user=person), (
        "Фото двору"
    )


def _document(person, world):
    document = wagtail_factories.DocumentFactory(title="Протокол зборів", uploaded_by_user=person)
    return document, "Протокол зборів"


def _uploaded_file(person, world):
    upload = UploadedFile.objects.create(
        file=wagtail_factories.DocumentFactory.build().file, uploaded_by_user=person
    )
    return upload, upload.file.name


def _residents_building(address="вул. Приватна, 9"):
    return BuildingFactory(address=address, district=DistrictFactory(slug="pd-district"))


def _verified_attribute(person, world):
    from residents.services.attributes import attribute_grant

    attribute = attribute_grant(
        user=person,
        kind="building_resident",
        target=_residents_building("вул. Атрибутна, 3"),
        source="postal_code",
    )
    return attribute, "вул. Атрибутна, 3"


def _residence_request(person, world):
    from residents.models import ResidenceRequest

    request = ResidenceRequest.objects.create(
        user=person, kind="district", district=DistrictFactory(slug="pd-district"),
        note="Живу тут з 2019 року",
    )  # fmt: skip
    return request, "Живу тут з 2019 року"


def _postal_letter(person, world):
    from residents.models import PostalLetter

    letter = PostalLetter.objects.create(
        user=person, building=_residents_building("вул. Поштова, 5"), flat="кв. 77"
    )
    return letter, "кв. 77"


def _letter_batch(person, world):
    from residents.models import LetterBatch

    batch = LetterBatch.objects.create(created_by=person)
    return batch, as_json(batch.created_at)


def _ownership(person, world):
    unit = UnitFactory(building=_residents_building("вул. Співвласників, 11"), number="42")
    ownership = accepted_ownership(unit=unit, user=person, numerator=3, denominator=7)
    OwnershipFactory(unit=unit, share_numerator=4, share_denominator=7)
    return ownership, "3/7"


def _poll_of(person=None, *, title="Опитування про сквер"):
    from residents.services.audiences import audience_create
    from tests.polls.factories import poll_for

    district = DistrictFactory(slug="pd-poll-district")
    audience = audience_create(districts=[district])
    return poll_for(audience=audience, creator=person, title=title), district


def _poll(person, world):
    from django.contrib.auth.models import Group

    person.is_staff = True
    person.save(update_fields=["is_staff"])
    person.groups.add(Group.objects.get_or_create(name="Editors")[0])
    poll, _district = _poll_of(person, title="Опитування автора")
    return poll, "Опитування автора"


def _issuance(person, world):
    from polls import protocol
    from polls.models import Issuance

    poll, _district = _poll_of(title="Таємне опитування")
    issuance = Issuance.objects.create(poll=poll, user=person, roll_secret=b"\x07" * 16)
    return issuance, protocol.roll_hash(poll_id=poll.pk, secret=b"\x07" * 16)


def _named_vote(person, world):
    from polls.models import NamedVote

    poll, _district = _poll_of(title="Відкрите опитування")
    return NamedVote.objects.create(poll=poll, user=person), "Відкрите опитування"


def _poll_key_holder(person, world):
    from polls import protocol, sealing
    from polls.models import PollKeyHolder

    poll, _district = _poll_of(title="Опитування з ключем")
    public_key = sealing.key_generate()[1]
    holder = PollKeyHolder.objects.create(poll=poll, position=2, user=person, public_key=public_key)
    return holder, protocol.b64url(public_key)


def _poll_creator_scope(person, world):
    from polls.models import PollCreatorScope

    district = DistrictFactory(slug="pd-scope", name_uk="Район депутата")
    return PollCreatorScope.objects.create(user=person, district=district), "Район депутата"


CASES: dict[str, Case] = {
    "profiles.User": Case(
        _user, Blanked({"first_name": "", "is_active": False, "last_login": None})
    ),
    "profiles.Profile": Case(_profile, Blanked({"display_name": "", "about": ""})),
    "profiles.Organization": Case(
        _organization,
        Credited("verified_by", "staff's check of an organization's registration data"),
    ),
    "profiles.Membership": Case(
        lambda person, world: (member(world.organization, person), world.organization.name),
        Gone(),
    ),
    "profiles.Invitation": Case(
        lambda person, world: (
            Invitation.objects.create(
                organization=world.organization, email=person.email, expires_at=now_plus(14)
            ),
            world.organization.name,
        ),
        Gone(),
    ),
    "profiles.JoinRequest": Case(
        lambda person, world: (
            JoinRequest.objects.create(
                organization=world.organization, user=person, message="Візьміть мене"
            ),
            "Візьміть мене",
        ),
        Gone(),
    ),
    "profiles.StatusRequest": Case(
        lambda person, world: (
            StatusRequest.objects.create(
                user=person, status=Status.ORGANIZATION_REPRESENTATIVE, evidence="Мій статут"
            ),
            "Мій статут",
        ),
        Gone(),
    ),
    "profiles.StatusChange": Case(
        _status_change, Credited("user", "the log of status changes others were shown")
    ),
    "profiles.BlogPost": Case(
        lambda person, world: (
            BlogPostFactory(author=person, title="Мій щоденник"),
            "Мій щоденник",
        ),
        Gone(),
    ),
    "profiles.PostReport": Case(_post_report, Blanked({"details": ""})),
    "profiles.NotificationSetting": Case(
        lambda person, world: (
            person.notification_settings.create(kind="profiles.join_requests", wanted=False),
            '"profiles.join_requests": false',
        ),
        Gone(),
    ),
    "profiles.DataExport": Case(
        lambda person, world: (
            export := DataExport.objects.create(user=person),
            as_json(export.requested_at),
        ),
        Gone(),
    ),
    "profiles.AccountDeletion": Case(
        lambda person, world: (
            deletion := AccountDeletion.objects.create(user=person, scheduled_for=now_plus(14)),
            as_json(deletion.scheduled_for),
        ),
        Credited("user", "the record that the account was deleted at its owner's request"),
    ),
    "profiles.PersonalDataAccess": Case(
        lambda person, world: (
            PersonalDataAccess.objects.create(
                staff=UserFactory(), subject=person, what="Документи статусу", path="/admin/"
            ),
            "Документи статусу",
        ),
        Credited("subject", "the record of which staff looked at whose data, for audits"),
    ),
    "library.ArticleAuthor": Case(
        lambda person, world: (
            ArticleAuthor.objects.create(page=world.guide, user=person),
            world.guide.title,
        ),
        Blanked({"user": None}),
    ),
    "library.Contribution": Case(_contribution, Blanked({"contributor": None})),
    "library.ContributionEvent": Case(_contribution_event, Blanked({"actor": None})),
    "library.Feedback": Case(_feedback, Blanked({"user": None, "comment": ""})),
    "petitions.PetitionPage": Case(
        lambda person, world: (
            world.petition(creator=person, title="Лавки у сквері"),
            "Лавки у сквері",
        ),
        Credited("creator", "a petition is a public contribution, shown as Former participant"),
    ),
    "petitions.Signature": Case(
        _signature, Blanked({"name": "", "email": "", "normalized_email": None, "user": None})
    ),
    "petitions.PetitionResponse": Case(
        _petition_response, Credited("author", "an authority's official answer is public record")
    ),
    "experts.ExpertProfile": Case(
        lambda person, world: (
            ExpertFactory(user=person, statement="Лагоджу ліфти"),
            "Лагоджу ліфти",
        ),
        Gone(),
    ),
    "experts.CompetencyClaim": Case(
        lambda person, world: (
            ClaimFactory(content_object=ExpertFactory(user=person), evidence="Посвідчення 77"),
            "Посвідчення 77",
        ),
        Gone(),
    ),
    "experts.ExpertTag": Case(
        lambda person, world: (
            ExpertFactory(user=person).tagged_items.create(
                tag=Tag.objects.create(name="зварювання", slug="zvariuvannia")
            ),
            "зварювання",
        ),
        Gone(),
    ),
    "experts.Reputation": Case(_reputation, Gone()),
    "experts.ProjectPage": Case(
        _project, Credited("coordinator", "a project page is a public record of the work")
    ),
    "experts.ProjectParticipant": Case(_participant, Gone()),
    "experts.Rating": Case(_rating, Gone()),
    "experts.RatingFlag": Case(
        lambda person, world: (
            RatingFlag.objects.create(
                rating=_rating_of_someone_else(world), flagged_by=person, reason="Образливо"
            ),
            "Образливо",
        ),
        Blanked({"reason": ""}),
    ),
    "experts.Question": Case(
        lambda person, world: (
            QuestionFactory(asker=person, title="Як утеплити під'їзд?"),
            "Як утеплити під'їзд?",
        ),
        Credited("asker", "a public question others answered, shown as Former participant"),
    ),
    "experts.Answer": Case(
        lambda person, world: (
            world.answer(ExpertFactory(user=person)),
            "Через реле.",
        ),
        Blanked({"expert": None}),
    ),
    "experts.HelpfulMark": Case(
        lambda person, world: (
            HelpfulMark.objects.create(answer=world.answer(), user=person),
            world.question.title,
        ),
        Credited("user", "a helpful mark stays so every answer's count stays exact"),
    ),
    "experts.ConsultationFlag": Case(
        lambda person, world: (
            ConsultationFlag.objects.create(
                question=world.question, flagged_by=person, reason="Це спам"
            ),
            "Це спам",
        ),
        Blanked({"reason": ""}),
    ),
    "experts.ModerationAction": Case(
        lambda person, world: (
            ModerationAction.objects.create(
                moderator=person, action="hide", target="Відповідь №5", reason="Образа"
            ),
            "Відповідь №5",
        ),
        Credited("moderator", "the moderation log is the record of who hid what"),
    ),
    "account.EmailAddress": Case(
        lambda person, world: (EmailAddress.objects.get(user=person), person.email), Gone()
    ),
    "account.EmailConfirmation": Case(_email_confirmation, Gone()),
    "wagtailusers.UserProfile": Case(
        lambda person, world: (
            UserProfile.objects.create(user=person, current_time_zone="Europe/Kyiv"),
            "Europe/Kyiv",
        ),
        Gone(),
    ),
    "wagtailcore.Page": Case(
        lambda person, world: (
            world.home.add_child(
                instance=ProjectIndexPage(title="Чернетка Марти", slug="marta", owner=person)
            ),
            "Чернетка Марти",
        ),
        Blanked({"owner": None}),
    ),
    "wagtailcore.Revision": Case(_revision, Blanked({"user": None})),
    "wagtailcore.PageLogEntry": Case(
        lambda person, world: (
            PageLogEntry.objects.log_action(world.page, "wagtail.edit", user=person),
            world.page.title,
        ),
        Blanked({"user": None}),
    ),
    "wagtailcore.ModelLogEntry": Case(
        lambda person, world: (
            ModelLogEntry.objects.log_action(world.organization, "wagtail.edit", user=person),
            world.organization.name,
        ),
        Blanked({"user": None}),
    ),
    "wagtailcore.Comment": Case(
        _comment, Credited("user", "an editor's note in a page's history others replied to")
    ),
    "wagtailcore.CommentReply": Case(
        _comment_reply, Credited("user", "part of a page's comment thread others rely on")
    ),
    "admin.LogEntry": Case(
        lambda person, world: (
            LogEntry.objects.create(
                user=person, action_flag=CHANGE, object_repr="Справа Марти", change_message=""
            ),
            "Справа Марти",
        ),
        Gone(),
    ),
    "wagtailcore.PageSubscription": Case(
        lambda person, world: (
            PageSubscription.objects.create(
                user=person, page=world.page, comment_notifications=True
            ),
            world.page.title,
        ),
        Gone(),
    ),
    "wagtailcore.WorkflowState": Case(_workflow_state, Blanked({"requested_by": None})),
    "wagtailcore.TaskState": Case(_task_state, Blanked({"finished_by": None})),
    "wagtailcore.APIToken": Case(
        lambda person, world: (
            APIToken.objects.create(user=person, name="Мій скрипт", key_hash="0" * 64, prefix="ab"),
            "Мій скрипт",
        ),
        Gone(),
    ),
    "wagtailcore.UploadedFile": Case(_uploaded_file, Gone()),
    "wagtailadmin.EditingSession": Case(
        lambda person, world: (
            EditingSession.objects.create(
                user=person,
                content_type=ContentType.objects.get_for_model(Page),
                object_id="424242",
                last_seen_at=timezone.now(),
            ),  # fmt: skip
            "424242",
        ),
        Gone(),
    ),
    "wagtailadmin.FormState": Case(
        lambda person, world: (
            FormState.objects.create(
                user=person,
                content_type=ContentType.objects.get_for_model(Page),
                object_id="1",
                parent_object_id="",
                data="незбережений текст",
                last_updated_at=timezone.now(),
            ),  # fmt: skip
            "незбережений текст",
        ),
        Gone(),
    ),
    "wagtailimages.Image": Case(_image, Blanked({"uploaded_by_user": None})),
    "wagtaildocs.Document": Case(_document, Blanked({"uploaded_by_user": None})),
    "residents.VerifiedAttribute": Case(_verified_attribute, Gone()),
    "residents.ResidenceRequest": Case(_residence_request, Gone()),
    "residents.PostalLetter": Case(_postal_letter, Gone()),
    "residents.LetterBatch": Case(_letter_batch, Blanked({"created_by": None})),
    "residents.Ownership": Case(
        _ownership, Blanked({"user": None, "email": "", "share_numerator": 3})
    ),
    "polls.Poll": Case(_poll, Blanked({"creator": None})),
    "polls.Issuance": Case(_issuance, Blanked({"user": None})),
    "polls.NamedVote": Case(_named_vote, Blanked({"user": None})),
    "polls.PollKeyHolder": Case(_poll_key_holder, Blanked({"user": None})),
    "polls.PollCreatorScope": Case(_poll_creator_scope, Gone()),
    "meetings.Meeting": Case(meetings_cases.meeting, Blanked({"created_by": None})),
    "meetings.InitiativeMember": Case(meetings_cases.initiative_member, Blanked({"user": None})),
    "meetings.VotingRight": Case(
        meetings_cases.voting_right, Blanked({"user": None, "holder_name": ""})
    ),
    "meetings.Proxy": Case(meetings_cases.proxy, Blanked({"proxy_user": None, "proxy_name": ""})),
    "meetings.Vote": Case(meetings_cases.vote, Blanked({"cast_by": None})),
    "meetings.EmailSent": Case(meetings_cases.email_sent, Gone()),
    "meetings.Comment": Case(meetings_cases.comment, Blanked({"author": None})),
    "ideas.Idea": Case(ideas_cases.idea, Blanked({"author": None})),
    "ideas.IdeaEvent": Case(ideas_cases.idea_event, Blanked({"actor": None})),
    "ideas.Support": Case(
        ideas_cases.support, Credited("user", "the idea's count of supporters stays exact")
    ),
    "ideas.Comment": Case(ideas_cases.comment, Blanked({"author": None})),
    "ideas.CommentReport": Case(ideas_cases.comment_report_row, Blanked({"reporter": None})),
    "reports.Report": Case(
        reports_cases.report,
        Blanked({"reporter": None, "reporter_email": "", "reporter_name": "", "show_name": False}),
    ),
    "reports.ReportUpdate": Case(
        reports_cases.report_update, Blanked({"author": None, "author_name": ""})
    ),
    "reports.ReportSupporter": Case(reports_cases.report_supporter, Gone()),
    "reports.Open311Key": Case(reports_cases.open311_key, Blanked({"owner": None})),
}
