"""`python -m bench.signatures_stack.fixtures`: the city the benchmark signs in, printed as JSON.

Districts, one authority, the petitions index and one petition open for signatures with the
city's default thresholds (so the run crosses the 1,000-signature response threshold), and the
reference table of `urls.insert_one`.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.signatures_stack.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from config.demo import DISTRICTS
    from config.models import District, HomePage
    from petitions.dates import add_months
    from petitions.models import PetitionIndexPage, PetitionPage
    from profiles.models import Organization

    districts = [
        District.objects.get_or_create(
            slug=slug, defaults={"name_uk": uk, "name_en": en, "sort_order": i}
        )[0]
        for i, (slug, uk, en) in enumerate(DISTRICTS)
    ]
    authority, _ = Organization.objects.get_or_create(
        slug="bench-authority",
        defaults={"name": "Виконком", "kind": "municipal_body", "is_verified": True},
    )
    home = HomePage.objects.get(locale__language_code="uk")
    index = PetitionIndexPage(title="Петиції", slug="petitions", show_in_menus=True)
    home.add_child(instance=index)
    now = timezone.now()
    petition = PetitionPage(
        title="Освітлити всі пішохідні переходи міста",
        slug="bench",
        background="Темні переходи небезпечні.",
        scope="city",
        authority=authority,
        state="open",
        live=True,
        opened_at=now,
        closes_at=add_months(now, 6),
        response_threshold=1000,
        hearing_threshold=10_000,
    )
    index.add_child(instance=petition)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_reference (id bigserial PRIMARY KEY, note text NOT NULL, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
        cursor.execute(
            "CREATE TABLE bench_raw (id bigserial PRIMARY KEY, note text NOT NULL, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
    print(json.dumps({"petition": petition.pk, "districts": [d.pk for d in districts]}))


if __name__ == "__main__":
    main()
