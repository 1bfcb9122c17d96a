"""Open311 keys: shown once, stored as a hash, found while usable, revoked."""

from datetime import timedelta

from django.utils import timezone

import pytest

from reports import services
from reports.models import Open311Key
from reports.models.keys import key_digest
from reports.states import ReportError

pytestmark = pytest.mark.django_db


def test_issue_stores_only_a_prefix_and_a_hash(body):
    key, secret = services.open311_key_issue(
        application="Мобільний застосунок", contact_email="dev@example.org", body=body
    )
    stored = Open311Key.objects.get()
    assert stored.prefix == secret[:8] and stored.digest == key_digest(secret)
    assert secret not in {stored.prefix, stored.digest, stored.application}
    assert services.open311_key_find(secret=secret) == key


def test_find_refuses_unknown_and_revoked_keys(db):
    key, secret = services.open311_key_issue(application="App", contact_email="d@example.org")
    assert services.open311_key_find(secret="nope") is None
    assert services.open311_key_find(secret=None) is None
    services.open311_key_revoke(key=key)
    assert services.open311_key_find(secret=secret) is None


def test_last_use_is_noted_at_most_once_a_minute(db):
    key, secret = services.open311_key_issue(application="App", contact_email="d@example.org")
    now = timezone.now()
    services.open311_key_find(secret=secret, now=now)
    services.open311_key_find(secret=secret, now=now + timedelta(seconds=30))
    key.refresh_from_db()
    assert key.last_used_at == now
    services.open311_key_find(secret=secret, now=now + timedelta(seconds=61))
    key.refresh_from_db()
    assert key.last_used_at == now + timedelta(seconds=61)


def test_issue_checks_its_input(db, provider):
    with pytest.raises(ReportError):
        services.open311_key_issue(application="", contact_email="d@example.org")
    with pytest.raises(ReportError):
        services.open311_key_issue(application="App", contact_email="nope")
    with pytest.raises(ReportError):
        services.open311_key_issue(application="App", contact_email="d@example.org", body=provider)
    assert not Open311Key.objects.exists()
