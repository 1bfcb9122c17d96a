"""Text helpers: Latin slugs for Ukrainian names, and user-written rich text made safe."""

import re

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from config.params import parse_id
from config.text import validate_email_domain, validate_public_name
from profiles.exceptions import ProfilesError

# The official Ukrainian romanisation (Cabinet of Ministers resolution No. 55, 2010); the
# second form is used at the start of a word.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ie", "ye"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("i", "yi"), "й": ("i", "y"), "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": ("iu", "yu"), "я": ("ia", "ya"), "'": "", "’": "", "ʼ": "",
    "ё": "io", "ы": "y", "э": "e", "ъ": "",
}  # fmt: skip


def transliterate(text: str) -> str:
    """Ukrainian (and stray Russian) letters to Latin; other characters pass through."""
    result = []
    previous = " "
    for char in text:
        lower = char.lower()
        latin = _TRANSLIT.get(lower)
        if latin is None:
            result.append(char)
        else:
            if isinstance(latin, tuple):
                latin = latin[1] if not previous.isalpha() else latin[0]
            elif lower == "г" and previous.lower() == "з":
                latin = "gh"  # "зг" is "zgh", so it cannot be read as "ж"
            result.append(latin.capitalize() if char != lower else latin)
        previous = char
    return "".join(result)


def latin_slug(text: str, *, max_length: int = 60) -> str:
    return slugify(transliterate(text))[:max_length].strip("-")


def person_slug(display_name: str, user_id: int) -> str:
    """`olena-koval-17`: readable, and the trailing id keeps it unique and lets an old link
    (made before a change of name) still find the person."""
    base = latin_slug(display_name or "")
    return f"{base}-{user_id}" if base else str(user_id)


def public_text_check(*, name: str = "", email: str = "") -> None:
    """The shared checks of `config.text` (a name that cannot spoof, an email address at a
    mail domain), raised as the profiles services' domain error."""
    try:
        validate_public_name(name)
        validate_email_domain(email)
    except ValidationError as error:
        raise ProfilesError(error.error_list) from error


_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def sort_key(name: str) -> str:
    """An ASCII key that sorts names in Ukrainian alphabetical order under any database
    collation (codepoint order puts Є and І before А): two digits per letter."""
    codes = []
    for char in name.lower():
        if char in _ALPHABET:
            codes.append(f"{_ALPHABET.index(char) + 10:02d}")
        elif "a" <= char <= "z":
            codes.append(f"{ord(char) - ord('a') + 50:02d}")
        elif char.isdigit():
            codes.append(f"8{char}")
        elif char.isspace():
            codes.append("00")
    return "".join(codes)[:160]


_TRAILING_ID = re.compile(r"(?:^|-)(\d+)$")


def id_from_person_slug(slug: str) -> int | None:
    match = _TRAILING_ID.search(slug)
    return parse_id(match.group(1)) if match else None


# What a participant may format in a blog post. No images or embeds: nothing loads from
# outside the site, and a post cannot smuggle a tracking pixel.
BLOG_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class RichTextInputError(ValueError):
    """The text could not be read as Markdown."""


def markdown_to_rich_text(markdown: str) -> str:
    """Markdown as typed by a participant → Wagtail's database HTML, with everything outside
    BLOG_FEATURES removed by Wagtail's whitelister (scripts, images, javascript: links)."""
    # Imported here: Wagtail's admin converters need the app registry, and models import us.
    from wagtail.api.rich_text import APIRichText, RichTextFormatError

    try:
        html, _removals = APIRichText.convert_db_markdown_input(markdown, features=BLOG_FEATURES)
    except RichTextFormatError as error:
        raise RichTextInputError(str(error)) from error
    return html


def rich_text_to_markdown(html: str) -> str:
    """The stored post back as Markdown, for editing it again."""
    from wagtail.admin.rich_text.converters.markdown_db import MarkdownConverter

    if not html:
        return ""
    return MarkdownConverter(BLOG_FEATURES).from_database_format(html, resolved=False)
