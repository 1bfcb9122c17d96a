"""Private keys at rest: sealed under the key-encryption key, bound to their purpose, rotatable."""

import base64
import os

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest

from config import keys
from config.keys import SealedKeyError, UnknownKeyError, key_open, key_reseal, key_seal

from .test_settings import PRODUCTION_ENV, manage


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


KEY_A = new_key()
KEY_B = new_key()
SECRET = b"-----BEGIN PRIVATE KEY-----\nnot really one\n-----END PRIVATE KEY-----\n"


@override_settings(KEY_ENCRYPTION_KEY=KEY_A)
def test_sealed_key_opens_for_its_purpose():
    sealed = key_seal(secret=SECRET, purpose="polls.signing-key")
    assert SECRET not in sealed
    assert key_open(sealed=sealed, purpose="polls.signing-key") == SECRET


@override_settings(KEY_ENCRYPTION_KEY=KEY_A)
def test_format_is_versioned_with_a_random_nonce():
    first = key_seal(secret=SECRET, purpose="p")
    second = key_seal(secret=SECRET, purpose="p")
    assert first[0] == second[0] == 1
    assert first[1:9] == second[1:9] == keys.key_id(base64.b64decode(KEY_A))
    assert first[9:21] != second[9:21]
    assert len(first) == 1 + 8 + 12 + len(SECRET) + 16


@override_settings(KEY_ENCRYPTION_KEY=KEY_A)
def test_sealed_key_does_not_open_for_another_purpose():
    sealed = key_seal(secret=SECRET, purpose="polls.signing-key")
    with pytest.raises(SealedKeyError, match="polls.results-key"):
        key_open(sealed=sealed, purpose="polls.results-key")


@override_settings(KEY_ENCRYPTION_KEY=KEY_A)
@pytest.mark.parametrize("position", [0, 1, 9, 21, -1])
def test_any_altered_byte_is_refused(position):
    sealed = bytearray(key_seal(secret=SECRET, purpose="p"))
    sealed[position] ^= 0x01
    with pytest.raises(SealedKeyError):
        key_open(sealed=bytes(sealed), purpose="p")


@override_settings(KEY_ENCRYPTION_KEY=KEY_A)
def test_truncated_value_is_refused():
    with pytest.raises(SealedKeyError):
        key_open(sealed=key_seal(secret=b"", purpose="p")[:-1], purpose="p")


def test_wrong_key_gives_a_clear_error():
    with override_settings(KEY_ENCRYPTION_KEY=KEY_A):
        sealed = key_seal(secret=SECRET, purpose="p")
    with (
        override_settings(KEY_ENCRYPTION_KEY=KEY_B),
        pytest.raises(UnknownKeyError, match="KEY_ENCRYPTION_KEYS_OLD"),
    ):
        key_open(sealed=sealed, purpose="p")


def test_rotation_old_keys_open_and_the_current_one_seals():
    with override_settings(KEY_ENCRYPTION_KEY=KEY_A):
        sealed_under_a = key_seal(secret=SECRET, purpose="p")
    with override_settings(KEY_ENCRYPTION_KEY=KEY_B, KEY_ENCRYPTION_KEYS_OLD=[KEY_A]):
        assert key_open(sealed=sealed_under_a, purpose="p") == SECRET
        resealed = key_reseal(sealed=sealed_under_a, purpose="p")
        assert resealed[1:9] == keys.key_id(base64.b64decode(KEY_B))
        assert key_reseal(sealed=resealed, purpose="p") == resealed
    with override_settings(KEY_ENCRYPTION_KEY=KEY_B, KEY_ENCRYPTION_KEYS_OLD=[]):
        assert key_open(sealed=resealed, purpose="p") == SECRET
        with pytest.raises(UnknownKeyError):
            key_open(sealed=sealed_under_a, purpose="p")


def test_without_a_configured_key_the_key_is_derived_from_the_secret_key():
    with override_settings(KEY_ENCRYPTION_KEY="", SECRET_KEY="one-secret"):
        sealed = key_seal(secret=SECRET, purpose="p")
        assert key_open(sealed=sealed, purpose="p") == SECRET
        assert keys.current_key() == keys.development_key("one-secret")
    with (
        override_settings(KEY_ENCRYPTION_KEY="", SECRET_KEY="another-secret"),
        pytest.raises(UnknownKeyError),
    ):
        key_open(sealed=sealed, purpose="p")


@pytest.mark.parametrize("value", ["not base64!", base64.b64encode(b"short").decode()])
def test_malformed_key_is_refused(value):
    with override_settings(KEY_ENCRYPTION_KEY=value), pytest.raises(ImproperlyConfigured):
        key_seal(secret=SECRET, purpose="p")
    with override_settings(KEY_ENCRYPTION_KEY=value):
        assert [e.id for e in keys.check_key_encryption_keys()] == ["config.E101"]


def test_deploy_check_complains_only_without_a_key():
    with override_settings(KEY_ENCRYPTION_KEY=""):
        assert [e.id for e in keys.check_key_encryption_key_is_set()] == ["config.W101"]
    with override_settings(KEY_ENCRYPTION_KEY=KEY_A):
        assert keys.check_key_encryption_key_is_set() == []
        assert keys.check_key_encryption_keys() == []


def test_sealed_keys_survive_the_database(db):
    from django.db import connection

    with override_settings(KEY_ENCRYPTION_KEY=KEY_A):
        sealed = key_seal(secret=SECRET, purpose="p")
        with connection.cursor() as cursor:
            column = "BYTEA" if connection.vendor == "postgresql" else "BLOB"
            cursor.execute(f"CREATE TEMPORARY TABLE sealed_probe (value {column})")
            cursor.execute("INSERT INTO sealed_probe (value) VALUES (%s)", [sealed])
            cursor.execute("SELECT value FROM sealed_probe")
            stored = bytes(cursor.fetchone()[0])
        assert key_open(sealed=stored, purpose="p") == SECRET


def test_production_refuses_to_start_without_a_key_encryption_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "KEY_ENCRYPTION_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "KEY_ENCRYPTION_KEY must be set" in result.stderr


def test_production_refuses_a_malformed_key_encryption_key():
    result = manage("check", env={**PRODUCTION_ENV, "KEY_ENCRYPTION_KEY": "c2hvcnQ="})
    assert result.returncode != 0
    assert "KEY_ENCRYPTION_KEY must be base64 of 32" in result.stderr


def test_check_deploy_complains_where_the_key_is_derived():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "KEY_ENCRYPTION_KEY": ""}
    result = manage("check", "--deploy", env=env)
    assert "config.W101" in result.stdout + result.stderr
