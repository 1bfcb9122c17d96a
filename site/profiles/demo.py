"""The people and organizations of the demo city.

Other demo steps reuse them (this step runs right after config's):
- residents `resident001@example.org` … `resident120@example.org`, password
  `config.demo.DEMO_PASSWORD`, emails verified; `demo_users()` returns them in that order.
  resident001 is the deputy Олена Коваль; 002–004 deputies; 005–014 municipal officials;
  015–022 public organization representatives; 023–026 socially responsible business;
  027–030 have status requests waiting for staff; 031 was declined, 032's deputy status was
  revoked; the rest are citizens. resident050–052 have invitations waiting.
- `demo_organizations(kind=None)`: 33 organizations of every kind, with teams;
  `demo_authorities()`: the verified municipal bodies and deputy's offices (the slugs of the
  petitions demo's authorities, so petitions are addressed to organizations with teams).
"""

import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from taggit.models import Tag, TaggedItem
from wagtail.models import Locale

from config.demo import ADMIN_EMAIL, DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District, HomePage
from profiles import demo_content as content
from profiles.models import (
    BlogPost,
    DirectoryPage,
    Invitation,
    JoinRequest,
    Membership,
    NotificationSetting,
    Organization,
    PostReport,
    Profile,
    Status,
    StatusChange,
    StatusRequest,
    Visibility,
)
from profiles.selectors import authorities_addressable
from profiles.text import latin_slug, sort_key

USER_COUNT = 120
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
COLOURS = ["#0b5394", "#1e6b34", "#8a4b00", "#6a1b9a", "#00695c", "#b00020"]


def resident_email(number: int) -> str:
    return f"resident{number:03d}@example.org"


def demo_users() -> QuerySet:
    """The demo residents, resident001 first."""
    emails = [resident_email(n) for n in range(1, USER_COUNT + 1)]
    return get_user_model().objects.filter(email__in=emails).order_by("email")


def demo_organizations(kind: str | None = None) -> QuerySet[Organization]:
    organizations = Organization.objects.filter(name__in=_organization_names())
    return organizations.filter(kind=kind) if kind else organizations


def demo_authorities() -> QuerySet[Organization]:
    return demo_organizations().filter(pk__in=authorities_addressable())


def _organization_names() -> list[str]:
    names = [name for _slug, name, _kind, _about in content.ORGANIZATIONS]
    return [name for name in names if "{name}" not in name] + list(
        Organization.objects.filter(name__startswith="Депутатська приймальня: ").values_list(
            "name", flat=True
        )
    )


def seed(*, progress: Progress) -> None:
    """Residents with profiles of every status, organizations of every kind with teams,
    blogs, requests and invitations; and the People and Organizations menu entries."""
    seed_directory_pages()
    User = get_user_model()
    if User.objects.filter(email=resident_email(1)).exists():
        return
    rng = demo_random("profiles")
    with transaction.atomic():
        users = seed_users(progress, rng)
        organizations = seed_organizations(progress, rng, users)
        seed_statuses(progress, users, organizations)
        seed_blogs(progress, rng, users, organizations)
        seed_requests(users, organizations)
    seed_photos(progress, users, organizations)


def seed_directory_pages() -> None:
    """The menu entries «Люди» and «Організації», in Ukrainian and English."""
    home = HomePage.objects.filter(locale__language_code="uk").first()
    if home is None:
        return
    english = Locale.objects.get_or_create(language_code="en")[0]
    for slug, directory, title_uk, title_en in [
        ("people", DirectoryPage.Directory.PEOPLE, "Люди", "People"),
        ("organizations", DirectoryPage.Directory.ORGANIZATIONS, "Організації", "Organizations"),
    ]:
        page = DirectoryPage.objects.filter(locale=home.locale, directory=directory).first()
        if page is None:
            page = DirectoryPage(title=title_uk, slug=slug, directory=directory, show_in_menus=True)
            home.add_child(instance=page)
            page.save_revision().publish()
        if page.get_translation_or_none(english) is None:
            translated = page.copy_for_translation(english)
            translated.title = title_en
            translated.show_in_menus = True
            translated.save_revision().publish()


def _names(rng) -> list[str]:
    names = {"Олена Коваль"}
    ordered = ["Олена Коваль"]
    while len(ordered) < USER_COUNT:
        first = rng.choice(rng.choice([content.FEMALE_NAMES, content.MALE_NAMES]))
        name = f"{first} {rng.choice(content.SURNAMES)}"
        if name not in names:
            names.add(name)
            ordered.append(name)
    return ordered


def seed_users(progress: Progress, rng) -> list:
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is the slow part
    names = _names(rng)
    users = User.objects.bulk_create(
        [User(email=resident_email(n), password=password) for n in range(1, USER_COUNT + 1)]
    )
    users = list(demo_users())
    districts = list(District.objects.all())
    levels = [Visibility.PUBLIC, Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE]
    profiles = []
    for user, name in zip(users, names, strict=True):
        profiles.append(
            Profile(
                user=user,
                display_name=name,
                sort_name=sort_key(name),
                about=rng.choice(content.ABOUT),
                activity=rng.choice(content.ACTIVITY) if rng.random() < 0.6 else "",
                links=rng.sample(content.LINKS, rng.randint(0, 2)),
                district=rng.choice(districts) if districts else None,
                building=rng.choice(content.BUILDINGS) if rng.random() < 0.5 else "",
                about_visibility=rng.choice(levels),
                activity_visibility=rng.choice(levels),
                skills_visibility=rng.choice(levels[:3]),
                district_visibility=rng.choice([Visibility.PRIVATE, Visibility.MEMBERS]),
                photo_visibility=rng.choice([Visibility.PUBLIC, Visibility.MEMBERS]),
            )
        )
    Profile.objects.bulk_create(profiles)
    _tag(Profile.objects.filter(user__in=users).order_by("user__email"), rng, most=4)
    verify_emails(users)
    return users


def _tag(objects, rng, *, most: int) -> None:
    """A few skills (or areas of work) each, written in one go rather than a tag-manager call
    per object."""
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in content.SKILLS}
    items = []
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)
        for name in rng.sample(content.SKILLS, rng.randint(1, most)):
            items.append(TaggedItem(tag=tags[name], content_type=content_type, object_id=obj.pk))
    TaggedItem.objects.bulk_create(items)


def _registration(rng, kind: str) -> dict:
    if kind == Organization.Kind.INFORMAL_GROUP:
        return {"registry_code": "", "address": ""}
    code = "" if kind == Organization.Kind.DEPUTY_OFFICE else f"{rng.randint(10**7, 10**8 - 1)}"
    street = rng.choice(content.STREETS)
    return {"registry_code": code, "address": f"{street}, {rng.randint(1, 90)}, м. Ясногород"}


def seed_organizations(progress: Progress, rng, users) -> list[Organization]:
    admin = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
    districts = list(District.objects.all())
    deputies = iter(users[1:4])
    organizations = []
    for slug, name, kind, about in progress.iterate(
        "profiles: organizations", content.ORGANIZATIONS
    ):
        if "{name}" in name:
            name = name.format(name=next(deputies).profile.display_name)
        verified = kind != Organization.Kind.INFORMAL_GROUP and rng.random() < 0.75
        authority = kind in Organization.AUTHORITY_KINDS
        verified = verified or authority
        organization, _ = Organization.objects.update_or_create(
            slug=slug or latin_slug(name),
            defaults={
                "name": name,
                "kind": kind,
                "about": about,
                "district": rng.choice(districts) if districts else None,
                "is_verified": verified,
                "verified_at": timezone.now() if verified else None,
                "verified_by": admin if verified else None,
                # Granted with their leaders' statuses (seed_statuses), as staff do.
                "authority_granted_at": timezone.now() if authority else None,
                "authority_granted_by": admin if authority else None,
                "email": f"{latin_slug(' '.join(name.split()[:2]))}@example.org"
                if rng.random() < 0.5
                else "",
                **_registration(rng, kind),
            },
        )
        organizations.append(organization)
    _tag(organizations, rng, most=3)
    _teams(rng, users, organizations)
    return organizations


def _owner_for(index: int, organization: Organization, users):
    """Verified people lead the organizations that match their status."""
    kind = organization.kind
    by_kind = {
        Organization.Kind.DEPUTY_OFFICE: users[0:4],
        Organization.Kind.MUNICIPAL_BODY: users[4:14:2],
        Organization.Kind.PUBLIC_ORGANIZATION: users[14:18],
        Organization.Kind.SELF_ORGANIZATION: users[18:22],
        Organization.Kind.RESPONSIBLE_BUSINESS: users[22:26],
    }
    candidates = by_kind.get(kind) or users[32:44]
    return candidates[index % len(candidates)]


def _teams(rng, users, organizations) -> None:
    seen_kinds: dict[str, int] = {}
    memberships = []
    for organization in organizations:
        position = seen_kinds.get(organization.kind, 0)
        seen_kinds[organization.kind] = position + 1
        owner = _owner_for(position, organization, users)
        team = {owner.pk: Membership.Role.OWNER}
        if organization.kind == Organization.Kind.MUNICIPAL_BODY:
            team[users[5 + 2 * (position % 5)].pk] = Membership.Role.ADMIN
        for member in rng.sample(users[44:], rng.randint(2, 7)):
            team.setdefault(member.pk, Membership.Role.MEMBER)
        if len(team) > 2:
            admin_pk = next(pk for pk, role in team.items() if role == Membership.Role.MEMBER)
            team[admin_pk] = Membership.Role.ADMIN
        for user_pk, role in team.items():
            title = "Голова" if role == Membership.Role.OWNER else ""
            memberships.append(
                Membership(organization=organization, user_id=user_pk, role=role, title=title)
            )
    Membership.objects.bulk_create(memberships, ignore_conflicts=True)


STATUS_GROUPS = [
    (0, 4, Status.DEPUTY, Organization.Kind.DEPUTY_OFFICE),
    (4, 14, Status.MUNICIPAL_OFFICIAL, Organization.Kind.MUNICIPAL_BODY),
    (14, 22, Status.ORGANIZATION_REPRESENTATIVE, None),
    (22, 26, Status.RESPONSIBLE_BUSINESS, Organization.Kind.RESPONSIBLE_BUSINESS),
]
EVIDENCE = "Рішення міської ради про обрання (призначення), номер і дата є на сайті ради."


def seed_statuses(progress: Progress, users, organizations) -> None:
    """Verified statuses with their requests and the log of grants; requests waiting for
    staff; one declined; one granted and later revoked."""
    admin = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
    now = timezone.now()
    memberships = {}
    for membership in Membership.objects.filter(user__in=users).select_related("organization"):
        memberships.setdefault(membership.user_id, []).append(membership.organization)
    granted = []
    for start, end, status, kind in STATUS_GROUPS:
        for user in users[start:end]:
            teams = memberships.get(user.pk, [])
            organization = next((o for o in teams if kind is None or o.kind == kind), None)
            granted.append((user, status, organization))
    requests = StatusRequest.objects.bulk_create(
        [
            StatusRequest(
                user=user, status=status, organization=organization, evidence=EVIDENCE,
                state=StatusRequest.State.APPROVED, decided_at=now, decided_by=admin,
            )
            for user, status, organization in granted
        ]
    )  # fmt: skip
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                user=request.user, action=StatusChange.Action.GRANT, status_before=Status.CITIZEN,
                status_after=request.status, changed_by=admin, reason="Документи перевірено.",
                request=request,
            )
            for request in requests
        ]
    )  # fmt: skip
    profiles = []
    for user, status, organization in progress.iterate("profiles: statuses", granted):
        profile = user.profile
        profile.status, profile.status_organization, profile.status_since = (
            status,
            organization,
            now,
        )
        profiles.append(profile)
    Profile.objects.bulk_update(profiles, ["status", "status_organization", "status_since"])
    pending = [Status.DEPUTY, Status.MUNICIPAL_OFFICIAL, Status.ORGANIZATION_REPRESENTATIVE]
    StatusRequest.objects.bulk_create(
        [
            StatusRequest(user=user, status=pending[i % 3], evidence=EVIDENCE)
            for i, user in enumerate(users[26:30])
        ]
        + [
            StatusRequest(
                user=users[30], status=Status.RESPONSIBLE_BUSINESS, evidence="Я підприємець.",
                state=StatusRequest.State.DECLINED, decided_at=now, decided_by=admin,
                decision_note="Додайте виписку з реєстру або посилання на неї.",
            )
        ]
    )  # fmt: skip
    revoked = StatusRequest.objects.create(
        user=users[31], status=Status.DEPUTY, evidence=EVIDENCE,
        state=StatusRequest.State.APPROVED, decided_at=now, decided_by=admin,
    )  # fmt: skip
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                user=users[31], action=StatusChange.Action.GRANT, status_before=Status.CITIZEN,
                status_after=Status.DEPUTY, changed_by=admin, reason="Документи перевірено.",
                request=revoked,
            ),
            StatusChange(
                user=users[31], action=StatusChange.Action.REVOKE, status_before=Status.DEPUTY,
                status_after=Status.CITIZEN, changed_by=admin,
                reason="Повноваження депутата припинено рішенням ради.",
            ),
        ]
    )  # fmt: skip


def _body(rng) -> str:
    paragraphs = rng.sample(content.POST_PARAGRAPHS, 3)
    html = "".join(f"<p>{text}</p>" for text in paragraphs[:2])
    if rng.random() < 0.4:
        html += (
            "<h2>Що далі</h2><ul><li>Зібрати підписи</li><li>Зустрітися з департаментом</li></ul>"
        )
    return html + f"<p>{paragraphs[2]}</p>"


def seed_blogs(progress: Progress, rng, users, organizations) -> None:
    now = timezone.now()
    posts = []
    for i in range(48):
        state = BlogPost.State.DRAFT if i % 10 == 9 else BlogPost.State.PUBLISHED
        posts.append(
            BlogPost(
                author=users[rng.randrange(0, 60)],
                title=rng.choice(content.POST_TITLES),
                body=_body(rng),
                state=state,
                published_at=now - timezone.timedelta(days=rng.randint(1, 300), hours=i)
                if state == BlogPost.State.PUBLISHED
                else None,
            )
        )
    owners = {
        m.organization_id: m.user
        for m in Membership.objects.filter(
            organization__in=organizations, role=Membership.Role.OWNER
        ).select_related("user")
    }
    for organization in progress.iterate("profiles: blogs", organizations):
        for _n in range(rng.randint(0, 2)):
            posts.append(
                BlogPost(
                    author=owners[organization.pk],
                    organization=organization,
                    title=rng.choice(content.POST_TITLES),
                    body=_body(rng),
                    state=BlogPost.State.PUBLISHED,
                    published_at=now - timezone.timedelta(days=rng.randint(1, 200), minutes=_n),
                )
            )
    BlogPost.objects.bulk_create(posts)
    published = list(
        BlogPost.objects.filter(state=BlogPost.State.PUBLISHED, organization__isnull=True)
        .exclude(author=users[50])
        .order_by("pk")[:2]
    )
    PostReport.objects.create(post=published[0], reporter=users[50], reason="spam")
    hidden = published[1]
    hidden.state, hidden.hidden_at, hidden.hidden_reason = (
        "hidden",
        now,
        "Образи на адресу сусідів.",
    )
    hidden.save()
    PostReport.objects.create(
        post=hidden, reporter=users[51], reason="abuse", state="upheld", resolved_at=now
    )


def seed_requests(users, organizations) -> None:
    """Invitations and join requests waiting for an answer; a few email preferences."""
    now = timezone.now()
    inviting = organizations[9]
    inviter = Membership.objects.filter(organization=inviting, role="owner").first().user
    expires = now + timezone.timedelta(days=Invitation.LIFETIME_DAYS)
    emails = [resident_email(n) for n in (50, 51, 52)] + ["novyi.susid@example.org"]
    members = set(
        Membership.objects.filter(organization=inviting).values_list("user__email", flat=True)
    )
    Invitation.objects.bulk_create(
        [
            Invitation(organization=inviting, email=e, invited_by=inviter, expires_at=expires)
            for e in emails
            if e not in members
        ]
    )
    join_requests = []
    for user, organization in zip(users[60:64], organizations[9:13], strict=True):
        if not Membership.objects.filter(organization=organization, user=user).exists():
            join_requests.append(
                JoinRequest(organization=organization, user=user, message="Хочу допомагати!")
            )
    JoinRequest.objects.bulk_create(join_requests)
    NotificationSetting.objects.bulk_create(
        [
            NotificationSetting(user=users[0], kind="profiles.organization_posts", wanted=True),
            NotificationSetting(user=users[1], kind="profiles.join_requests", wanted=False),
        ]
    )


def _picture(text: str, colour: str) -> ContentFile:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (240, 240), colour)
    if FONT.exists():
        draw = ImageDraw.Draw(image)
        font = ImageFont.truetype(str(FONT), 96)
        draw.text((120, 120), text, fill="#ffffff", font=font, anchor="mm")
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=80)
    return ContentFile(output.getvalue(), name=f"demo-{latin_slug(text) or 'x'}.jpg")


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:2]).upper()


def seed_photos(progress: Progress, users, organizations) -> None:
    """Initials on a colour for the first residents and organizations (generated, so the demo
    holds no real person's face)."""
    profiles = list(Profile.objects.filter(user__in=users[:24]).order_by("user__email"))
    for i, profile in enumerate(progress.iterate("profiles: photos", profiles)):
        profile.photo.save(
            "x.jpg", _picture(_initials(profile.display_name), COLOURS[i % 6]), save=False
        )
    Profile.objects.bulk_update(profiles, ["photo"])
    for i, organization in enumerate(organizations[:12]):
        picture = _picture(_initials(organization.name.strip("«»")), COLOURS[(i + 3) % 6])
        organization.photo.save("x.jpg", picture, save=False)
    Organization.objects.bulk_update(organizations[:12], ["photo"])
