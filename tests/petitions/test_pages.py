"""The public pages: the list, a petition, the English site, creating a petition, home, cabinet."""

import pytest

from petitions import services
from petitions.models import PetitionPage
from petitions.states import State
from petitions.tokens import support_token
from tests.factories import PASSWORD, UserFactory
from tests.petitions.factories import SignatureFactory


def sign_n(petition, districts, number):
    for i in range(number):
        signature = SignatureFactory(petition=petition, district=districts[i % len(districts)])
        services.signature_confirm(signature_id=signature.pk)


def test_the_index_lists_open_petitions_with_their_counts(client, index, make_petition, districts):
    petition = make_petition("open", title="Більше лавок у парку")
    sign_n(petition, districts, 12)
    make_petition("closed", title="Закрита петиція")

    page = client.get(f"/en{index.url}").content.decode()

    assert "Більше лавок у парку" in page and "12 signatures" in page
    assert "Закрита петиція" not in page
    closed = client.get(f"/en{index.url}?status=closed").content.decode()
    assert "Закрита петиція" in closed


def test_a_petition_page_shows_its_count_charts_and_the_same_numbers_in_a_table(
    client, open_petition, districts
):
    sign_n(open_petition, districts[:2], 14)

    page = client.get(f"/en{open_petition.url}").content.decode()

    assert '<svg viewBox="0 0 320' in page and 'role="img"' in page
    assert "Signatures by district" in page and "Signatures day by day" in page
    assert f'<th scope="row">{districts[0].name_en}</th><td class="num">7</td>' in page
    assert "Sign this petition" in page


def test_the_english_site_serves_the_same_petitions(
    client, home_page, index, english, open_petition
):
    if home_page.get_translation_or_none(english) is None:
        home_page.copy_for_translation(english).save_revision().publish()
    index_en = index.copy_for_translation(english)
    index_en.save_revision().publish()

    listing = client.get("/en/petitions/").content.decode()
    page = client.get(f"/en/petitions/{open_petition.pk}/")

    assert f'href="/en/petitions/{open_petition.pk}/"' in listing
    assert page.status_code == 200 and 'lang="en"' in page.content.decode()


def test_a_resident_starts_a_petition_and_gets_a_share_link(
    client, index, authority, districts, django_capture_on_commit_callbacks
):
    user = UserFactory(email="olena@example.org")
    client.login(email=user.email, password=PASSWORD)

    response = client.post(
        f"/en{index.url}new/",
        {
            "title": "Відкрити пункт прийому батарейок",
            "background": "Батарейки викидають у смітник.",
            "scope": "district",
            "district": districts[2].pk,
            "authority": authority.pk,
        },
    )
    petition = PetitionPage.objects.get(title="Відкрити пункт прийому батарейок")
    assert response["Location"] == f"/en{index.url}drafts/{petition.pk}/"
    assert petition.state == State.DRAFT and not petition.live

    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"district": districts[2].pk, "show_name": "on"})

    petition.refresh_from_db()
    assert petition.state == State.GATHERING_SUPPORT
    draft = client.get(response["Location"]).content.decode()
    share = f"/support/{support_token(petition.pk)}/"
    assert share in draft
    supporters_page = client.get(f"{index.url}support/{support_token(petition.pk)}/")
    assert "Відкрити пункт прийому батарейок" in supporters_page.content.decode()


def test_a_draft_is_visible_only_to_its_creator(client, index, make_petition):
    draft = make_petition("draft")
    client.login(email=UserFactory().email, password=PASSWORD)

    assert client.get(f"{index.url}drafts/{draft.pk}/").status_code == 404
    assert client.get(draft.url).status_code == 404


def test_starting_a_petition_needs_an_account(client, index):
    response = client.get(f"{index.url}new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_starting_a_petition_needs_a_confirmed_email(client, index):
    user = UserFactory(confirmed=False)
    client.login(email=user.email, password=PASSWORD)

    page = client.get(f"/en{index.url}new/").content.decode()

    assert "Confirm your email first" in page


def test_the_home_page_shows_petitions_gathering_signatures_with_progress(
    client, home_page, open_petition, districts
):
    sign_n(open_petition, districts, 6)

    page = client.get("/en/").content.decode()

    assert "Petitions gathering signatures" in page
    assert open_petition.title in page and "6 signatures" in page
    assert '<progress value="6" max="1000"' in page


@pytest.mark.parametrize("state", ["draft", "gathering_support"])
def test_the_cabinet_lists_my_petitions_and_signatures(
    client, make_petition, creator, districts, state
):
    mine = make_petition(state, title="Моя петиція")
    signed = make_petition("open", title="Підписана петиція")
    SignatureFactory(petition=signed, district=districts[0], email=creator.email)
    client.login(email=creator.email, password=PASSWORD)

    page = client.get("/en/account/").content.decode()

    assert "Моя петиція" in page and f"drafts/{mine.pk}/" in page
    assert "Підписана петиція" in page and "waiting for your confirmation" in page


def test_a_bot_filling_the_honeypot_of_the_petition_form_creates_nothing(client, index, authority):
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)

    client.post(
        f"{index.url}new/",
        {
            "title": "Купуйте наші таблетки",
            "background": "Спам.",
            "scope": "city",
            "authority": authority.pk,
            "website": "http://spam.example",
        },
    )

    assert not PetitionPage.objects.filter(title="Купуйте наші таблетки").exists()


def test_starting_petitions_too_fast_is_refused(client, index, authority):
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)
    data = {"background": "Текст.", "scope": "city", "authority": authority.pk}
    for n in range(5):
        client.post(f"{index.url}new/", {**data, "title": f"Петиція {n}"})

    response = client.post(f"{index.url}new/", {**data, "title": "Шоста петиція"})

    assert response.status_code == 429
    assert PetitionPage.objects.filter(creator=user).count() == 5


def test_the_district_chart_is_drawn_in_python_with_names_escaped():
    from petitions.charts import district_bars, district_svg
    from petitions.disclosure import Cell

    svg = district_svg(district_bars([("<Подол>", Cell(12)), ("Оболонь", Cell(None))]))

    assert "&lt;Подол&gt;" in svg and "<Подол>" not in svg
    assert svg.startswith('<svg viewBox="0 0 320 92"') and svg.count("<rect") == 2


def test_a_petition_chart_is_drawn_again_when_its_counts_change(client, open_petition, districts):
    sign_n(open_petition, districts[:1], 6)
    assert f'<th scope="row">{districts[0].name_en}</th><td class="num">6</td>' in (
        client.get(f"/en{open_petition.url}").content.decode()
    )

    sign_n(open_petition, districts[:1], 1)
    client.force_login(UserFactory())  # rendered, not the shared copy
    page = client.get(f"/en{open_petition.url}").content.decode()

    assert f'<th scope="row">{districts[0].name_en}</th><td class="num">7</td>' in page
