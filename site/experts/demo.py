"""The demo city's experts: competencies, 30+ experts, 20+ projects in every state, ratings
and consultations that give believably different reputations.

People are found by email before they are created, so a demo user another step made is
reused. Writes are bulk where there is volume; reputation is computed once at the end with
the same code the site uses. A second run finds everything in place and writes nothing.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from config.demo import ADMIN_EMAIL, DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District, HomePage
from experts import demo_data as data
from experts import reputation
from experts.demo_activity import ARCHETYPES, days_ago, moment, seed_consultations, seed_ratings
from experts.models import (
    Competency,
    CompetencyClaim,
    ExpertDirectoryPage,
    ExpertProfile,
    ProjectIndexPage,
    ProjectMilestone,
    ProjectPage,
    ProjectParticipant,
    Question,
)
from profiles.models import Membership, Organization

FIRST_RESIDENT = 21
ORGANIZATIONS = [
    ("experts-demo-teploservis", "ТОВ «Теплосервіс Ясногород»", "responsible_business"),
    ("experts-demo-zelenyi", "ГО «Зелений Ясногород»", "public_organization"),
    ("experts-demo-misto", "Бюро «Місто для людей»", "informal_group"),
]
FREE_TAGS = ["ОСББ", "енергоефективність", "громадський бюджет", "безбар'єрність", "озеленення"]


def seed(*, progress: Progress) -> None:
    rng = demo_random("experts")
    with transaction.atomic():
        competencies = seed_competencies(progress)
        people = seed_people(progress)
        experts = seed_experts(progress, rng, competencies, people)
        directory, index = seed_index_pages()
        if not ProjectPage.objects.exists():
            projects = seed_projects(progress, rng, index, experts, people["residents"])
            seed_ratings(progress, rng, projects, experts)
        if not Question.objects.exists():
            seed_consultations(progress, rng, competencies, experts, people["residents"])
    if not ExpertProfile.objects.filter(last_activity_on__isnull=False).exists():
        reputation.recompute_all()


def seed_competencies(progress: Progress) -> dict[str, Competency]:
    competencies = {}
    for order, (slug, name, name_en, description) in enumerate(
        progress.iterate("experts: competencies", data.COMPETENCIES)
    ):
        competencies[slug], _ = Competency.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "sort_order": order,
            },
        )
    return competencies


def _users(emails_names: list[tuple[str, str, str]]) -> list:
    """Users by email: existing ones are reused, missing ones created with the demo password."""
    User = get_user_model()
    existing = {u.email: u for u in User.objects.filter(email__in=[e for e, _, _ in emails_names])}
    missing = [row for row in emails_names if row[0] not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)
        created = [
            User.objects.create(email=email, first_name=first, last_name=last, password=password)
            for email, first, last in missing
        ]
        verify_emails(created)
        existing.update({u.email: u for u in created})
    return [existing[email] for email, _, _ in emails_names]


def seed_people(progress: Progress) -> dict:
    experts = [
        (f"expert{n:03d}@example.org", first, last)
        for n, (first, last, *_rest) in enumerate(data.EXPERTS, start=1)
    ]
    # The profiles demo's residents when it ran (same addresses), else made here.
    residents = [
        (f"resident{n:03d}@example.org", first, last)
        for n, (first, last) in enumerate(data.RESIDENTS, start=FIRST_RESIDENT)
    ]
    with progress.task("experts: people", 2) as bar:
        expert_users = _users(experts)
        bar.update(1)
        resident_users = _users(residents)
        bar.update(1)
    organizations = []
    for slug, name, kind in ORGANIZATIONS:
        organization, _ = Organization.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
        organizations.append(organization)
    # Conflicts of interest the demo shows: colleagues never rate each other.
    for user, organization in [
        (expert_users[0], organizations[0]),
        (expert_users[24], organizations[0]),
        (resident_users[0], organizations[0]),
        (expert_users[14], organizations[1]),
        (resident_users[1], organizations[1]),
        (expert_users[10], organizations[2]),
    ]:
        Membership.objects.get_or_create(organization=organization, user=user)
    return {"experts": expert_users, "residents": resident_users, "orgs": organizations}


def seed_experts(progress: Progress, rng: random.Random, competencies, people) -> list[dict]:
    districts = list(District.objects.order_by("sort_order"))
    admin = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
    experts = []
    rows = list(zip(data.EXPERTS, people["experts"], strict=True))
    for (_first, _last, slugs, archetype, district), user in progress.iterate(
        "experts: profiles", rows
    ):
        years = rng.randint(4, 25)
        profile, created = ExpertProfile.objects.get_or_create(
            user=user,
            defaults={
                "statement": data.STATEMENTS[slugs[0]],
                "credentials": rng.choice(data.CREDENTIALS).format(years=years),
                "district": districts[district] if districts else None,
            },
        )
        if created:
            profile.tags.add(*rng.sample(FREE_TAGS, 2))
            for slug in slugs:
                _claim(profile, competencies[slug], archetype, admin)
        experts.append({"profile": profile, "archetype": archetype, "slugs": slugs})
    return experts


def _claim(profile, competency, archetype, admin) -> None:
    status = {
        "pending": CompetencyClaim.Status.PENDING,
        "rejected": CompetencyClaim.Status.REJECTED,
    }.get(archetype, CompetencyClaim.Status.VERIFIED)
    reviewed = status != CompetencyClaim.Status.PENDING
    CompetencyClaim.objects.create(
        content_object=profile,
        tag=competency,
        evidence="Диплом, сертифікат і перелік виконаних проєктів додано до заявки.",
        status=status,
        reviewed_by=admin if reviewed else None,
        reviewed_at=timezone.now() if reviewed else None,
        review_note="" if status != CompetencyClaim.Status.REJECTED else "Додайте копію диплома.",
    )


def seed_index_pages() -> tuple[ExpertDirectoryPage, ProjectIndexPage]:
    home = HomePage.objects.get(locale__language_code="uk")
    english, _ = Locale.objects.get_or_create(language_code="en")
    directory = _index_page(
        home,
        english,
        ExpertDirectoryPage,
        slug="experts",
        titles=("Експерти", "Experts"),
        intros=(
            "<p>Люди, які знають, як зробити місто кращим, і репутація, яку вони заробили "
            "на реальних проєктах.</p>",
            "<p>People who know how to make the city better, with reputation earned on "
            "real projects.</p>",
        ),
    )
    index = _index_page(
        home,
        english,
        ProjectIndexPage,
        slug="projects",
        titles=("Проєкти", "Projects"),
        intros=(
            "<p>Громадські проєкти міста: хто їх робив і як учасники оцінили роботу експертів.</p>",
            "<p>The city's civic projects: who did them and how participants rated the "
            "experts' work.</p>",
        ),
    )
    return directory, index


def _index_page(home, english, model, *, slug, titles, intros):
    page = model.objects.filter(locale=home.locale).first()
    if page is None:
        page = model(title=titles[0], slug=slug, intro=intros[0], show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
    if page.get_translation_or_none(english) is None:
        translated = page.copy_for_translation(english)
        translated.title = titles[1]
        translated.intro = intros[1]
        translated.save_revision().publish()
    return page


def seed_projects(progress, rng, index, experts, residents) -> list[dict]:
    english = Locale.objects.get(language_code="en")
    index_en = index.get_translation(english)
    districts = list(District.objects.order_by("sort_order"))
    picks: dict[int, int] = {}
    projects = []
    partners = _partner_organizations()
    for n, row in enumerate(progress.iterate("experts: projects", data.PROJECTS)):
        page = _project_page(rng, index, index_en, n, row, districts, residents)
        team = _team(rng, row[4], experts, picks)
        crowd = rng.randint(4, 9) if row[5] == "completed" else rng.randint(3, 6)
        people = rng.sample([r for r in residents if r != page.coordinator], crowd)
        _participants(rng, page, team, people, row[5], partners)
        projects.append({"page": page, "team": team, "people": people})
    return projects


def _project_page(rng, index, index_en, n, row, districts, residents) -> ProjectPage:
    """The project in Ukrainian and its English translation (same translation key), each
    published as an editor publishes a page: a revision, published, so the page has its
    publication dates (lists sort by them, a coordinator's page shows them)."""
    title, title_en, goal, goal_en, needs, state = row
    names = {slug: (uk[0].lower() + uk[1:], en.lower()) for slug, uk, en, _ in data.COMPETENCIES}
    body = (
        "<p>Над проєктом працюють мешканці, координатор і фахівці: "
        f"{', '.join(names[slug][0] for slug in needs)}. Етапи, учасники та оцінки їхньої "
        "роботи — на цій сторінці.</p>"
    )
    body_en = (
        "<p>Residents, a coordinator and specialists work on the project: "
        f"{', '.join(names[slug][1] for slug in needs)}. Milestones, participants and the "
        "ratings of their work are on this page.</p>"
    )
    page = ProjectPage(
        title=title,
        slug=slugify(title_en)[:60],
        goal=goal,
        body=body,
        district=districts[n % len(districts)] if districts else None,
        coordinator=rng.choice(residents),
        status=state,
        outcome=data.OUTCOME_UK if state == "completed" else "",
    )
    if state == "completed":
        page.completed_on = days_ago(rng.randint(40, 1400))
        page.started_on = page.completed_on - timedelta(days=rng.randint(90, 240))
    elif state == "active":
        page.started_on = days_ago(rng.randint(30, 200))
    # Announced two weeks before it starts; a planned one some days ago. Not drawn from `rng`,
    # so the rest of the demo comes out as it always did.
    page.first_published_at = moment((page.started_on or days_ago(3 + 4 * n)) - timedelta(days=14))
    closed = {"completed": 4, "active": rng.randint(0, 2), "planned": 0}[state]
    start = page.started_on or days_ago(0)
    milestones = []
    for order, (milestone, milestone_en) in enumerate(data.MILESTONES):
        due = start + timedelta(days=45 * (order + 1))
        closed_on = min(due, page.completed_on or days_ago(5)) if order < closed else None
        milestones.append((milestone, milestone_en, due, closed_on, order))
        page.milestones.add(
            ProjectMilestone(title=milestone, due_on=due, closed_on=closed_on, sort_order=order)
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    translated = ProjectPage(
        title=title_en,
        slug=page.slug,
        goal=goal_en,
        body=body_en,
        district=page.district,
        coordinator=page.coordinator,
        status=page.status,
        started_on=page.started_on,
        completed_on=page.completed_on,
        outcome=data.OUTCOME_EN if page.outcome else "",
        first_published_at=page.first_published_at,
        locale=index_en.locale,
        translation_key=page.translation_key,
    )
    for _uk, milestone_en, due, closed_on, order in milestones:
        translated.milestones.add(
            ProjectMilestone(title=milestone_en, due_on=due, closed_on=closed_on, sort_order=order)
        )
    index_en.add_child(instance=translated)
    translated.save_revision().publish()
    return page


def _partner_organizations() -> list[Organization]:
    """Organizations of the profiles demo (not authorities) when present, else ours."""
    others = Organization.objects.exclude(kind__in=Organization.AUTHORITY_KINDS)
    found = list(others.exclude(slug__startswith="experts-demo").order_by("slug")[:8])
    return found or list(others.filter(slug__startswith="experts-demo").order_by("slug"))


def _team(rng, needs, experts, picks) -> list[tuple[dict, str]]:
    team = []
    for slug in needs:
        candidates = [
            e
            for e in experts
            if slug in e["slugs"]
            and ARCHETYPES[e["archetype"]][2]
            and not (e["archetype"] == "newcomer" and picks.get(id(e)))
            and e not in [member for member, _ in team]
        ]
        if not candidates:
            continue
        # Veterans are in demand; otherwise most experts get at least one project.
        veterans = [e for e in candidates if e["archetype"] == "veteran"]
        fresh = [e for e in candidates if not picks.get(id(e))]
        if veterans and rng.random() < 0.55:
            chosen = rng.choice(veterans)
        elif fresh and rng.random() < 0.8:
            chosen = rng.choice(fresh)
        else:
            weights = [ARCHETYPES[e["archetype"]][2] for e in candidates]
            chosen = rng.choices(candidates, weights=weights)[0]
        picks[id(chosen)] = picks.get(id(chosen), 0) + 1
        team.append((chosen, slug))
    return team


def _participants(rng, page, team, people, state, partners) -> None:
    competencies = {c.slug: c for c in Competency.objects.all()}
    rows = [
        ProjectParticipant(
            project=page,
            user=member["profile"].user,
            role=ProjectParticipant.Role.EXPERT,
            competency=competencies[slug],
            title=data.ROLE_TITLES[slug],
            state=ProjectParticipant.State.ACCEPTED,
            invited_by=page.coordinator,
        )
        for member, slug in team
    ]
    for n, person in enumerate(people):
        invited = state != "completed" and n == len(people) - 1
        rows.append(
            ProjectParticipant(
                project=page,
                user=person,
                role=ProjectParticipant.Role.PARTICIPANT,
                title="від мешканців",
                state=ProjectParticipant.State.INVITED
                if invited
                else ProjectParticipant.State.ACCEPTED,
                invited_by=page.coordinator,
            )
        )
    if rng.random() < 0.5:
        organization = rng.choice(
            list(Organization.objects.filter(slug__startswith="experts-demo"))
        )
        rows.append(
            ProjectParticipant(
                project=page,
                organization=organization,
                role=ProjectParticipant.Role.PARTNER,
                title="партнер",
                state=ProjectParticipant.State.ACCEPTED,
                invited_by=page.coordinator,
            )
        )
    ProjectParticipant.objects.bulk_create(rows)
