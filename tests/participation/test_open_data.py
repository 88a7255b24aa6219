"""The open data of a public process: ideas and measures as CSV and JSON, anonymous."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import Process
from tests.participation.workshop import FORMULA, build_workshop

pytestmark = pytest.mark.django_db

PERSONAL = (
    "Carol",
    "Clausen",
    "Bob",
    "Brandt",
    "Dave",
    "nordlicht.example",
    "cluster.example",
    "hochschule.example",
    "Erika Muster",  # a measure's free-text owner
    "Hans Hansen",  # a sole proprietor owning a measure
)


@pytest.fixture
def workshop(cluster, alice, carol, bob, dave, member_org):
    return build_workshop(cluster, alice, carol, bob, dave, member_org)


def table_url(process, table, fmt):
    return reverse("participation:open_data_table", args=[process.slug, table, fmt])


def json_url(process, fmt="json"):
    return reverse("participation:open_data", args=[process.slug, fmt])


def download(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_json_holds_the_ideas_the_measures_and_the_licence(client, workshop):
    data = json.loads(download(client, json_url(workshop.process)))
    assert data["process"]["title"] == "Zukunft Nordkreis 2035"
    assert data["process"]["owner"] == "DiWiSH Digitale Wirtschaft"
    assert data["process"]["licence"] == "CC-BY-4.0"
    assert data["process"]["url"].endswith(workshop.process.get_absolute_url())
    ideas = {idea["text"]: idea for idea in data["ideas"]}
    assert ideas["Mit Kinderbetreuung im Coworking"] == {
        "process": "Zukunft Nordkreis 2035",
        "phase": "Ideenwerkstatt",
        "group": "Neue Arbeit",
        "sheet": 1,
        "round": 2,
        "position": 1,
        "label": "2.1",
        "builds_on": "1.1",
        "text": "Mit Kinderbetreuung im Coworking",
        "created": timezone.localdate(workshop.second_round_idea.created_at).isoformat(),
    }
    measures = {m["title"]: m for m in data["measures"]}
    coworking = measures["Coworking-Space am Bahnhof"]
    assert coworking["value_score"] == 4.5
    assert coworking["feasibility_score"] == 4.0
    assert coworking["priority"] == 18.0
    assert coworking["goals"] == ["Fachkräfte halten"]
    assert coworking["horizon"] == "short"
    assert coworking["cost_estimate_eur"] == 80000.0
    assert coworking["mission"] == "Gute Arbeit auf dem Land"
    assert coworking["fields_of_action"] == ["Arbeit und Fachkräfte"]
    assert coworking["owner_organisation"] == "Nordlicht Software GmbH"
    assert coworking["chosen"] is True
    assert coworking["transferred_to_strategy"] is False
    ranked = measures["Online-Gewerbeanmeldung"]
    assert ranked["rank"] == 1
    assert ranked["rank_set_by_moderation"] == 1
    assert ranked["priority_reason"] == "Pflicht nach dem OZG"
    assert ranked["cross_cutting"] is True
    assert ranked["owner_organisation"] == ""  # a sole proprietorship is a person


def test_no_person_account_or_address_is_in_the_open_data(client, workshop, carol, bob):
    texts = [
        download(client, json_url(workshop.process)),
        download(client, table_url(workshop.process, "ideas", "csv")),
        download(client, table_url(workshop.process, "measures", "csv")),
        download(client, table_url(workshop.process, "ideas", "json")),
    ]
    for text in texts:
        for personal in PERSONAL:
            assert personal not in text
    data = json.loads(texts[0])
    for row in data["ideas"] + data["measures"]:
        assert not {"author", "author_id", "user", "user_id", "email", "owner"} & set(row)


def test_the_ideas_csv_lists_every_idea_in_the_order_written_and_neutralises_formulas(
    client, workshop
):
    rows = csv_rows(download(client, table_url(workshop.process, "ideas", "csv")))
    assert [(r["sheet"], r["round"], r["label"], r["text"]) for r in rows] == [
        ("1", "1", "1.1", "Coworking im alten Bahnhof"),
        ("1", "2", "2.1", "Mit Kinderbetreuung im Coworking"),
        ("2", "1", "1.1", "'" + FORMULA),
    ]
    assert rows[0]["group"] == "Neue Arbeit"


def test_the_measures_csv_has_the_scores_and_the_state(client, workshop):
    rows = {
        r["title"]: r
        for r in csv_rows(download(client, table_url(workshop.process, "measures", "csv")))
    }
    coworking = rows["Coworking-Space am Bahnhof"]
    assert coworking["value_score"] == "4.5"
    assert coworking["feasibility_score"] == "4.0"
    assert coworking["cost_estimate_eur"] == "80000.0"
    assert coworking["chosen"] == "true"
    assert coworking["transferred_to_strategy"] == "false"
    assert (
        rows["Online-Gewerbeanmeldung"]["fields_of_action"] == "Arbeit und Fachkräfte|Infrastruktur"
    )


def test_processes_that_are_not_public_have_no_open_data_for_anybody(
    client, client_for, process, workshop, alice
):
    # `process` is members only; alice moderates both.
    for user in (None, alice):
        if user:
            client_for(user)
        assert client.get(json_url(process)).status_code == 404
        assert client.get(table_url(process, "ideas", "csv")).status_code == 404
    workshop.process.is_published = False
    workshop.process.save()
    assert client.get(json_url(workshop.process)).status_code == 404
    workshop.process.is_published = True
    workshop.process.visibility = Process.Visibility.INVITED
    workshop.process.save()
    assert client.get(table_url(workshop.process, "measures", "csv")).status_code == 404


def test_unknown_formats_and_tables_are_not_found(client, workshop):
    assert client.get(json_url(workshop.process, "xml")).status_code == 404
    assert client.get(json_url(workshop.process, "csv")).status_code == 404
    assert client.get(table_url(workshop.process, "ideas", "xlsx")).status_code == 404
    assert client.get(table_url(workshop.process, "people", "csv")).status_code == 404
