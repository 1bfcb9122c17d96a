"""A committed signature is never answered with an error because of what follows its commit.

The follow-up is broken at the database's edge, not in our code: an execute wrapper (Django's
hook around every statement on a connection) cuts the connection, or fails the statement, at
the moment the follow-up's first statement runs, after the signature has committed.
"""

import io
import logging
import time

from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.urls import reverse

import pytest

from petitions import services
from petitions.models import PetitionPage
from petitions.services.petitions import THRESHOLD_FACTS
from petitions.states import State
from petitions.tokens import confirm_token
from tests.petitions.factories import SignatureFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def terminate_backend(pid: int) -> None:
    """End a PostgreSQL session from another connection, as a restart or a failover does, and
    wait until it is gone."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _ in range(100):
                cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone() is None:
                    return
                time.sleep(0.02)
    finally:
        other.close()


class CutAt:
    """An execute wrapper that breaks the first statement equal to `statement`: by killing the
    connection's backend before it runs (PostgreSQL), or by failing it as a lost connection
    would (any database)."""

    def __init__(self, statement: str, *, kill: bool):
        self.statement, self.kill, self.done = statement, kill, False

    def __call__(self, execute, sql, params, many, context):
        if self.done or sql != self.statement:
            return execute(sql, params, many, context)
        self.done = True
        if self.kill:
            terminate_backend(context["connection"].connection.info.backend_pid)
            return execute(sql, params, many, context)
        raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def petition(make_petition, districts):
    """One signature short of its response threshold."""
    petition = make_petition("open", response_threshold=2)
    services.signature_confirm(
        signature_id=SignatureFactory(petition=petition, district=districts[0]).pk
    )
    return petition


def confirm_with_follow_up_cut(client, petition, districts, *, kill: bool):
    signature = SignatureFactory(petition=petition, district=districts[1])
    url = reverse("petitions:confirm", kwargs={"token": confirm_token(signature.pk)})
    cut = CutAt(THRESHOLD_FACTS, kill=kill)
    with connection.execute_wrapper(cut):
        response = client.get(url)
    assert cut.done  # the follow-up did run into the cut
    return response


def test_a_confirmation_whose_connection_is_killed_after_commit_answers_success(
    on_postgres, client, petition, districts, caplog
):
    with caplog.at_level(logging.ERROR, logger="config.transactions"):
        response = confirm_with_follow_up_cut(client, petition, districts, kill=True)

    assert response.status_code == 302
    assert response["Location"].endswith("?signature=confirmed")
    assert services.petition_total(petition.pk) == 2
    assert any(record.exc_info for record in caplog.records)
    # The rest of the request, and the next one, run on a fresh connection.
    assert client.get(response["Location"]).status_code == 200


def test_a_confirmation_whose_threshold_check_fails_answers_success(
    client, petition, districts, caplog
):
    with caplog.at_level(logging.ERROR, logger="config.transactions"):
        response = confirm_with_follow_up_cut(client, petition, districts, kill=False)

    assert response.status_code == 302
    assert response["Location"].endswith("?signature=confirmed")
    assert services.petition_total(petition.pk) == 2
    assert [r.exc_info[0] for r in caplog.records] == [OperationalError]


def test_the_tick_moves_the_petition_whose_threshold_check_was_cut(client, petition, districts):
    confirm_with_follow_up_cut(client, petition, districts, kill=connection.vendor == "postgresql")
    assert PetitionPage.objects.get(pk=petition.pk).state == State.OPEN

    call_command("petitions_tick", stdout=io.StringIO())

    assert PetitionPage.objects.get(pk=petition.pk).state == State.AWAITING_RESPONSE


def test_a_signature_whose_confirmation_email_cannot_be_queued_is_kept(
    client, settings, open_petition, districts, caplog
):
    """With the database task queue, queueing the email is a write after the signature's
    commit; if it fails, the person still sees that the signature was recorded."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    table = DBTaskResult._meta.db_table

    def cut_enqueue(execute, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{table}"'):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with (
        caplog.at_level(logging.ERROR, logger="config.transactions"),
        connection.execute_wrapper(cut_enqueue),
    ):
        response = client.post(
            reverse("petitions:sign", kwargs={"petition_id": open_petition.pk}),
            {"name": "Олена", "email": "olena@example.org", "district": districts[0].pk},
        )

    assert response.status_code == 302
    assert open_petition.signatures.filter(email="olena@example.org").exists()
    assert caplog.records
