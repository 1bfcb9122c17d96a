"""People and organizations in search, through the profiles app's own public view of them.

A person is indexed only if listed in the people directory (`listed_profiles`), and only with
what an anonymous visitor sees on their page (`public_profile_document`): fields their owner
keeps to signed-in users or to themselves never reach the index. Organizations with
registration data appear once staff verified it; informal groups have none to verify.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from profiles.models import Organization, Profile
from profiles.visibility import listed_profiles, public_profile_document
from search.models import DocumentType
from search.sources import Document, Source, languages


def _urls(name: str, slug: str) -> tuple[str, dict[str, str]]:
    urls = {}
    for code in languages():
        with translation.override(code):
            urls[code] = reverse(name, args=[slug])
    return urls[languages()[0]], urls


class ProfileSource(Source):
    name = "profiles.profile"
    model = "profiles.Profile"
    weight = 0.8

    def candidates(self):
        return listed_profiles().prefetch_related("skills")

    def load(self, pks):
        return self.candidates().in_bulk(list(pks))

    def document(self, profile):
        public = public_profile_document(profile)
        url, urls = _urls("profiles:person", public["slug"])
        tags = [(slugify(skill, allow_unicode=True), skill) for skill in public["skills"]]
        return Document(
            type=DocumentType.PROFILE,
            title=public["display_name"],
            summary=public["about"],
            body=" ".join(
                [public["status_label"] if public["is_verified"] else "", public["activity"]]
            ),
            tags=[(slug, name) for slug, name in tags if slug],
            district_id=profile.district_id if public["district"] else None,
            date=profile.created_at,
            url=url,
            urls=urls,
            language="uk",
            languages=languages(),
        )

    def watched(self):
        return {
            self.model: lambda profile: [profile.pk],
            "profiles.User": lambda user: Profile.objects.filter(user=user).values_list(
                "pk", flat=True
            ),
        }


class OrganizationSource(Source):
    name = "profiles.organization"
    model = "profiles.Organization"

    def candidates(self):
        shown = Q(is_verified=True) | Q(kind=Organization.Kind.INFORMAL_GROUP)
        active = Count("memberships", filter=Q(memberships__user__is_active=True))
        return (
            Organization.objects.filter(shown)
            .annotate(member_count=active)
            .prefetch_related("areas")
        )

    def load(self, pks):
        return self.candidates().in_bulk(list(pks))

    def document(self, organization):
        url, urls = _urls("profiles:organization", organization.slug)
        return Document(
            type=DocumentType.ORGANIZATION,
            title=organization.name,
            summary=organization.about,
            body=" ".join([str(organization.get_kind_display()), organization.activity]),
            tags=[(tag.slug, tag.name) for tag in organization.areas.all()],
            district_id=organization.district_id,
            date=organization.created_at,
            popularity=organization.member_count,
            url=url,
            urls=urls,
            language="uk",
            languages=languages(),
        )

    def watched(self):
        return {
            self.model: lambda organization: [organization.pk],
            "profiles.Membership": lambda membership: [membership.organization_id],
        }


SOURCES = [ProfileSource(), OrganizationSource()]
