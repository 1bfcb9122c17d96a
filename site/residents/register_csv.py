"""Reading a building register from a CSV file: one line per ownership.

The format (documented on the import page, with an example to download):

    unit,area,residential,email,share
    1,54.30,yes,olena@example.org,1
    2,71.10,yes,petro@example.org,1/2
    2,71.10,yes,maria@example.org,1/2
    3,38.00,yes,,
    Shop 1,120.50,no,,

- `unit`: the unit's number as the building numbers it (up to 20 characters);
- `area`: its area in square metres, positive, at most two decimals (`54.3` or `54,30`);
- `residential`: yes/no (also так/ні, true/false, 1/0);
- `email`: the co-owner's address, where the invitation goes; empty when unknown;
- `share`: the co-owner's share of the unit, a fraction (`1/2`) or a decimal (`0.5`).

A unit owned by several people appears on several lines with the same number, area and
residential value; its shares must add up to exactly 1 (compared as exact fractions). A line
with neither email nor share lists a unit whose owners are not in the register yet. The
columns may come in any order and may be separated by semicolons instead of commas (as a
spreadsheet saves them in Ukrainian locales); the file is UTF-8, with or without a BOM.

Nothing here touches the database: the result is what the file says and every line that is
wrong with it, each with its number and a reason code (`LineError.code`) that the preview page
shows as a sentence.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

COLUMNS = ("unit", "area", "residential", "email", "share")
REQUIRED_COLUMNS = ("unit", "area", "residential", "share")
MAX_LINES = 50_000
MAX_BYTES = 8 * 1024 * 1024
MAX_AREA = Decimal("100000")
# A share's denominator beyond this is a typing mistake, not a share of a flat.
MAX_DENOMINATOR = 10_000
MAX_UNIT_NUMBER = 20

YES = {"yes", "y", "true", "1", "так", "т", "+"}
NO = {"no", "n", "false", "0", "ні", "н", "-"}

MESSAGES = {
    "encoding": _("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."),
    "too_big": _("The file is larger than 8 MB."),
    "empty": _("The file is empty."),
    "columns_missing": _(
        "The first line must name the columns: unit, area, residential, email, share."
    ),
    "columns_unknown": _("Unknown column: %(value)s."),
    "columns_repeated": _("A column is named twice: %(value)s."),
    "too_many_lines": _("The file has more than 50,000 lines."),
    "bad_line": _("The line cannot be read as CSV."),
    "field_count": _("The line has %(value)s fields; the first line names a different number."),
    "unit_missing": _("The unit number is empty."),
    "unit_too_long": _("The unit number is longer than 20 characters."),
    "bad_area": _("The area “%(value)s” is not a number of square metres."),
    "area_not_positive": _("The area must be more than zero."),
    "area_too_big": _("The area is larger than 100,000 m²."),
    "area_precision": _("The area has more than two decimals."),
    "bad_residential": _("Residential must be yes or no, not “%(value)s”."),
    "bad_email": _("“%(value)s” is not an email address."),
    "bad_share": _("The share “%(value)s” is not a fraction such as 1/2 or a decimal such as 0.5."),
    "share_out_of_range": _("A share must be more than 0 and at most 1."),
    "share_too_fine": _("The share's denominator is larger than 10,000."),
    "email_without_share": _("An owner's line needs a share."),
    "conflicting_unit": _(
        "Unit %(value)s appears earlier with a different area or residential value."
    ),
    "duplicate_owner": _("This email address already owns a share of unit %(value)s."),
    "shares_not_one": _("The shares of unit %(value)s add up to %(total)s, not 1."),
}


@dataclass
class LineError:
    line: int  # 1 is the header; 0 for the file as a whole
    code: str
    value: str = ""
    total: str = ""

    @property
    def message(self) -> str:
        return MESSAGES[self.code] % {"value": self.value, "total": self.total}


@dataclass
class OwnerLine:
    line: int
    email: str  # lower-cased; empty when the owner is not known by address
    share: Fraction


@dataclass
class UnitLine:
    line: int  # where the unit first appears
    number: str
    area: Decimal
    is_residential: bool
    owners: list[OwnerLine] = field(default_factory=list)


@dataclass
class ParsedRegister:
    units: dict[str, UnitLine] = field(default_factory=dict)
    errors: list[LineError] = field(default_factory=list)
    line_count: int = 0  # data lines, the header not counted

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_line_count(self) -> int:
        return len({error.line for error in self.errors})

    @property
    def ownership_count(self) -> int:
        return sum(len(unit.owners) for unit in self.units.values())


_email_validator = EmailValidator()
# Django's own patterns, compiled once here: its validator builds lazy objects per call,
# which costs more than the rest of a line's checks together on a 50,000-line file.
_USER = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags)
_DOMAIN = re.compile(EmailValidator.domain_regex.pattern, EmailValidator.domain_regex.flags)


def valid_email(email: str) -> bool:
    """What Django's EmailValidator accepts (without its allowlist of bare host names, which
    no co-owner's address uses), quickly; anything the fast path doubts goes to Django's."""
    user, at, domain = email.rpartition("@")
    if not at or len(email) > 320:
        return False
    if _USER.fullmatch(user) and _DOMAIN.fullmatch(domain):
        return True
    try:
        _email_validator(email)
    except ValidationError:
        return False
    return True


def parse_share(text: str) -> Fraction:
    """`1/2`, `0.5`, `1` → an exact Fraction; ValueError for anything else (no floats, no
    exponents, no signs: a share is written the way a deed writes it)."""
    text = text.strip().replace(",", ".").replace(" ", "")
    if text.isdigit() and len(text) <= 20:
        return Fraction(int(text))
    top, slash, bottom = text.partition("/")
    if slash and top.isdigit() and bottom.isdigit() and len(text) <= 20:
        return Fraction(int(top), int(bottom))  # ZeroDivisionError for x/0
    whole, dot, part = text.partition(".")
    if dot and (whole.isdigit() or not whole) and part.isdigit() and len(text) <= 20:
        return Fraction(int(whole or "0") * 10 ** len(part) + int(part), 10 ** len(part))
    raise ValueError(text)


def parse_area(text: str) -> Decimal:
    text = text.strip().replace(",", ".").replace(" ", "").replace("\u00a0", "")
    digits = text[1:] if text.startswith("-") else text
    whole, _dot, part = digits.partition(".")
    if (
        len(text) > 15
        or not (whole.isdigit() or (part and not whole))
        or (part and not part.isdigit())
    ):
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error


def parse_residential(text: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(text)


def decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def parse_register(data: bytes) -> ParsedRegister:
    """Read a register file; every problem becomes a LineError, never an exception."""
    result = ParsedRegister()
    if len(data) > MAX_BYTES:
        result.errors.append(LineError(0, "too_big"))
        return result
    text = decode(data)
    if text is None:
        result.errors.append(LineError(0, "encoding"))
        return result
    if "\x00" in text:
        result.errors.append(LineError(0, "encoding"))
        return result
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        result.errors.append(LineError(0, "empty"))
        return result
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error:
        result.errors.append(LineError(1, "bad_line"))
        return result
    if not _check_header(header, result):
        return result
    index = {name: position for position, name in enumerate(header)}
    width = len(header)
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            result.line_count += 1
            if result.line_count > MAX_LINES:
                result.errors.append(LineError(line, "too_many_lines"))
                return result
            if len(row) != width:
                result.errors.append(LineError(line, "field_count", str(len(row))))
                continue
            _read_row(row, index, line, result)
    except csv.Error:
        result.errors.append(LineError(reader.line_num, "bad_line"))
        return result
    _check_shares(result)
    result.errors.sort(key=lambda error: error.line)
    return result


def _check_header(header: list[str], result: ParsedRegister) -> bool:
    unknown = [name for name in header if name not in COLUMNS]
    for name in unknown:
        result.errors.append(LineError(1, "columns_unknown", _short(name)))
    repeated = {name for name in header if header.count(name) > 1}
    for name in sorted(repeated):
        result.errors.append(LineError(1, "columns_repeated", name))
    if any(name not in header for name in REQUIRED_COLUMNS):
        result.errors.append(LineError(1, "columns_missing"))
    return not result.errors


def _read_row(row: list[str], index: dict[str, int], line: int, result: ParsedRegister) -> None:
    errors = result.errors
    before = len(errors)
    number = row[index["unit"]].strip()
    if not number:
        errors.append(LineError(line, "unit_missing"))
    elif len(number) > MAX_UNIT_NUMBER:
        errors.append(LineError(line, "unit_too_long"))
    area_text = row[index["area"]]
    area = None
    try:
        area = parse_area(area_text)
    except ValueError:
        errors.append(LineError(line, "bad_area", _short(area_text.strip())))
    else:
        if area <= 0:
            errors.append(LineError(line, "area_not_positive"))
        elif area > MAX_AREA:
            errors.append(LineError(line, "area_too_big"))
        elif area.as_tuple().exponent < -2:
            errors.append(LineError(line, "area_precision"))
    residential_text = row[index["residential"]]
    residential = None
    try:
        residential = parse_residential(residential_text)
    except ValueError:
        errors.append(LineError(line, "bad_residential", _short(residential_text.strip())))
    email = row[index["email"]].strip().lower() if "email" in index else ""
    if email and not valid_email(email):
        errors.append(LineError(line, "bad_email", _short(email)))
    share_text = row[index["share"]].strip()
    share = None
    if share_text:
        try:
            share = parse_share(share_text)
        except (ValueError, ZeroDivisionError):
            errors.append(LineError(line, "bad_share", _short(share_text)))
        else:
            if not 0 < share.numerator <= share.denominator:
                errors.append(LineError(line, "share_out_of_range"))
            elif share.denominator > MAX_DENOMINATOR:
                errors.append(LineError(line, "share_too_fine"))
    elif email:
        errors.append(LineError(line, "email_without_share"))
    if len(errors) > before:
        return
    unit = result.units.get(number)
    if unit is None:
        unit = result.units[number] = UnitLine(line, number, area, residential)
    elif unit.area != area or unit.is_residential != residential:
        errors.append(LineError(line, "conflicting_unit", _short(number)))
        return
    if share is None:
        return
    if email and any(owner.email == email for owner in unit.owners):
        errors.append(LineError(line, "duplicate_owner", _short(number)))
        return
    unit.owners.append(OwnerLine(line, email, share))


def _check_shares(result: ParsedRegister) -> None:
    for unit in result.units.values():
        if not unit.owners:
            continue
        total = sum((owner.share for owner in unit.owners), Fraction(0))
        if total != 1:
            for owner in unit.owners:
                result.errors.append(
                    LineError(owner.line, "shares_not_one", _short(unit.number), str(total))
                )


EXAMPLE = (
    "unit,area,residential,email,share\n"
    "1,54.30,yes,olena.koval@example.org,1\n"
    "2,71.10,yes,petro.shevchuk@example.org,1/2\n"
    "2,71.10,yes,maria.shevchuk@example.org,1/2\n"
    "3,38.00,yes,ivan.bondar@example.org,2/3\n"
    "3,38.00,yes,,1/3\n"
    "4,46.25,yes,,\n"
    "Shop 1,120.50,no,info@bakery.example.org,1\n"
)


def register_to_csv(units) -> str:
    """The register as the import reads it: units with their ownerships (accepted co-owners
    with an empty email: the register no longer holds their address)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for unit in units:
        residential = "yes" if unit.is_residential else "no"
        ownerships = list(unit.ownerships.all())
        if not ownerships:
            writer.writerow([unit.number, f"{unit.area:.2f}", residential, "", ""])
        for ownership in ownerships:
            share = ownership.share
            writer.writerow(
                [unit.number, f"{unit.area:.2f}", residential, ownership.email, str(share)]
            )
    return out.getvalue()
