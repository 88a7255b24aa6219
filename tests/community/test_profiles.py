"""Enriched profiles: what staff of a cluster see, on which basis, and what they never see."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Person

NO_USAGE = "No usage data: this person has not consented to a personalised feed/profiling."


def german(text: str) -> str:
    with translation.override("de"):
        return gettext(text)


def test_staff_see_the_usage_of_a_person_who_consented(client_for, alice, world):
    page = client_for(alice).get(reverse("community:person", args=[world.clara.pk])).content
    page = page.decode()
    assert "KI-Leitfaden für KMU" in page
    assert "Künstliche Intelligenz" in page  # the interest profile
    assert german(NO_USAGE) not in page
    # The page shows the local (Berlin) date: in the last hour of a UTC day it is the next.
    recorded_at = timezone.localtime(world.clara.consents.get().recorded_at)
    assert recorded_at.strftime("%d.%m.%Y") in page


def test_staff_see_a_notice_and_no_usage_for_a_person_without_consent(client_for, alice, world):
    page = client_for(alice).get(reverse("community:person", args=[world.nina.pk])).content
    page = page.decode()
    assert german(NO_USAGE) in page
    # Her rating is kept for the feed's figures, but nothing of her usage is shown.
    assert "KI-Leitfaden für KMU" not in page
    assert "KI-Gipfel Kiel" in page  # what the cluster knows anyway stays
    assert "Fachgruppe KI" in page


def test_the_profile_shows_events_groups_needs_and_contacts_of_the_cluster(
    client_for, alice, world
):
    page = client_for(alice).get(reverse("community:person", args=[world.clara.pk])).content
    page = page.decode()
    assert "KI-Gipfel Kiel" in page
    assert "Fachgruppe KI" in page
    assert "Cloud-Beratung gesucht" in page
    assert "Nordlicht Software GmbH" in page


def test_staff_never_see_another_clusters_events_groups_or_content(client_for, alice, world):
    page = client_for(alice).get(reverse("community:person", args=[world.clara.pk])).content
    page = page.decode()
    assert "Hafen-Gipfel Lübeck" not in page
    assert "Hafen-Newsletter März" not in page


def test_staff_of_another_cluster_see_only_their_clusters_data_of_a_shared_person(
    client_for, bert, world
):
    # Clara attended Logistik's harbour summit, so its staff may open her profile ...
    page = client_for(bert).get(reverse("community:person", args=[world.clara.pk])).content
    page = page.decode()
    assert "Hafen-Gipfel Lübeck" in page
    assert "Hafen-Newsletter März" in page
    # ... but see nothing of DiWiSH's events, groups, needs or content.
    assert "KI-Gipfel Kiel" not in page
    assert "Fachgruppe KI" not in page
    assert "Cloud-Beratung gesucht" not in page
    assert "KI-Leitfaden für KMU" not in page


def test_staff_of_another_cluster_find_no_person_of_this_cluster(client_for, bert, world):
    response = client_for(bert).get(reverse("community:person", args=[world.nina.pk]))
    assert response.status_code == 404


def test_staff_of_another_cluster_find_no_organisation_of_this_cluster(
    client_for, bert, world, member_org
):
    response = client_for(bert).get(reverse("community:organisation", args=[member_org.pk]))
    assert response.status_code == 404


def test_staff_find_no_person_of_another_cluster(client_for, alice, world):
    response = client_for(alice).get(reverse("community:person", args=[world.otto.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["community:people", "community:suggestions"])
def test_a_member_is_refused_the_community_pages(client_for, carol, world, name):
    assert client_for(carol).get(reverse(name)).status_code == 403


def test_a_member_is_refused_a_profile_even_of_a_colleague(client_for, carol, world):
    response = client_for(carol).get(reverse("community:person", args=[world.clara.pk]))
    assert response.status_code == 403


def test_viewing_a_profile_is_written_to_the_audit_log(client_for, alice, world):
    client_for(alice).get(reverse("community:person", args=[world.clara.pk]))
    entry = AuditEntry.objects.get(action="community.person_profile.viewed")
    assert entry.actor == alice
    assert entry.target_id == str(world.clara.pk)
    assert entry.data == {"with_usage_data": True}


def test_the_organisation_profile_shows_usage_only_of_consenting_people(
    client_for, alice, world, member_org
):
    page = client_for(alice).get(reverse("community:organisation", args=[member_org.pk]))
    text = page.content.decode()
    assert "KI-Leitfaden für KMU" in text  # Clara's use
    assert "Clara Claussen" in text
    assert "Hafen-Newsletter März" not in text
    assert AuditEntry.objects.filter(action="community.organisation_profile.viewed").exists()


def test_the_people_list_shows_the_clusters_people_only(
    client_for, alice, world, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("community:people")).content.decode()
    assert "Clara Claussen" in page
    assert "Nina Nissen" in page
    assert "Otto Ohlsen" not in page


def test_the_organisation_list_shows_the_clusters_organisations_only(client_for, bert, world):
    page = client_for(bert).get(reverse("community:organisations")).content.decode()
    assert "Hafen Logistik GmbH" in page
    assert "Südwind Data GmbH" not in page


def test_an_erased_person_has_no_profile(client_for, alice, world):
    Person.objects.filter(pk=world.nina.pk).update(erased_at=world.summit.starts_at)
    response = client_for(alice).get(reverse("community:person", args=[world.nina.pk]))
    assert response.status_code == 404
