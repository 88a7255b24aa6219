"""Documenting cooperations by hand: create, check, edit, delete, list, export, scoping."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from knotenpunkt.cooperations.models import Cooperation
from knotenpunkt.core.models import AuditEntry
from tests.cooperations.conftest import make_cooperation
from tests.cooperations.helpers import cooperation_post
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _errors(response) -> str:
    with translation.override("en"):
        return response.content.decode()


def test_staff_document_a_cooperation_with_partners_topics_and_funding(
    client_for, alice, cluster, member_org, partner_org, topic
):
    data = cooperation_post(
        [(member_org, "lead"), (partner_org, "partner")], topics=[str(topic.pk)]
    )
    response = client_for(alice).post(reverse("cooperations:create"), data)
    cooperation = Cooperation.objects.get()
    assert response.status_code == 302
    assert response.url == cooperation.get_absolute_url()
    assert cooperation.cluster == cluster
    assert cooperation.created_by == alice
    assert cooperation.funding_amount == 180000
    assert list(cooperation.topics.all()) == [topic]
    assert sorted((p.organisation.name, p.role) for p in cooperation.partners.all()) == [
        ("Fjordwerk Robotics GmbH", "partner"),
        ("Nordlicht Software GmbH", "lead"),
    ]
    entry = AuditEntry.objects.get(action="cooperations.cooperation.created")
    assert entry.actor == alice
    assert "Fjordwerk" in entry.data["partners"]


def test_one_partner_is_enough_when_the_cluster_takes_part(client_for, alice, member_org):
    data = cooperation_post([(member_org, "lead")], cluster_role="participated")
    response = client_for(alice).post(reverse("cooperations:create"), data)
    assert response.status_code == 302
    assert Cooperation.objects.get().partners.count() == 1


def test_one_partner_without_the_cluster_is_refused_and_the_input_kept(
    client_for, alice, member_org
):
    data = cooperation_post([(member_org, "lead")], cluster_role="none")
    response = client_for(alice).post(reverse("cooperations:create"), data, **EN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "A cooperation needs two parties" in page
    assert "Digitaler Zwilling für Hafenkräne" in page
    assert not Cooperation.objects.exists()


def test_no_partner_at_all_is_refused(client_for, alice):
    response = client_for(alice).post(reverse("cooperations:create"), cooperation_post(), **EN)
    assert response.status_code == 400
    assert "Name at least one partner organisation." in response.content.decode()
    assert not Cooperation.objects.exists()


def test_the_same_partner_twice_is_refused(client_for, alice, member_org):
    data = cooperation_post([(member_org, "lead"), (member_org, "partner")])
    response = client_for(alice).post(reverse("cooperations:create"), data, **EN)
    assert response.status_code == 400
    assert "is listed twice as a partner" in response.content.decode()
    assert not Cooperation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end_date": "2026-02-01"}, "The end lies before the start."),
        ({"funding_programme": ""}, "Name the programme the funding comes from."),
        ({"funding_amount": "-5"}, "Ensure this value is greater than or equal to 0."),
        ({"start_date": "31.02.2026"}, "Enter a valid date."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(
    client_for, alice, member_org, partner_org, fields, message
):
    data = cooperation_post([(member_org, "lead"), (partner_org, "partner")], **fields)
    response = client_for(alice).post(reverse("cooperations:create"), data, **EN)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Cooperation.objects.exists()


def test_a_partner_outside_the_staffs_directory_cannot_be_chosen(
    client_for, alice, member_org, other_cluster
):
    from tests.factories import MembershipFactory

    foreign = OrganisationFactory(name="Fremde Spedition GmbH", slug="fremd")
    MembershipFactory(organisation=foreign, cluster=other_cluster)
    data = cooperation_post([(member_org, "lead"), (foreign, "partner")])
    response = client_for(alice).post(reverse("cooperations:create"), data, **EN)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Cooperation.objects.exists()


def test_staff_change_partners_and_the_change_is_audited(
    client_for, alice, cooperation, member_org, partner_org
):
    third = OrganisationFactory(name="Uni Kiel", slug="uni-kiel")
    data = cooperation_post(
        [(member_org, "lead"), (third, "associated")],
        initial_forms=2,
        title="KI-Assistenz für Werften",
        start_date="2025-03-01",
        status="completed",
        end_date="2026-01-31",
    )
    response = client_for(alice).post(reverse("cooperations:edit", args=[cooperation.pk]), data)
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.status == "completed"
    assert cooperation.end_date == datetime.date(2026, 1, 31)
    assert {p.organisation for p in cooperation.partners.all()} == {member_org, third}
    changes = AuditEntry.objects.get(action="cooperations.cooperation.changed").data["changes"]
    assert set(changes) >= {"status", "end_date", "partners", "funding_programme"}


def test_staff_delete_a_cooperation_and_the_log_keeps_its_title(client_for, alice, cooperation):
    response = client_for(alice).post(reverse("cooperations:delete", args=[cooperation.pk]))
    assert response.status_code == 302
    assert not Cooperation.objects.exists()
    entry = AuditEntry.objects.get(action="cooperations.cooperation.deleted")
    assert entry.target_repr == "KI-Assistenz für Werften"


def test_staff_of_another_cluster_get_404_everywhere(client_for, berta, cooperation):
    client = client_for(berta)
    assert client.get(reverse("cooperations:detail", args=[cooperation.pk])).status_code == 404
    assert client.get(reverse("cooperations:edit", args=[cooperation.pk])).status_code == 404
    assert client.post(reverse("cooperations:delete", args=[cooperation.pk])).status_code == 404
    assert Cooperation.objects.filter(pk=cooperation.pk).exists()
    assert "KI-Assistenz" not in client.get(reverse("cooperations:list")).content.decode()


def test_a_partners_admin_reads_the_cooperation_but_cannot_change_it(client_for, bob, cooperation):
    client = client_for(bob)
    page = client.get(reverse("cooperations:detail", args=[cooperation.pk]))
    assert page.status_code == 200
    assert page.context["may_change"] is False
    assert reverse("cooperations:edit", args=[cooperation.pk]) not in page.content.decode()
    assert client.get(reverse("cooperations:edit", args=[cooperation.pk])).status_code == 404
    assert client.get(reverse("cooperations:list")).status_code == 403
    mine = client.get(reverse("cooperations:mine"))
    assert [c.pk for c in mine.context["page"].object_list] == [cooperation.pk]


def test_members_without_admin_rights_and_outsiders_see_nothing(
    client, client_for, carol, dave, cooperation
):
    detail = reverse("cooperations:detail", args=[cooperation.pk])
    assert client.get(detail).status_code == 302  # to the login
    assert client_for(carol).get(detail).status_code == 404
    assert client_for(carol).get(reverse("cooperations:mine")).status_code == 403
    assert client_for(dave).get(detail).status_code == 404
    assert client_for(dave).get(reverse("cooperations:create")).status_code == 403


def test_the_list_filters_by_year_role_status_and_topic(
    client_for, alice, cluster, member_org, partner_org, topic
):
    wanted = make_cooperation(
        cluster,
        [member_org, partner_org],
        title="Gesucht",
        start_date=datetime.date(2024, 5, 1),
        cluster_role="moderated",
        status="completed",
    )
    wanted.topics.set([topic])
    make_cooperation(cluster, [member_org, partner_org], title="Anderes Jahr")
    make_cooperation(
        cluster,
        [member_org, partner_org],
        title="Andere Rolle",
        start_date=datetime.date(2024, 6, 1),
        status="completed",
    )
    client = client_for(alice)
    url = reverse("cooperations:list")
    query = {"year": "2024", "cluster_role": "moderated", "status": "completed"}
    shown = client.get(url, {**query, "topic": str(topic.pk)}).context["page"].object_list
    assert [c.title for c in shown] == ["Gesucht"]
    assert len(client.get(url, {"year": "2024"}).context["page"].object_list) == 2
    assert len(client.get(url).context["page"].object_list) == 3


def test_a_bad_filter_value_is_named(client_for, alice, cooperation):
    response = client_for(alice).get(reverse("cooperations:list"), {"year": "zwanzig"}, **EN)
    assert response.status_code == 400
    assert "Enter a whole number." in response.content.decode()


def test_the_list_needs_few_queries(
    client_for, alice, cluster, member_org, partner_org, topic, django_assert_max_num_queries
):
    for n in range(12):
        make_cooperation(cluster, [member_org, partner_org], title=f"Projekt {n}").topics.set(
            [topic]
        )
    client = client_for(alice)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("cooperations:list"))
    assert len(response.context["page"].object_list) == 12


def test_the_csv_export_lists_the_filtered_cooperations_with_partners(
    client_for, alice, cluster, member_org, partner_org
):
    make_cooperation(
        cluster, [member_org, partner_org], title="=HYPERLINK(1)", funding_programme="EFRE"
    )
    make_cooperation(
        cluster, [member_org, partner_org], title="2023", start_date=datetime.date(2023, 1, 1)
    )
    response = client_for(alice).get(reverse("cooperations:export"), {"year": "2025"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("DiWiSH Digitale Wirtschaft;'=HYPERLINK(1);2025-03-01;")
    assert "Nordlicht Software GmbH (" in lines[1] and ";EFRE;" in lines[1]


def test_staff_open_the_detail_with_its_history_and_the_edit_form(client_for, alice, cooperation):
    client = client_for(alice)
    detail = client.get(reverse("cooperations:detail", args=[cooperation.pk]))
    assert detail.status_code == 200
    assert detail.context["may_change"] is True
    edit = client.get(reverse("cooperations:edit", args=[cooperation.pk]))
    assert edit.status_code == 200
    assert edit.context["partners"].initial_form_count() == 2
    assert client.get(reverse("cooperations:create")).status_code == 200
