"""Applications for membership: apply with the documents accepted, review, admission with
the fee from the schedule, the staff's scoping and the dashboard's conversion figures."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Membership, Organisation
from knotenpunkt.memberships.models import (
    ClusterDocument,
    DocumentAcceptance,
    MembershipApplication,
)
from knotenpunkt.memberships.services import applications as services
from knotenpunkt.memberships.services.documents import current_documents, publish_document
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

TODAY = "2026-02-10"


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English UI texts (their source strings); the German catalogue is
    checked on its own in tests/core/test_translations.py."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def documents(cluster):
    return [
        publish_document(
            None,
            cluster,
            kind=ClusterDocument.Kind.STATUTES,
            title="Satzung des DiWiSH e. V.",
            body="# Satzung\n\n§ 1 Name",
            valid_from=date(2025, 1, 1),
        ),
        publish_document(
            None,
            cluster,
            kind=ClusterDocument.Kind.FEE_RULES,
            title="Beitragsordnung",
            body="Beiträge nach Größe.",
            valid_from=date(2025, 1, 1),
        ),
    ]


@pytest.fixture
def prospect(db):
    """A registered organisation that is no member yet, without a size in the directory."""
    return OrganisationFactory(
        name="Fördewerk GmbH", slug="foerdewerk", size_class="", email="info@foerdewerk.example"
    )


@pytest.fixture
def erik(prospect):
    """Works at the prospect (no organisation admin)."""
    user = UserFactory(email="erik@foerdewerk.example")
    person = PersonFactory(first_name="Erik", last_name="Ehlers", user=user)
    PositionFactory(person=person, organisation=prospect, function="ceo")
    return user


@pytest.fixture
def other_staff(other_cluster):
    user = UserFactory(email="olga@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


def apply(user, organisation, cluster, documents=(), **changes):
    fields = {
        "kind": Membership.Kind.PAYING,
        "size_class": Organisation.SizeClass.SMALL,
        "start_date": timezone.localdate() + timedelta(days=20),
        "motivation": "Wir bauen Software für Werften.",
        "accepted_document_ids": [d.pk for d in documents],
        **changes,
    }
    return services.submit_application(user, organisation, cluster, **fields)


def nothing_written():
    return (
        not MembershipApplication.objects.exists()
        and not DocumentAcceptance.objects.exists()
        and not OutgoingMail.objects.exists()
    )


# --- documents ------------------------------------------------------------------------------


def test_a_new_version_of_a_document_gets_the_next_number_and_becomes_current(cluster, documents):
    statutes, fee_rules = documents
    newer = publish_document(
        None,
        cluster,
        kind=ClusterDocument.Kind.STATUTES,
        title="Satzung (2026)",
        body="§ 1 Name, neu",
        valid_from=date(2026, 1, 1),
    )
    assert (statutes.version, newer.version) == (1, 2)
    assert current_documents(cluster) == [newer, fee_rules]
    statutes.refresh_from_db()
    assert statutes.body == "# Satzung\n\n§ 1 Name"


def test_publishing_without_text_names_the_field(cluster):
    with pytest.raises(ValidationError) as error:
        publish_document(
            None, cluster, kind="statutes", title="Satzung", body=" ", valid_from=date(2026, 1, 1)
        )
    assert "body" in error.value.message_dict
    assert not ClusterDocument.objects.exists()


def test_a_document_version_is_public(client, cluster, documents):
    statutes = documents[0]
    response = client.get(
        reverse("memberships:document", args=[cluster.slug, statutes.kind, statutes.version])
    )
    assert response.status_code == 200
    assert "<p>§ 1 Name</p>" in response.content.decode()


def test_staff_publish_a_document_on_the_documents_page(client_for, alice, cluster):
    response = client_for(alice).post(
        reverse("memberships:documents"),
        {
            "cluster": cluster.pk,
            "kind": "fee_rules",
            "title": "Beitragsordnung 2026",
            "body": "Text",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    assert ClusterDocument.objects.get().version == 1


# --- applying -------------------------------------------------------------------------------


@freeze_time(TODAY)
def test_an_application_records_the_accepted_documents_and_mails_staff_and_applicant(
    cluster, alice, erik, prospect, documents
):
    application = apply(erik, prospect, cluster, documents)
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert application.applicant == erik
    acceptances = application.acceptances.order_by("document__kind")
    assert [(a.document, a.accepted_by) for a in acceptances] == [
        (documents[1], erik),
        (documents[0], erik),
    ]
    assert all(a.accepted_at == timezone.now() for a in acceptances)
    # The cluster has no general address: its staff are written to.
    assert set(OutgoingMail.objects.values_list("to", flat=True)) == {
        "alice@cluster.example",
        "erik@foerdewerk.example",
    }
    staff_mail = OutgoingMail.objects.get(to="alice@cluster.example")
    assert "Fördewerk GmbH" in staff_mail.subject
    assert reverse("memberships:application_detail", args=[application.pk]) in staff_mail.body_text
    assert AuditEntry.objects.filter(action="memberships.application.submitted").exists()


def test_the_staff_mail_goes_to_the_clusters_address_when_it_has_one(
    cluster, alice, erik, prospect
):
    cluster.email = "office@diwish.example"
    cluster.save()
    apply(erik, prospect, cluster)
    assert set(OutgoingMail.objects.values_list("to", flat=True)) == {
        "office@diwish.example",
        "erik@foerdewerk.example",
    }


def test_applying_needs_a_current_position_at_the_organisation(cluster, dave, prospect, documents):
    with pytest.raises(ValidationError) as error:
        apply(dave, prospect, cluster, documents)
    assert "organisation" in error.value.message_dict
    assert "currently hold a position" in error.value.message_dict["organisation"][0]
    assert nothing_written()


def test_a_position_that_has_ended_does_not_allow_applying(cluster, erik, prospect):
    erik.person.positions.update(end_date=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        apply(erik, prospect, cluster)
    assert "organisation" in error.value.message_dict
    assert nothing_written()


def test_a_member_cannot_apply_again(cluster, bob, member_org, documents):
    with pytest.raises(ValidationError) as error:
        apply(bob, member_org, cluster, documents)
    assert error.value.message_dict["cluster"] == [
        "Nordlicht Software GmbH is already a member of DiWiSH Digitale Wirtschaft."
    ]
    assert nothing_written()


def test_a_former_member_may_apply_again(cluster, bob, member_org):
    member_org.memberships.update(
        status=Membership.Status.ENDED, end_date=timezone.localdate() - timedelta(days=30)
    )
    assert apply(bob, member_org, cluster).is_open


def test_an_open_application_blocks_a_second_one_with_a_clear_message(
    cluster, erik, prospect, documents
):
    apply(erik, prospect, cluster, documents)
    colleague = UserFactory(email="frauke@foerdewerk.example")
    PositionFactory(person=PersonFactory(user=colleague), organisation=prospect)
    with pytest.raises(ValidationError) as error:
        apply(colleague, prospect, cluster, documents)
    assert "has already applied" in error.value.message_dict["cluster"][0]
    assert MembershipApplication.objects.count() == 1


def test_every_current_document_must_be_accepted(cluster, erik, prospect, documents):
    with pytest.raises(ValidationError) as error:
        apply(erik, prospect, cluster, documents[:1])
    assert error.value.message_dict["accepted_documents"] == [
        "Please read and accept: Beitragsordnung (version 1)."
    ]
    assert nothing_written()


def test_accepting_an_outdated_version_is_not_enough(cluster, erik, prospect, documents):
    publish_document(
        None,
        cluster,
        kind="statutes",
        title="Satzung 2026",
        body="neu",
        valid_from=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as error:
        apply(erik, prospect, cluster, documents)
    assert "Satzung 2026 (version 2)" in error.value.message_dict["accepted_documents"][0]
    assert nothing_written()


@freeze_time(TODAY)
def test_the_desired_start_may_not_lie_in_the_past(cluster, erik, prospect, documents):
    with pytest.raises(ValidationError) as error:
        apply(erik, prospect, cluster, documents, start_date=date(2026, 1, 1))
    assert error.value.message_dict["start_date"] == [
        "The desired start cannot lie more than 7 days in the past."
    ]
    assert nothing_written()
    # A few days back is fine: an application sent on the 10th for the 5th.
    assert apply(erik, prospect, cluster, documents, start_date=date(2026, 2, 5)).is_open


def test_every_field_error_is_reported_at_once(cluster, erik, prospect):
    with pytest.raises(ValidationError) as error:
        apply(erik, prospect, cluster, kind="free", size_class="huge", start_date=None)
    assert set(error.value.message_dict) == {"kind", "size_class", "start_date"}
    assert nothing_written()


# --- reviewing ------------------------------------------------------------------------------


@freeze_time(TODAY)
def test_approval_admits_the_member_with_the_fee_from_the_schedule_and_mails_the_organisation(
    schedule, cluster, alice, erik, prospect
):
    application = apply(erik, prospect, cluster, start_date=date(2026, 3, 1))
    OutgoingMail.objects.all().delete()
    membership = services.approve(alice, application)
    assert (membership.kind, membership.annual_fee, membership.start_date) == (
        Membership.Kind.PAYING,
        Decimal("600.00"),
        date(2026, 3, 1),
    )
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.membership == membership
    assert (application.decided_by, application.decided_at) == (alice, timezone.now())
    # Admitted through the directory's one path, which audits the start.
    assert AuditEntry.objects.filter(action="directory.membership.started").exists()
    # The organisation had no size: the application's fills the gap.
    prospect.refresh_from_db()
    assert prospect.size_class == Organisation.SizeClass.SMALL
    mails = {m.to: m for m in OutgoingMail.objects.all()}
    assert set(mails) == {"erik@foerdewerk.example", "info@foerdewerk.example"}
    mandate_url = reverse("memberships:mandate_give", args=[prospect.slug, cluster.slug])
    assert mandate_url in mails["info@foerdewerk.example"].body_text


@freeze_time(TODAY)
def test_approval_keeps_the_size_the_organisation_gave_itself(
    schedule, cluster, alice, erik, prospect
):
    prospect.size_class = Organisation.SizeClass.MEDIUM
    prospect.save()
    application = apply(erik, prospect, cluster, size_class="small", start_date=date(2026, 3, 1))
    services.approve(alice, application)
    prospect.refresh_from_db()
    assert prospect.size_class == Organisation.SizeClass.MEDIUM


@freeze_time(TODAY)
def test_without_a_schedule_the_fee_is_zero_and_no_mandate_is_asked(cluster, alice, erik, prospect):
    application = apply(erik, prospect, cluster, kind="startup", start_date=date(2026, 3, 1))
    membership = services.approve(alice, application)
    assert membership.annual_fee == Decimal("0.00")
    mail = OutgoingMail.objects.get(kind="memberships_application_approved", to=prospect.email)
    assert "mandate" not in mail.body_text


@freeze_time(TODAY)
def test_a_start_passed_during_the_review_becomes_the_day_of_approval(
    schedule, cluster, alice, erik, prospect
):
    application = apply(erik, prospect, cluster, start_date=date(2026, 2, 12))
    with freeze_time("2026-03-20"):
        membership = services.approve(alice, application)
    assert membership.start_date == date(2026, 3, 20)


def test_approval_refuses_when_the_organisation_became_a_member_meanwhile(
    cluster, alice, erik, prospect
):
    application = apply(erik, prospect, cluster)
    MembershipFactory(organisation=prospect, cluster=cluster)
    with pytest.raises(ValidationError, match="already has an open membership"):
        services.approve(alice, application)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED


def test_ask_for_changes_and_resubmit(cluster, alice, erik, prospect, documents):
    application = apply(erik, prospect, cluster, documents)
    services.ask_for_changes(alice, application, "Bitte Gründungsjahr angeben.")
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.CHANGES_REQUESTED
    mail = OutgoingMail.objects.get(kind="memberships_application_changes_requested")
    assert (mail.to, "Bitte Gründungsjahr angeben." in mail.body_text) == (erik.email, True)

    services.resubmit(
        erik,
        application,
        kind="startup",
        size_class="micro",
        start_date=application.start_date,
        motivation="Gegründet 2024.",
        accepted_document_ids=[d.pk for d in documents],
    )
    application.refresh_from_db()
    assert (application.status, application.kind, application.motivation) == (
        MembershipApplication.Status.SUBMITTED,
        "startup",
        "Gegründet 2024.",
    )
    assert OutgoingMail.objects.filter(
        kind="memberships_application_to_staff", subject__startswith="Application changed"
    ).exists()


def test_asking_for_changes_needs_a_message(cluster, alice, erik, prospect):
    application = apply(erik, prospect, cluster)
    with pytest.raises(ValidationError) as error:
        services.ask_for_changes(alice, application, "  ")
    assert "message" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED


def test_declining_needs_a_reason_which_the_applicant_receives(cluster, alice, erik, prospect):
    application = apply(erik, prospect, cluster)
    with pytest.raises(ValidationError) as error:
        services.decline(alice, application, "")
    assert error.value.message_dict["reason"] == ["Give the reason for declining."]
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED

    services.decline(alice, application, "Kein Sitz in Schleswig-Holstein.")
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.DECLINED
    mail = OutgoingMail.objects.get(kind="memberships_application_declined")
    assert "Kein Sitz in Schleswig-Holstein." in mail.body_text
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.approve(alice, application)


def test_a_withdrawn_application_frees_the_way_for_a_new_one(cluster, erik, prospect):
    application = apply(erik, prospect, cluster)
    services.withdraw(erik, application)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.WITHDRAWN
    assert apply(erik, prospect, cluster).is_open


# --- the pages ------------------------------------------------------------------------------


def test_the_apply_page_shows_the_fees_and_documents(
    client_for, schedule, cluster, erik, documents
):
    with freeze_time(TODAY):
        response = client_for(erik).get(reverse("memberships:apply_to", args=[cluster.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fees 2026" in page
    assert "1.200,00 €" in page or "1,200.00 €" in page
    assert "Beitragsordnung" in page
    assert "For young companies at a reduced fee" in page


@freeze_time(TODAY)
def test_applying_through_the_page(client_for, cluster, erik, prospect, documents):
    response = client_for(erik).post(
        reverse("memberships:apply_to", args=[cluster.slug]),
        {
            "organisation": prospect.pk,
            "kind": "paying",
            "size_class": "small",
            "start_date": "2026-03-01",
            "motivation": "Netzwerk",
            "accepted_documents": [str(d.pk) for d in documents],
        },
    )
    assert response.status_code == 302
    assert MembershipApplication.objects.get().acceptances.count() == 2
    page = client_for(erik).get(reverse("memberships:apply")).content.decode()
    assert "Fördewerk GmbH" in page and "Submitted" in page


@freeze_time(TODAY)
def test_a_missing_acceptance_is_shown_at_its_field(client_for, cluster, erik, prospect, documents):
    response = client_for(erik).post(
        reverse("memberships:apply_to", args=[cluster.slug]),
        {
            "organisation": prospect.pk,
            "kind": "paying",
            "size_class": "small",
            "start_date": "2026-03-01",
            "accepted_documents": [str(documents[0].pk)],
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["accepted_documents"] == [
        "Please read and accept: Beitragsordnung (version 1)."
    ]
    assert nothing_written()


@freeze_time(TODAY)
def test_the_applicant_changes_the_application_on_the_page_after_the_staff_asked(
    client_for, cluster, alice, erik, prospect, documents
):
    application = apply(erik, prospect, cluster, documents)
    services.ask_for_changes(alice, application, "Bitte Größe prüfen.")
    client = client_for(erik)
    url = reverse("memberships:application_edit", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Bitte Größe prüfen." in page
    response = client.post(
        url,
        {
            "kind": "paying",
            "size_class": "medium",
            "start_date": "2026-04-01",
            "accepted_documents": [str(d.pk) for d in documents],
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.size_class, application.start_date) == (
        MembershipApplication.Status.SUBMITTED,
        "medium",
        date(2026, 4, 1),
    )


def test_a_person_without_an_organisation_is_told_how_to_apply(client_for, dave):
    response = client_for(dave).get(reverse("memberships:apply"))
    assert response.status_code == 403
    assert "current position" in response.content.decode()


def test_a_colleague_who_is_no_admin_cannot_withdraw_anothers_application(
    client_for, cluster, bob, carol, member_org, other_cluster
):
    application = apply(bob, member_org, other_cluster)
    url = reverse("memberships:application_withdraw", args=[application.pk])
    assert client_for(carol).post(url).status_code == 403
    assert client_for(bob).post(url).status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.WITHDRAWN


def test_staff_review_and_approve_on_the_pages(client_for, cluster, alice, erik, prospect):
    application = apply(erik, prospect, cluster)
    client = client_for(alice)
    detail = client.get(reverse("memberships:application_detail", args=[application.pk]))
    assert detail.status_code == 200
    assert "Fördewerk GmbH" in detail.content.decode()
    response = client.post(reverse("memberships:application_decline", args=[application.pk]))
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"] == ["Give the reason for declining."]
    response = client.post(reverse("memberships:application_approve", args=[application.pk]))
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=prospect, cluster=cluster).exists()


def test_staff_of_another_cluster_can_neither_see_nor_decide(
    client_for, cluster, other_staff, erik, prospect
):
    application = apply(erik, prospect, cluster)
    client = client_for(other_staff)
    listing = client.get(reverse("memberships:applications"), {"status": "all"})
    assert listing.status_code == 200
    assert "Fördewerk" not in listing.content.decode()
    for name in ("application_detail", "application_approve", "application_decline"):
        method = client.get if name == "application_detail" else client.post
        response = method(reverse(f"memberships:{name}", args=[application.pk]))
        assert response.status_code in (403, 404)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert not Membership.objects.filter(organisation=prospect).exists()


def test_members_cannot_open_the_staff_pages(client_for, carol):
    assert client_for(carol).get(reverse("memberships:applications")).status_code == 403
    assert client_for(carol).get(reverse("memberships:documents")).status_code == 403


def test_the_application_list_needs_few_queries(
    client_for, cluster, alice, django_assert_max_num_queries
):
    for i in range(8):
        organisation = OrganisationFactory()
        user = UserFactory(email=f"person{i}@example.org")
        PositionFactory(person=PersonFactory(user=user), organisation=organisation)
        apply(user, organisation, cluster)
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("memberships:applications"))
    assert response.context["page"].paginator.count == 8


# --- figures --------------------------------------------------------------------------------


def _application_at(cluster, when, *, decided=None, status="submitted"):
    with freeze_time(when):
        application = MembershipApplication.objects.create(
            cluster=cluster,
            organisation=OrganisationFactory(),
            kind="paying",
            size_class="small",
            start_date=date(2026, 1, 1),
            status=status,
        )
    if decided:
        application.decided_at = timezone.make_aware(datetime.fromisoformat(decided))
        application.save(update_fields=["decided_at"])
    return application


def test_the_figures_count_per_month_and_take_the_median_approval_time(cluster, other_cluster):
    _application_at(cluster, "2026-01-05 10:00", decided="2026-01-15 10:00", status="approved")
    _application_at(cluster, "2026-01-20 10:00", decided="2026-02-03 09:00", status="approved")
    _application_at(cluster, "2026-02-01 10:00", decided="2026-02-21 10:00", status="approved")
    _application_at(cluster, "2026-02-02 10:00", decided="2026-02-04 10:00", status="declined")
    _application_at(cluster, "2026-02-08 10:00")
    _application_at(cluster, "2024-06-01 10:00")  # before the 12 months: open, not counted
    _application_at(other_cluster, "2026-02-08 10:00")
    with freeze_time("2026-02-10 12:00"):
        figures = services.application_figures([cluster])
    months = {row["month"]: row for row in figures["months"]}
    assert len(months) == 12
    assert min(months) == date(2025, 3, 1)
    assert (months[date(2026, 1, 1)]["submitted"], months[date(2026, 1, 1)]["approved"]) == (2, 1)
    assert [months[date(2026, 2, 1)][k] for k in ("submitted", "approved", "declined")] == [3, 2, 1]
    # 10, 14 and 20 days.
    assert figures["median_approval_days"] == 14
    assert figures["open"] == 2


def test_the_dashboard_shows_the_applications_section(client_for, cluster, alice, erik, prospect):
    apply(erik, prospect, cluster)
    response = client_for(alice).get(reverse("directory:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Membership applications" in page
    assert 'id="applications-title"' in page
