"""Every UI string has a Ukrainian translation, and the compiled catalogues are current."""

import gettext
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    [
        *ROOT.glob("site/*/locale/uk/LC_MESSAGES/django.po"),
        *ROOT.glob("search/locale/uk/LC_MESSAGES/django.po"),
    ]
)


@dataclass
class Entry:
    msgid: str
    msgstr: str
    fuzzy: bool
    plural: bool
    context: str | None = None

    @property
    def catalogue_key(self):
        msgid = f"{self.context}\x04{self.msgid}" if self.context else self.msgid
        return (msgid, 0) if self.plural else msgid


def entries(po_path: Path) -> list[Entry]:
    """The entries of a .po file (header and obsolete entries left out)."""
    found = []
    for block in po_path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[key] += json.loads(line)
            else:
                key, _, value = line.partition(" ")
                fields[key] = json.loads(value)
        if fields.get("msgid"):
            found.append(
                Entry(
                    msgid=fields["msgid"],
                    msgstr=fields.get("msgstr", fields.get("msgstr[0]", "")),
                    fuzzy=any(line.startswith("#,") and "fuzzy" in line for line in lines),
                    plural="msgid_plural" in fields,
                    context=fields.get("msgctxt"),
                )
            )
    return found


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_to_ukrainian(po_path):
    missing = [e.msgid for e in entries(po_path) if not e.msgstr or e.fuzzy]
    assert missing == [], f"untranslated or fuzzy in {po_path}: {missing[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"compile {po_path} (make messages)"
    with mo_path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    stale = [e.msgid for e in entries(po_path) if catalogue.get(e.catalogue_key) != e.msgstr]
    assert stale == [], f"{mo_path} is older than its .po: {stale[:5]}"


def test_ukrainian_dates_end_without_a_period_so_sentences_do_not_double_it():
    import datetime

    from django.utils import formats, translation

    with translation.override("uk"):
        assert formats.date_format(datetime.date(2026, 10, 18)) == "18 жовтня 2026"
        assert formats.date_format(datetime.date(2026, 10, 18), "SHORT_DATE_FORMAT") == "18.10.2026"
