"""The competence profile: completeness and its hints, editing by organisation admins,
re-indexing after the save."""

import pytest
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Topic
from knotenpunkt.matching.models import CompetenceProfile, MatchDocument
from knotenpunkt.matching.services.profiles import completeness, profile_for

OFFER = "Wir entwickeln Software für Handwerksbetriebe. " * 8  # > 300 characters


def topic(kind):
    return Topic.objects.filter(kind=kind).first()


def test_empty_profile_is_zero_percent_with_concrete_hints(member_org):
    result = completeness(profile_for(member_org))
    assert result.percent == 0
    hints = [str(h) for h in result.hints]
    assert "Add technologies you work with" in hints
    assert "Describe what you offer in plain words (at least 300 characters)" in hints
    assert "Name references" in hints


def test_short_offer_still_asks_for_300_characters(member_org):
    profile = CompetenceProfile.objects.create(organisation=member_org, offer="Apps.")
    hints = [str(h) for h in completeness(profile).hints]
    assert "Describe what you offer in plain words (at least 300 characters)" in hints


def test_complete_profile_is_one_hundred_percent_without_hints(member_org):
    profile = CompetenceProfile.objects.create(
        organisation=member_org,
        offer=OFFER,
        services="Beratung",
        technologies="Python",
        keywords="Zeiterfassung",
        references="Stadtwerke Kiel",
        team_size=12,
        languages="Deutsch, Englisch",
    )
    profile.topics.set([topic(Topic.Kind.COMPETENCE), topic(Topic.Kind.INDUSTRY)])
    result = completeness(profile)
    assert result.percent == 100
    assert result.hints == []


def test_adding_technologies_raises_the_percentage(member_org):
    profile = CompetenceProfile.objects.create(organisation=member_org)
    before = completeness(profile).percent
    profile.technologies = "LoRaWAN"
    assert completeness(profile).percent > before


def profile_post(**extra):
    data = {
        "offer": OFFER,
        "services": "Beratung",
        "products": "",
        "technologies": "Python\nDjango",
        "keywords": "",
        "references": "",
        "team_size": "8",
        "languages": "Deutsch",
        "region_served": "state",
        "competences": [topic(Topic.Kind.COMPETENCE).pk],
        "industries": [topic(Topic.Kind.INDUSTRY).pk],
    }
    data.update(extra)
    return data


def test_organisation_admin_saves_the_profile_with_topics(client_for, bob, member_org):
    response = client_for(bob).post(
        reverse("matching:profile_edit", args=[member_org.slug]), profile_post()
    )
    assert response.status_code == 302
    profile = member_org.competence_profile
    assert profile.technologies == "Python\nDjango"
    assert {t.kind for t in profile.topics.all()} == {"competence", "industry"}
    assert AuditEntry.objects.filter(action="matching.profile.changed").exists()


def test_saving_the_profile_reindexes_the_organisation_after_commit(
    client_for, bob, member_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(
            reverse("matching:profile_edit", args=[member_org.slug]),
            profile_post(technologies="LoRaWAN"),
        )
    assert MatchDocument.objects.filter(organisation=member_org).exists()


def test_profile_page_shows_completeness_and_hints(client_for, bob, member_org):
    response = client_for(bob).get(reverse("matching:profile_edit", args=[member_org.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "0 % complete" in page
    assert "Add technologies you work with" in page


def test_profile_tasks_show_what_is_done_and_link_to_the_open_fields(client_for, bob, member_org):
    profile = profile_for(member_org)
    profile.technologies = "Python, PostgreSQL"
    profile.save()

    page = client_for(bob).get(reverse("matching:profile_edit", args=[member_org.slug])).text

    tasks = page.split('class="kern-task-list__list"')[1].split("</ul>")[0]
    items = tasks.split('class="kern-task-list__item"')[1:]
    technologies = next(item for item in items if ">Technologies</a>" in item)
    offer = next(item for item in items if ">Offer in plain words</a>" in item)
    assert "Done" in technologies and "Open" not in technologies
    assert "Open" in offer and "at least 300 characters" in offer
    # Each task leads to its field, which the form renders with that id.
    assert 'href="#id_offer_field"' in offer
    assert 'id="id_offer_field"' in page


@pytest.mark.parametrize("persona", ["carol", "dave", "alice_of_other_cluster"])
def test_profile_cannot_be_edited_by_people_without_the_right(
    persona, request, client_for, member_org, other_cluster
):
    if persona == "alice_of_other_cluster":
        from tests.factories import UserFactory

        user = UserFactory()
        other_cluster.staff.add(user)
    else:
        user = request.getfixturevalue(persona)
    response = client_for(user).post(
        reverse("matching:profile_edit", args=[member_org.slug]), profile_post()
    )
    assert response.status_code == 403
    assert not CompetenceProfile.objects.filter(organisation=member_org).exists()


def test_anonymous_visitor_is_sent_to_login_for_the_profile(client, member_org):
    response = client.get(reverse("matching:profile_edit", args=[member_org.slug]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
