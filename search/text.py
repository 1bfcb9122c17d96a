"""Words: how search turns Ukrainian and English text into the terms both engines match.

There is no Ukrainian stemmer in PostgreSQL, SQLite or stock Elasticsearch, so matching works
the same way everywhere: a query word is cut to a light stem (its ending removed) and matched as
a *prefix* of the words in a document. "ліфтом" becomes `ліфт*`, which finds "ліфт", "ліфта" and
"ліфтів"; "petitions" becomes `petition*`. A stem is always a prefix of the word it came from, so
the same rule highlights the words that matched.
"""

import re
import unicodedata
from dataclasses import dataclass

# Ukrainian uses the modifier letter apostrophe inside words (обʼєднання); people type any of
# these. Unified to U+02BC, a letter for every tokenizer, the word stays one token everywhere.
APOSTROPHE = "ʼ"
_APOSTROPHES = re.compile(r"(?<=[^\W\d_])['’‘`](?=[^\W\d_])")
WORD = re.compile(r"[^\W_]+(?:ʼ[^\W_]+)*")
CYRILLIC = re.compile(r"[а-яґєіїʼ]")

MIN_STEM = 3
VOWELS = frozenset("аеєиіїоуюя")

_STOPWORDS = """
а або але б би був була були було бути в вам вас ви від для до з за зі із і й у як яка які який
коли де що чи це цей ця ці та те ті то так там тут не ні на над під по при про через мене мені
мій моя моє мої наш наша наше наші нам нас ми він вона воно вони його її їх йому їй ж же ось вже
ще теж також тому
a an and are as at be by can do does for from has have how i in is it its my not of on or our
the their this that to was we what when where which who why will with you your
"""
STOPWORDS = frozenset(_STOPWORDS.split())

# Endings, longest first: the stemmer removes the longest one that leaves a long enough stem.
_UKRAINIAN_ENDINGS = """
уватися юватися ування ювання уючи ючи ення ання яння іння ість ості остю
ованими ованих ованого ованому ована ований ованої
ами ями ими іми ого ому ові еві єві ах ях ам ям ом ем єм ою ею єю ів їв ій ий ої им ім их іх
ія ії ією ію ати яти ити іти ути ться тися сь ся ють ять уть ать ить іть ємо имо уємо юємо
ує ює ець ця цю цем ок а я у ю і ї е є о и ь
"""
_ENGLISH_ENDINGS = "ations ation ions ion ments ment ings ing ied ies ed es s ly y e"
UKRAINIAN_ENDINGS = sorted(dict.fromkeys(_UKRAINIAN_ENDINGS.split()), key=len, reverse=True)
ENGLISH_ENDINGS = sorted(dict.fromkeys(_ENGLISH_ENDINGS.split()), key=len, reverse=True)


def normalize(text: str) -> str:
    """Composed Unicode, lower case, one apostrophe."""
    text = unicodedata.normalize("NFC", text or "")
    return _APOSTROPHES.sub(APOSTROPHE, text).lower()


def normalize_display(text: str) -> str:
    """The same apostrophe rule for text we store and show, without changing its case."""
    return _APOSTROPHES.sub(APOSTROPHE, unicodedata.normalize("NFC", text or ""))


def words(text: str) -> list[str]:
    return WORD.findall(normalize(text))


def stem(word: str) -> str:
    """A light stem: the word without its grammatical ending (never shorter than MIN_STEM)."""
    if len(word) <= MIN_STEM or word.isdigit():
        return word
    cyrillic = bool(CYRILLIC.search(word))
    endings, shortest = (UKRAINIAN_ENDINGS, MIN_STEM) if cyrillic else (ENGLISH_ENDINGS, 4)
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            if ending.endswith("s") and word.endswith("ss"):
                continue
            return _fleeting_vowel(word[: -len(ending)]) if cyrillic else word[: -len(ending)]
    return word


def _fleeting_vowel(stem: str) -> str:
    """ "будинку" → "будин", not "будинк": the nominative "будинок" has a vowel the other
    forms drop, so the shared beginning stops before the last consonant."""
    if len(stem) >= 6 and stem[-1] == "к" and stem[-2] not in VOWELS:
        return stem[:-1]
    return stem


@dataclass(frozen=True)
class Term:
    """One word of a query: `word` as typed (normalized), `stem` the prefix that matches."""

    word: str
    stem: str

    @classmethod
    def of(cls, word: str) -> "Term":
        return cls(word=word, stem=stem(word))


def query_terms(text: str, *, limit: int = 12) -> tuple[Term, ...]:
    """The words of a query worth matching: stopwords go unless nothing else is left."""
    found = list(dict.fromkeys(words(text)))
    meaningful = [word for word in found if word not in STOPWORDS]
    return tuple(Term.of(word) for word in (meaningful or found)[:limit])


def term_matches(term: Term, word: str) -> bool:
    return word.startswith(term.stem)


def damerau_levenshtein(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


def max_typos(word: str) -> int:
    """How many edits a word of this length may carry and still count as a typo."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2


def trigrams(word: str) -> list[str]:
    padded = f"  {word} "
    return list(dict.fromkeys(padded[i : i + 3] for i in range(len(padded) - 2)))


_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,."
_UKRAINIAN = "йцукенгшщзхїфівапролджєячсмитьбю"
_LAYOUT = str.maketrans(_LATIN, _UKRAINIAN)


def from_latin_layout(word: str) -> str | None:
    """ "ksan" typed with the English layout on is "ліфт": the same keys in the Ukrainian one."""
    if not word or not all(char in _LATIN for char in word):
        return None
    return word.translate(_LAYOUT)
