"""How words are matched: light stems, stopwords, apostrophes, typos, keyboard layouts."""

import pytest

from search.text import (
    damerau_levenshtein,
    from_latin_layout,
    max_typos,
    normalize,
    query_terms,
    stem,
)


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (["ліфт", "ліфта", "ліфтом", "ліфтів", "ліфтами"], "ліфт"),
        (["зламаний", "зламаного", "зламана"], "зламан"),
        (["петиція", "петиції", "петицій", "петицією"], "петиц"),
        (["створити", "створення"], "створ"),
        (["будинку", "будинки", "будинок"], "будин"),
    ],
)
def test_ukrainian_word_forms_share_a_stem_that_begins_each_of_them(forms, shared):
    for form in forms:
        assert form.startswith(stem(form))
        assert stem(form).startswith(shared) or shared.startswith(stem(form)), form


def test_english_word_forms_lose_their_endings():
    assert stem("lifts") == "lift"
    assert stem("repairing") == "repair"
    assert stem("organizations") == "organiz"


def test_short_words_are_kept_whole():
    assert stem("дах") == "дах"
    assert stem("осбб") == "осбб"


def test_different_words_keep_different_stems():
    assert stem("школа") != stem("шкода")


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert [t.word for t in query_terms("Як створити ОСББ у будинку?")] == [
        "створити",
        "осбб",
        "будинку",
    ]
    assert [t.word for t in query_terms("як")] == ["як"]


def test_every_apostrophe_becomes_the_ukrainian_one():
    assert normalize("Об'єднання") == normalize("об’єднання") == "обʼєднання"
    assert [t.word for t in query_terms("сімʼя і м'ята")] == ["сімʼя", "мʼята"]


def test_a_swap_of_two_letters_is_one_edit():
    assert damerau_levenshtein("лфіт", "ліфт") == 1
    assert damerau_levenshtein("ліфт", "ліфт") == 0
    assert damerau_levenshtein("ліфт", "дах") == 4


def test_longer_words_may_carry_more_typos():
    assert max_typos("дах") == 0
    assert max_typos("ліфт") == 1
    assert max_typos("зламаний") == 2


def test_latin_letters_typed_on_the_ukrainian_keyboard_are_read_back():
    assert from_latin_layout("ksan") == "ліфт"
    assert from_latin_layout("ліфт") is None
