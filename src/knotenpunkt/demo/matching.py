"""Demo data for matchmaking: competence profiles, needs in plain words, and contacts.

Profiles: the digital firms of the demo (and its research bodies) describe what they offer.
Each firm's kind is read back from its sector and topics (the plan's archetype is not
stored), then one or two capabilities of that kind are written out from the templates
below with a seeded generator, some of them fully, some sparsely, as real profiles are.

Needs: 36 hand-written challenges of trades, farms, hotels, care, retail, manufacturing,
port firms, municipalities, universities and an association, in the words their people
would use. The firms and public bodies the demo lacks (a roofer, a farm, a care service,
a district administration, ...) are added here. None of the texts comes from the
evaluation set of the engine, which must stay unseen.

Contacts: a few providers expressed interest, some were accepted, some cooperations
started, some were declined, so that the staff board shows a pipeline. At the end the
engine indexes the profiles and suggests providers for every need, as posting a need does.

The texts live in `knotenpunkt.demo.matching_data`; this module builds from them.
Dates are relative to the day the demo is built. Runs after the other demo parts; does
nothing once needs exist. Public bodies added here join the digital cluster free of charge;
the firms stay registered non-members (the directory demo's quotas stay as they are).
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from knotenpunkt.demo import clock
from knotenpunkt.demo.archetypes import (
    ARCHETYPES,
    BUSINESS,
    DIGITAL_BUSINESS_WEIGHTS,
    MARITIME_WEIGHTS,
    PUBLIC,
    RESEARCH,
)
from knotenpunkt.demo.matching_data import (
    ACADEMY_PROFILE,
    CAPABILITIES,
    CLOSINGS,
    COMPLETENESS,
    CONTACTS,
    DISCREET_CLOSING,
    EXISTING,
    INSTITUTE_OFFER,
    INSTITUTE_SERVICES,
    NEAR_DENMARK,
    NEEDS,
    NEW_ORGANISATIONS,
    PROFILE_ARCHETYPES,
    REGION_PHRASES,
    RESEARCH_FIELDS,
    SECOND_FOCUS,
    SECOND_FOCUS_SENTENCES,
    SMALL_CLOSING,
    UNIVERSITY_PROFILE,
    WITHOUT_PROFILE,
    Capability,
    NewOrganisation,
    _lines,
)
from knotenpunkt.demo.organisations import ascii_fold, landline, load_regions
from knotenpunkt.demo.plan import DIGITAL, MARITIME, SEED
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
from knotenpunkt.directory.services.organisations import organisation_slug
from knotenpunkt.matching.models import CompetenceProfile, Contact, Need
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent


def build_matching_demo(seed: int = SEED) -> bool:
    """Profiles, needs and contacts of the demo, then the engine's index and suggestions;
    False if the needs exist already."""
    created = _build(seed)
    if created:
        _index_and_suggest()
    return created


@transaction.atomic
def _build(seed: int) -> bool:
    digital = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if digital is None or Need.objects.filter(cluster=digital).exists():
        return False
    rng = random.Random(seed + 23)
    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    created = _store_new_organisations(rng, topic_ids, digital)
    providers = _store_profiles(rng, topic_ids)
    organisations = {**_existing_organisations(), **created}
    needs = _store_needs(rng, organisations, topic_ids)
    _store_contacts(needs, providers, digital)
    return True


# --- organisations the demo lacked -------------------------------------------------------


def _store_new_organisations(
    rng: random.Random, topic_ids: dict[str, int], digital: Cluster
) -> dict[str, Organisation]:
    """Create the firms and public bodies of NEW_ORGANISATIONS that are not there yet;
    returns all of them by key."""
    slugs = {organisation_slug(s.name): s.key for s in NEW_ORGANISATIONS}
    found = {slugs[o.slug]: o for o in Organisation.objects.filter(slug__in=slugs)}
    specs = [s for s in NEW_ORGANISATIONS if s.key not in found]
    regions = {r.ags: r for r in Region.objects.filter(ags__in=[s.ags for s in specs])}
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=s.name,
            slug=organisation_slug(s.name),
            legal_form=s.legal_form,
            actor_type=s.actor_type,
            size_class=s.size_class,
            employees=s.employees,
            wz_code=s.wz_code,
            street=s.street,
            postcode=s.postcode,
            city=s.city,
            region=regions.get(s.ags),
            website=f"https://www.{s.domain}",
            email=f"{'post' if s.actor_type == PUBLIC else 'info'}@{s.domain}",
            phone=landline(rng, s.city),
            description=s.description,
        )
        for s in specs
    )
    Organisation.topics.through.objects.bulk_create(
        Organisation.topics.through(organisation_id=org.pk, topic_id=topic_ids[slug])
        for org, s in zip(organisations, specs, strict=True)
        for slug in s.topics
        if slug in topic_ids
    )
    # Public bodies hold free memberships, like the demo's other public members.
    Membership.objects.bulk_create(
        Membership(
            organisation=org,
            cluster=digital,
            kind=Membership.Kind.FREE,
            annual_fee=Decimal(0),
            start_date=s.member_since,
        )
        for org, s in zip(organisations, specs, strict=True)
        if s.member_since
    )
    people = _store_people(rng, organisations, specs)
    organisations_saved(org.pk for org in organisations)
    people_saved(p.pk for p in people)
    return found | {s.key: org for org, s in zip(organisations, specs, strict=True)}


def _store_people(
    rng: random.Random, organisations: list[Organisation], specs: list[NewOrganisation]
) -> list[Person]:
    pairs = [(org, s, p) for org, s in zip(organisations, specs, strict=True) for p in s.people]
    people = Person.objects.bulk_create(
        Person(
            salutation=p.salutation,
            first_name=p.first_name,
            last_name=p.last_name,
            is_public=p.is_public,
        )
        for _org, _s, p in pairs
    )
    PersonEmail.objects.bulk_create(
        PersonEmail(
            person=person,
            address=f"{ascii_fold(p.first_name)}.{ascii_fold(p.last_name)}@{s.domain}",
            is_primary=True,
        )
        for person, (_org, s, p) in zip(people, pairs, strict=True)
    )
    PersonPhone.objects.bulk_create(
        PersonPhone(person=person, number=landline(rng, s.city))
        for person, (_org, s, _p) in zip(people, pairs, strict=True)
    )
    Position.objects.bulk_create(
        Position(
            person=person,
            organisation=org,
            function=p.function,
            job_title=p.job_title,
            is_admin=p == s.people[0],
            start_date=datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randint(200, 4000)),
        )
        for person, (org, s, p) in zip(people, pairs, strict=True)
    )
    for person in people:
        if person.is_public:
            record_consent(person, Consent.Purpose.DIRECTORY_LISTING, True, source="demo import")
    return people


# --- competence profiles --------------------------------------------------------------


def infer_archetype(actor_type: str, wz_code: str, topics: set[str]) -> str | None:
    """The demo kind of an organisation, read back from its sector and topics (the plan
    draws both from the kind), or None if nothing fits."""
    weights = {**DIGITAL_BUSINESS_WEIGHTS, **MARITIME_WEIGHTS}
    best, best_score = None, (0, 0)
    for archetype in ARCHETYPES:
        if archetype.actor_type != actor_type:
            continue
        fit = 2 * len(topics & set(archetype.topics)) + (wz_code in archetype.wz_codes)
        score = (fit, weights.get(archetype.key, 0))
        if fit and score > best_score:
            best, best_score = archetype.key, score
    return best


def _store_profiles(rng: random.Random, topic_ids: dict[str, int]) -> dict[str, list]:
    """Write a profile for most digital firms and the research bodies; returns the firms'
    profiles by their main capability (for the contacts)."""
    done = CompetenceProfile.objects.values("organisation")
    organisations = list(
        Organisation.objects.exclude(pk__in=done)
        .filter(actor_type__in=[BUSINESS, "marketing", RESEARCH])
        .select_related("region")
        .order_by("pk")
    )
    topics = defaultdict(set)
    for org_id, slug in Organisation.topics.through.objects.values_list(
        "organisation_id", "topic__slug"
    ):
        topics[org_id].add(slug)
    by_kind, research = defaultdict(list), []
    for org in organisations:
        if org.actor_type == RESEARCH:
            research.append(org)
            continue
        kind = infer_archetype(org.actor_type, org.wz_code, topics[org.pk])
        if kind in PROFILE_ARCHETYPES:
            by_kind[kind].append(org)

    places = _places()
    providers: dict[str, list[CompetenceProfile]] = defaultdict(list)
    rows: list[tuple[CompetenceProfile, list[str]]] = []
    for kind in sorted(by_kind):
        # What only this kind of firm offers comes first, then what it shares with others.
        capabilities = sorted(
            (c for c in CAPABILITIES if kind in c.archetypes), key=lambda c: len(c.archetypes) > 1
        )
        members = by_kind[kind]
        rng.shuffle(members)
        # Round robin, so that every capability of a kind has its firms; some firms beyond
        # the first round have not filled in a profile.
        members = members[: len(capabilities)] + [
            org for org in members[len(capabilities) :] if rng.random() >= WITHOUT_PROFILE
        ]
        for i, org in enumerate(members):
            primary = capabilities[i % len(capabilities)]
            others = [c for c in capabilities if c is not primary]
            second = rng.choice(others) if others and rng.random() < SECOND_FOCUS else None
            row = _firm_profile(rng, org, kind, primary, second, places)
            rows.append(row)
            providers[primary.key].append(row[0])
    for org in research:
        row = _research_profile(rng, org)
        if row:
            rows.append(row)

    profiles = CompetenceProfile.objects.bulk_create(profile for profile, _ in rows)
    CompetenceProfile.topics.through.objects.bulk_create(
        CompetenceProfile.topics.through(competenceprofile_id=profile.pk, topic_id=topic_ids[s])
        for profile, (_, slugs) in zip(profiles, rows, strict=True)
        for s in dict.fromkeys(slugs)
        if s in topic_ids
    )
    return providers


def _places() -> tuple[list[str], list[str]]:
    """Towns and districts for the references ('... in {town}', '... in {district}')."""
    regions = load_regions().values()
    towns = [t["city"] for r in regions if r["ags"] != "02000" for t in r["towns"]]
    districts = [r["name"] for r in regions if len(r["towns"]) > 4 and r["ags"] != "02000"]
    return towns, districts


def _region_served(rng: random.Random, org: Organisation, kind: str) -> str:
    served = CompetenceProfile.RegionServed
    if kind in ("maritime_digital", "marine_tech"):
        weights = {served.NORTH: 40, served.INTERNATIONAL: 60}
    elif kind in ("hosting", "security", "legal", "ehealth", "govtech"):
        weights = {served.NORTH: 45, served.NATIONAL: 55}
    elif org.size_class == "micro":
        weights = {served.LOCAL: 40, served.STATE: 60}
    elif org.size_class == "small":
        weights = {served.STATE: 50, served.NORTH: 35, served.NATIONAL: 15}
    else:
        weights = {served.NORTH: 40, served.NATIONAL: 45, served.INTERNATIONAL: 15}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _languages(rng: random.Random, org: Organisation, region_served: str) -> str:
    languages = ["Deutsch"]
    international = region_served == CompetenceProfile.RegionServed.INTERNATIONAL
    if international or rng.random() < 0.65:
        languages.append("Englisch")
    if org.region and org.region.ags in NEAR_DENMARK and rng.random() < 0.5:
        languages.append("Dänisch")
    if rng.random() < 0.06:
        languages.append("Plattdeutsch")
    return ", ".join(languages)


def _team_size(rng: random.Random, org: Organisation) -> int | None:
    if not org.employees:
        return None
    if org.size_class in ("micro", "small"):
        return org.employees
    # In a larger firm the profile names the team that does this work.
    return rng.randint(8, min(40, org.employees))


def _pick(rng: random.Random, items: str | tuple, low: int, high: int) -> list[str]:
    items = _lines(items) if isinstance(items, str) else list(items)
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def _firm_profile(
    rng: random.Random,
    org: Organisation,
    kind: str,
    primary: Capability,
    second: Capability | None,
    places: tuple[list[str], list[str]],
) -> tuple[CompetenceProfile, list[str]]:
    """One firm's profile: its main capability written out, as complete as the firm
    bothered to make it."""
    towns, districts = places
    completeness = rng.choices(list(COMPLETENESS), weights=list(COMPLETENESS.values()))[0]
    full, sparse = completeness == "full", completeness == "sparse"
    region_served = _region_served(rng, org, kind)
    district = org.region.name if org.region else org.city

    sentences = [rng.choice(primary.openings)]
    sentences += rng.sample(
        primary.details, min(len(primary.details), 3 if full else 1 + (not sparse))
    )
    if second and not sparse:
        sentences.append(rng.choice(SECOND_FOCUS_SENTENCES).format(short=second.short))
    closings = list(CLOSINGS)
    if org.size_class in ("micro", "small") and (org.employees or 0) > 1:
        closings.append(SMALL_CLOSING)
    if not (full and primary.references):
        closings.append(DISCREET_CLOSING)
    sentences.append(
        rng.choice(closings).format(
            city=org.city,
            team=org.employees,
            region=REGION_PHRASES[region_served].format(district=district),
        )
    )

    profile = CompetenceProfile(organisation=org, offer=" ".join(sentences))
    topics = list(primary.topics[: 2 if sparse else 4])
    if not sparse:
        profile.services = "\n".join(_pick(rng, primary.services, 2, 5 if full else 3))
        profile.keywords = "\n".join(_pick(rng, primary.keywords, 2, 5 if full else 3))
        if second:
            profile.services += "\n" + "\n".join(_pick(rng, second.services, 1, 2))
            topics += second.topics[:2]
        if full or rng.random() < 0.6:
            profile.technologies = "\n".join(_pick(rng, primary.technologies, 2, 5))
        profile.team_size = _team_size(rng, org)
        profile.languages = _languages(rng, org, region_served)
        profile.region_served = region_served
    elif rng.random() < 0.5:
        profile.keywords = "\n".join(_pick(rng, primary.keywords, 1, 2))
    else:
        topics = []  # a sparse profile often has no tags at all
    if full:
        profile.products = "\n".join(_lines(primary.products))
        references = _pick(rng, primary.references, 1, 2)
        profile.references = "\n".join(
            r.format(town=rng.choice(towns), district=rng.choice(districts)) for r in references
        )
    return profile, topics


def _research_profile(
    rng: random.Random, org: Organisation
) -> tuple[CompetenceProfile, list[str]] | None:
    """Institutes offer research partnership in their field; universities students and
    transfer; academies training. Student initiatives keep no profile."""
    field_name = next((f for f in RESEARCH_FIELDS if f in org.name), "")
    if field_name:
        sentence, keywords, topics = RESEARCH_FIELDS[field_name]
        offer = INSTITUTE_OFFER.format(field=field_name, sentence=sentence)
        services = INSTITUTE_SERVICES
    elif org.wz_code == "85.42":
        offer, services, keywords, topics = UNIVERSITY_PROFILE
    elif org.wz_code in ("85.59", "85.32"):
        offer, services, keywords, topics = ACADEMY_PROFILE
    else:
        return None
    profile = CompetenceProfile(
        organisation=org,
        offer=offer,
        services="\n".join(_lines(services)),
        keywords="\n".join(_lines(keywords)),
        team_size=_team_size(rng, org),
        languages="Deutsch, Englisch",
        region_served=CompetenceProfile.RegionServed.NORTH,
    )
    return profile, list(topics)


# --- needs and contacts ---------------------------------------------------------------


def _existing_organisations() -> dict[str, Organisation]:
    found = {}
    for key, lookups in EXISTING.items():
        for lookup in lookups:
            org = Organisation.objects.filter(**lookup).order_by("pk").first()
            if org:
                found[key] = org
                break
    return found


def _people_by_organisation(organisations) -> dict[int, list[Position]]:
    positions = (
        Position.objects.current()
        .filter(organisation__in=organisations, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("pk")
    )
    people = defaultdict(list)
    for position in positions:
        people[position.organisation_id].append(position)
    return people


def _first_with(positions: list[Position], functions: tuple[str, ...]) -> Person | None:
    for function in functions:
        for position in positions:
            if position.function == function:
                return position.person
    return positions[0].person if positions else None


def _store_needs(
    rng: random.Random, organisations: dict[str, Organisation], topic_ids: dict[str, int]
) -> dict[str, Need]:
    """The hand-written needs, posted over the last months by people of their organisations."""
    clusters = {
        c.slug: c for c in Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]])
    }
    people = _people_by_organisation(list(organisations.values()))
    today, now = clock.today(), clock.now()
    specs = [s for s in NEEDS if s.org in organisations]
    needs = Need.objects.bulk_create(
        Need(
            cluster=clusters.get(s.cluster) or clusters[DIGITAL["slug"]],
            organisation=organisations[s.org],
            author=_first_with(people[organisations[s.org].pk], s.functions),
            title=s.title,
            text=s.text,
            kind=s.kind,
            budget=s.budget,
            deadline=today + datetime.timedelta(days=s.deadline_in_days)
            if s.deadline_in_days
            else None,
            visibility=s.visibility,
            status=Need.Status.CLOSED if s.closed else Need.Status.OPEN,
        )
        for s in specs
    )
    for need, s in zip(needs, specs, strict=True):
        need.created_at = now - datetime.timedelta(
            days=s.posted_days_ago, hours=rng.randint(0, 8), minutes=rng.randint(0, 59)
        )
        need.updated_at = need.created_at
    Need.objects.bulk_update(needs, ["created_at", "updated_at"])
    Need.topics.through.objects.bulk_create(
        Need.topics.through(need_id=need.pk, topic_id=topic_ids[slug])
        for need, s in zip(needs, specs, strict=True)
        for slug in s.topics
        if slug in topic_ids
    )
    return {s.key: need for need, s in zip(needs, specs, strict=True)}


def _store_contacts(
    needs: dict[str, Need], providers: dict[str, list[CompetenceProfile]], digital: Cluster
) -> None:
    """Providers that answered a need, at every step of the pipeline: listed members of
    the digital cluster with a filled-in profile answer first, each firm at most once."""
    members = set(
        Membership.objects.active_on(clock.today())
        .filter(cluster=digital)
        .values_list("organisation_id", flat=True)
    )

    def keen(profile: CompetenceProfile) -> tuple:
        org = profile.organisation
        return (org.pk not in members, not org.is_listed, not profile.services)

    candidates = {
        key: [profile.organisation for profile in sorted(profiles, key=keen)]
        for key, profiles in providers.items()
    }
    taken, chosen = set(), []
    for spec in CONTACTS:
        need = needs.get(spec.need)
        provider = next((o for o in candidates.get(spec.capability, []) if o.pk not in taken), None)
        if need is None or provider is None:
            continue
        taken.add(provider.pk)
        chosen.append((spec, need, provider))
    people = _people_by_organisation([provider for _, _, provider in chosen])
    now = clock.now()
    contacts = Contact.objects.bulk_create(
        Contact(
            need=need,
            provider=provider,
            person=_first_with(people[provider.pk], ("sales", "ceo", "project", "cto")),
            message=spec.message,
            status=spec.status,
        )
        for spec, need, provider in chosen
    )
    for contact, (spec, need, _) in zip(contacts, chosen, strict=True):
        contact.created_at = min(
            need.created_at + datetime.timedelta(days=spec.days_after_posting, hours=2), now
        )
        if spec.status != Contact.Status.INTERESTED:
            contact.decided_at = min(
                contact.created_at + datetime.timedelta(days=spec.decided_after_days), now
            )
    Contact.objects.bulk_update(contacts, ["created_at", "decided_at"])


def _index_and_suggest() -> None:
    """Index the profiles and let the engine suggest providers for every need, as posting
    a need does; skipped with a note while the engine is not there."""
    try:
        from knotenpunkt.matching.services.indexing import reindex_all
        from knotenpunkt.matching.services.needs import refresh_suggestions
    except ImportError as error:
        print(f"Matching demo: profiles not indexed, no suggestions ({error}).")
        return
    reindex_all()
    needs = Need.objects.filter(cluster__slug__in=[DIGITAL["slug"], MARITIME["slug"]])
    for need in needs.select_related("organisation").order_by("pk"):
        refresh_suggestions(need)
