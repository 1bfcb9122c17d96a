"""Audiences: every rule kind, their combinations (AND between kinds, OR within one), expiry
and revocation taking effect at once, the frozen count and the public count."""

from datetime import timedelta

from django.utils import timezone

import pytest

from residents.errors import IllegalTransition, ResidentsError
from residents.forms_audience import AudienceForm
from residents.models import Audience, VerifiedAttribute
from residents.selectors import (
    AudienceRule,
    audience_count,
    audience_includes,
    audience_members,
    audience_public_count,
    audience_rule_ids,
)
from residents.services.attributes import attribute_revoke
from residents.services.audiences import audience_create, audience_freeze, audience_update
from tests.experts.factories import CompetencyFactory
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory
from tests.residents.factories import (
    BuildingFactory,
    accepted_ownership,
    building_resident,
    district_resident,
    grant,
)

Kind = VerifiedAttribute.Kind
pytestmark = pytest.mark.django_db


def members(audience) -> set[int]:
    return set(audience_members(audience=audience))


@pytest.fixture
def other_building(other_district):
    return BuildingFactory(district=other_district, address="просп. Героїв, 12")


def test_whole_city_counts_residents_of_districts_and_buildings(
    building, verified_resident, co_owner
):
    tenant = building_resident(building)
    nobody = UserFactory()
    audience = audience_create(whole_city=True)

    assert audience_includes(audience=audience, user=verified_resident)
    assert audience_includes(audience=audience, user=tenant)
    assert not audience_includes(audience=audience, user=nobody)
    assert members(audience) == {verified_resident.pk, tenant.pk}


def test_a_co_owner_who_lives_elsewhere_is_not_a_city_resident(co_owner, district):
    assert not audience_includes(audience=audience_create(whole_city=True), user=co_owner)
    assert not audience_includes(audience=audience_create(districts=[district]), user=co_owner)


def test_district_audience_takes_district_and_building_residents_of_it(
    district, other_district, building, other_building
):
    in_district = district_resident(district)
    in_building = building_resident(building)
    elsewhere = district_resident(other_district)
    in_other_building = building_resident(other_building)
    audience = audience_create(districts=[district])

    assert members(audience) == {in_district.pk, in_building.pk}
    assert not audience_includes(audience=audience, user=elsewhere)
    assert not audience_includes(audience=audience, user=in_other_building)


def test_districts_are_or_within_the_kind(district, other_district):
    one = district_resident(district)
    two = district_resident(other_district)
    audience = audience_create(districts=[district, other_district])
    assert members(audience) == {one.pk, two.pk}


def test_building_audience_of_everyone_takes_co_owners_and_residents(
    building, other_building, co_owner, co_owner_pair, invited_ownership
):
    tenant = building_resident(building)
    building_resident(other_building)
    audience = audience_create(buildings=[building])

    assert members(audience) == {co_owner.pk, tenant.pk, *(u.pk for u in co_owner_pair)}


def test_building_audience_of_co_owners_leaves_tenants_out(building, co_owner):
    tenant = building_resident(building)
    audience = audience_create(
        buildings=[building], building_roles=Audience.BuildingRoles.CO_OWNERS
    )
    assert audience_includes(audience=audience, user=co_owner)
    assert not audience_includes(audience=audience, user=tenant)


def test_profession_audience(db):
    doctors, engineers = CompetencyFactory(), CompetencyFactory()
    doctor, engineer = UserFactory(), UserFactory()
    grant(doctor, Kind.PROFESSION, doctors)
    grant(engineer, Kind.PROFESSION, engineers)

    assert members(audience_create(competencies=[doctors])) == {doctor.pk}
    assert members(audience_create(competencies=[doctors, engineers])) == {
        doctor.pk,
        engineer.pk,
    }


def test_organization_audience(db):
    club, other = OrganizationFactory(), OrganizationFactory()
    one, two = UserFactory(), UserFactory()
    grant(one, Kind.MEMBER, club)
    grant(two, Kind.MEMBER, other)
    assert members(audience_create(organizations=[club])) == {one.pk}


def test_kinds_combine_with_and(district, other_district):
    doctors = CompetencyFactory()
    doctor_here = district_resident(district)
    grant(doctor_here, Kind.PROFESSION, doctors)
    doctor_elsewhere = district_resident(other_district)
    grant(doctor_elsewhere, Kind.PROFESSION, doctors)
    not_a_doctor_here = district_resident(district)
    audience = audience_create(districts=[district], competencies=[doctors])

    assert members(audience) == {doctor_here.pk}
    assert not audience_includes(audience=audience, user=not_a_doctor_here)
    assert not audience_includes(audience=audience, user=doctor_elsewhere)


def test_all_kinds_together(district, building, co_owner):
    doctors, club = CompetencyFactory(), OrganizationFactory()
    grant(co_owner, Kind.DISTRICT_RESIDENT, district)
    grant(co_owner, Kind.PROFESSION, doctors)
    audience = audience_create(
        whole_city=True,
        districts=[district],
        buildings=[building],
        competencies=[doctors],
        organizations=[club],
    )
    assert not audience_includes(audience=audience, user=co_owner)
    grant(co_owner, Kind.MEMBER, club)
    assert audience_includes(audience=audience, user=co_owner)
    assert audience_count(audience=audience) == 1


def test_expiry_makes_a_person_ineligible_at_once(district):
    person = district_resident(district)
    audience = audience_create(districts=[district])
    attribute = person.verified_attributes.get()

    assert audience_includes(audience=audience, user=person)
    assert not audience_includes(
        audience=audience, user=person, at=attribute.expires_at + timedelta(seconds=1)
    )
    VerifiedAttribute.objects.filter(pk=attribute.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert not audience_includes(audience=audience, user=person)
    assert audience_count(audience=audience) == 0


def test_revocation_makes_a_person_ineligible_at_once(district):
    person = district_resident(district)
    audience = audience_create(districts=[district])
    attribute_revoke(attribute=person.verified_attributes.get(), reason="moved away")

    assert not audience_includes(audience=audience, user=person)
    assert audience_count(audience=audience) == 0


def test_a_deactivated_account_is_not_counted(district):
    person = district_resident(district)
    person.is_active = False
    person.save()
    audience = audience_create(districts=[district])
    assert audience_count(audience=audience) == 0
    assert not audience_includes(audience=audience, user=person)
    assert not audience_includes(audience=AudienceRule.of(audience), user=person)


def test_is_eligible_is_one_query(district, building, django_assert_num_queries):
    person = district_resident(district)
    audience = audience_create(
        districts=[district], buildings=[building], competencies=[CompetencyFactory()]
    )
    audience = Audience.objects.get(pk=audience.pk)
    with django_assert_num_queries(1):
        audience_includes(audience=audience, user=person)
    with django_assert_num_queries(1):
        audience_count(audience=audience)
    with django_assert_num_queries(1):
        list(audience_members(audience=audience))


def test_cold_is_eligible_is_at_most_two_queries(
    district, django_assert_num_queries, django_assert_max_num_queries
):
    """A row whose ids are not at hand (the column deferred, or emptied by hand) reads them
    from the through tables first: one query more, and the same answer."""
    person = district_resident(district)
    audience = audience_create(districts=[district])
    deferred = Audience.objects.defer("rule").get(pk=audience.pk)
    with django_assert_max_num_queries(2):
        assert audience_includes(audience=deferred, user=person)
    Audience.objects.filter(pk=audience.pk).update(rule=None)
    audience = Audience.objects.get(pk=audience.pk)
    with django_assert_num_queries(2):
        assert audience_includes(audience=audience, user=person)
    with django_assert_num_queries(2):
        assert audience_count(audience=audience) == 1


def test_a_poll_page_asks_with_one_query_per_question(district, django_assert_num_queries):
    """As a page has it: the audience loaded once, then asked about its visitor."""
    inside, outside = district_resident(district), UserFactory()
    pk = audience_create(districts=[district]).pk
    with django_assert_num_queries(3):
        audience = Audience.objects.get(pk=pk)
        assert audience_includes(audience=audience, user=inside)
        assert not audience_includes(audience=audience, user=outside)


def stored_rule(audience) -> dict:
    return Audience.objects.values_list("rule", flat=True).get(pk=audience.pk)


def check_rule(audience, expected: dict) -> None:
    """The row's ids are those of its through tables, and those expected."""
    expected = {
        name: sorted(getattr(item, "pk", item) for item in expected.get(name, ()))
        for name in ("districts", "buildings", "competencies", "organizations")
    }
    assert stored_rule(audience) == audience_rule_ids(audience_id=audience.pk) == expected


def test_the_rule_on_the_row_follows_changes_made_outside_the_services(
    district, other_district, building, other_building
):
    doctors, club = CompetencyFactory(), OrganizationFactory()
    audience = audience_create(districts=[district])
    check_rule(audience, {"districts": [district]})
    audience.districts.add(other_district)
    check_rule(audience, {"districts": [district, other_district]})
    assert AudienceRule.of(audience).districts == tuple(sorted([district.pk, other_district.pk]))
    audience.districts.remove(district)
    check_rule(audience, {"districts": [other_district]})
    audience.buildings.set([building, other_building])
    check_rule(audience, {"districts": [other_district], "buildings": [building, other_building]})
    audience.districts.clear()
    check_rule(audience, {"buildings": [building, other_building]})
    audience.competencies.add(doctors)
    check_rule(audience, {"buildings": [building, other_building], "competencies": [doctors]})
    building.delete()  # its through row goes with it
    check_rule(audience, {"buildings": [other_building], "competencies": [doctors]})
    audience.organizations.add(club.pk)
    club.delete()  # the through row goes with it
    check_rule(audience, {"buildings": [other_building], "competencies": [doctors]})
    other_building.delete()
    check_rule(audience, {"competencies": [doctors]})
    # A copy loaded before a change answers for the audience as it is once reloaded, and the
    # copy the change was made through answers at once.
    person = district_resident(district)
    audience = Audience.objects.get(pk=audience_create(districts=[other_district]).pk)
    assert not audience_includes(audience=audience, user=person)
    audience.districts.add(district)
    assert audience_includes(audience=audience, user=person)
    assert audience_includes(audience=Audience.objects.get(pk=audience.pk), user=person)


def test_a_rolled_back_change_leaves_the_rule_as_it_was(district, other_district):
    from django.db import transaction

    audience = audience_create(districts=[district])
    with pytest.raises(RuntimeError), transaction.atomic():
        audience.districts.add(other_district)
        check_rule(audience, {"districts": [district, other_district]})
        raise RuntimeError
    check_rule(audience, {"districts": [district]})


def test_update_moves_the_rule_and_the_callers_copy(district, other_district, building):
    person = district_resident(district)
    audience = audience_create(districts=[other_district])
    held = Audience.objects.get(pk=audience.pk)
    assert not audience_includes(audience=held, user=person)
    audience_update(audience=held, districts=[district], buildings=[building])
    check_rule(audience, {"districts": [district], "buildings": [building]})
    assert held.rule == stored_rule(audience)
    assert audience_includes(audience=Audience.objects.get(pk=audience.pk), user=person) is False
    audience_update(audience=held, districts=[district])
    assert audience_includes(audience=held, user=person)
    assert audience_includes(audience=Audience.objects.get(pk=audience.pk), user=person)


def test_the_answer_follows_the_stored_audience_without_reloading(district, other_district):
    person = district_resident(other_district)
    audience = audience_create(districts=[district])
    assert not audience_includes(audience=audience, user=person)
    audience.districts.add(other_district)
    assert audience_includes(audience=audience, user=person)


def test_anonymous_and_unsaved_are_never_included(district):
    from django.contrib.auth.models import AnonymousUser

    audience = audience_create(districts=[district])
    assert not audience_includes(audience=audience, user=AnonymousUser())
    assert not audience_includes(audience=audience, user=None)
    assert audience_count(audience=Audience()) == 0


def test_an_audience_needs_at_least_one_kind(db):
    with pytest.raises(ResidentsError) as error:
        audience_create()
    assert error.value.code == "empty_audience"


def test_an_audience_with_no_kind_includes_nobody(district):
    person = district_resident(district)
    audience = Audience.objects.create()
    assert not audience_includes(audience=audience, user=person)
    assert audience_count(audience=audience) == 0


def test_freeze_stores_the_count_once(district):
    district_resident(district)
    audience = audience_create(districts=[district])
    audience_freeze(audience=audience)
    district_resident(district)

    audience.refresh_from_db()
    assert audience.frozen_count == 1
    assert audience.frozen_at is not None
    assert audience_count(audience=audience) == 2
    with pytest.raises(IllegalTransition) as error:
        audience_freeze(audience=audience)
    assert error.value.code == "audience_frozen"
    audience.refresh_from_db()
    assert audience.frozen_count == 1


def test_a_frozen_audience_cannot_be_changed(district, other_district):
    audience = audience_create(districts=[district])
    audience_update(audience=audience, districts=[other_district])
    assert list(audience.districts.all()) == [other_district]
    audience_freeze(audience=audience)
    with pytest.raises(IllegalTransition):
        audience_update(audience=audience, districts=[district])
    assert list(audience.districts.all()) == [other_district]


def test_public_count_is_hidden_under_five(district):
    audience = audience_create(districts=[district])
    for _ in range(Audience.PUBLIC_COUNT_MINIMUM - 1):
        district_resident(district)
    assert audience_public_count(audience=audience) is None
    district_resident(district)
    assert audience_public_count(audience=audience) == Audience.PUBLIC_COUNT_MINIMUM


def test_public_count_of_a_frozen_audience_is_the_frozen_one(district):
    for _ in range(6):
        district_resident(district)
    audience = audience_create(districts=[district])
    audience_freeze(audience=audience)
    for person in audience_members(audience=audience)[:3]:
        VerifiedAttribute.objects.filter(user_id=person).update(revoked_at=timezone.now())
    assert audience_public_count(audience=audience) == 6


def test_members_can_be_used_as_a_subquery(district, building, co_owner):
    from django.contrib.auth import get_user_model

    person = district_resident(district)
    audience = audience_create(districts=[district])
    users = get_user_model().objects.filter(pk__in=audience_members(audience=audience))
    assert list(users) == [person]


def test_the_form_needs_a_kind_and_gives_the_service_its_values(district, other_district):
    assert not AudienceForm(data={"building_roles": "everyone"}).is_valid()
    form = AudienceForm(
        data={"districts": [district.pk, other_district.pk], "building_roles": "co_owners"}
    )
    assert form.is_valid(), form.errors
    audience = audience_create(**form.audience_values())
    assert set(audience.districts.all()) == {district, other_district}
    assert audience.building_roles == "co_owners"
    assert AudienceForm.initial_for(audience)["districts"] == [district, other_district]


def test_co_owner_attribute_for_a_unit_of_another_building_does_not_count(building, other_building):
    from tests.residents.factories import UnitFactory

    person = UserFactory()
    accepted_ownership(unit=UnitFactory(building=other_building), user=person)
    assert not audience_includes(audience=audience_create(buildings=[building]), user=person)


def test_a_prepared_rule_is_read_in_one_query_and_answers_alike(
    district,
    other_district,
    building,
    co_owner,
    co_owner_pair,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    doctors, club = CompetencyFactory(), OrganizationFactory()
    people = [district_resident(district), district_resident(other_district)]
    people.append(building_resident(building))
    for person in (people[0], co_owner, people[2]):
        grant(person, Kind.PROFESSION, doctors)
    grant(people[1], Kind.MEMBER, club)
    everyone = [*people, co_owner, *co_owner_pair, UserFactory()]
    audiences = [
        audience_create(whole_city=True),
        audience_create(districts=[district]),
        audience_create(buildings=[building], building_roles="co_owners"),
        audience_create(buildings=[building], competencies=[doctors]),
        audience_create(districts=[district, other_district], organizations=[club]),
        audience_create(whole_city=True, competencies=[doctors]),
        Audience.objects.create(),
    ]
    for audience in audiences:
        audience = Audience.objects.get(pk=audience.pk)
        with django_assert_num_queries(0):  # the row carries its ids
            rule = AudienceRule.of(audience)
        audience.rule = None
        with django_assert_num_queries(1):  # read from the through tables
            assert AudienceRule.of(audience) == rule
        for person in everyone:
            with django_assert_max_num_queries(1):  # none for an empty rule
                by_rule = audience_includes(audience=rule, user=person)
            assert by_rule == audience_includes(audience=audience, user=person), (rule, person)
        assert members(rule) == members(audience)
        assert audience_count(audience=rule) == audience_count(audience=audience)
    assert members(AudienceRule.of(audiences[3])) == {co_owner.pk, people[2].pk}


def test_a_prefetched_audience_costs_no_query_to_prepare(district, django_assert_num_queries):
    person = district_resident(district)
    audience_create(districts=[district])
    audience = Audience.objects.prefetch_related(
        "districts", "buildings", "competencies", "organizations"
    ).get()
    with django_assert_num_queries(0):
        rule = AudienceRule.of(audience)
    assert rule.districts == (district.pk,)
    with django_assert_num_queries(1):
        assert audience_includes(audience=audience, user=person)
