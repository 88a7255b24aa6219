"""Target groups: each kind of condition, and/or/not, consent, bad trees, the staff pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Region, Topic
from knotenpunkt.mailings.models import MailingList, Segment, Subscription
from knotenpunkt.mailings.services.segments import (
    preview,
    save_segment,
    segment_people,
    validate_definition,
)
from tests.factories import (
    ClusterFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RegistrationFactory,
)


def leaf(field, value=None, op="in"):
    node = {"field": field, "op": op}
    if value is not None:
        node["value"] = value
    return node


def names(people):
    return sorted(p.first_name for p in people)


def person_at(organisation, first_name, function="employee", **kwargs):
    person = PersonFactory(first_name=first_name)
    PositionFactory(person=person, organisation=organisation, function=function, **kwargs)
    return person


def subscribe(person, mailing_list, status=Subscription.Status.ACTIVE):
    return Subscription.objects.create(person=person, mailing_list=mailing_list, status=status)


@pytest.fixture
def newsletter(cluster):
    return MailingList.objects.create(cluster=cluster, name="Newsletter", slug="newsletter")


@pytest.fixture
def member_firm(cluster):
    org = OrganisationFactory(
        name="Nordlicht", actor_type="business", size_class="medium", employees=80
    )
    MembershipFactory(organisation=org, cluster=cluster, kind="paying")
    return org


@pytest.fixture
def institute(cluster):
    org = OrganisationFactory(
        name="Institut", actor_type="research", size_class="large", employees=900
    )
    MembershipFactory(organisation=org, cluster=cluster, kind="free")
    return org


@pytest.fixture
def outsider_firm(db):
    return OrganisationFactory(name="Fremd", actor_type="business", size_class="micro", employees=3)


# --- each kind of condition ---


def test_member_condition_selects_people_of_organisations_with_a_running_membership(
    cluster, member_firm, outsider_firm
):
    person_at(member_firm, "Mia")
    person_at(outsider_firm, "Otto")

    assert names(segment_people(leaf("member", op="is"), cluster=cluster)) == ["Mia"]


def test_member_condition_ignores_memberships_that_ended(cluster, outsider_firm):
    MembershipFactory(
        organisation=outsider_firm,
        cluster=cluster,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2019, 12, 31),
        status="ended",
    )
    person_at(outsider_firm, "Otto")

    assert list(segment_people(leaf("member", op="is"), cluster=cluster)) == []


def test_member_condition_counts_only_the_segments_own_cluster(cluster, outsider_firm):
    MembershipFactory(organisation=outsider_firm, cluster=ClusterFactory())
    person_at(outsider_firm, "Otto")

    assert list(segment_people(leaf("member", op="is"), cluster=cluster)) == []


def test_membership_kind_selects_by_kind_of_running_membership(cluster, member_firm, institute):
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")

    assert names(segment_people(leaf("membership.kind", ["free"]), cluster=cluster)) == ["Ida"]


def test_membership_status_selects_organisations_that_gave_notice(cluster, member_firm, institute):
    institute.memberships.update(status="notice_given")
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")

    tree = leaf("membership.status", ["notice_given"])
    assert names(segment_people(tree, cluster=cluster)) == ["Ida"]


def test_actor_type_selects_people_of_research_organisations(member_firm, institute):
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")

    assert names(segment_people(leaf("organisation.actor_type", "research"))) == ["Ida"]


def test_size_selects_by_size_class(member_firm, institute):
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")

    assert names(segment_people(leaf("organisation.size", ["medium"]))) == ["Mia"]


def test_employees_compare_at_least_and_at_most(member_firm, institute, outsider_firm):
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")
    person_at(outsider_firm, "Otto")

    assert names(segment_people(leaf("organisation.employees", 80, op="gte"))) == ["Ida", "Mia"]
    assert names(segment_people(leaf("organisation.employees", 80, op="lte"))) == ["Mia", "Otto"]


def test_region_selects_by_official_district_key(member_firm, institute):
    kiel = Region.objects.create(ags="01002000", name="Kiel", state="Schleswig-Holstein")
    member_firm.region = kiel
    member_firm.save()
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")

    assert names(segment_people(leaf("organisation.region", ["01002000"]))) == ["Mia"]


def test_organisation_topic_includes_subtopics(member_firm, institute):
    security = Topic.objects.create(slug="it-security", label_de="IT-Sicherheit", label_en="IT")
    pentest = Topic.objects.create(
        slug="pentest", label_de="Pentests", label_en="Pentests", parent=security
    )
    member_firm.topics.add(pentest)
    person_at(member_firm, "Mia")
    person_at(institute, "Ida")

    assert names(segment_people(leaf("organisation.topic", ["it-security"]))) == ["Mia"]


def test_person_topic_selects_people_interested_in_it(member_firm):
    ai = Topic.objects.create(slug="ai", label_de="KI", label_en="AI")
    mia = person_at(member_firm, "Mia")
    person_at(member_firm, "Max")
    mia.topics.add(ai)

    assert names(segment_people(leaf("person.topic", ["ai"]))) == ["Mia"]


def test_topic_matches_the_person_or_their_organisation(member_firm, institute):
    ai = Topic.objects.create(slug="ai", label_de="KI", label_en="AI")
    institute.topics.add(ai)
    mia = person_at(member_firm, "Mia")
    mia.topics.add(ai)
    person_at(member_firm, "Max")
    person_at(institute, "Ida")

    assert names(segment_people(leaf("topic", ["ai"]))) == ["Ida", "Mia"]


def test_function_selects_all_cios_and_hr_leads(member_firm, institute):
    person_at(member_firm, "Mia", function="cio")
    person_at(institute, "Ida", function="hr")
    person_at(institute, "Ina", function="developer")

    assert names(segment_people(leaf("function", ["cio", "hr"]))) == ["Ida", "Mia"]


def test_function_ignores_positions_that_ended(member_firm):
    person_at(member_firm, "Mia", function="cio", end_date=datetime.date(2020, 1, 1))

    assert list(segment_people(leaf("function", ["cio"]))) == []


def test_organisation_conditions_ignore_former_employers(member_firm, institute):
    mia = person_at(member_firm, "Mia")
    PositionFactory(person=mia, organisation=institute, end_date=datetime.date(2020, 1, 1))

    assert list(segment_people(leaf("organisation.actor_type", ["research"]))) == []


def test_group_selects_active_members_only(cluster):
    group = GroupFactory(slug="cloud", clusters=[cluster])
    GroupMembershipFactory(group=group, person=PersonFactory(first_name="Gina"))
    GroupMembershipFactory(group=group, person=PersonFactory(first_name="Rita"), status="requested")

    assert names(segment_people(leaf("group", ["cloud"]), cluster=cluster)) == ["Gina"]


def test_group_lead_selects_the_leads(cluster):
    group = GroupFactory(slug="cloud", clusters=[cluster])
    GroupMembershipFactory(group=group, person=PersonFactory(first_name="Gina"))
    GroupMembershipFactory(group=group, person=PersonFactory(first_name="Lea"), role="lead")

    assert names(segment_people(leaf("group.lead", ["cloud"]), cluster=cluster)) == ["Lea"]


def test_event_registered_excludes_cancelled_registrations(db):
    event = EventFactory(slug="fruehstueck")
    RegistrationFactory(ticket_type__event=event, person=PersonFactory(first_name="Rita"))
    RegistrationFactory(
        ticket_type__event=event, person=PersonFactory(first_name="Carl"), status="cancelled"
    )

    assert names(segment_people(leaf("event.registered", ["fruehstueck"]))) == ["Rita"]


def test_event_attended_selects_people_who_checked_in(db):
    event = EventFactory(slug="fruehstueck")
    RegistrationFactory(
        ticket_type__event=event,
        person=PersonFactory(first_name="Anja"),
        checked_in_at=timezone.now(),
    )
    RegistrationFactory(ticket_type__event=event, person=PersonFactory(first_name="Rita"))

    assert names(segment_people(leaf("event.attended", ["fruehstueck"]))) == ["Anja"]


def test_subscription_condition_selects_active_subscribers_of_another_list(cluster, newsletter):
    special = MailingList.objects.create(cluster=cluster, name="KI", slug="ki", kind="special")
    subscribe(PersonFactory(first_name="Sina"), special)
    subscribe(PersonFactory(first_name="Paul"), special, status=Subscription.Status.PENDING)

    assert names(segment_people(leaf("subscription", ["ki"]), cluster=cluster)) == ["Sina"]


# --- and / or / not ---


def test_all_requires_every_condition(member_firm, institute):
    person_at(member_firm, "Mia", function="cio")
    person_at(institute, "Ida", function="cio")
    person_at(member_firm, "Max", function="hr")

    tree = {"all": [leaf("function", ["cio"]), leaf("organisation.actor_type", ["business"])]}
    assert names(segment_people(tree)) == ["Mia"]


def test_any_accepts_either_condition(member_firm, institute, outsider_firm):
    person_at(member_firm, "Mia", function="cio")
    person_at(institute, "Ida")
    person_at(outsider_firm, "Otto")

    tree = {"any": [leaf("function", ["cio"]), leaf("organisation.actor_type", ["research"])]}
    assert names(segment_people(tree)) == ["Ida", "Mia"]


def test_not_excludes_people_with_any_matching_row(member_firm, institute):
    # Mia works at both; "not research" must drop her, not keep her for her other employer.
    mia = person_at(member_firm, "Mia")
    PositionFactory(person=mia, organisation=institute)
    person_at(member_firm, "Max")

    tree = {
        "all": [
            leaf("organisation.actor_type", ["business"]),
            {"not": leaf("organisation.actor_type", ["research"])},
        ]
    }
    assert names(segment_people(tree)) == ["Max"]


def test_nested_combination(cluster, member_firm, institute, outsider_firm):
    person_at(member_firm, "Mia", function="cio")
    person_at(institute, "Ida", function="cio")
    person_at(outsider_firm, "Otto", function="cio")
    person_at(member_firm, "Max", function="developer")

    tree = {
        "all": [
            leaf("member", op="is"),
            {"any": [leaf("function", ["cio"]), leaf("organisation.size", ["micro"])]},
            {"not": leaf("organisation.actor_type", ["research"])},
        ]
    }
    assert names(segment_people(tree, cluster=cluster)) == ["Mia"]


# --- consent wins ---


def test_matching_person_without_an_active_subscription_is_not_reached(member_firm, newsletter):
    subscribed = person_at(member_firm, "Mia", function="cio")
    pending = person_at(member_firm, "Pia", function="cio")
    gone = person_at(member_firm, "Uwe", function="cio")
    person_at(member_firm, "Nina", function="cio")
    subscribe(subscribed, newsletter)
    subscribe(pending, newsletter, status=Subscription.Status.PENDING)
    subscribe(gone, newsletter, status=Subscription.Status.UNSUBSCRIBED)

    assert names(segment_people(leaf("function", ["cio"]), newsletter)) == ["Mia"]


def test_subscription_to_another_list_does_not_count_as_consent(cluster, member_firm, newsletter):
    other = MailingList.objects.create(cluster=cluster, name="Einladungen", slug="invitations")
    subscribe(person_at(member_firm, "Mia", function="cio"), other)

    assert list(segment_people(leaf("function", ["cio"]), newsletter)) == []


def test_erased_people_are_never_reached(member_firm, newsletter):
    mia = person_at(member_firm, "Mia", function="cio")
    subscribe(mia, newsletter)
    mia.erased_at = timezone.now()
    mia.save()

    assert list(segment_people(leaf("function", ["cio"]), newsletter)) == []


def test_segment_is_evaluated_at_use_not_copied(cluster, member_firm, newsletter):
    segment = Segment.objects.create(
        cluster=cluster, name="CIOs", definition=leaf("function", ["cio"])
    )
    assert preview(segment, newsletter)[0] == 0

    subscribe(person_at(member_firm, "Mia", function="cio"), newsletter)

    assert preview(segment, newsletter)[0] == 1


# --- invalid trees ---


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        ({}, "unknown keys"),
        ([], "expected an object"),
        ({"all": []}, "root.all: expected a non-empty list"),
        ({"any": "x"}, "root.any: expected a non-empty list"),
        ({"all": [leaf("shoe_size", [42])]}, "root.all[0]: unknown field 'shoe_size'"),
        ({"not": leaf("function", ["cio"], op="gte")}, "root.not: the field function has no"),
        (leaf("function", ["astronaut"]), "unknown value(s) astronaut"),
        (leaf("function"), "needs a value"),
        (leaf("function", [{"cio": True}]), "unknown value(s) {'cio': True}"),
        (leaf("group", [7]), "values must be text"),
        (leaf("organisation.employees", "many", op="gte"), "one whole number"),
        (leaf("topic", ["no-such-topic"]), "no topic with the key(s) no-such-topic"),
        ({"field": "function", "value": ["cio"], "colour": "red"}, "unknown keys colour"),
    ],
)
def test_invalid_trees_give_a_clear_error_naming_the_node(db, tree, message):
    with pytest.raises(ValidationError) as error:
        validate_definition(tree)

    assert any(message in text for text in error.value.messages), error.value.messages


def test_every_bad_node_is_reported_at_once(db):
    tree = {"all": [leaf("function", ["astronaut"]), leaf("colour", ["red"])]}

    with pytest.raises(ValidationError) as error:
        validate_definition(tree)

    assert len(error.value.messages) == 2


def test_deeply_nested_trees_are_refused(db):
    tree = leaf("function", ["cio"])
    for _ in range(10):
        tree = {"not": tree}

    with pytest.raises(ValidationError, match="nested deeper"):
        validate_definition(tree)


def test_mailing_lists_of_other_clusters_are_unknown(cluster, other_cluster):
    MailingList.objects.create(cluster=other_cluster, name="Logistik", slug="logistik-news")

    with pytest.raises(ValidationError, match="no mailing list"):
        validate_definition(leaf("subscription", ["logistik-news"]), cluster)


def test_save_segment_refuses_an_invalid_tree(cluster, alice):
    with pytest.raises(ValidationError):
        save_segment(alice, Segment(cluster=cluster), {"name": "X", "definition": {"all": []}})

    assert not Segment.objects.exists()


# --- preview ---


def test_preview_counts_all_and_samples_ten_by_name(cluster, member_firm, newsletter):
    for i in range(15):
        subscribe(person_at(member_firm, f"P{i:02}", function="cio"), newsletter)
    segment = Segment.objects.create(
        cluster=cluster, name="CIOs", definition=leaf("function", "cio")
    )

    count, sample = preview(segment, newsletter)

    assert count == 15
    assert len(sample) == 10


def test_preview_query_count_does_not_grow_with_the_tree_or_people(
    cluster, member_firm, newsletter, django_assert_max_num_queries
):
    Topic.objects.create(slug="ai", label_de="KI", label_en="AI")
    for i in range(30):
        subscribe(person_at(member_firm, f"P{i:02}", function="cio"), newsletter)
    segment = Segment.objects.create(
        cluster=cluster,
        name="Broad",
        definition={
            "all": [
                leaf("member", op="is"),
                {"any": [leaf("function", ["cio"]), leaf("topic", ["ai"])]},
                {"not": leaf("organisation.size", ["micro"])},
            ]
        },
    )

    # Topic key and topic tree once each, then the sample, its e-mails and the count.
    with django_assert_max_num_queries(5):
        count, sample = preview(segment, newsletter)
        [person.primary_email for person in sample]

    assert count == 30


# --- staff pages ---


@pytest.fixture
def segment(cluster):
    return Segment.objects.create(
        cluster=cluster, name="Alle CIOs", definition=leaf("function", ["cio"])
    )


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_segment_pages_are_closed_to_everyone_but_staff(request, client_for, segment, persona):
    client = client_for(request.getfixturevalue(persona))

    for url in (
        reverse("mailings:segments"),
        reverse("mailings:segment_create"),
        reverse("mailings:segment_edit", args=[segment.pk]),
        reverse("mailings:segment_preview", args=[segment.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_segment_pages_send_anonymous_visitors_to_login(client, segment):
    response = client.get(reverse("mailings:segment_preview", args=[segment.pk]))

    assert response.status_code == 302


def test_staff_of_another_cluster_cannot_see_the_segment(client_for, other_cluster, segment):
    from tests.factories import UserFactory

    stranger = UserFactory(email="staff@logistik.example")
    other_cluster.staff.add(stranger)
    client = client_for(stranger)

    assert client.get(reverse("mailings:segment_edit", args=[segment.pk])).status_code == 403
    assert (
        reverse("mailings:segment_edit", args=[segment.pk])
        not in client.get(reverse("mailings:segments")).content.decode()
    )


def test_segment_list_shows_the_clusters_segments_in_bounded_queries(
    client_for, alice, cluster, django_assert_max_num_queries
):
    for i in range(12):
        Segment.objects.create(cluster=cluster, name=f"Gruppe {i}", definition={})
    client = client_for(alice)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("mailings:segments"))

    assert response.status_code == 200
    assert "Gruppe 11" in response.content.decode()


def test_staff_creates_a_segment_and_lands_on_its_preview(client_for, alice, cluster):
    client = client_for(alice)

    response = client.post(
        reverse("mailings:segment_create"),
        {
            "cluster": cluster.pk,
            "name": "HR-Leitungen",
            "description": "",
            "definition": '{"field": "function", "op": "in", "value": ["hr"]}',
        },
    )

    segment = Segment.objects.get(name="HR-Leitungen")
    assert response.status_code == 302
    assert response.url == reverse("mailings:segment_preview", args=[segment.pk])
    assert segment.definition["value"] == ["hr"]
    assert segment.created_by == alice


def test_new_segment_page_lists_the_fields_to_use(client_for, alice):
    response = client_for(alice).get(reverse("mailings:segment_create"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<code>function</code>" in content
    assert "cio, cto" in content


def test_broken_json_gives_a_form_error(client_for, alice, segment):
    response = client_for(alice).post(
        reverse("mailings:segment_edit", args=[segment.pk]),
        {"name": "Alle CIOs", "description": "", "definition": '{"all": ['},
    )

    assert response.status_code == 400
    assert "Enter a valid JSON" in response.content.decode()


def test_invalid_tree_gives_a_form_error_naming_the_node(client_for, alice, segment):
    response = client_for(alice).post(
        reverse("mailings:segment_edit", args=[segment.pk]),
        {
            "name": "Alle CIOs",
            "description": "",
            "definition": '{"all": [{"field": "function", "value": ["astronaut"]}]}',
        },
    )

    assert response.status_code == 400
    assert "root.all[0] (function): unknown value(s) astronaut" in response.content.decode()
    segment.refresh_from_db()
    assert segment.definition == leaf("function", ["cio"])


def test_preview_page_shows_count_and_sample_for_a_list(
    client_for, alice, segment, member_firm, newsletter
):
    subscribe(person_at(member_firm, "Mia", function="cio"), newsletter)
    person_at(member_firm, "Nina", function="cio")

    response = client_for(alice).get(
        reverse("mailings:segment_preview", args=[segment.pk]), {"mailing_list": newsletter.pk}
    )

    content = response.content.decode()
    assert "1 person would receive a mailing to Newsletter" in content
    assert "Mia" in content
    assert "Nina" not in content


def test_preview_page_explains_a_tree_that_no_longer_fits_the_data(client_for, alice, cluster):
    Topic.objects.create(slug="ai", label_de="KI", label_en="AI")
    segment = Segment.objects.create(cluster=cluster, name="KI", definition=leaf("topic", ["ai"]))
    Topic.objects.filter(slug="ai").delete()

    response = client_for(alice).get(reverse("mailings:segment_preview", args=[segment.pk]))

    assert response.status_code == 200
    assert "no topic with the key(s) ai" in response.content.decode()
