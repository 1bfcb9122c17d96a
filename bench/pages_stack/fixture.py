"""`python -m bench.pages_stack.fixture urls|publish <title>`: the demo city's pages the page
benchmark reads (printed as JSON), or an editor's published change to its guide, made from a
process of its own, as the admin would, through the shared cache."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.signatures_stack.settings")


def guide():
    from library.models import GuidePage

    return GuidePage.objects.live().filter(locale__language_code="uk").order_by("pk").first()


def urls() -> dict:
    from django.db.models import Sum

    from config.models import District
    from experts.models import ExpertDirectoryPage, ExpertProfile
    from petitions.models import PetitionIndexPage, PetitionPage

    petition = (
        PetitionPage.objects.live()
        .filter(state="open", locale__language_code="uk")
        .annotate(total=Sum("tallies__count"))
        .order_by("-total", "pk")
        .first()
    )
    directory = ExpertDirectoryPage.objects.live().filter(locale__language_code="uk").first()
    expert = ExpertProfile.objects.order_by("pk").first()
    return {
        "/": "/",
        "a guide": guide().url,
        "a petition": petition.url,
        "petitions": PetitionIndexPage.objects.live().get(locale__language_code="uk").url,
        "an expert": f"{directory.url}{expert.pk}/",
        "search": "/search/?q=ліфт",
        "petition_id": petition.pk,
        "district": District.objects.order_by("pk").first().pk,
    }


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "urls":
        print(json.dumps(urls(), ensure_ascii=False))
    else:
        page = guide()
        page.title = sys.argv[2]
        page.save_revision().publish()
        print(json.dumps({"url": page.url}))


if __name__ == "__main__":
    main()
