"""Signed tokens: confirmation links of three kinds, and the body's link."""

import time
from unittest import mock

import pytest

from reports.states import State
from reports.tokens import (
    body_link_read,
    body_link_token,
    confirm_kind_read,
    confirm_read,
    confirm_token,
)
from tests.reports import factories

pytestmark = pytest.mark.django_db


def test_confirm_token_reads_back_its_kind_and_id():
    token = confirm_token("update", 42)
    assert confirm_kind_read(token) == ("update", 42)
    assert confirm_read(token, "update") == 42


def test_confirm_token_of_another_kind_tampered_or_expired_is_none(settings):
    token = confirm_token("report", 7)
    assert confirm_read(token, "supporter") is None
    assert (
        confirm_read(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], "report") is None
    )
    assert confirm_read("", "report") is None and confirm_read(None, "report") is None
    later = time.time() + settings.REPORT_CONFIRM_DAYS * 86400 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert confirm_read(token, "report") is None
    with mock.patch("django.core.signing.time.time", return_value=later - 120):
        assert confirm_read(token, "report") == 7


def test_unknown_kind_cannot_be_signed():
    with pytest.raises(ValueError):
        confirm_token("petition", 1)


def test_body_link_is_for_its_report_and_body(pothole, body, other_body, district):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    token = body_link_token(report)
    assert body_link_read(token) == report
    assert body_link_read(token + "x") is None
    assert body_link_read(confirm_token("report", report.pk)) is None
    report.body = other_body
    report.save()
    assert body_link_read(token) is None
