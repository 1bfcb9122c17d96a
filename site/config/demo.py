"""The demo city: a deterministic, idempotent set of content that makes every page look lived-in.

Each app owns a `demo.py` with a `seed(*, progress)` step listed in DEMO_STEPS. A step draws its
randomness from `demo_random(name)`, so the same city comes out on every machine, and checks
what exists before it writes, so running `seed_demo` twice changes nothing.
"""

import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Locale, Site

from tqdm import tqdm

from config.maps import CITY_BOUNDS, polygon
from config.models import CitySettings, District, HomePage

DEMO_STEPS: list[str] = [
    "config.demo.seed",
    "profiles.demo.seed",
    "library.demo.seed",
    "petitions.demo.seed",
    "experts.demo.seed",
    "residents.demo.seed",
    "polls.demo.seed",  # after residents: its voters are the verified residents
    "meetings.demo.seed",  # after residents: its voters are the buildings' co-owners
    "ideas.demo.seed",  # after experts and polls: its projects' experts, its poll's editor
    "reports.demo.seed",  # after profiles: its bodies' teams, reporters and "me too"s
    "search.demo.seed",  # keep last: indexes what every step above created
]

DEMO_PASSWORD = "spilno-demo"  # noqa: S105  (printed for the demo; dev settings only)
ADMIN_EMAIL = "admin@spilno.localhost"
CITY_NAME_UK = "Ясногород"

DISTRICTS = [
    ("tsentralnyi", "Центральний", "Central"),
    ("podilskyi", "Подільський", "Podilskyi"),
    ("naberezhnyi", "Набережний", "Riverside"),
    ("zaliznychnyi", "Залізничний", "Railway"),
    ("shevchenkivskyi", "Шевченківський", "Shevchenkivskyi"),
    ("lisovyi", "Лісовий", "Forest"),
    ("sobornyi", "Соборний", "Cathedral"),
    ("pivnichnyi", "Північний", "Northern"),
    ("pivdennyi", "Південний", "Southern"),
    ("zavodskyi", "Заводський", "Factory"),
]

# The districts tile CITY_BOUNDS as a grid of 4 × 3 cells (row 0 in the north): each takes a
# block of cells (first column, last column, first row, last row), the centre and the factory
# side two cells each. Neighbours share their corners, so the outlines meet without gaps.
DISTRICT_BLOCKS = {
    "tsentralnyi": (1, 2, 1, 1),
    "podilskyi": (0, 0, 0, 0),
    "naberezhnyi": (0, 0, 1, 1),
    "zaliznychnyi": (0, 0, 2, 2),
    "shevchenkivskyi": (1, 1, 0, 0),
    "lisovyi": (3, 3, 0, 0),
    "sobornyi": (1, 1, 2, 2),
    "pivnichnyi": (2, 2, 0, 0),
    "pivdennyi": (2, 2, 2, 2),
    "zavodskyi": (3, 3, 1, 2),
}
GRID_COLUMNS, GRID_ROWS = 4, 3


def district_boundaries() -> dict[str, dict]:
    """Each demo district's outline (GeoJSON Polygon, lon/lat): the grid's inner corners are
    moved a little, the same way on every machine, so the city does not look like a chessboard."""
    west, south, east, north = CITY_BOUNDS
    rng = demo_random("district-boundaries")
    step_x, step_y = (east - west) / GRID_COLUMNS, (north - south) / GRID_ROWS
    corners = {}
    for row in range(GRID_ROWS + 1):
        for column in range(GRID_COLUMNS + 1):
            inner = 0 < row < GRID_ROWS and 0 < column < GRID_COLUMNS
            corners[row, column] = (
                west + column * step_x + (rng.uniform(-0.2, 0.2) * step_x if inner else 0),
                north - row * step_y + (rng.uniform(-0.2, 0.2) * step_y if inner else 0),
            )
    outlines = {}
    for slug, (c0, c1, r0, r1) in DISTRICT_BLOCKS.items():
        ring = [corners[r0, c] for c in range(c0, c1 + 2)]
        ring += [corners[r, c1 + 1] for r in range(r0 + 1, r1 + 2)]
        ring += [corners[r1 + 1, c] for c in range(c1, c0 - 1, -1)]
        ring += [corners[r, c0] for r in range(r1, r0, -1)]
        outlines[slug] = polygon(ring)
    return outlines


def demo_random(name: str) -> random.Random:
    """A random generator of its own for each step: adding a step never reshuffles another."""
    return random.Random(f"spilno-demo:{name}")  # noqa: S311


class Progress:
    """One progress bar across all steps, so a long seed shows where it is."""

    def __init__(self, *, stream, enabled: bool = True):
        self.stream = stream
        self.enabled = enabled

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[tqdm]:
        bar = tqdm(
            total=total,
            desc=f"{label:<28}",
            file=self.stream,
            disable=not self.enabled,
            unit="",
            bar_format="{desc} {bar:30} {n_fmt}/{total_fmt} {elapsed}",
            leave=True,
        )
        try:
            yield bar
        finally:
            bar.close()

    def iterate(self, label: str, items: Iterable, total: int | None = None) -> Iterator:
        items = list(items) if total is None else items
        with self.task(label, total if total is not None else len(items)) as bar:
            for item in items:
                yield item
                bar.update(1)


def seed(*, progress: Progress) -> None:
    """The city: its districts, settings, English home page, staff accounts."""
    boundaries = district_boundaries()
    with transaction.atomic():
        for order, (slug, name_uk, name_en) in enumerate(
            progress.iterate("city: districts", DISTRICTS)
        ):
            District.objects.update_or_create(
                slug=slug,
                defaults={
                    "name_uk": name_uk,
                    "name_en": name_en,
                    "sort_order": order,
                    "boundary": boundaries[slug],
                },
            )
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Spilno"
        site.save()
        settings = CitySettings.for_site(site)
        settings.city_name = CITY_NAME_UK
        settings.contact_email = "hello@spilno.localhost"
        settings.privacy_contact = "privacy@spilno.localhost"
        settings.save()
        seed_home_pages()
        seed_staff()


def seed_home_pages() -> None:
    """The Ukrainian home page and its English translation, published once."""
    home = HomePage.objects.get(locale__language_code="uk")
    english, _ = Locale.objects.get_or_create(language_code="en")
    if home.get_translation_or_none(english) is not None:
        return
    home.title = "Спільно: разом вирішуємо, як живе Ясногород"
    home.intro = (
        "<p>Бібліотека знань міста, петиції, експерти з заробленою репутацією "
        "та люди й організації, які діють разом.</p>"
    )
    home.save_revision().publish()
    home_en = home.copy_for_translation(english)
    home_en.title = "Spilno: together we decide how Yasnohorod lives"
    home_en.intro = (
        "<p>The city's library of knowledge, petitions, experts with earned reputation, "
        "and the people and organizations who act together.</p>"
    )
    home_en.save_revision().publish()


def seed_staff() -> None:
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        email=ADMIN_EMAIL,
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Адміністратор"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for email, group_name, first_name in [
        ("editor@spilno.localhost", "Editors", "Оксана"),
        ("moderator@spilno.localhost", "Moderators", "Тарас"),
    ]:
        user, created = User.objects.get_or_create(
            email=email, defaults={"is_staff": True, "first_name": first_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
    verify_emails(User.objects.filter(is_staff=True))


def verify_emails(users) -> None:
    """Demo accounts skip the confirmation email: mark their addresses verified."""
    from allauth.account.models import EmailAddress

    for user in users:
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
