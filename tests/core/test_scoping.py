"""One scoping: staff of one cluster see none of another cluster's rows.

An installation hosts several clusters. Two of them, Alpha and Beta, each get a row of
every kind a staff list or export shows; Beta's staff request each page and must find
Beta's rows and none of Alpha's. A second test walks the URL map so that a new staff page
cannot be added without either being listed here or exempted with a reason.
"""

import datetime
import inspect
import re
from decimal import Decimal

import pytest
import rules.permissions
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from knotenpunkt.assessments.models import Assessment
from knotenpunkt.commitments.models import Commitment, CommitmentVersion
from knotenpunkt.cooperations.models import Cooperation, CooperationPartner, PartnerNetwork
from knotenpunkt.feed.registry import FeedItem
from knotenpunkt.feed.services.entries import store_items
from knotenpunkt.imports.models import ImportRun
from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.invoicing.services import Line, Party, create_invoice
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.mailings.models import Mailing, MailingList, Segment
from knotenpunkt.matching.models import Need
from knotenpunkt.memberships.models import (
    ClusterDocument,
    DebitBatch,
    FeeCharge,
    Mandate,
    MembershipApplication,
)
from knotenpunkt.participation.services.processes import create_process
from knotenpunkt.personas.models import Persona
from knotenpunkt.procurement.services import listing
from knotenpunkt.quality.models import CandidatePair, MergeRecord
from knotenpunkt.strategy.models import FieldOfAction, StrategyContributor, SwotItem
from tests.factories import (
    ClusterFactory,
    EventFactory,
    ImportSourceFactory,
    InvoiceSettingsFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)
from tests.procurement.catalogue_helpers import COMPLETE
from tests.procurement.conftest import make_buyer

# Every staff list page and export (forms: their choice of clusters), with the URL
# arguments and query string they need.
SCOPED_PAGES = {
    "directory:dashboard",
    "webhooks:list",
    "webhooks:create",
    "imports:start",
    "quality:records",
    "quality:duplicates",
    "quality:merge_history",
    "groups:create",
    "events:attendance_overview",
    "invoicing:invoices",
    "invoicing:export",
    "mailings:segments",
    "mailings:segment_create",
    "mailings:mailings",
    "mailings:mailing_create",
    "matching:board",
    "strategy:index",
    "strategy:tree",
    "strategy:swot",
    "strategy:contributors",
    "cooperations:list",
    "cooperations:export",
    "cooperations:create",
    "cooperations:networks",
    "cooperations:network_create",
    "procurement:review_queue",
    "procurement:buyers",
    "memberships:applications",
    "memberships:documents",
    "memberships:fees",
    "memberships:open_items",
    "memberships:open_items_csv",
    "memberships:organisation_fees",
    "memberships:reminder_levels",
    # sepa
    "memberships:mandates",
    "memberships:sepa_settings",
    "memberships:sepa_export",
    "memberships:debit_batches",
    "memberships:sepa_returns",
    "interactions:list",
    "interactions:export",
    "commitments:manage",
    "commitments:create",
    "assessments:list",
    "assessments:create",
    "kpis:dashboard",
    "kpis:trend",
    "kpis:drill_down",
    "participation:manage_list",
    "participation:process_new",
    "feed:figures",
    "jobs:review",
    "personas:cluster",
    "community:people",
    "community:organisations",
    "community:suggestions",
}
URL_ARGS = {
    "quality:records": ["organisations-missing"],
    "memberships:organisation_fees": ["beta-werft"],
    "strategy:tree": ["beta"],
    "strategy:swot": ["beta", 2026],
    "strategy:contributors": ["beta"],
    "kpis:drill_down": ["members_end", 2024],
    "personas:cluster": ["beta"],
}
QUERY = {"quality:records": "?field=website", "quality:duplicates": "?kind=organisation"}

# Staff pages that list nothing of a cluster, each with the reason.
EXEMPT = {
    "opendata:manage": "lists the clusters the user looks after (clusters_looked_after); "
    "each cluster's datasets are on opendata:manage_cluster, which asks that cluster's staff",
    "quality:dashboard": "figures only, over records_in_scope (quality:records lists them)",
    "quality:duplicate_scan": "starts a scan (POST); the pairs are listed by quality:duplicates",
    "quality:merge_people": "one pair of records, fetched from records_in_scope (404 outside)",
    "quality:merge_organisations": "one pair of records, fetched from records_in_scope",
    "quality:merge_detail": "one merge, fetched from the scoped merge history (404 outside)",
    "quality:merge_undo": "one merge, fetched from the scoped merge history (404 outside)",
    "quality:bulk_merge": "a form; the merge runs only on records_in_scope",
    "quality:bulk_merge_report": "one report of the user's own bulk merge",
    "invoicing:statement_import": "an upload form; payments match only invoices of own clusters",
    "directory:cluster_accents": "public branding: each cluster's colour, no rows of anyone",
    "memberships:dunning_pause": "a POST; the organisation is fetched within the user's "
    "clusters (404 outside), the cluster chosen among them",
    "interactions:my_follow_ups": "the user's own follow-ups (assigned to them), and only "
    "those of interactions in visible_interactions",
    "kpis:target": "one target of a cluster fetched among the user's clusters (404 outside)",
    "kpis:report_xlsx": "the figures of kpis:dashboard (checked) as a file, same scoping",
    "kpis:report_pdf": "the figures of kpis:dashboard (checked) as a file, same scoping",
    "kpis:definitions": "the installation's shared KPI definitions, no cluster's rows",
    "kpis:recompute": "a POST; recomputes the figures of kpis:dashboard's clusters (checked)",
    "kpis:kpi_edit": "a shared KPI definition, platform admins only",
    "personas:index": "links the user's own clusters (clusters_looked_after), no rows",
    "community:person": "one person fetched from community.rules.visible_people (404 outside); "
    "what the profile shows is limited to the user's clusters",
    "community:organisation": "one organisation fetched from visible_organisations (404 "
    "outside); what the profile shows is limited to the user's clusters",
    "community:introduce": "a POST; the cluster among the user's, both people within it",
    "community:dismiss": "a POST; the cluster among the user's, both people within it",
}

STAFF_PERMISSIONS = {
    name for name, rule in rules.permissions.permissions.items() if "is_cluster_staff" in rule.name
}


def _fill_cluster(prefix: str, slug: str):
    """A cluster with one row of every kind the staff pages list, each named `prefix …`."""
    cluster = ClusterFactory(
        name=f"{prefix}cluster",
        slug=slug,
        street="Lorentzendamm 24",
        postcode="24103",
        city="Kiel",
        email=f"rechnung@{slug}.example",
    )
    organisation = OrganisationFactory(name=f"{prefix} Werft GmbH", slug=f"{slug}-werft")
    MembershipFactory(organisation=organisation, cluster=cluster)
    twin = OrganisationFactory(name=f"{prefix} Werft", slug=f"{slug}-werft-2")
    MembershipFactory(organisation=twin, cluster=cluster)
    person = PersonFactory(first_name="Jan", last_name=f"{prefix}mann")
    PositionFactory(person=person, organisation=organisation)

    CandidatePair.objects.create(
        kind=CandidatePair.Kind.ORGANISATION,
        record_a_id=organisation.pk,
        record_b_id=twin.pk,
        score=0.97,
    )
    MergeRecord.objects.create(
        kind="organisation",
        survivor_id=organisation.pk,
        loser_id=twin.pk + 1000,
        survivor_repr=f"{prefix} Werft GmbH",
        loser_repr=f"{prefix} Werft (alt)",
    )
    # feed: an entry of the cluster with its figures
    store_items(
        f"scoping-{slug}",
        [
            FeedItem(
                key=f"scoping.{slug}:1",
                kind="event",
                title=f"{prefix} Feed-Eintrag",
                url="/",
                published_at=timezone.now(),
                cluster_ids=(cluster.pk,),
            )
        ],
        complete=False,
    )
    source = ImportSourceFactory(cluster=cluster, name=f"{prefix} CRM")
    ImportRun.objects.create(
        source=source,
        file=f"imports/{slug}.csv",
        original_name=f"{prefix}-export.csv",
        file_format="csv",
    )
    EventFactory(
        title=f"{prefix} Gipfel",
        clusters=[cluster],
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    InvoiceSettingsFactory(cluster=cluster, number_prefix=slug.upper())
    create_invoice(
        None,
        cluster=cluster,
        buyer=Party(
            name=f"{prefix} Werft GmbH",
            street="Kai 1",
            postcode="24103",
            city="Kiel",
            email=f"buchhaltung@{slug}.example",
        ),
        lines=[Line("Mitgliedsbeitrag", Decimal("1"), Decimal("100.00"), Decimal("19"))],
    )
    # The invoice above as the first member's fee (dunning: open items, one organisation).
    FeeCharge.objects.create(
        membership=organisation.memberships.get(cluster=cluster),
        year=2026,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        amount=Decimal("100.00"),
        invoice=cluster.invoices.latest("pk"),
    )
    # sepa: the first member's mandate and a direct debit file of the cluster.
    Mandate.objects.create(
        cluster=cluster,
        organisation=organisation,
        reference=f"{slug.upper()}-1",
        account_holder=f"{prefix} Werft GmbH",
        iban="DE89370400440532013000",
        street="Kai 1",
        postcode="24103",
        city="Kiel",
        signed_on=datetime.date(2025, 12, 1),
        signed_by=f"Jan {prefix}mann",
        source="paper",
    )
    DebitBatch.objects.create(
        cluster=cluster,
        message_id=f"{slug}-1",
        collection_date=datetime.date(2026, 3, 2),
        transactions=0,
        total=Decimal("0"),
        xml="",
    )
    newsletter = MailingList.objects.create(cluster=cluster, name=f"{prefix} News", slug=slug)
    Segment.objects.create(cluster=cluster, name=f"{prefix} Segment", definition={})
    # A former member applying again (an organisation of no cluster is every staff's prospect).
    applicant = OrganisationFactory(name=f"{prefix} Bewerber GmbH", slug=f"{slug}-bewerber")
    MembershipFactory(
        organisation=applicant,
        cluster=cluster,
        status="ended",
        end_date=datetime.date(2024, 12, 31),
    )
    MembershipApplication.objects.create(
        cluster=cluster,
        organisation=applicant,
        kind="paying",
        size_class="small",
        start_date=datetime.date(2026, 1, 1),
    )
    ClusterDocument.objects.create(
        cluster=cluster,
        kind="statutes",
        version=1,
        title=f"{prefix} Satzung",
        body="§ 1",
        valid_from=datetime.date(2026, 1, 1),
    )
    Mailing.objects.create(
        cluster=cluster, mailing_list=newsletter, subject=f"{prefix} Rundbrief", language="de"
    )
    Need.objects.create(
        cluster=cluster,
        organisation=organisation,
        title=f"{prefix} Bedarf",
        text="Stundenzettel gehen verloren.",
        visibility=Need.Visibility.PUBLIC,
    )
    cooperation = Cooperation.objects.create(
        cluster=cluster, title=f"{prefix} Projekt", start_date=datetime.date(2026, 1, 1)
    )
    CooperationPartner.objects.create(cooperation=cooperation, organisation=organisation)
    PartnerNetwork.objects.create(cluster=cluster, name=f"{prefix} Netzwerk", country="DK")
    # strategy: a field of action, SWOT items of two years (compared), a board member
    FieldOfAction.objects.create(cluster=cluster, title=f"{prefix} Handlungsfeld")
    for year in (2025, 2026):
        SwotItem.objects.create(
            cluster=cluster, year=year, quadrant="strength", text=f"{prefix} Stärke {year}"
        )
    StrategyContributor.objects.create(
        cluster=cluster, user=UserFactory(email=f"vorstand@{slug}.example"), role="Vorstand"
    )
    buyer = make_buyer(f"{prefix} Stadtverwaltung", f"{slug}-stadt", verified=False)
    MembershipFactory(organisation=buyer.organisation, cluster=cluster)
    version = listing.start_offering(None, organisation, **{**COMPLETE, "name": f"{prefix} Cloud"})
    listing.submit(None, version)
    interaction = Interaction.objects.create(
        cluster=cluster,
        organisation=organisation,
        kind=Interaction.Kind.COMPANY_VISIT,
        date=datetime.date(2026, 3, 2),
        summary=f"{prefix} Werkstattbesuch",
    )
    FollowUp.objects.create(
        interaction=interaction, title=f"{prefix} nachfassen", due_on=datetime.date(2026, 3, 9)
    )
    commitment = Commitment.objects.create(
        cluster=cluster, title=f"{prefix} Ethikkodex", slug=f"{slug}-kodex"
    )
    CommitmentVersion.objects.create(commitment=commitment, number=1, text="§ 1")
    Assessment.objects.create(cluster=cluster, label=f"{prefix} ECEI Gold", reference_year=2025)
    create_process(None, cluster, title=f"{prefix} Zukunftswerkstatt", summary="…")
    # jobs: a posting waiting for the cluster's review
    posting = JobPosting.objects.create(
        organisation=organisation,
        slug=f"{slug}-werkstudent",
        title=f"{prefix} Werkstudent:in",
        description="…",
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        status=JobPosting.Status.IN_REVIEW,
    )
    posting.clusters.add(cluster)
    Persona.objects.create(cluster=cluster, slug="persona-1", name=f"{prefix} Persona", size=5)
    # webhooks: a subscription of the cluster (straight to the model: no DNS lookup)
    from knotenpunkt.webhooks.models import Subscription

    Subscription.objects.create(
        cluster=cluster,
        url=f"https://{slug}.example/hook",
        description=f"{prefix} Mitglieder-CRM",
        event_types=["invoice.issued"],
    )
    return cluster


@pytest.fixture
def beta_staff(db):
    _fill_cluster("Alpha", "alpha")
    beta = _fill_cluster("Beta", "beta")
    user = UserFactory(email="staff@beta.example", is_staff=True)
    beta.staff.add(user)
    return user


@pytest.mark.parametrize("name", sorted(SCOPED_PAGES))
def test_staff_of_one_cluster_see_none_of_another_clusters_rows(client_for, beta_staff, name):
    url = reverse(name, args=URL_ARGS.get(name, [])) + QUERY.get(name, "")
    response = client_for(beta_staff).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alpha" not in page
    assert "Beta" in page


def _views(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _views(pattern.url_patterns, joined)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, inspect.unwrap(pattern.callback)


def test_every_staff_page_is_scoped_or_exempted_with_a_reason():
    unlisted = []
    for name, view in _views(get_resolver().url_patterns):
        if not view.__module__.startswith("knotenpunkt."):
            continue
        asked = set(re.findall(r'"([a-z_]+\.[a-z_]+)"', inspect.getsource(view)))
        if asked & STAFF_PERMISSIONS and name not in SCOPED_PAGES and name not in EXEMPT:
            unlisted.append(name)
    assert not unlisted, (
        "Staff pages missing from the scoping test: add each to SCOPED_PAGES (with data "
        "of two clusters) or to EXEMPT with the reason it lists no cluster's rows."
    )
