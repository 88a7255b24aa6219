"""The public page and downloads, and the staff's management of their own cluster only."""

import pytest
from django.urls import reverse

from knotenpunkt.opendata.models import Dataset, Distribution
from knotenpunkt.opendata.services.datasets import create_dataset
from tests.opendata.conftest import publish

pytestmark = pytest.mark.django_db

Kind = Dataset.Kind


def test_the_public_page_lists_published_datasets_in_german(client, cluster, public_data):
    publish(cluster, Kind.DIRECTORY)
    create_dataset(None, cluster, Kind.EVENTS)
    page = client.get(reverse("opendata:index")).content.decode()
    assert "Offene Daten" in page
    assert "Mitgliederverzeichnis: DiWiSH Digitale Wirtschaft" in page
    assert "Veranstaltungen: DiWiSH" not in page
    assert 'href="/opendata/diwish/directory.csv"' in page
    assert 'href="/opendata/diwish/directory.json"' in page
    assert "Datenlizenz Deutschland" in page


def test_the_public_page_says_when_nothing_is_published(client, db):
    page = client.get(reverse("opendata:index")).content.decode()
    assert "Noch kein Cluster veröffentlicht offene Daten." in page


def test_the_public_page_costs_a_fixed_number_of_queries(
    client, cluster, other_cluster, public_data, django_assert_max_num_queries
):
    for kind in (Kind.DIRECTORY, Kind.EVENTS, Kind.KPIS):
        publish(cluster, kind)
        publish(other_cluster, kind)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("opendata:index")).status_code == 200


def test_a_download_is_the_stored_file_as_attachment(client, cluster, public_data):
    dataset = publish(cluster, Kind.DIRECTORY)
    response = client.get(reverse("opendata:download", args=["diwish", "directory", "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="diwish-directory.csv"' in response["Content-Disposition"]
    stored = Distribution.objects.get(dataset=dataset, format="csv")
    assert b"".join(response.streaming_content) == bytes(stored.content)
    assert response["ETag"] == f'"{stored.checksum}"'


def test_an_unpublished_dataset_cannot_be_downloaded(client, cluster, public_data):
    from knotenpunkt.opendata.services.datasets import update_dataset

    dataset = publish(cluster, Kind.DIRECTORY)
    update_dataset(None, dataset, {"is_published": False})
    url = reverse("opendata:download", args=["diwish", "directory", "json"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("opendata:dataset", args=["diwish", "directory"])).status_code == 404


def test_the_dataset_uri_leads_to_its_entry(client, cluster, public_data):
    publish(cluster, Kind.DIRECTORY)
    response = client.get(reverse("opendata:dataset", args=["diwish", "directory"]))
    assert response.status_code == 302
    assert response["Location"] == "/opendata/#diwish-directory"


def test_staff_manage_their_clusters_datasets(client_for, alice, cluster):
    client = client_for(alice)
    assert client.get(reverse("opendata:manage")).url == reverse(
        "opendata:manage_cluster", args=["diwish"]
    )
    page = client.get(reverse("opendata:manage_cluster", args=["diwish"])).content.decode()
    assert "Offene Daten von DiWiSH Digitale Wirtschaft" in page
    response = client.post(reverse("opendata:add", args=["diwish", "events"]))
    assert response.url == reverse("opendata:edit", args=["diwish", "events"])
    dataset = Dataset.objects.get(cluster=cluster, kind=Kind.EVENTS)
    assert not dataset.is_published


def test_staff_publish_a_dataset_with_a_licence(
    client_for, alice, cluster, public_data, django_capture_on_commit_callbacks
):
    dataset = create_dataset(alice, cluster, Kind.EVENTS)
    form = {
        "is_published": "on",
        "licence": Dataset.Licence.CC_BY,
        "theme": Dataset.Theme.EDUC,
        "title_de": "Termine",
        "title_en": "Dates",
        "description_de": "Alle öffentlichen Termine.",
        "description_en": "All public dates.",
        "keywords": "Termine, Kiel",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(reverse("opendata:edit", args=["diwish", "events"]), form)
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.is_published and dataset.licence == Dataset.Licence.CC_BY
    assert dataset.issued is not None
    assert dataset.distributions.count() == 2


def test_staff_refresh_a_dataset_now(
    client_for, alice, cluster, public_data, django_capture_on_commit_callbacks
):
    dataset = create_dataset(alice, cluster, Kind.DIRECTORY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(reverse("opendata:refresh", args=["diwish", "directory"]))
    assert response.status_code == 302
    assert dataset.distributions.count() == 2


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("opendata:manage_cluster", ["diwish"], "get"),
        ("opendata:add", ["diwish", "kpis"], "post"),
        ("opendata:edit", ["diwish", "directory"], "get"),
        ("opendata:edit", ["diwish", "directory"], "post"),
        ("opendata:refresh", ["diwish", "directory"], "post"),
    ],
)
def test_staff_of_another_cluster_cannot_manage_this_clusters_datasets(
    client_for, other_staff, cluster, name, args, method
):
    create_dataset(None, cluster, Kind.DIRECTORY)
    response = getattr(client_for(other_staff), method)(
        reverse(name, args=args), {"is_published": "on"}
    )
    assert response.status_code == 403
    dataset = Dataset.objects.get(cluster=cluster, kind=Kind.DIRECTORY)
    assert not dataset.is_published
    assert not Dataset.objects.filter(kind=Kind.KPIS).exists()
    assert not Distribution.objects.exists()


@pytest.mark.parametrize("user", ["bob", "carol", "dave"])
def test_people_who_are_no_staff_cannot_manage_open_data(client_for, request, cluster, user):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("opendata:manage")).status_code == 403
    assert client.get(reverse("opendata:manage_cluster", args=["diwish"])).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, cluster):
    response = client.get(reverse("opendata:manage_cluster", args=["diwish"]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_other_clusters_staff_see_only_their_datasets_in_the_admin(
    client_for, other_staff, cluster, other_cluster
):
    create_dataset(None, cluster, Kind.DIRECTORY)
    create_dataset(None, other_cluster, Kind.EVENTS)
    from django.contrib.auth.models import Permission

    other_staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="opendata"))
    page = client_for(other_staff).get(reverse("admin:opendata_dataset_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Veranstaltungen: Logistik-Initiative" in text
    assert "Mitgliederverzeichnis: DiWiSH" not in text


def test_the_staff_page_shows_the_generated_files(
    client_for, alice, cluster, public_data, django_assert_max_num_queries
):
    publish(cluster, Kind.DIRECTORY)
    publish(cluster, Kind.EVENTS)
    client = client_for(alice)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("opendata:manage_cluster", args=["diwish"])).content.decode()
    assert "CSV: 2 Zeilen, erzeugt" in page  # Nordlicht and the firm with the formula name
    assert "Hinzufügen: Kennzahlen" in page
