"""Partner networks and foreign clusters: agreements with documents, trips and who took
part, all within the staff's own clusters."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.cooperations.models import CooperationAgreement, PartnerNetwork, TripDestination
from knotenpunkt.core.models import AuditEntry
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def network(cluster):
    return PartnerNetwork.objects.create(
        cluster=cluster, name="Digital Hub Aarhus", kind="foreign_cluster", country="DK"
    )


def _trip(cluster, **fields):
    values = {
        "title": "Lernreise Kopenhagen",
        "kind": "trip",
        "starts_at": datetime.datetime(2025, 9, 15, 6, 0, tzinfo=datetime.UTC),
        "clusters": [cluster],
    }
    return EventFactory(**{**values, **fields})


def test_staff_add_a_foreign_cluster(client_for, alice, cluster):
    data = {
        "name": "Brainport Eindhoven",
        "kind": "foreign_cluster",
        "country": "NL",
        "website": "brainport.example",
        "description": "",
    }
    response = client_for(alice).post(reverse("cooperations:network_create"), data)
    network = PartnerNetwork.objects.get()
    assert response.url == network.get_absolute_url()
    assert (network.cluster, network.country, network.website) == (
        cluster,
        "NL",
        "https://brainport.example",
    )
    assert AuditEntry.objects.filter(action="cooperations.network.created").exists()


def test_a_second_network_of_the_same_name_is_refused(client_for, alice, network):
    data = {"name": network.name, "kind": "network", "country": "DE"}
    response = client_for(alice).post(reverse("cooperations:network_create"), data, **EN)
    assert response.status_code == 400
    assert "already has a partner network of this name" in response.content.decode()
    assert PartnerNetwork.objects.count() == 1


def test_an_unknown_country_is_refused(client_for, alice):
    data = {"name": "Irgendwo", "kind": "network", "country": "XX"}
    response = client_for(alice).post(reverse("cooperations:network_create"), data, **EN)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_an_agreement_with_its_document_is_kept_private(
    client_for, alice, berta, network, private_files_in_tmp
):
    document = SimpleUploadedFile("mou.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    data = {
        "subject": "Memorandum of Understanding",
        "signed_on": "2025-06-02",
        "document": document,
    }
    response = client_for(alice).post(
        reverse("cooperations:agreement_add", args=[network.pk]), data
    )
    assert response.status_code == 302
    agreement = CooperationAgreement.objects.get()
    url = reverse("cooperations:agreement_document", args=[agreement.pk])
    download = client_for(alice).get(url)
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    assert client_for(berta).get(url).status_code == 404


def test_an_agreement_ending_before_it_was_signed_is_refused(client_for, alice, network):
    data = {"subject": "MoU", "signed_on": "2025-06-02", "ends_on": "2024-01-01"}
    response = client_for(alice).post(
        reverse("cooperations:agreement_add", args=[network.pk]), data, **EN
    )
    assert response.status_code == 400
    assert "cannot end before it is signed" in response.content.decode()
    assert not CooperationAgreement.objects.exists()


def test_a_document_of_the_wrong_kind_is_refused(client_for, alice, network):
    document = SimpleUploadedFile("mou.exe", b"MZ", content_type="application/octet-stream")
    data = {"subject": "MoU", "signed_on": "2025-06-02", "document": document}
    response = client_for(alice).post(
        reverse("cooperations:agreement_add", args=[network.pk]), data, **EN
    )
    assert response.status_code == 400
    assert "File extension" in response.content.decode()


def test_the_network_page_shows_trips_with_the_people_checked_in(
    client_for, alice, cluster, network, member_org
):
    trip = _trip(cluster)
    came = PersonFactory(first_name="Hanna", last_name="Hansen")
    RegistrationFactory(
        ticket_type__event=trip,
        person=came,
        organisation=member_org,
        checked_in_at=trip.starts_at,
    )
    RegistrationFactory(
        ticket_type__event=trip, person=PersonFactory(first_name="Nils", last_name="Nichtda")
    )
    client = client_for(alice)
    response = client.post(reverse("cooperations:trip_link", args=[network.pk]), {"event": trip.pk})
    assert response.status_code == 302
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Lernreise Kopenhagen" in page
    assert "Hanna Hansen (Nordlicht Software GmbH)" in page
    assert "Nichtda" not in page


def test_only_trips_of_the_networks_cluster_can_be_linked(
    client_for, alice, cluster, other_cluster, network
):
    meeting = EventFactory(title="Stammtisch", kind="networking", clusters=[cluster])
    foreign_trip = _trip(other_cluster, title="Fremde Reise")
    client = client_for(alice)
    for event in (meeting, foreign_trip):
        response = client.post(
            reverse("cooperations:trip_link", args=[network.pk]), {"event": event.pk}, **EN
        )
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not TripDestination.objects.exists()


def test_staff_of_another_cluster_reach_none_of_the_networks_pages(
    client_for, berta, cluster, network
):
    trip = _trip(cluster)
    destination = TripDestination.objects.create(event=trip, network=network)
    client = client_for(berta)
    assert client.get(network.get_absolute_url()).status_code == 404
    assert client.get(reverse("cooperations:network_edit", args=[network.pk])).status_code == 404
    assert client.post(reverse("cooperations:network_delete", args=[network.pk])).status_code == 404
    assert (
        client.post(reverse("cooperations:trip_unlink", args=[destination.pk])).status_code == 404
    )
    assert "Aarhus" not in client.get(reverse("cooperations:networks")).content.decode()
    assert PartnerNetwork.objects.filter(pk=network.pk).exists()
    assert TripDestination.objects.filter(pk=destination.pk).exists()


def test_staff_delete_a_network_and_its_agreements_but_not_the_trip(
    client_for, alice, cluster, network
):
    trip = _trip(cluster)
    TripDestination.objects.create(event=trip, network=network)
    CooperationAgreement.objects.create(
        network=network, subject="MoU", signed_on=datetime.date(2025, 1, 1)
    )
    response = client_for(alice).post(reverse("cooperations:network_delete", args=[network.pk]))
    assert response.status_code == 302
    assert not PartnerNetwork.objects.exists()
    assert not CooperationAgreement.objects.exists()
    trip.refresh_from_db()
    assert AuditEntry.objects.filter(action="cooperations.network.deleted").exists()


def test_staff_open_the_network_pages(client_for, alice, cluster, network):
    _trip(cluster)
    client = client_for(alice)
    assert client.get(reverse("cooperations:networks")).status_code == 200
    detail = client.get(network.get_absolute_url())
    assert detail.status_code == 200
    assert len(detail.context["trip_form"].fields["event"].queryset) == 1
    assert client.get(reverse("cooperations:network_edit", args=[network.pk])).status_code == 200
    data = {"name": "Digital Hub Aarhus", "kind": "network", "country": "DK", "website": ""}
    response = client.post(reverse("cooperations:network_edit", args=[network.pk]), data)
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.kind == "network"
    assert AuditEntry.objects.get(action="cooperations.network.changed").data["changes"] == {
        "kind": ["foreign_cluster", "network"]
    }
