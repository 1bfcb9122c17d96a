"""Benchmark of keeping expert reputation exact, each figure beside a reference from one run.

    .venv/bin/python bench/experts_reputation.py [--ratings 300] [--rounds 30]

It migrates a throwaway SQLite database (in a temporary folder, removed at the end), builds one
completed project with an expert who already has `--ratings` ratings, and measures with the
test settings:

- a rating through the service (every rule checked, the rating stored, the platform totals and
  the expert's reputation rows recomputed in the same transaction), against a bare INSERT of
  the same rating row (the cost of exactness per rating);
- `expert_refresh` of that expert (all their evidence read and summed in Decimal, rows
  compared and written), against just reading their rating rows;
- the directory page sorted by reputation (40 experts), against the same page sorted by
  recent activity (no score computed in SQL).

Medians of paired rounds; the first round of each kind warms caches and is not counted.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
WORK = Path(tempfile.mkdtemp(prefix="spilno-bench-experts-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["TEST_MEDIA_ROOT"] = str(WORK / "media")


def paired_medians_ms(first, second, rounds: int) -> tuple[float, float]:
    """Medians of two actions run turn about, so a busy machine slows both alike."""
    first(), second()  # warm-up, not counted
    times: tuple[list, list] = ([], [])
    for _ in range(rounds):
        for action, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            action()
            bucket.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def setup_city(ratings: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from config.models import HomePage
    from experts import reputation, services
    from experts.models import (
        Competency,
        CompetencyClaim,
        ExpertDirectoryPage,
        ExpertProfile,
        ProjectIndexPage,
        ProjectParticipant,
        Rating,
    )

    User = get_user_model()
    home = HomePage.objects.get(locale__language_code="uk")
    directory = ExpertDirectoryPage(title="Експерти", slug="experts")
    home.add_child(instance=directory)
    index = ProjectIndexPage(title="Проєкти", slug="projects")
    home.add_child(instance=index)
    competency = Competency.objects.create(slug="heating", name="Теплотехнік", name_en="Heating")
    password = make_password("bench")
    people = User.objects.bulk_create(
        [User(email=f"bench{n:04d}@example.org", password=password) for n in range(ratings + 400)]
    )
    experts = ExpertProfile.objects.bulk_create(
        [ExpertProfile(user=user, statement="Тепло", credentials="Диплом") for user in people[:40]]
    )
    CompetencyClaim.objects.bulk_create(
        [
            CompetencyClaim(content_object=e, tag=competency, evidence="№1", status="verified")
            for e in experts
        ]
    )
    coordinator, expert = people[40], experts[0]
    project = services.project_create(
        parent=index, title="Тепловий пункт", goal="Тепло", coordinator=coordinator
    )
    raters = people[41:]
    ProjectParticipant.objects.bulk_create(
        [
            ProjectParticipant(
                project=project,
                user=expert.user,
                role="expert",
                competency=competency,
                state="accepted",
            ),
            *(
                ProjectParticipant(project=project, user=u, role="participant", state="accepted")
                for u in raters
            ),
        ]
    )
    services.project_transition(project=project, to="active", by=coordinator)
    services.project_transition(project=project, to="completed", by=coordinator)
    Rating.objects.bulk_create(
        [
            Rating(
                project=project,
                rater=u,
                expert=expert.user,
                competency=competency,
                competence=n % 5 + 1,
                usefulness=4,
                timeliness=3,
                communication=5,
                work_on=timezone.localdate(),
            )
            for n, u in enumerate(raters[:ratings])
        ]
    )
    reputation.recompute_all()
    return directory, project, expert, competency, iter(raters[ratings:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratings", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from experts import reputation, services
    from experts.models import Rating

    directory, project, expert, competency, fresh = setup_city(args.ratings)
    values = {"competence": 5, "usefulness": 5, "timeliness": 4, "communication": 5}

    def through_service():
        services.rating_submit(
            project=project, rater=next(fresh), expert_user=expert.user, **values
        )

    def bare_insert():
        Rating.objects.create(
            project=project,
            rater=next(fresh),
            expert=expert.user,
            competency=competency,
            work_on=timezone.localdate(),
            **values,
        )

    rated, bare = paired_medians_ms(through_service, bare_insert, args.rounds)
    rows = Rating.objects.filter(expert=expert.user)
    refresh, read = paired_medians_ms(
        lambda: reputation.expert_refresh(expert), lambda: list(rows.all()), args.rounds
    )
    client = Client()
    by_reputation, by_activity = paired_medians_ms(
        lambda: client.get(directory.url, {"sort": "reputation"}),
        lambda: client.get(directory.url, {"sort": "activity"}),
        args.rounds,
    )
    count = rows.count()
    print(f"rating via service (rules + exact reputation): {rated:7.2f} ms")
    print(f"  reference: bare INSERT of the rating row:      {bare:7.2f} ms", end="")
    print(f"  ratio {rated / bare:5.1f}")
    print(f"expert_refresh, {count} ratings:                 {refresh:7.2f} ms")
    print(f"  reference: reading those rating rows:          {read:7.2f} ms", end="")
    print(f"  ratio {refresh / read:5.1f}")
    print(f"directory sorted by reputation (40 experts):   {by_reputation:7.2f} ms")
    print(
        f"  reference: sorted by activity:                 {by_activity:7.2f} ms"
        f"  ratio {by_reputation / by_activity:5.2f}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
