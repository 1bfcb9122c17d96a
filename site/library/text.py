"""Plain text from the public contribution form to Wagtail rich text, and back for editing.

Citizens write in plain textareas: a blank line starts a new paragraph, lines beginning with
"- " make a bulleted list. Everything is escaped, so no markup a citizen types ever reaches a
page (or the PDF renderer); editors add links and formatting in the admin.
"""

import re
from html import escape
from html.parser import HTMLParser

from django.utils.text import slugify

BULLET = "- "


def plain_to_rich(text: str) -> str:
    """`text` as rich text HTML: escaped paragraphs and bulleted lists."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    html = []
    for block in filter(None, blocks):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(line.startswith(BULLET) for line in lines):
            items = "".join(f"<li>{escape(line[len(BULLET) :].strip())}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br/>".join(escape(line) for line in lines) + "</p>")
    return "".join(html)


class _PlainTextParser(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = []
        self.line: list[str] = []
        self.lines: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._end_block()
        elif tag == "li":
            self._end_line()
            self.line.append(BULLET)
        elif tag == "br":
            self._end_line()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._end_block()
        elif tag == "li":
            self._end_line()

    def handle_data(self, data):
        self.line.append(data)

    def _end_line(self):
        text = "".join(self.line).strip()
        if text and text != BULLET.strip():
            self.lines.append(text)
        self.line = []

    def _end_block(self):
        self._end_line()
        if self.lines:
            self.blocks.append(self.lines)
        self.lines = []

    def text(self) -> str:
        self._end_block()
        return "\n\n".join("\n".join(lines) for lines in self.blocks)


def rich_to_plain(html: str) -> str:
    """Rich text HTML as the plain text `plain_to_rich` reads (links keep their words)."""
    parser = _PlainTextParser()
    parser.feed(html or "")
    parser.close()
    return parser.text()


# The official Ukrainian romanisation (Cabinet of Ministers resolution 55 of 2010): the second
# form applies at the start of a word.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ie", "ye"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("i", "yi"), "й": ("i", "y"), "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": ("iu", "yu"),
    "я": ("ia", "ya"), "'": "", "’": "", "ʼ": "",
}  # fmt: skip


def romanize(text: str) -> str:
    """Ukrainian letters in Latin script, so page addresses stay readable everywhere."""
    source = text.lower().replace("зг", "зґh")
    out = []
    for i, char in enumerate(source):
        latin = _LATIN.get(char, char)
        if isinstance(latin, tuple):
            at_start = i == 0 or not source[i - 1].isalpha()
            latin = latin[1] if at_start else latin[0]
        out.append(latin)
    return "".join(out).replace("ґh", "gh")


def slug_for(title: str, *, max_length: int = 80) -> str:
    slug = slugify(romanize(title))[:max_length].strip("-")
    return re.sub(r"-{2,}", "-", slug) or "article"
