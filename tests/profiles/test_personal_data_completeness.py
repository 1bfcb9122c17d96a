"""Every model that can hold something about a person is exported and erased.

The models are found in the app registry, so a new one is caught without anyone remembering it:
every concrete model (ours and the libraries') with a relation of at most two steps to an
account, a profile or an expert profile, and every model with an email field. Each has a case
(`personal_data_cases.py`) that makes a row for a person, downloads their archive (the row's
content must be in it) and erases them (the row must be gone, blanked, or kept as a record
credited to the erased account, which no longer names anyone). A model with neither a case nor
a reviewed exemption fails the first test.
"""

import json
import zipfile
from io import BytesIO

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

import pytest

from profiles.data_rights import erase_everywhere, export_archive, personal_data_modules
from tests.factories import UserFactory
from tests.profiles.personal_data_cases import CASES, Blanked, Gone, World

PERSON_MODELS = {"profiles.user", "profiles.profile", "experts.expertprofile"}

# Reviewed: models the registry finds that hold nothing about a person themselves.
EXEMPT = {
    "config.CitySettings": "its email fields are the city's own public contact addresses",
    "library.ArticlePage": "reaches a person only via its cover image's uploader (covered)",
    "library.GuidePage": "reaches a person only via its cover image and authority (covered)",
    "library.CaseStudyPage": "reaches a person only via its cover image and organization",
    "library.ArticleTag": "a tag on an article; reaches a person only through the page's owner",
    "library.ArticleStats": "an article's vote and comment counts, nobody's in particular",
    "library.ArticlePdf": "a PDF of a published article revision; revisions are covered",
    "petitions.SignatureTally": "per-petition counts; signatures are covered",
    "experts.ProjectMilestone": "a project's public milestone; the project is covered",
    "wagtailforms.FormSubmission": "no form pages exist in this project (no AbstractForm page)",
    "wagtailredirects.Redirect": "site configuration; reaches a person only via a page's owner",
    "wagtailimages.Rendition": "a resized copy of an image; images are covered",
    "wagtailcore.Site": "site configuration; reaches a person only via the root page's owner",
    "wagtailcore.GroupPagePermission": "a group's permission on a page; pages are covered",
    "wagtailcore.PageViewRestriction": "a page's privacy setting; pages are covered",
    "wagtailcore.WorkflowPage": "which workflow a page uses; pages are covered",
    "residents.Building": "a building's public facts; reaches a person only via its association",
    "residents.Audience": "who a poll is for; reaches a person only via its organizations",
    "polls.Question": "a poll's question; reaches a person only via the poll's creator (covered)",
    "polls.PollDocument": "a poll's document; reaches a person via the poll and the document",
    "polls.SpentToken": "reaches a person only via the poll's creator (covered); by design it "
    "never names a voter",
    "polls.PendingBallot": "reaches a person only via the poll's creator (covered); by design "
    "it never names a voter",
    "meetings.AgendaItem": "a meeting's question; reaches a person only via the meeting's "
    "creator (covered)",
    "meetings.ItemDocument": "an agenda item's document; reaches a person via the document "
    "(covered) and the meeting",
    "meetings.Minutes": "the minutes' PDFs, the record of a decision; reach a person only via "
    "the meeting (covered)",
    "meetings.MeetingSettings": "an association's rule for initiative groups; reaches a person "
    "only via the organization",
    "ideas.IdeaAttachment": "a public picture or document of an idea; reaches a person only via "
    "the idea's author (covered; a draft's are deleted with it)",
    "ideas.IdeaTopic": "a topic of an idea; reaches a person only via the idea's author (covered)",
    "reports.ReportPhoto": "a photo of a public place, re-encoded without location; reaches a "
    "person only via the report (covered; an unconfirmed report's are deleted with it)",
    "reports.Route": "which body receives a category; reaches a person only via the body's "
    "members (organizations are covered)",
}


def person_links(model) -> list[str]:
    """Paths of one or two relations from `model`'s own fields to a person. Fields inherited
    from a parent table (a page's owner) belong to the parent model, checked on its own."""
    links = []
    for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        if not field.is_relation or field.remote_field.parent_link:
            continue
        target = field.related_model
        if target._meta.label_lower in PERSON_MODELS:
            links.append(field.name)
            continue
        for second in [*target._meta.concrete_fields, *target._meta.many_to_many]:
            if second.is_relation and second.related_model._meta.label_lower in PERSON_MODELS:
                links.append(f"{field.name}__{second.name}")
    return links


def has_email(model) -> bool:
    return any(
        isinstance(field, models.EmailField) or "email" in field.name
        for field in model._meta.local_fields
    )


def models_that_can_hold_personal_data() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if not model._meta.proxy
        and (model._meta.label_lower in PERSON_MODELS or person_links(model) or has_email(model))
    }


def test_every_model_that_can_hold_personal_data_has_a_case_or_a_reviewed_exemption():
    missing = models_that_can_hold_personal_data() - set(CASES) - set(EXEMPT)
    assert not missing, (
        f"These models can hold personal data (a relation of at most two steps to a person, or "
        f"an email field) but nothing here proves they are exported and erased: "
        f"{sorted(missing)}. Export and erase them in an <app>/personal_data.py and add a "
        f"case to CASES, or, if they hold nothing about a person, an exemption with a reason."
    )


def test_every_case_and_exemption_names_a_model_the_registry_finds():
    found = models_that_can_hold_personal_data()
    assert set(CASES) - found == set() and set(EXEMPT) - found == set()


def test_every_model_with_a_case_is_listed_by_some_personal_data_module():
    listed = {
        label.lower() for module in personal_data_modules().values() for label in module.MODELS
    }
    assert {label for label in CASES if label.lower() not in listed} == set()


def archive_text(person) -> str:
    archive = zipfile.ZipFile(BytesIO(export_archive(person)))
    return "\n".join(
        archive.read(name).decode() for name in archive.namelist() if name.endswith(".json")
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("districts", "english")
@pytest.mark.parametrize("label", sorted(CASES))
def test_a_persons_row_is_in_their_archive_and_erased_with_their_account(label):
    case = CASES[label]
    person = UserFactory(email="marta@example.org", first_name="Марта")
    row, content = case.build(person, World())
    model = apps.get_model(label)
    assert isinstance(row, model)

    assert content in archive_text(person), f"{label}: {content!r} is not in the archive"

    erase_everywhere(person)
    remaining = model._base_manager.filter(pk=row.pk).first()
    if isinstance(case.after, Gone):
        assert remaining is None, f"{label}: the row outlived the erasure"
        return
    assert remaining is not None, f"{label}: the row should stay ({case.after})"
    if isinstance(case.after, Blanked):
        for field, value in case.after.fields.items():
            assert getattr(remaining, field) == value, f"{label}.{field} not erased"
    else:
        assert getattr(remaining, f"{case.after.field}_id") == person.pk
        person.refresh_from_db()
        assert person.email.endswith("@erased.invalid") and person.first_name == ""


def test_every_modules_export_is_json_for_a_fresh_account(db):
    person = UserFactory()
    for label, module in personal_data_modules().items():
        json.dumps(module.export_for(person), cls=DjangoJSONEncoder)
        assert isinstance(module.export_for(person), dict), label


def test_profiles_comes_last_because_it_erases_the_account_itself():
    assert list(personal_data_modules())[-1] == "profiles"
