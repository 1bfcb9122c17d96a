"""The search contract: what every engine must do, checked on each (see conftest `engine`)."""

import pytest

from search.models import Visibility
from search.query import Filters, Sort
from search.selectors import autocomplete_titles, search_documents
from tests.factories import UserFactory
from tests.search.factories import stored_document


def titles(results) -> list[str]:
    return [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


@pytest.fixture
def lift_documents(engine, districts):
    return {
        "lift": stored_document(
            title="Зламаний ліфт у будинку на Шевченка",
            summary="Ліфт не працює третій тиждень.",
            tags=[("lifty", "Ліфти")],
            district_id=districts[4].pk,
            type="petition",
            status="open",
            popularity=120,
        ),
        "condo": stored_document(
            title="Як створити ОСББ у своєму будинку",
            summary="Покрокова інструкція: збори, статут, реєстрація обʼєднання.",
            body="Обʼєднання співвласників вирішує, коли ремонтувати ліфти та дах.",
            tags=[("osbb", "ОСББ"), ("lifty", "Ліфти")],
            district_id=districts[0].pk,
        ),
        "trees": stored_document(
            title="Дерева у дворі: кого питати про обрізку",
            summary="Хто відповідає за дерева біля будинку.",
            tags=[("dvory", "Двори")],
            district_id=districts[0].pk,
            type="case_study",
        ),
        "english": stored_document(
            title="Lift repair petitions that worked",
            summary="Residents asked the city to repair broken lifts.",
            tags=[("lifty", "Ліфти")],
            district_id=districts[4].pk,
            type="case_study",
            language="en",
        ),
    }


def test_other_word_forms_find_the_document(lift_documents):
    results = search_documents(query="ліфтом")

    assert "Зламаний ліфт у будинку на Шевченка" in titles(results)


def test_words_in_the_title_rank_above_words_in_the_body(lift_documents):
    results = search_documents(query="ліфти")

    assert titles(results)[0] == "Зламаний ліфт у будинку на Шевченка"


def test_english_word_forms_find_the_document(lift_documents):
    results = search_documents(query="repairing lift")

    assert titles(results) == ["Lift repair petitions that worked"]


def test_a_typo_is_corrected_and_the_results_say_so(lift_documents):
    results = search_documents(query="зламанй лфіт")

    assert results.corrected_query == "зламаний ліфт"
    assert titles(results)[0] == "Зламаний ліфт у будинку на Шевченка"


def test_a_word_typed_in_the_english_keyboard_layout_is_understood(lift_documents):
    results = search_documents(query="ksan")

    assert results.corrected_query == "ліфт"
    assert results.total == 3


def test_when_no_document_has_every_word_results_match_some_of_them(lift_documents):
    results = search_documents(query="дерева статут")

    assert results.partial
    assert set(titles(results)) == {
        "Дерева у дворі: кого питати про обрізку",
        "Як створити ОСББ у своєму будинку",
    }


def test_nothing_found_suggests_related_tags(lift_documents):
    results = search_documents(query="ліфтер космонавт")

    assert results.total == 0
    assert ("lifty", "Ліфти") in results.related_tags


def test_matched_words_are_highlighted_and_the_text_escaped(engine):
    stored_document(title="Ремонт <b>даху</b> школи", summary="Дах протікає & ремонт потрібен.")

    hit = search_documents(query="дах").hits[0]

    assert hit.title == "Ремонт &lt;b&gt;<mark>даху</mark>&lt;/b&gt; школи"
    assert hit.snippet == "<mark>Дах</mark> протікає &amp; ремонт потрібен."


def test_facet_counts_equal_the_totals_their_filters_give(lift_documents):
    results = search_documents(query="ліфт")

    for facet in results.facets:
        for value in facet.values:
            filtered = search_documents(
                query="ліфт", filters=Filters().only(facet.name, value.value)
            )
            assert value.count == filtered.total, (facet.name, value.value)


def test_facet_counts_hold_with_other_filters_selected(lift_documents, districts):
    selected = Filters(district=(districts[4].slug,), tag=("lifty",))
    results = search_documents(query="ліфт", filters=selected)

    for facet in results.facets:
        for value in facet.values:
            chosen = Filters(**{**selected.__dict__, facet.name: (value.value,)})
            assert value.count == search_documents(query="ліфт", filters=chosen).total


def test_values_of_one_facet_are_alternatives_and_facets_combine(lift_documents, districts):
    either_type = Filters(type=("petition", "case_study"))
    both = Filters(type=("petition", "case_study"), district=(districts[4].slug,))

    assert search_documents(filters=either_type).total == 3
    assert search_documents(filters=both).total == 2


def test_facet_values_are_labelled_for_the_reader(lift_documents, districts):
    results = search_documents(query="ліфт")

    district = results.facet("district")
    assert {value.label for value in district.values} == {"Центральний", "Шевченківський"}
    assert {value.label for value in results.facet("tag").values} >= {"Ліфти", "ОСББ"}


def test_a_selected_value_stays_listed_when_nothing_matches_it(lift_documents, districts):
    results = search_documents(query="дерева", filters=Filters(district=(districts[4].slug,)))

    assert results.total == 0
    district = results.facet("district")
    assert [(v.value, v.count, v.selected) for v in district.values if v.selected] == [
        (districts[4].slug, 0, True)
    ]


def test_newest_first_and_most_popular_first(engine):
    stored_document(title="Сквер старий", age_days=400, popularity=50)
    stored_document(title="Сквер новий", age_days=2, popularity=5)
    stored_document(title="Сквер середній", age_days=100, popularity=500)

    newest = search_documents(query="сквер", sort=Sort.NEWEST)
    popular = search_documents(query="сквер", sort=Sort.POPULAR)

    assert titles(newest) == ["Сквер новий", "Сквер середній", "Сквер старий"]
    assert titles(popular) == ["Сквер середній", "Сквер старий", "Сквер новий"]


def test_popularity_breaks_a_tie_in_relevance(engine):
    stored_document(title="Велодоріжка на набережній", popularity=3, age_days=50)
    stored_document(title="Велодоріжка на набережній", popularity=900, age_days=50, url="/b/")

    results = search_documents(query="велодоріжка")

    assert [hit.url for hit in results.hits][0] == "/b/"


def test_pages_split_the_results_without_overlap(engine):
    for number in range(25):
        stored_document(title=f"Зупинка номер {number}", age_days=number + 1)

    first = search_documents(query="зупинка", page=1, per_page=10)
    third = search_documents(query="зупинка", page=3, per_page=10)
    everything = [
        hit.key
        for page in (1, 2, 3)
        for hit in search_documents(query="зупинка", page=page, per_page=10).hits
    ]

    assert first.total == 25 and first.pages == 3
    assert len(third.hits) == 5
    assert len(set(everything)) == 25


def test_documents_for_residents_need_a_signed_in_viewer(engine):
    stored_document(title="Протокол зборів мешканців", visibility=Visibility.RESIDENTS)
    resident = UserFactory()

    assert search_documents(query="протокол").total == 0
    assert search_documents(query="протокол", viewer=resident).total == 1


def test_staff_documents_are_found_by_staff_only(engine):
    stored_document(title="Чернетка звіту модерації", visibility=Visibility.STAFF)

    assert search_documents(query="звіту", viewer=UserFactory()).total == 0
    assert search_documents(query="звіту", viewer=UserFactory(is_staff=True)).total == 1


def test_a_document_is_shown_only_to_readers_of_its_languages(engine):
    stored_document(title="Парк культури", languages=("uk",))
    stored_document(title="Culture park", languages=("en",), language="en")

    assert titles(search_documents(query="парк культури", language="uk")) == ["Парк культури"]
    assert search_documents(query="парк культури", language="en").total == 0
    assert titles(search_documents(query="culture park", language="en")) == ["Culture park"]


def test_browsing_by_filter_without_words_lists_everything_that_matches(lift_documents):
    results = search_documents(filters=Filters(tag=("lifty",)))

    assert results.total == 3


def test_autocomplete_offers_titles_beginning_with_the_typed_words(lift_documents):
    suggestions = autocomplete_titles(text="як ств")

    assert [s["title"] for s in suggestions] == ["Як створити ОСББ у своєму будинку"]
    assert suggestions[0]["url"] == "/test/{}/".format(lift_documents["condo"].split(":")[1])


def test_autocomplete_ignores_a_single_letter(lift_documents):
    assert autocomplete_titles(text="з") == []


def test_an_apostrophe_of_any_kind_matches(engine):
    stored_document(title="Обʼєднання співвласників")

    assert search_documents(query="об'єднання").total == 1
    assert search_documents(query="об’єднання").total == 1


def test_filters_may_be_given_as_a_plain_dict(lift_documents, districts):
    results = search_documents(query="ліфт", filters={"district": [districts[0].slug]})

    assert titles(results) == ["Як створити ОСББ у своєму будинку"]


def test_the_tag_facet_counts_a_document_by_the_tags_it_has_now(engine):
    stored_document(pk=901, title="Сміття біля дому", tags=[("smittia", "Сміття")])
    stored_document(pk=902, title="Сміття на подвірʼї", tags=[("smittia", "Сміття")])
    stored_document(pk=901, title="Сміття біля дому", tags=[("dvory", "Двори")])

    tags = {
        value.value: value.count for value in search_documents(query="сміття").facet("tag").values
    }

    assert tags == {"smittia": 1, "dvory": 1}
