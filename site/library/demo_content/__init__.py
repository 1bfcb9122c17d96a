"""The demo library's content: topics, guides and case studies about the civic life of
Yasnohorod, written in Ukrainian, some translated to English.

Texts are plain (see `library.text`): paragraphs separated by blank lines, "- " for lists.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    parent: str = ""
    en_title: str = ""
    en_summary: str = ""


@dataclass(frozen=True, kw_only=True)
class Article:
    """A guide (`steps` set) or a case study (`problem` set). `body` items are tuples:
    ("text", text), ("heading", text), ("callout", kind, title, text), ("quote", text, who),
    ("table", caption, rows), ("document", key, description), ("image", key, caption)."""

    topic: str
    slug: str
    title: str
    summary: str
    tags: tuple[str, ...]
    image: str = ""
    body: tuple = ()
    author: str = ""  # a demo person's key, or "org:<slug>"
    days_ago: int = 30
    # a guide
    time: str = ""
    authority: str = ""
    authority_org: str = ""  # a demo organization responsible for the procedure
    before: str = ""
    steps: tuple[tuple[str, str], ...] = ()
    # a case study
    district: str = ""
    place: str = ""
    year: int | None = None
    cost: int | None = None
    cost_note: str = ""
    problem: str = ""
    approach: str = ""
    outcome: str = ""
    lessons: str = ""
    org: str = ""
    contacts: str = ""
    en: dict = field(default_factory=dict)

    @property
    def is_guide(self) -> bool:
        return bool(self.steps)


def all_articles() -> list[Article]:
    from library.demo_content import (
        access,
        budget,
        courtyards,
        energy,
        housing,
        meetings,
        participation,
        safety,
    )

    modules = (housing, meetings, courtyards, budget, energy, access, participation, safety)
    return [article for module in modules for article in module.ARTICLES]


TOPICS = [
    Topic(
        "budynok-i-osbb",
        "Будинок і ОСББ",
        "Як співвласникам керувати своїм будинком: ОСББ, управителі, кошториси, звіти.",
        en_title="Buildings and condominium associations",
        en_summary="How co-owners run their building: associations, managers, budgets, reports.",
    ),
    Topic(
        "zbory-spivvlasnykiv",
        "Збори співвласників",
        "Як скликати збори, рахувати голоси і оформити рішення, яке визнають.",
        parent="budynok-i-osbb",
        en_title="Co-owners' meetings",
        en_summary="Calling a meeting, counting votes and recording a decision that holds.",
    ),
    Topic(
        "dvory-i-prostory",
        "Двори та громадські простори",
        "Ремонт дворів, дитячі майданчики, дерева, сквери і паркування.",
        en_title="Courtyards and public spaces",
        en_summary="Courtyard renovation, playgrounds, trees, squares and parking.",
    ),
    Topic(
        "biudzhet-mista",
        "Міський бюджет",
        "Як читати бюджет, стежити за закупівлями і подати проєкт на громадський бюджет.",
        en_title="The city budget",
        en_summary="Reading the budget, following procurement, proposing a participatory project.",
    ),
    Topic(
        "enerhoefektyvnist",
        "Енергоефективність",
        "Утеплення будинків, лічильники тепла, енергоаудит і програми підтримки.",
        en_title="Energy efficiency",
        en_summary="Insulating buildings, heat meters, energy audits and support programmes.",
    ),
    Topic(
        "dostupne-misto",
        "Доступне місто",
        "Безбар'єрні вулиці, переходи, пандуси і транспорт для всіх.",
        en_title="An accessible city",
        en_summary="Barrier-free streets, crossings, ramps and transport for everyone.",
    ),
    Topic(
        "uchast-u-rishenniakh",
        "Участь у рішеннях",
        "Громадські слухання, петиції, запити на інформацію і засідання ради.",
        en_title="Taking part in decisions",
        en_summary="Public hearings, petitions, information requests and council sessions.",
    ),
    Topic(
        "bezpeka-i-ukryttia",
        "Безпека та укриття",
        "Укриття в будинках і школах, освітлення, підготовка до відключень.",
        en_title="Safety and shelters",
        en_summary="Shelters in buildings and schools, lighting, preparing for outages.",
    ),
]
