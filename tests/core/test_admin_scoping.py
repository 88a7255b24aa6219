"""The back office asks the same rules as the pages: staff of one cluster see and touch
none of another cluster's records, cannot make themselves staff elsewhere, and never see
outgoing mails, login records or consents, whatever model permissions a group grants."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.assessments.models import Assessment, Evidence, Indicator
from knotenpunkt.commitments.models import Commitment, CommitmentVersion, Signature
from knotenpunkt.cooperations.models import Cooperation, CooperationPartner, PartnerNetwork
from knotenpunkt.core.admin import PlatformAdminOnly, ScopedAdmin, SharedReferenceAdmin
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Membership
from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.jobs.models import ClusterJobSettings, JobPosting
from knotenpunkt.kpis.models import Kpi, KpiTarget
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.matching.models import AlertSetting, CompetenceProfile, Contact, Need, Suggestion
from knotenpunkt.memberships.models import (
    BillingDetails,
    ClusterDocument,
    DebitBatch,
    DirectDebitSettings,
    DunningPause,
    FeeCharge,
    FeeRun,
    Mandate,
    MembershipApplication,
    PaymentRecord,
    Reminder,
    ReminderLevel,
)
from knotenpunkt.memberships.services.schedules import save_schedule
from knotenpunkt.opendata.models import Dataset
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.participation.models import (
    BoardCard,
    BrainwritingIdea,
    BrainwritingSheet,
    DialogueProposal,
    DialogueReport,
    Invitation,
    Measure,
    Mission,
    Phase,
    SurveyInvitation,
)
from knotenpunkt.participation.services.board import columns_of
from knotenpunkt.participation.services.brainwriting import configure_session
from knotenpunkt.participation.services.dialogue import dialogue_of
from knotenpunkt.participation.services.processes import add_phase, create_process
from knotenpunkt.participation.services.survey import survey_of
from knotenpunkt.personas.models import Persona
from knotenpunkt.procurement.models import Offering, OfferingVersion, PublicBuyer
from knotenpunkt.strategy.models import FieldOfAction, StrategyContributor, SwotItem
from tests.factories import (
    EventFactory,
    GroupFactory,
    InvoiceSettingsFactory,
    PersonFactory,
    PositionFactory,
    RegistrationFactory,
    UserFactory,
)


@pytest.fixture
def platform_admin(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_of_b(other_cluster):
    """Staff of cluster B whose group grants every model permission there is: the scoping,
    not a thin set of permissions, has to keep cluster A's records from them."""
    user = UserFactory(email="berta@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    user.user_permissions.add(*Permission.objects.all())
    return user


@pytest.fixture
def world_of_a(cluster, member_org, alice):
    """One record of cluster A for every admin of cluster data (extend it for a new one)."""
    person = PersonFactory(first_name="Anke", last_name="Asmussen")
    PositionFactory(person=person, organisation=member_org, function="ceo")
    event = EventFactory(title="Kieler Digitaltag", clusters=[cluster])
    RegistrationFactory(ticket_type__event=event, person=person)
    GroupFactory(name="Fachgruppe KI", clusters=[cluster])
    InvoiceSettingsFactory(cluster=cluster)
    today = timezone.localdate()
    Invoice.objects.create(
        cluster=cluster,
        number="DW-2026-0001",
        year=today.year,
        sequence_number=1,
        issued_on=today,
        service_date=today,
        due_on=today + datetime.timedelta(days=14),
        seller_name="DiWiSH e.V.",
        seller_street="Lorentzendamm 24",
        seller_postcode="24103",
        seller_city="Kiel",
        buyer_name="Nordlicht Software GmbH",
        net_total=Decimal("100.00"),
        vat_total=Decimal("19.00"),
        gross_total=Decimal("119.00"),
    )
    mailing_list = MailingList.objects.create(cluster=cluster, name="Newsletter A", slug="a")
    Subscription.objects.create(person=person, mailing_list=mailing_list)
    CompetenceProfile.objects.create(organisation=member_org)
    need = Need.objects.create(
        cluster=cluster, organisation=member_org, title="Suche KI-Partner", text="…"
    )
    Contact.objects.create(need=need, provider=member_org)
    Suggestion.objects.create(need=need, provider=member_org, rank=1, score=0.5)
    AlertSetting.objects.create(person=person)
    offering = Offering.objects.create(provider=member_org, slug="nordlicht-termin")
    OfferingVersion.objects.create(
        offering=offering,
        number=1,
        name="Termin Nord",
        summary="Termine online",
        description="…",
        kind="service",
        category="appointments",
        deployment="saas",
        hosting="de",
        price_model="one_off",
    )
    PublicBuyer.objects.create(
        organisation=member_org, jurisdiction="SH", authority_kind="municipal"
    )
    # memberships: applications and documents
    MembershipApplication.objects.create(
        cluster=cluster,
        organisation=member_org,
        kind="paying",
        size_class="small",
        start_date=today,
    )
    ClusterDocument.objects.create(
        cluster=cluster, kind="statutes", version=1, title="Satzung", body="§ 1", valid_from=today
    )
    # memberships: dunning
    ReminderLevel.objects.create(
        cluster=cluster, level=1, days_after_due=14, subject="Erinnerung", text="Bitte zahlen."
    )
    fee_invoice = Invoice.objects.get(number="DW-2026-0001")
    Reminder.objects.create(invoice=fee_invoice, level=1, sent_on=today)
    DunningPause.objects.create(cluster=cluster, organisation=member_org, reason="Ratenzahlung")
    PaymentRecord.objects.create(
        invoice=fee_invoice, method="cash", amount=Decimal("119.00"), paid_on=today
    )
    # memberships: fees and SEPA
    schedule = save_schedule(
        None, cluster, today.year, rates=[("paying", "", Decimal("100"))], due_date=today
    )
    run = FeeRun.objects.create(cluster=cluster, year=today.year, schedule=schedule, due_date=today)
    FeeCharge.objects.create(
        membership=Membership.objects.get(organisation=member_org, cluster=cluster),
        run=run,
        year=today.year,
        period_start=today,
        period_end=today,
        amount=Decimal("100.00"),
        invoice=fee_invoice,
    )
    BillingDetails.objects.create(organisation=member_org, invoice_email="rechnung@a.example")
    DirectDebitSettings.objects.create(cluster=cluster, creditor_id="DE98ZZZ09999999999")
    Mandate.objects.create(
        cluster=cluster,
        organisation=member_org,
        reference="A-1",
        account_holder="Nordlicht Software GmbH",
        iban="DE89370400440532013000",
        street="Holtenauer Straße 1",
        postcode="24105",
        city="Kiel",
        signed_on=today,
        signed_by="Bob Brandt",
        source="paper",
    )
    DebitBatch.objects.create(
        cluster=cluster,
        message_id="A-BATCH-1",
        collection_date=today,
        transactions=0,
        total=Decimal("0"),
        xml="<Document/>",
    )
    # kpis: a target of the cluster
    KpiTarget.objects.create(
        kpi=Kpi.objects.get(key="members_end"), cluster=cluster, year=2026, target=Decimal("90")
    )
    # assessments: a label assessment with an indicator and its evidence
    assessment = Assessment.objects.create(cluster=cluster, label="ECEI Gold", reference_year=2025)
    indicator = Indicator.objects.create(assessment=assessment, area="Governance", name="Strategie")
    Evidence.objects.create(indicator=indicator, title="Strategie", file="assessments/a.pdf")
    # interactions and commitments
    interaction = Interaction.objects.create(
        cluster=cluster, organisation=member_org, kind="company_visit", date=today, summary="Besuch"
    )
    interaction.people.add(person)
    FollowUp.objects.create(interaction=interaction, title="Nachfassen", due_on=today)
    commitment = Commitment.objects.create(cluster=cluster, title="Ethikkodex", slug="a-kodex")
    version = CommitmentVersion.objects.create(
        commitment=commitment, number=1, text="§ 1", published_at=timezone.now()
    )
    Signature.objects.create(version=version, organisation=member_org, signed_at=timezone.now())
    # cooperations: a cooperation with its partner, a partner network
    cooperation = Cooperation.objects.create(
        cluster=cluster, title="KI-Assistenz", start_date=today
    )
    CooperationPartner.objects.create(cooperation=cooperation, organisation=member_org)
    PartnerNetwork.objects.create(cluster=cluster, name="Digital Hub Aarhus", country="DK")
    # strategy: a field of action, a SWOT item, a board member
    FieldOfAction.objects.create(cluster=cluster, title="Fachkräfte und Bildung")
    SwotItem.objects.create(cluster=cluster, year=2026, quadrant="strength", text="Netzwerk")
    StrategyContributor.objects.create(
        cluster=cluster, user=UserFactory(email="vorstand@a.example"), role="Vorstand"
    )
    # participation: a process of the cluster with a phase per module, one row per admin
    process = create_process(alice, cluster, title="Digitalstrategie A", summary="…")
    phases = {
        module: add_phase(
            alice, process, title=str(module.label), module=module, starts_on=today, ends_on=today
        )
        for module in (
            Phase.Module.WORKSHOP_BOARD,
            Phase.Module.BRAINWRITING,
            Phase.Module.DIALOGUE,
            Phase.Module.SURVEY,
        )
    }
    Invitation.objects.create(process=process, email="gast@a.example")
    vision = columns_of(phases[Phase.Module.WORKSHOP_BOARD])[0]
    BoardCard.objects.create(column=vision, text="Kiel digital", author=alice)
    session = configure_session(alice, phases[Phase.Module.BRAINWRITING], groups=["Fachkräfte"])
    sheet = BrainwritingSheet.objects.create(group=session.groups.get(), position=0)
    BrainwritingIdea.objects.create(
        sheet=sheet, round=1, text="Lernorte", author=alice, created_at=timezone.now()
    )
    proposal = DialogueProposal.objects.create(
        dialogue=dialogue_of(phases[Phase.Module.DIALOGUE]),
        title="Mehr Radwege",
        text="…",
        state=DialogueProposal.State.PUBLISHED,
    )
    DialogueReport.objects.create(proposal=proposal, reason=DialogueReport.Reason.SPAM)
    survey = survey_of(phases[Phase.Module.SURVEY])
    SurveyInvitation.objects.create(survey=survey, email="expertin@a.example")
    mission = Mission.objects.create(process=process, title="Digitale Verwaltung")
    Measure.objects.create(process=process, mission=mission, title="Online-Bauantrag")
    # jobs: a posting shown in the cluster, and the cluster's review setting
    posting = JobPosting.objects.create(
        organisation=member_org,
        slug="nordlicht-praktikum",
        title="Praktikum UX",
        description="…",
        valid_until=today + datetime.timedelta(days=30),
    )
    posting.clusters.add(cluster)
    ClusterJobSettings.objects.create(cluster=cluster, review_required=True)
    Persona.objects.create(cluster=cluster, slug="persona-1", name="KI-Start-ups", size=5)
    Dataset.objects.create(
        cluster=cluster,
        kind=Dataset.Kind.DIRECTORY,
        title_de="Mitgliederverzeichnis A",
        title_en="Member directory A",
        description_de="…",
        description_en="…",
    )
    from knotenpunkt.webhooks import models as webhooks

    subscription = webhooks.Subscription.objects.create(
        cluster=cluster, url="https://crm-a.example/hook", event_types=["invoice.issued"]
    )
    message = webhooks.Message.objects.create(
        event_type="invoice.issued", payload={}, cluster=cluster
    )
    webhooks.Delivery.objects.create(subscription=subscription, message=message)
    return cluster


def _request_for(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _cluster_data_admins():
    return sorted(
        (
            (model._meta.label, model_admin)
            for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, ScopedAdmin)
            and not isinstance(model_admin, SharedReferenceAdmin)
        ),
        key=lambda pair: pair[0],
    )


def _url(model_admin, view, *args):
    info = model_admin.model._meta.app_label, model_admin.model._meta.model_name
    return reverse(f"admin:{info[0]}_{info[1]}_{view}", args=args)


def test_every_admin_is_scoped_or_for_platform_admins_only():
    unscoped = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, (ScopedAdmin, PlatformAdminOnly))
    ]
    assert unscoped == [], (
        "Every ModelAdmin says who sees which rows: derive it from ScopedAdmin (with the "
        "owning app's visible_…(user)), SharedReferenceAdmin or PlatformAdminOnly."
    )


@pytest.mark.parametrize(("label", "model_admin"), _cluster_data_admins(), ids=lambda v: str(v))
def test_staff_of_another_cluster_see_none_of_the_clusters_rows(
    client, alice, staff_of_b, world_of_a, label, model_admin
):
    rows_of_a = list(model_admin.get_queryset(_request_for(alice)))
    assert rows_of_a, f"world_of_a has no {label}: add one, so that its scoping is tested"
    client.force_login(staff_of_b)
    changelist = client.get(_url(model_admin, "changelist"))
    assert changelist.status_code == 200
    shown = set(changelist.context["cl"].queryset.values_list("pk", flat=True))
    assert shown.isdisjoint(row.pk for row in rows_of_a)


@pytest.mark.parametrize(("label", "model_admin"), _cluster_data_admins(), ids=lambda v: str(v))
def test_staff_of_another_cluster_cannot_open_change_or_delete_the_clusters_rows(
    client, alice, staff_of_b, world_of_a, label, model_admin
):
    client.force_login(staff_of_b)
    for row in model_admin.get_queryset(_request_for(alice)):
        change = _url(model_admin, "change", row.pk)
        assert client.get(change).status_code == 404
        assert client.post(change, {}).status_code == 404
        assert client.post(_url(model_admin, "delete", row.pk), {"post": "yes"}).status_code == 404
        assert model_admin.model._default_manager.filter(pk=row.pk).exists()
        assert not model_admin.has_view_permission(_request_for(staff_of_b), row)
        assert not model_admin.has_change_permission(_request_for(staff_of_b), row)
        assert not model_admin.has_delete_permission(_request_for(staff_of_b), row)


@pytest.mark.parametrize(
    "model_admin",
    [a for a in admin.site._registry.values() if isinstance(a, PlatformAdminOnly)],
    ids=lambda a: a.model._meta.label,
)
def test_records_for_platform_admins_only_are_closed_to_cluster_staff(
    client, staff_of_b, model_admin
):
    client.force_login(staff_of_b)
    assert client.get(_url(model_admin, "changelist")).status_code == 403
    assert not model_admin.has_module_permission(_request_for(staff_of_b))


def _cluster_form(cluster, staff):
    return {
        "name": cluster.name,
        "short_name": cluster.short_name,
        "slug": cluster.slug,
        "description": "",
        "brand_colour": cluster.brand_colour,
        "email": "",
        "phone": "",
        "website": "",
        "street": "",
        "postcode": "",
        "city": "",
        "staff": [u.pk for u in staff],
    }


def test_staff_of_another_cluster_cannot_add_themselves_to_the_clusters_staff(
    client, staff_of_b, world_of_a, alice
):
    client.force_login(staff_of_b)
    url = reverse("admin:directory_cluster_change", args=[world_of_a.pk])
    response = client.post(url, _cluster_form(world_of_a, [alice, staff_of_b]))
    assert response.status_code == 404
    assert list(world_of_a.staff.all()) == [alice]
    invoice = Invoice.objects.get(cluster=world_of_a)
    assert client.get(reverse("invoicing:invoice", args=[invoice.pk])).status_code == 403
    event = world_of_a.events.get()
    assert client.get(reverse("events:attendees_csv", args=[event.slug])).status_code == 403


def test_cluster_staff_edit_their_clusters_fields_but_not_its_staff(
    client, alice, staff_of_b, world_of_a
):
    alice.user_permissions.add(*Permission.objects.filter(codename="change_cluster"))
    client.force_login(alice)
    url = reverse("admin:directory_cluster_change", args=[world_of_a.pk])
    form = _cluster_form(world_of_a, [alice, staff_of_b])
    response = client.post(url, {**form, "city": "Kiel"})
    assert response.status_code == 302
    world_of_a.refresh_from_db()
    assert world_of_a.city == "Kiel"
    assert list(world_of_a.staff.all()) == [alice]


def test_a_platform_admins_grant_and_removal_of_staff_rights_are_audited(
    client, platform_admin, alice, staff_of_b, world_of_a
):
    client.force_login(platform_admin)
    url = reverse("admin:directory_cluster_change", args=[world_of_a.pk])
    assert client.post(url, _cluster_form(world_of_a, [staff_of_b])).status_code == 302
    assert list(world_of_a.staff.all()) == [staff_of_b]
    entries = AuditEntry.objects.filter(target_id=str(world_of_a.pk)).order_by("action")
    assert [(e.action, e.data["user"], e.actor) for e in entries if "staff" in e.action] == [
        ("directory.cluster.staff_granted", staff_of_b.email, platform_admin),
        ("directory.cluster.staff_revoked", alice.email, platform_admin),
    ]


def test_a_change_of_a_users_back_office_rights_is_audited(client, platform_admin, alice):
    client.force_login(platform_admin)
    url = reverse("admin:accounts_user_change", args=[alice.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(email=alice.email, is_active="on", is_staff="on", is_superuser="on")
    data.pop("groups", None)
    data.pop("password", None)
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="accounts.user.rights_changed")
    assert entry.actor == platform_admin
    assert entry.data["changes"]["is_superuser"] == {"before": False, "after": True}


def test_the_password_reset_mail_of_a_platform_admin_is_not_visible_to_cluster_staff(
    client, platform_admin, alice
):
    client.post(reverse("accounts:password_reset"), {"email": platform_admin.email})
    mail = OutgoingMail.objects.get(to=platform_admin.email)
    assert "password-reset/" in mail.body_text
    alice.user_permissions.add(*Permission.objects.filter(codename="view_outgoingmail"))
    client.force_login(alice)
    assert client.get(reverse("admin:outbox_outgoingmail_changelist")).status_code == 403
    change = reverse("admin:outbox_outgoingmail_change", args=[mail.pk])
    assert client.get(change).status_code == 403
    assert "password-reset/" not in client.get(reverse("admin:index")).text


def test_staff_cannot_pick_another_cluster_for_a_mailing_list(
    client, staff_of_b, world_of_a, other_cluster
):
    client.force_login(staff_of_b)
    response = client.post(
        reverse("admin:mailings_mailinglist_add"),
        {"cluster": world_of_a.pk, "name": "Fremde Liste", "slug": "fremd", "kind": "newsletter"},
    )
    assert response.status_code == 200
    assert "cluster" in response.context["adminform"].form.errors
    assert not MailingList.objects.filter(name="Fremde Liste").exists()


def test_staff_editing_a_shared_organisation_neither_see_nor_lose_the_other_clusters_membership(
    client, staff_of_b, world_of_a, member_org, other_cluster
):
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=member_org, cluster=other_cluster)
    client.force_login(staff_of_b)
    url = reverse("admin:directory_organisation_change", args=[member_org.pk])
    page = client.get(url)
    assert page.status_code == 200
    memberships = page.context["inline_admin_formsets"][0].formset.queryset
    assert [m.cluster for m in memberships] == [other_cluster]
    assert Membership.objects.filter(organisation=member_org, cluster=world_of_a).exists()


def test_a_shared_event_keeps_the_other_organiser_while_no_third_cluster_can_be_picked(
    staff_of_b, world_of_a, other_cluster
):
    from tests.factories import ClusterFactory

    third = ClusterFactory(name="Maritimes Cluster", slug="maritim")
    shared = EventFactory(title="Gemeinsamer Tag", clusters=[world_of_a, other_cluster])
    event_admin = admin.site._registry[type(shared)]
    request = _request_for(staff_of_b)
    form = event_admin.get_form(request, shared)(instance=shared)
    choices = set(form.fields["clusters"].queryset)
    assert choices == {world_of_a, other_cluster}
    assert third not in choices
    new_form = event_admin.get_form(_request_for(staff_of_b), None)()
    assert set(new_form.fields["clusters"].queryset) == {other_cluster}


def test_the_task_queue_pages_an_admin_adds_are_closed_to_cluster_staff(client, staff_of_b):
    client.force_login(staff_of_b)
    assert client.get(reverse("admin:django_rq_jobs", args=[0])).status_code == 403
