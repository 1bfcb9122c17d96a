"""Factories for people, organizations and their content. Every user already has a profile
(made with the account); `profiled_user` fills it in."""

import io
import struct
import zlib

from django.utils import timezone

import factory
from PIL import Image

from profiles.models import BlogPost, Membership, Organization, Profile, Visibility
from tests.factories import UserFactory


def profiled_user(*, display_name="Олена Коваль", email=None, **profile_fields):
    """A confirmed account whose profile has a name and the given fields."""
    user = UserFactory(**({"email": email} if email else {}))
    profile = user.profile
    profile.display_name = display_name
    skills = profile_fields.pop("skills", None)
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.save()
    if skills:
        profile.skills.set(skills)
    return user


def everything_private(**extra) -> dict:
    fields = {f"{name}_visibility": Visibility.PRIVATE for name in Profile.VISIBILITY_FIELDS}
    fields.update(extra)
    return fields


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Громадська організація {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = Organization.Kind.PUBLIC_ORGANIZATION
    registry_code = factory.Sequence(lambda n: f"{40000000 + n}")
    address = "вул. Соборна, 1, м. Ясногород"


class AuthorityFactory(OrganizationFactory):
    """A municipal body as staff leave it: kind granted, registration verified."""

    name = factory.Sequence(lambda n: f"Управління № {n}")
    kind = Organization.Kind.MUNICIPAL_BODY
    is_verified = True
    verified_at = factory.LazyFunction(timezone.now)
    authority_granted_at = factory.LazyFunction(timezone.now)


class InformalGroupFactory(OrganizationFactory):
    kind = Organization.Kind.INFORMAL_GROUP
    registry_code = ""
    address = ""


def member(organization, user=None, role=Membership.Role.MEMBER) -> Membership:
    return Membership.objects.create(
        organization=organization, user=user or UserFactory(), role=role
    )


class BlogPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogPost

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Допис {n}")
    body = "<p>Текст допису.</p>"
    state = BlogPost.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def jpeg_bytes(*, size=(1200, 800), with_gps=True) -> bytes:
    """A photo as a phone writes it: large, and with EXIF that includes a GPS position."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if with_gps:
        exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def png_bomb_bytes(*, side=30_000) -> bytes:
    """A few dozen bytes of PNG whose header claims a side × side bitmap (30000² would take
    2.7 GB to decode): the decompression bomb an upload form must refuse politely."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")
