"""Rows of the reports app that hold something about a person, made for
`tests/profiles/test_personal_data_completeness.py` (its CASES name these builders): each
returns (row, text of the row that the person's archive must contain)."""

from django.utils import timezone

from reports.models import Open311Key, ReportSupporter, ReportUpdate
from reports.models.keys import key_digest
from reports.states import State
from tests.reports import factories


def _report(**fields):
    organization = factories.body()
    return factories.report_in(
        State.OPEN, cat=factories.category(), organization=organization, **fields
    )


def report(person_, world):
    made = _report(reporter=person_, title="Яма біля ліцею", reporter_name="Марта")
    return made, "Яма біля ліцею"


def report_update(person_, world):
    made = _report(title="Ліхтар не світить")
    update = ReportUpdate.objects.create(
        report=made,
        kind=ReportUpdate.Kind.PUBLIC,
        text="Досі не світить, перевірила ввечері",
        author=person_,
        author_name="Марта",
        confirmed_at=timezone.now(),
    )
    return update, "Досі не світить, перевірила ввечері"


def report_supporter(person_, world):
    made = _report(title="Сміття у дворі")
    supporter = ReportSupporter.objects.create(
        report=made, user=person_, confirmed_at=timezone.now()
    )
    return supporter, "Сміття у дворі"


def open311_key(person_, world):
    key = Open311Key.objects.create(
        application="Міський застосунок Марти",
        contact_email="dev-marta@example.org",
        owner=person_,
        prefix="abcdefgh",
        digest=key_digest("abcdefgh-secret"),
    )
    return key, "Міський застосунок Марти"
