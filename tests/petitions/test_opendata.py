"""Open data: JSON and CSV of every petition and of the list, safe in a spreadsheet."""

import csv
import io

import pytest

from config.spreadsheets import csv_safe
from petitions import services
from tests.petitions.factories import SignatureFactory


def sign_from(petition, districts_and_numbers):
    for district, number in districts_and_numbers:
        for _ in range(number):
            signature = SignatureFactory(petition=petition, district=district)
            services.signature_confirm(signature_id=signature.pk)


def test_the_list_has_every_public_petition_with_its_count(client, make_petition, districts):
    shown = make_petition("open", title="Відкрита")
    sign_from(shown, [(districts[0], 7)])
    for state in ["draft", "gathering_support", "awaiting_moderation", "hidden"]:
        make_petition(state, title=f"Не для публіки {state}")

    data = client.get("/petitions/all.json").json()

    assert [(p["title"], p["signature_count"], p["state"]) for p in data["petitions"]] == [
        ("Відкрита", 7, "open")
    ]


def test_a_petitions_json_has_its_district_and_day_breakdown(client, open_petition, districts):
    sign_from(open_petition, [(districts[0], 9), (districts[1], 2), (districts[2], 6)])

    data = client.get(f"/petitions/{open_petition.pk}.json").json()

    by_district = {
        row["district"]: row["signature_count"] for row in data["signatures_by_district"]
    }
    assert by_district[districts[0].slug] == 9
    assert by_district[districts[1].slug] == "fewer than 5"
    assert by_district[districts[2].slug] == "fewer than 5"  # would reveal the hidden one
    assert by_district[districts[3].slug] == 0
    assert data["signature_count"] == 17
    assert data["signatures_by_day"][-1]["signature_count"] == 17


def test_a_petitions_csv_has_the_same_numbers(client, open_petition, districts):
    sign_from(open_petition, [(districts[0], 9), (districts[1], 2), (districts[2], 6)])

    response = client.get(f"/petitions/{open_petition.pk}.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["breakdown"] == "total" and rows[0]["signature_count"] == "17"
    districts_rows = {r["key"]: r["signature_count"] for r in rows if r["breakdown"] == "district"}
    assert districts_rows[districts[0].slug] == "9"
    assert districts_rows[districts[1].slug] == "fewer than 5"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(start):
    assert csv_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_titles_in_the_list_csv_cannot_become_formulas(client, make_petition):
    make_petition("open", title='=HYPERLINK("http://evil.example","click")')

    rows = list(csv.DictReader(io.StringIO(client.get("/petitions/all.csv").content.decode())))

    assert rows[0]["title"].startswith("'=")


def test_the_text_of_a_petition_rejected_as_offensive_is_not_in_the_data(client, make_petition):
    petition = make_petition("rejected", rejection_reason="offensive", title="Образа")

    data = client.get(f"/petitions/{petition.pk}.json").json()

    assert data["title"] is None
    assert data["background"] is None and data["rejection_reason"] == "offensive"


def test_an_unpublished_petition_has_no_data(client, make_petition):
    petition = make_petition("gathering_support")
    assert client.get(f"/petitions/{petition.pk}.json").status_code == 404
