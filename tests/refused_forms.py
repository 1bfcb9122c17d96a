"""What a refused form must show, wherever it is: the page again, what the person typed, the
field's own message tied to its input (`aria-invalid`, `aria-describedby`), and the summary of
errors at the top of the form linking to that input (the GOV.UK error pattern)."""

import re
from html import escape, unescape


def assert_refused_on(response, form, field: str, typed: str = "") -> None:
    """`form` (the bound form the page was rendered with) refused `field` alone, and the page
    shows it again as a person needs it to put it right."""
    assert response.status_code == 200
    assert list(form.errors) == [field]
    html = response.content.decode()
    fid = form[field].auto_id
    # A group of radio buttons is a fieldset described by the error; its choices are invalid,
    # and the summary links to the first of them.
    group = form[field].widget_type == "radioselect"
    first = f"{fid}_0" if group else fid
    element = "fieldset" if group else "input|textarea|select"
    tag = re.search(rf'<(?:{element})\b[^>]*\bid="{re.escape(fid)}"[^>]*>', html)
    assert tag, f"no {element} with id {fid}"
    described = re.search(r'aria-describedby="([^"]*)"', tag.group())
    assert described and f"{fid}_error" in described.group(1).split()
    invalid = re.search(rf'<(?:input|textarea|select)\b[^>]*\bid="{re.escape(first)}"[^>]*>', html)
    assert invalid and 'aria-invalid="true"' in invalid.group()
    assert f'id="{fid}_error"' in html
    for message in form.errors[field]:
        assert escape(message) in html
    assert 'class="error-summary"' in html
    assert f'href="#{first}"' in html
    assert typed.replace("\x00", "").strip() in unescape(html).replace("\x00", "")
