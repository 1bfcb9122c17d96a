"""Sections of the home page, each contributed by the app that owns the content.

An app adds a section by listing a callable in HOME_SECTIONS; the callable takes the request
and returns a `HomeSection` or None (nothing worth showing). Keeping the list here, not in the
HomePage model, means the home page needs no migration when an app learns to show something.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: dict = field(default_factory=dict)


HOME_SECTIONS: list[str] = [
    "config.selectors.welcome_section",
    "library.selectors.home_section",
    "petitions.selectors.home_section",
    "experts.selectors.home_section",
    "profiles.selectors.home_section",
]


def home_sections(*, request) -> list[HomeSection]:
    sections = []
    for path in HOME_SECTIONS:
        section = import_string(path)(request=request)
        if section is not None:
            sections.append(section)
    return sections
