"""What goes into the files: only public data, formulas neutralised, refreshed by the task
with `modified` moving only when the data change."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from knotenpunkt.kpis.models import Kpi
from knotenpunkt.opendata.models import Dataset, Distribution
from knotenpunkt.opendata.services.datasets import create_dataset
from knotenpunkt.opendata.tasks import refresh_one_dataset, refresh_published_datasets
from tests.factories import EventFactory, MembershipFactory, OrganisationFactory
from tests.opendata.conftest import FORMULA, publish

pytestmark = pytest.mark.django_db

Kind = Dataset.Kind


def content(dataset, fmt) -> str:
    return bytes(Distribution.objects.get(dataset=dataset, format=fmt).content).decode("utf-8")


def csv_rows(dataset) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content(dataset, "csv"))))


def test_the_directory_holds_only_listed_current_members_of_the_cluster(cluster, public_data):
    names = {row["name"] for row in csv_rows(publish(cluster, Kind.DIRECTORY))}
    assert "Nordlicht Software GmbH" in names
    assert "Verborgen GmbH" not in names  # not listed
    assert "Ehemals GmbH" not in names  # membership ended
    assert "Hafen Hamburg GmbH" not in names  # another cluster's member


def test_the_directory_names_no_person(cluster, public_data):
    dataset = publish(cluster, Kind.DIRECTORY)
    for fmt in ("csv", "json"):
        assert "Geheimnis" not in content(dataset, fmt)
        assert "Berta" not in content(dataset, fmt)


def test_the_csv_neutralises_formulas(cluster, public_data):
    rows = csv_rows(publish(cluster, Kind.DIRECTORY))
    assert "'" + FORMULA in {row["name"] for row in rows}
    assert FORMULA not in {row["name"] for row in rows}


def test_the_json_keeps_the_text_as_it_is(cluster, public_data):
    data = json.loads(content(publish(cluster, Kind.DIRECTORY), "json"))
    assert FORMULA in {record["name"] for record in data["records"]}
    assert data["licence"] == Dataset.Licence.DL_BY
    assert data["records"][0]["region_key"] == "01002"


def test_the_events_are_the_public_published_ones_without_join_links(cluster, public_data):
    dataset = publish(cluster, Kind.EVENTS)
    titles = {row["title"] for row in csv_rows(dataset)}
    assert titles == {"Digitalfrühstück Kiel", "Online-Sprechstunde"}
    assert "meet.example" not in content(dataset, "csv")
    assert "meet.example" not in content(dataset, "json")


def test_the_catalogue_holds_only_listed_offerings_of_listed_members(cluster, public_data):
    dataset = publish(cluster, Kind.CATALOGUE)
    assert csv_rows(dataset) == []
    assert json.loads(content(dataset, "json"))["records"] == []


def test_the_key_figures_are_only_the_public_ones(cluster, public_data):
    Kpi.objects.filter(key="members_end").update(is_public=True)
    Kpi.objects.exclude(key="members_end").update(is_public=False)
    rows = csv_rows(publish(cluster, Kind.KPIS))
    assert rows
    assert {row["key"] for row in rows} == {"members_end"}
    last_year = str(timezone.localdate().year - 1)
    assert [row["value"] for row in rows if row["year"] == last_year] == [
        "3"
    ]  # the unlisted member counts too


def test_the_refresh_task_updates_the_files(cluster, public_data):
    dataset = publish(cluster, Kind.DIRECTORY)
    before = Distribution.objects.get(dataset=dataset, format="csv")
    newcomer = OrganisationFactory(name="Neu im Cluster GmbH", slug="neu")
    MembershipFactory(organisation=newcomer, cluster=cluster)
    assert refresh_published_datasets.enqueue().return_value == {"datasets": 1, "changed": 1}
    after = Distribution.objects.get(dataset=dataset, format="csv")
    assert "Neu im Cluster GmbH" in bytes(after.content).decode()
    assert after.checksum != before.checksum
    assert after.byte_size == len(bytes(after.content)) > before.byte_size
    dataset.refresh_from_db()
    assert dataset.modified == after.changed_at


def test_a_refresh_without_changes_keeps_the_modification_date(cluster, public_data):
    dataset = publish(cluster, Kind.DIRECTORY)
    modified = dataset.modified
    assert refresh_one_dataset.enqueue(dataset.pk).return_value is False
    dataset.refresh_from_db()
    assert dataset.modified == modified
    distribution = Distribution.objects.get(dataset=dataset, format="json")
    assert distribution.generated_at > distribution.changed_at


def test_the_task_refreshes_no_unpublished_dataset(cluster, public_data):
    create_dataset(None, cluster, Kind.DIRECTORY)
    assert refresh_published_datasets.enqueue().return_value == {"datasets": 0, "changed": 0}
    assert not Distribution.objects.exists()


def test_publishing_sets_the_first_publication_date_once(
    cluster, public_data, django_capture_on_commit_callbacks
):
    from knotenpunkt.opendata.services.datasets import update_dataset

    dataset = create_dataset(None, cluster, Kind.EVENTS)
    assert dataset.issued is None
    with django_capture_on_commit_callbacks(execute=True):
        dataset = update_dataset(None, dataset, {"is_published": True})
    issued = dataset.issued
    assert issued is not None
    assert Distribution.objects.filter(dataset=dataset).count() == 2  # the task ran on commit
    update_dataset(None, dataset, {"is_published": False})
    dataset = update_dataset(None, dataset, {"is_published": True})
    assert dataset.issued == issued


def test_the_participation_results_are_those_of_public_processes(
    cluster, alice, carol, bob, dave, member_org
):
    from tests.participation.workshop import build_workshop

    build_workshop(cluster, alice, carol, bob, dave, member_org)
    dataset = publish(cluster, Kind.PARTICIPATION)
    data = json.loads(content(dataset, "json"))
    assert [p["process"]["title"] for p in data["processes"]] == ["Zukunft Nordkreis 2035"]
    assert "licence" not in data["processes"][0]["process"]
    for personal in ("Carol", "Clausen", "Bob", "Brandt", "nordlicht.example"):
        assert personal not in content(dataset, "json")
        assert personal not in content(dataset, "csv")
    assert {row["process"] for row in csv_rows(dataset)} <= {"Zukunft Nordkreis 2035"}


def test_events_of_a_past_year_drop_out(cluster, public_data):
    EventFactory(
        title="Längst vorbei",
        clusters=[cluster],
        starts_at=timezone.now() - datetime.timedelta(days=800),
    )
    titles = {row["title"] for row in csv_rows(publish(cluster, Kind.EVENTS))}
    assert "Längst vorbei" not in titles
