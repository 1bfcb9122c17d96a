"""What residents see: the directory with its filters, an expert's page with the reputation
chart and the same numbers in a table, project pages, in both languages."""

import re

from django.utils import translation

import pytest

from experts.models import CompetencyClaim
from tests.experts.factories import (
    ClaimFactory,
    CompetencyFactory,
    make_team,
    rate,
    verified_expert,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def route(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


def cards(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]*/experts/\d+/">([^<]+)</a></h3>', html)


def test_the_directory_lists_experts_best_reputation_first(
    client, directory, project_index, heating
):
    strong = make_team(project_index, heating, title="Перший")
    weak = make_team(project_index, heating, title="Другий")
    for team, values in [(strong, (5, 5, 5, 5)), (weak, (2, 2, 2, 2))]:
        team.complete()
        rate(team, team.resident, team.expert.user, values)
    strong.expert.user.profile.display_name = "Сильна"
    strong.expert.user.profile.save()
    weak.expert.user.profile.display_name = "Слабкий"
    weak.expert.user.profile.save()
    html = client.get(directory.url).content.decode()
    assert cards(html) == ["Сильна", "Слабкий"]
    assert "1 rated project" in html or "1 оцінений проєкт" in html


def test_the_directory_filters_by_competency_district_and_verification(
    client, directory, heating, districts
):
    lawyer = CompetencyFactory(name="Юрист з питань ОСББ", name_en="Condominium lawyer")
    here = verified_expert(heating, first_name="Тут")
    here.district = districts[0]
    here.save()
    verified_expert(lawyer, first_name="Юрист")
    pending = verified_expert(heating, first_name="Новенький")
    pending.claims.update(status=CompetencyClaim.Status.PENDING)
    assert cards(client.get(directory.url, {"competency": lawyer.pk}).content.decode()) == ["Юрист"]
    assert cards(client.get(directory.url, {"district": districts[0].pk}).content.decode()) == [
        "Тут"
    ]
    found = cards(
        client.get(directory.url, {"competency": heating.pk, "verified": "on"}).content.decode()
    )
    assert found == ["Тут"]


def test_a_rejected_competency_is_not_listed(client, directory, heating):
    expert = verified_expert(heating, first_name="Відхилений")
    expert.claims.update(status=CompetencyClaim.Status.REJECTED)
    assert "Відхилений" not in client.get(directory.url).content.decode()


def test_the_expert_page_shows_the_breakdown_as_a_chart_and_a_table(
    client, directory, completed_team
):
    rate(
        completed_team, completed_team.resident, completed_team.expert.user, (5, 4, 3, 4), "Дякуємо"
    )
    html = client.get(route(directory, "expert", completed_team.expert.pk)).content.decode()
    assert '<svg class="score-chart"' in html and 'role="img"' in html
    assert "<table>" in html
    # m = the only rating, so each score equals it: competence (5·5+5)/6 = 5.00, overall 4.00
    assert re.search(
        r"<th scope=\"row\">[^<]+</th>\s*<td class=\"num\"><strong>4,00</strong>", html
    )
    assert "Дякуємо" in html
    assert "Тепловий пункт" in html


def test_chart_geometry_is_not_localized(client, directory, completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 4, 3, 4))
    html = client.get(route(directory, "expert", completed_team.expert.pk)).content.decode()
    widths = re.findall(r'<rect x="0" y="\d+" width="([^"]+)"', html)
    assert widths and all(re.fullmatch(r"\d+(\.\d+)?", w) for w in widths)


def test_public_pages_have_no_inline_styles_or_scripts(
    client, directory, project_index, completed_team
):
    rate(completed_team, completed_team.resident, completed_team.expert.user)
    urls = [
        directory.url,
        route(directory, "expert", completed_team.expert.pk),
        route(directory, "questions"),
        route(directory, "reputation_explained"),
        completed_team.project.url,
        project_index.url,
    ]
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url


def test_the_english_pages_speak_english(client, home_page, directory, english, completed_team):
    home_page.copy_for_translation(english).save_revision().publish()
    with translation.override("en"):
        directory_en = directory.copy_for_translation(english)
        directory_en.save_revision().publish()
        response = client.get(route(directory_en, "expert", completed_team.expert.pk))
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Heating engineer" in html
    assert "Reputation" in html


def test_the_project_page_offers_participants_to_rate_the_experts(
    client, directory, completed_team
):
    client.force_login(completed_team.resident)
    html = client.get(completed_team.project.url).content.decode()
    rate_url = route(completed_team.project, "rate", completed_team.expert.user.pk)
    assert rate_url in html


def test_an_outsider_cannot_open_the_rating_form(client, directory, completed_team):
    client.force_login(UserFactory())
    response = client.get(route(completed_team.project, "rate", completed_team.expert.user.pk))
    assert response.status_code == 403


def test_the_pending_competency_is_marked_as_awaiting_verification(client, directory, heating):
    expert = verified_expert(heating)
    ClaimFactory(content_object=expert, status=CompetencyClaim.Status.PENDING)
    html = client.get(route(directory, "expert", expert.pk)).content.decode()
    assert html.count("claim--verified") == 1
