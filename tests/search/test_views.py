"""The search page and the autocomplete endpoint, as a browser without JavaScript sees them."""

import re

import pytest

from search.models import DocumentType
from tests.search.factories import stored_document


@pytest.fixture
def city(database_engine, districts):
    stored_document(
        title="Зламаний ліфт у будинку на Шевченка",
        summary="Ліфт не працює третій тиждень.",
        type=DocumentType.PETITION,
        district_id=districts[4].pk,
        tags=[("lifty", "Ліфти")],
        popularity=40,
    )
    stored_document(
        title="Як доглянути ліфт: інструкція для ОСББ",
        summary="Що робити, коли ліфт зупинився.",
        district_id=districts[0].pk,
        tags=[("lifty", "Ліфти"), ("osbb", "ОСББ")],
    )
    stored_document(
        title="Двори та дерева",
        summary="Усе про озеленення дворів.",
        type=DocumentType.TOPIC,
        popularity=10,
        tags=[("dvory", "Двори")],
    )
    return districts


def test_an_empty_search_page_suggests_topics_and_popular_tags(client, city):
    page = client.get("/search/").content.decode()

    assert "Двори та дерева" in page
    assert 'href="?tag=lifty"' in page


def test_results_show_highlighted_titles_facets_and_a_count(client, city):
    page = client.get("/search/", {"q": "ліфт"}).content.decode()

    assert "2 результати" in page
    assert "Зламаний <mark>ліфт</mark> у будинку на Шевченка" in page
    assert f'name="district" value="{city[4].slug}"' in page
    assert re.search(r"Шевченківський <span class=\"facet__count\">1</span>", page)


def test_checking_a_district_and_applying_filters_narrows_the_results(client, city):
    page = client.get("/search/", {"q": "ліфт", "district": city[4].slug}).content.decode()

    assert "1 результат" in page
    assert "Як доглянути" not in page
    assert f'name="district" value="{city[4].slug}" checked' in page
    assert "Прибрати фільтр" in page


def test_a_misspelt_query_shows_results_for_the_corrected_words(client, city):
    page = client.get("/search/", {"q": "лфіт"}).content.decode()

    assert "Показано результати для <strong>ліфт</strong>" in page
    assert "Зламаний <mark>ліфт</mark>" in page


def test_nothing_found_suggests_topics_to_try(client, city):
    page = client.get("/search/", {"q": "космодром"}).content.decode()

    assert "Нічого не знайдено" in page
    assert 'href="?tag=lifty"' in page


def test_the_english_page_speaks_english(client, city):
    page = client.get("/en/search/", {"q": "ліфт"}).content.decode()

    assert '<html lang="en">' in page
    assert "2 results" in page
    assert "Shevchenkivskyi" in page


def test_malformed_parameters_fall_back_to_defaults(client, city):
    response = client.get("/search/", {"q": "ліфт", "page": "many", "sort": "random"})

    assert response.status_code == 200
    assert "2 результати" in response.content.decode()


def test_a_page_past_the_end_lists_nothing_but_keeps_the_count(client, city):
    page = client.get("/search/", {"q": "ліфт", "page": "9"}).content.decode()

    assert "2 результати" in page
    assert 'class="search-hit ' not in page
    assert "Більше результатів немає." in page


def test_autocomplete_answers_with_titles_as_json(client, city):
    response = client.get("/search/autocomplete/", {"q": "зламаний лі"})

    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [
            {
                "title": "Зламаний ліфт у будинку на Шевченка",
                "url": response.json()["results"][0]["url"],
                "type": "Петиція",
            }
        ]
    }


def test_every_page_has_the_site_search_box(client, home_page):
    page = client.get("/").content.decode()

    assert re.search(r'<form action="/search/" method="get" role="search">', page)
    assert 'name="q"' in page


def test_the_search_page_needs_no_inline_script_or_style(client, city):
    page = client.get("/search/", {"q": "ліфт"}).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "style=" not in page
    assert '<script src="/static/js/search.js" defer>' in page
