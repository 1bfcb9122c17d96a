"""In a real browser: a project is completed, a participant rates the expert and sees the
expert's reputation change. Every page visited passes axe (WCAG 2.2 AA)."""

import re

import pytest

from experts import services
from tests.experts.factories import rate
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def sign_out(page):
    page.context.clear_cookies()


def reputation_on(page, url) -> str:
    page.goto(url)
    return page.locator(".score--large .score__value").inner_text()


def test_a_participant_rates_an_expert_after_completion_and_sees_the_reputation_change(
    page, axe, directory, team
):
    services.project_transition(project=team.project, to="active", by=team.coordinator)
    services.milestone_close(milestone=team.project.milestones.first(), by=team.coordinator)
    rate(team, team.neighbour, team.expert.user, (3, 3, 3, 3))
    expert_url = directory.url + directory.reverse_subpage("expert", args=[team.expert.pk])

    page.goto(directory.url)
    page.get_by_role("link", name="Олена Коваленко").wait_for()
    axe(page)
    page.goto(directory.url + directory.reverse_subpage("questions"))
    axe(page)

    # Only the neighbour's 3s so far, and the platform mean is 3: (5·3 + 3) / 6 = 3.00
    assert reputation_on(page, expert_url) == "3,00"
    axe(page)

    sign_in(page, team.coordinator)
    page.goto(team.project.url)
    page.get_by_role("button", name="Позначити завершеним").click()
    page.get_by_text("Стан проєкту: «Завершено»").wait_for()
    axe(page)
    sign_out(page)

    sign_in(page, team.resident)
    page.goto(team.project.url)
    page.get_by_role("link", name=re.compile(r"^Оцінити")).click()
    page.get_by_role("heading", name="Оцінити: Олена Коваленко").wait_for()
    axe(page)
    for indicator in ["Фаховість", "Корисність результату", "Вчасність", "Комунікація"]:
        page.get_by_role("group", name=indicator).get_by_label("5", exact=True).check()
    page.get_by_label("Коментар").fill("Тепловий пункт працює, рахунки менші на третину.")
    page.get_by_role("button", name="Надіслати оцінку").click()
    page.get_by_text("ваша оцінка враховується в репутації").wait_for()
    axe(page)

    page.get_by_role("link", name="Олена Коваленко", exact=True).first.click()
    page.wait_for_url(re.compile(r"/experts/\d+/$"))
    # Now 3s and 5s, platform mean 4: (5·4 + 3 + 5) / 7 = 4.00
    assert page.locator(".score--large .score__value").inner_text() == "4,00"
    assert page.get_by_text("Тепловий пункт працює, рахунки менші на третину.").is_visible()
    axe(page)
