"""`manage.py search_reindex`: the whole index rebuilt from the sources, with a progress bar."""

import io

from django.core.management import CommandError, call_command

import pytest

from search.models import SearchDocument, SearchTerm
from tests.profiles.factories import InformalGroupFactory
from tests.search.factories import stored_document


def reindex(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("search_reindex", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_reindex_indexes_what_the_sources_list_and_shows_progress(db):
    InformalGroupFactory(name="Сусіди з Липової")

    out, progress = reindex()

    assert "1 written" in out
    assert "search: profiles.organization" in progress
    assert SearchDocument.objects.get().title == "Сусіди з Липової"


def test_a_second_reindex_changes_nothing(db):
    InformalGroupFactory(name="Сусіди з Липової")
    reindex()
    indexed_at = SearchDocument.objects.get().indexed_at

    out, _ = reindex("--no-progress")

    assert "0 written, 1 unchanged, 0 removed" in out
    assert SearchDocument.objects.get().indexed_at == indexed_at


def test_reindex_removes_documents_no_source_lists_any_more(db):
    stored_document(title="Документ, якого більше немає")

    out, _ = reindex("--no-progress")

    assert "1 removed" in out
    assert not SearchDocument.objects.exists()


def test_reindex_drops_words_no_document_uses_from_the_vocabulary(db):
    stored_document(title="Документ про вітряки")
    assert SearchTerm.objects.filter(term="вітряки").exists()

    reindex("--no-progress")

    assert not SearchTerm.objects.filter(term="вітряки").exists()


def test_reindex_of_one_source_leaves_the_others_alone(db):
    InformalGroupFactory(name="Сусіди з Липової")
    stored_document(title="Документ з іншого джерела")

    reindex("--no-progress", "--source", "profiles.organization")

    assert SearchDocument.objects.count() == 2


def test_an_unknown_source_is_refused(db):
    with pytest.raises(CommandError):
        reindex("--source", "nowhere.nothing")
