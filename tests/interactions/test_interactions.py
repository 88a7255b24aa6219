"""Recording interactions, who sees them, and the notes only their author reads."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.interactions.services.interactions import change_interaction
from tests.factories import PersonFactory, PositionFactory

PRIVATE = "Geschäftsführer wirkt amtsmüde"


def _form(cluster, **fields):
    data = {
        "cluster": cluster.pk,
        "kind": "consultation",
        "date": "2026-04-02",
        "summary": "Beratung zur Cloud-Strategie",
        "notes": "",
        "notes_visibility": "staff",
    }
    data.update(fields)
    return data


def test_staff_record_an_interaction_with_people_topics_and_a_follow_up(
    client_for, alice, cluster, member_org, bob
):
    person = bob.person
    response = client_for(alice).post(
        reverse("interactions:create", args=[member_org.slug]),
        _form(
            cluster,
            people=[person.pk],
            staff=[alice.pk],
            follow_up_title="Förderprogramm schicken",
            follow_up_due_on="2026-04-09",
        ),
    )
    interaction = Interaction.objects.get()
    assert response.status_code == 302
    assert response.url == interaction.get_absolute_url()
    assert list(interaction.people.all()) == [person]
    assert interaction.created_by == alice
    follow_up = FollowUp.objects.get()
    assert (follow_up.assignee, follow_up.due_on) == (alice, datetime.date(2026, 4, 9))
    assert AuditEntry.objects.filter(action="interactions.interaction.recorded").count() == 1


def test_a_person_of_another_organisation_cannot_be_chosen(client_for, alice, cluster, member_org):
    stranger = PersonFactory(last_name="Fremd")
    PositionFactory(person=stranger)
    response = client_for(alice).post(
        reverse("interactions:create", args=[member_org.slug]),
        _form(cluster, people=[stranger.pk]),
    )
    assert response.status_code == 400
    assert "people" in response.context["form"].errors
    assert not Interaction.objects.exists()


def test_an_introduction_names_the_organisation_introduced_to(record, other_org, berta):
    with pytest.raises(ValidationError) as error:
        record(kind=Interaction.Kind.INTRODUCTION)
    assert "introduced_to" in error.value.message_dict
    interaction = record(kind=Interaction.Kind.INTRODUCTION, introduced_to=other_org)
    assert interaction.introduced_to == other_org


def test_an_interaction_is_recorded_only_for_a_cluster_the_organisation_belongs_to(
    record, other_cluster, alice
):
    other_cluster.staff.add(alice)
    with pytest.raises(ValidationError) as error:
        record(cluster=other_cluster)
    assert "cluster" in error.value.message_dict


def test_staff_of_another_cluster_find_nothing(client_for, record, berta, member_org):
    interaction = record()
    client = client_for(berta)
    for url in (
        reverse("interactions:detail", args=[interaction.pk]),
        reverse("interactions:edit", args=[interaction.pk]),
        reverse("interactions:create", args=[member_org.slug]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("interactions:delete", args=[interaction.pk])).status_code == 404
    list_page = client.get(reverse("interactions:list"))
    assert list_page.status_code == 200
    assert list(list_page.context["page"].object_list) == []
    assert Interaction.objects.filter(pk=interaction.pk).exists()


def test_members_and_visitors_are_refused(client, client_for, record, bob):
    interaction = record()
    assert client.get(reverse("interactions:list")).status_code == 302
    client = client_for(bob)
    assert client.get(reverse("interactions:list")).status_code == 403
    assert client.get(reverse("interactions:detail", args=[interaction.pk])).status_code == 404


def test_private_notes_are_shown_to_their_author_only(client_for, record, alice, anke):
    interaction = record(notes=PRIVATE, notes_visibility=Interaction.NotesVisibility.AUTHOR)
    detail = reverse("interactions:detail", args=[interaction.pk])
    assert PRIVATE in client_for(alice).get(detail).content.decode()
    client = client_for(anke)
    assert PRIVATE not in client.get(detail).content.decode()
    edit = reverse("interactions:edit", args=[interaction.pk])
    assert PRIVATE not in client.get(edit).content.decode()
    assert PRIVATE not in client.get(reverse("interactions:export")).content.decode()
    assert PRIVATE not in client.get(reverse("interactions:list")).content.decode()


def test_notes_for_the_cluster_staff_are_shown_to_colleagues(client_for, record, anke):
    interaction = record(notes="Will Fördermittel beantragen")
    page = client_for(anke).get(reverse("interactions:detail", args=[interaction.pk]))
    assert "Will Fördermittel beantragen" in page.content.decode()


def test_a_colleague_changing_the_interaction_keeps_the_private_notes(
    client_for, record, anke, cluster
):
    interaction = record(notes=PRIVATE, notes_visibility=Interaction.NotesVisibility.AUTHOR)
    response = client_for(anke).post(
        reverse("interactions:edit", args=[interaction.pk]),
        _form(cluster, kind="company_visit", date="2026-03-10", summary="Neue Zusammenfassung"),
    )
    assert response.status_code == 302
    interaction.refresh_from_db()
    assert interaction.summary == "Neue Zusammenfassung"
    assert interaction.notes == PRIVATE
    assert interaction.notes_are_private
    # The audit log says that something changed, never what private notes say.
    entry = AuditEntry.objects.get(action="interactions.interaction.changed")
    assert PRIVATE not in str(entry.data)


def test_only_the_author_decides_who_reads_the_notes(record, anke, cluster):
    interaction = record(notes="Für alle")
    with pytest.raises(ValidationError):
        change_interaction(
            anke,
            interaction,
            cluster=cluster,
            kind=interaction.kind,
            date=interaction.date,
            summary=interaction.summary,
            notes_visibility=Interaction.NotesVisibility.AUTHOR,
        )
    private = record(notes=PRIVATE, notes_visibility=Interaction.NotesVisibility.AUTHOR)
    with pytest.raises(PermissionDenied):
        change_interaction(
            anke,
            private,
            cluster=cluster,
            kind=private.kind,
            date=private.date,
            summary=private.summary,
            notes="überschrieben",
        )
    private.refresh_from_db()
    assert private.notes == PRIVATE


def test_the_csv_export_neutralises_formulas(client_for, record, alice):
    record(summary='=HYPERLINK("http://evil.example")')
    with translation.override("en"):
        response = client_for(alice).get(reverse("interactions:export"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "Nordlicht Software GmbH" in text


def test_the_list_filters_by_kind_and_needs_few_queries(
    client_for, record, alice, django_assert_max_num_queries
):
    for day in range(1, 11):
        record(date=datetime.date(2026, 1, day))
    record(kind=Interaction.Kind.CALL, summary="Kurzer Anruf")
    client = client_for(alice)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("interactions:list"))
    assert response.context["page"].paginator.count == 11
    calls = client.get(reverse("interactions:list") + "?kind=call")
    assert [i.summary for i in calls.context["page"].object_list] == ["Kurzer Anruf"]


def test_deleting_an_interaction_removes_its_follow_ups_and_is_audited(client_for, record, alice):
    interaction = record(follow_ups=[("Nachfassen", datetime.date(2026, 3, 20), alice)])
    response = client_for(alice).post(reverse("interactions:delete", args=[interaction.pk]))
    assert response.status_code == 302
    assert not Interaction.objects.exists()
    assert not FollowUp.objects.exists()
    assert AuditEntry.objects.filter(action="interactions.interaction.deleted").exists()


def test_the_record_form_offers_the_organisations_people_and_the_clusters_staff(
    client_for, alice, anke, bob, carol, member_org, cluster
):
    response = client_for(alice).get(reverse("interactions:create", args=[member_org.slug]))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["people"].queryset) == {bob.person, carol.person}
    assert set(form.fields["staff"].queryset) == {alice, anke}
    assert form.initial["cluster"] == cluster.pk
