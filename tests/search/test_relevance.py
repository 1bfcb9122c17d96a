"""The relevance set: what a resident types, and what they should find in the first three
results of the demo city, on the database engine. Ukrainian and English, with word forms,
typos and a wrong keyboard layout."""

import pytest

from search.selectors import search_documents

RELEVANCE_SET = [
    # (reader language, query, the beginning of a title expected among the first three)
    ("uk", "зламаний ліфт", "Як будинок на Соборній ухвалив ремонт ліфтів за один місяць"),
    ("uk", "ліфти", "Як будинок на Соборній ухвалив ремонт ліфтів за один місяць"),
    ("uk", "як створити осбб", "Як створити ОСББ: від ініціативної групи до реєстрації"),
    ("uk", "створення осбб", "Як створити ОСББ: від ініціативної групи до реєстрації"),
    ("uk", "загальні збори співвласників", "Як скликати і провести загальні збори співвласників"),
    ("uk", "протокол зборів", "Як скласти протокол зборів, щоб його прийняв реєстратор"),
    ("uk", "пандус", "Як вимагати пандус у державній установі"),
    ("uk", "пандуси в поліклініках", "Облаштувати пандуси в усіх поліклініках Подільського району"),
    ("uk", "укриття в школі", "Укриття у школі № 8: облаштування за одне літо"),
    ("uk", "перевірити укриття", "Як перевірити укриття у своєму будинку"),
    ("uk", "утеплення будинку", "Як утеплити багатоквартирний будинок: з чого почати"),
    ("uk", "лічильник тепла", "Як встановити будинковий лічильник тепла"),
    ("uk", "громадський бюджет", "Як подати проєкт на громадський бюджет"),
    ("uk", "вирубка дерев", "Як захистити дерево у дворі від незаконної вирубки"),
    ("uk", "дитячий майданчик", "Як облаштувати безпечний дитячий майданчик"),
    ("uk", "тролейбус північний", "Повернути тролейбусний маршрут № 7 до Північного району"),
    ("uk", "нічні автобуси", "Продовжити роботу нічних автобусів до 2:00"),
    ("uk", "питна вода", "Провести незалежний аудит якості питної води"),
    ("uk", "батареї шумлять", "Чому батареї шумлять після запуску опалення?"),
    ("uk", "prozorro", "Як знайти закупівлю ремонту в Prozorro і перевірити її"),
    ("uk", "запит на публічну інформацію", "Як написати запит на публічну інформацію"),
    ("uk", "ями на дорогах", "Створити муніципальну службу швидкого ремонту ям на дорогах"),
    ("uk", "енергоаудит", "Як замовити енергоаудит і енергетичний сертифікат"),
    ("uk", "управитель будинку", "ОСББ, управитель чи самоврядування: як обрати форму управління будинком"),  # noqa: E501
    ("uk", "школа 17", "Школа № 17"),
    ("uk", "департамент житлово-комунального господарства", "Департамент житлово-комунального господарства"),  # noqa: E501
    # typos, a missing letter, a swap, the English keyboard layout
    ("uk", "обрізка дерев", "Коли краще обрізати дерева у дворі?"),
    ("uk", "протокл зборів", "Як скласти протокол зборів, щоб його прийняв реєстратор"),
    ("uk", "пандсу", "Як вимагати пандус у державній установі"),
    ("uk", "ремнот даху", "ОСББ «Квіткова, 12»: від боргів до нового даху за два роки"),
    ("uk", "ksan", "Як будинок на Соборній ухвалив ремонт ліфтів за один місяць"),
    ("uk", "vfqlfyxbr", "Як облаштувати безпечний дитячий майданчик"),
    # English readers
    ("en", "how to create a condominium association", "How to set up a condominium association"),
    ("en", "shelter", "A survey of school shelters"),
    ("en", "participatory budget", "How to propose a project for the participatory budget"),
    ("en", "freedom of information", "How to write a freedom of information request"),
    ("en", "insulation", "How to insulate an apartment building: where to start"),
    ("en", "public hearing", "How to call for a public hearing"),
    ("en", "courtyard renovation", "How to get your courtyard renovated"),
    ("en", "condominum", "How to set up a condominium association"),
]  # fmt: skip


def first_three(language: str, query: str) -> list[str]:
    results = search_documents(query=query, language=language, per_page=3)
    return [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def test_the_relevance_set_has_at_least_25_queries_in_both_languages():
    languages = {language for language, _, _ in RELEVANCE_SET}

    assert len(RELEVANCE_SET) >= 25
    assert languages == {"uk", "en"}


@pytest.mark.usefixtures("seeded_city")
def test_every_query_of_the_relevance_set_finds_what_a_resident_expects_in_the_top_three(
    database_engine,
):
    misses = []
    for language, query, expected in RELEVANCE_SET:
        found = first_three(language, query)
        if not any(title.startswith(expected) for title in found):
            misses.append(f"{language} {query!r}: expected {expected!r}, got {found}")

    assert not misses, "\n".join(misses)
