"""Reads about people for the personal cabinet and public pages."""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CabinetSection:
    """One block of the personal cabinet (`/account/`), contributed by the app that owns it."""

    title: str
    template: str
    context: dict = field(default_factory=dict)


# Each entry is a callable `(*, user) -> CabinetSection | None`; apps add theirs as they grow.
CABINET_SECTIONS: list[str] = [
    "profiles.selectors.account_section",
]


def cabinet_sections(*, user) -> list[CabinetSection]:
    sections = (import_string(path)(user=user) for path in CABINET_SECTIONS)
    return [section for section in sections if section is not None]


def account_section(*, user) -> CabinetSection:
    return CabinetSection(
        title=_("Sign-in and security"),
        template="profiles/includes/cabinet_account.html",
        context={"email": user.email, "joined": user.date_joined},
    )
