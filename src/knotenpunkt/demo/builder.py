"""Store the demo plan in the database, once: the cluster "diwish" marks it as done."""

from dataclasses import dataclass, replace

from django.db import transaction

from knotenpunkt.demo import clock
from knotenpunkt.demo.api_tokens import ensure_demo_tokens
from knotenpunkt.demo.assessments import build_assessments_demo
from knotenpunkt.demo.cooperations import build_cooperations_demo
from knotenpunkt.demo.duplicates import add_legacy_duplicates, prepare_duplicate_detection
from knotenpunkt.demo.events import build_events_demo
from knotenpunkt.demo.feed_history import build_feed_history_demo
from knotenpunkt.demo.groups import build_groups_demo
from knotenpunkt.demo.interactions import build_interactions_demo
from knotenpunkt.demo.invoicing import build_invoicing_demo
from knotenpunkt.demo.jobs import build_jobs_demo
from knotenpunkt.demo.kpis import build_kpis_demo
from knotenpunkt.demo.logins import DemoLogin, ensure_logins
from knotenpunkt.demo.mailings import build_mailings_demo
from knotenpunkt.demo.matching import build_matching_demo
from knotenpunkt.demo.memberships import build_memberships_demo
from knotenpunkt.demo.opendata import build_opendata_demo
from knotenpunkt.demo.participation import build_participation_demo
from knotenpunkt.demo.personas import build_personas_demo
from knotenpunkt.demo.plan import AS_OF, DIGITAL, MARITIME, SEED, DemoPlan, plan_demo
from knotenpunkt.demo.procurement import build_procurement_demo
from knotenpunkt.demo.segments import build_segments_demo
from knotenpunkt.demo.strategy import build_strategy_demo
from knotenpunkt.demo.webhooks import build_webhooks_demo
from knotenpunkt.demo.website import build_website_demo
from knotenpunkt.directory.models import (
    Cluster,
    Membership,
    Organisation,
    Person,
    PersonEmail,
    PersonPhone,
    Position,
    Region,
    Topic,
)
from knotenpunkt.directory.services.changes import organisations_saved, people_saved
from knotenpunkt.outbox.services import holding_deliveries
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent

CLUSTER_FIELDS = (
    "name",
    "short_name",
    "description",
    "email",
    "phone",
    "website",
    "street",
    "postcode",
    "city",
)


@dataclass
class DemoResult:
    created: bool
    logins: list[DemoLogin]
    held_mails: int = 0  # queued by this build, kept in the outbox instead of delivered


def demo_exists() -> bool:
    return Cluster.objects.filter(slug=DIGITAL["slug"]).exists()


def install_demo(seed: int = SEED) -> DemoResult:
    """Build the demo data unless it is there already, then make sure every demo login
    works. Safe to run again and again.

    The mails the build queues (offerings published, quotes requested, ...) go to made-up
    addresses: they are held in the outbox, readable in the back office, not delivered.
    Every other background task (the matching index, say) is enqueued as usual."""
    with clock.build_moment(), holding_deliveries() as held:
        result = _install_demo(seed)
    result.held_mails = held.count
    return result


def _install_demo(seed: int) -> DemoResult:
    created = build_demo(seed)
    if created:
        add_legacy_duplicates(seed)
        prepare_duplicate_detection()
    logins = ensure_logins()
    tokens = ensure_demo_tokens([login.email for login in logins])
    logins = [replace(login, api_token=tokens[login.email]) for login in logins]
    # Each part does nothing when its data exists. Order matters: invoices need the clusters'
    # invoice settings, groups make demo logins their leads, events use groups and invoices.
    build_invoicing_demo()
    build_memberships_demo()
    build_groups_demo(seed)
    build_events_demo(seed)
    build_segments_demo()
    build_mailings_demo()
    build_matching_demo()
    build_procurement_demo()
    # Steering reads what the parts above created: cooperations from accepted contacts,
    # strategy activities linked to events, groups and mailings; the KPI targets aim at
    # the figures of everything, and the label assessment evaluates them.
    build_cooperations_demo(seed)
    build_interactions_demo(seed)
    build_strategy_demo(seed)
    build_kpis_demo()
    build_assessments_demo(seed)
    # The county's participation process: its owner is the public body the shop demo
    # registers, its people come from the directory and the logins. It runs after the
    # strategy because a cluster's measures may go into a strategy tree; the county's
    # cannot (a public body keeps none on the platform), so none is taken over.
    build_participation_demo(seed)
    # The job board: postings of member firms, posted by their admins (the org admin
    # login among them) and reviewed by the digital cluster's management.
    build_jobs_demo(seed)
    # The clusters' websites: articles link firms, topics and past events; portraits
    # portray people who consented. Then the members' feed, on whatever it shows
    # after a refresh (events, meetings, needs, offerings, articles, jobs): consents,
    # opens, ratings and shares of the past months, profiles and popularity.
    build_website_demo(seed)
    build_feed_history_demo(seed)
    # Open data reads what is public by now: the directory, events, offerings, key figures.
    build_opendata_demo()
    # Webhooks: two subscriptions with a recorded delivery log about the invoices and
    # registrations above.
    build_webhooks_demo()
    # Personas last: they are computed from the people, events and feed use above.
    build_personas_demo()
    return DemoResult(created=created, logins=logins)


@transaction.atomic
def build_demo(seed: int = SEED) -> bool:
    """Create clusters, organisations, people and memberships; False if they exist."""
    if demo_exists():
        return False
    topics = dict(Topic.objects.values_list("slug", "label_de"))
    plan = plan_demo(
        topics, seed=seed, taken_names=set(Organisation.objects.values_list("name", flat=True))
    )
    clusters = {}
    for spec in (DIGITAL, MARITIME):
        clusters[spec["slug"]], _ = Cluster.objects.get_or_create(
            slug=spec["slug"], defaults={f: spec[f] for f in CLUSTER_FIELDS}
        )
    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    organisations = _store_organisations(plan, topic_ids)
    people = _store_people(plan, organisations, topic_ids)
    Membership.objects.bulk_create(
        Membership(
            organisation=organisations[m.org],
            cluster=clusters[m.cluster],
            kind=m.kind,
            annual_fee=m.annual_fee,
            start_date=m.start_date,
            end_date=m.end_date,
            status=m.status,
        )
        for m in plan.memberships
    )
    # Saved in bulk, announced like any other write: search index, duplicate keys, matching.
    organisations_saved(org.pk for org in organisations)
    people_saved(person.pk for person in people)
    return True


def _store_organisations(plan: DemoPlan, topic_ids: dict[str, int]) -> list[Organisation]:
    regions = {r.ags: r for r in Region.objects.all()}
    taken = set(Organisation.objects.values_list("slug", flat=True))
    rows = []
    for spec in plan.organisations:
        slug, n = spec.slug or "organisation", 2
        while slug in taken:
            slug, n = f"{spec.slug}-{n}", n + 1
        taken.add(slug)
        rows.append(
            Organisation(
                name=spec.name,
                slug=slug,
                legal_form=spec.legal_form,
                actor_type=spec.actor_type,
                size_class=spec.size_class,
                employees=spec.employees,
                wz_code=spec.wz_code,
                street=spec.address.street,
                postcode=spec.address.postcode,
                city=spec.address.city,
                region=regions.get(spec.address.ags),
                website=spec.website,
                email=spec.email,
                phone=spec.phone,
                description=spec.description,
                register_number=spec.register_number,
                vat_id=spec.vat_id,
                is_listed=spec.is_listed,
            )
        )
    organisations = Organisation.objects.bulk_create(rows)
    Organisation.topics.through.objects.bulk_create(
        Organisation.topics.through(organisation_id=org.pk, topic_id=topic_ids[slug])
        for org, spec in zip(organisations, plan.organisations, strict=True)
        for slug in spec.topics
        if slug in topic_ids
    )
    return organisations


def _store_people(
    plan: DemoPlan, organisations: list[Organisation], topic_ids: dict[str, int]
) -> list[Person]:
    pairs = [
        (org, spec)
        for org, org_spec in zip(organisations, plan.organisations, strict=True)
        for spec in org_spec.people
    ]
    people = Person.objects.bulk_create(
        Person(
            salutation=s.salutation,
            title=s.title,
            first_name=s.first_name,
            last_name=s.last_name,
            is_public=s.is_public,
        )
        for _org, s in pairs
    )
    PersonEmail.objects.bulk_create(
        PersonEmail(person=person, address=address, kind=kind, is_primary=i == 0)
        for person, (_org, s) in zip(people, pairs, strict=True)
        for i, (address, kind) in enumerate(s.emails)
    )
    PersonPhone.objects.bulk_create(
        PersonPhone(person=person, number=number, kind=kind)
        for person, (_org, s) in zip(people, pairs, strict=True)
        for number, kind in s.phones
    )
    Position.objects.bulk_create(
        Position(
            person=person,
            organisation=org,
            function=s.function,
            job_title=s.job_title,
            is_admin=s.is_admin,
            start_date=s.start_date,
        )
        for person, (org, s) in zip(people, pairs, strict=True)
    )
    Person.topics.through.objects.bulk_create(
        Person.topics.through(person_id=person.pk, topic_id=topic_ids[slug])
        for person, (_org, s) in zip(people, pairs, strict=True)
        for slug in s.topics
        if slug in topic_ids
    )
    # Showing a person publicly needs their consent; the demo records it like an import.
    for person in people:
        if person.is_public:
            record_consent(person, Consent.Purpose.DIRECTORY_LISTING, True, source="demo import")
    return people


def demo_counts() -> dict[str, int]:
    """What the demo consists of, for the command's summary and the tests."""
    counts = {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "positions": Position.objects.count(),
        "consents": Consent.objects.count(),
    }
    members = {}
    for spec in (DIGITAL, MARITIME):
        members[spec["slug"]] = (
            Membership.objects.filter(cluster__slug=spec["slug"])
            .active_on(AS_OF)
            .values("organisation")
        )
        counts[f"active members of {spec['slug']}"] = Organisation.objects.filter(
            pk__in=members[spec["slug"]]
        ).count()
    counts["members of both"] = (
        Organisation.objects.filter(pk__in=members[DIGITAL["slug"]])
        .filter(pk__in=members[MARITIME["slug"]])
        .count()
    )
    return counts
