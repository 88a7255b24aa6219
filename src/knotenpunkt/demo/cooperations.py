"""Demo cooperations: 20 documented cooperations and projects of the digital and the
maritime cluster over the last three years, two partner networks (a domestic one and a
Danish cluster) with agreements, and a delegation trip to Denmark with its participants.

Partners are drawn from the clusters' members with a fixed seed; roles, statuses and
funding programmes (ZIM, EFRE, Horizon Europe, Interreg) are mixed. Accepted contacts of
the matchmaking demo, where there are any, are documented first, as staff would from the
need's page. Everything goes through the cooperations services (and so into the audit
log); the trip is an event of kind "trip" written like the events demo writes its
events. Run after the events and matching demos; does nothing once cooperations exist.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from knotenpunkt.cooperations.models import Cooperation, CooperationPartner, PartnerNetwork
from knotenpunkt.cooperations.services.cooperations import (
    Partner,
    contact_for_cooperation,
    create_cooperation,
    initial_from_contact,
)
from knotenpunkt.cooperations.services.networks import add_agreement, create_network, link_trip
from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MARITIME, ORG_ADMIN_ORG
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Position, Topic
from knotenpunkt.events.models import Event, Registration, TicketType
from knotenpunkt.matching.models import Contact

SEED = 20261215
COUNT = 20

Role = Cooperation.ClusterRole
Status = Cooperation.Status

# (title, outputs, topic slugs) of the digital cluster's cooperations
DIGITAL_PROJECTS = [
    (
        "KI-gestützte Belegerkennung für Handwerksbetriebe",
        "Prototyp im Pilotbetrieb bei drei Betrieben",
        ["kuenstliche-intelligenz"],
    ),
    (
        "Digitaler Bauantrag im Kreis Rendsburg-Eckernförde",
        "Antragsstrecke online, Leitfaden für Kommunen",
        ["digitale-verwaltung", "govtech"],
    ),
    (
        "Gemeinsames Security Operations Center für KMU",
        "Betriebskonzept, Ausschreibung vorbereitet",
        ["it-sicherheit"],
    ),
    ("Open-Data-Portal Lübeck", "Portal mit 40 Datensätzen online", ["open-data"]),
    (
        "Green-IT-Check für Rechenzentren",
        "Prüfkatalog und zwölf Audits, Fachartikel",
        ["nachhaltigkeit-green-it"],
    ),
    (
        "Lernplattform Informatik für Berufsschulen",
        "Kursmodule für drei Berufsschulen",
        ["digitale-schule"],
    ),
    (
        "Datenraum Tourismus Schleswig-Holstein",
        "Datenmodell und Schnittstelle zu zwei Buchungssystemen",
        ["data-science"],
    ),
    (
        "Cloud-Souveränität für Kommunen",
        "Referenzarchitektur, Vortrag auf dem Digitalgipfel",
        ["cloud-und-infrastruktur"],
    ),
    (
        "Smart-Parking-Pilot Flensburg",
        "120 Sensoren im Testfeld, Abschlussbericht",
        ["smart-city-und-mobilitaet"],
    ),
    (
        "Telemedizin in der ambulanten Pflege",
        "Studie mit zwei Pflegediensten",
        ["gesundheit-e-health"],
    ),
    (
        "Low-Code-Werkstatt für den Mittelstand",
        "Sechs Anwendungen gebaut, Schulungsreihe",
        ["software-entwicklung"],
    ),
    (
        "Barrierefreie Webangebote für Vereine",
        "Prüfschema nach BITV, Vorlagen für Vereinsseiten",
        ["design"],
    ),
    (
        "New-Work-Labor für Coworking im ländlichen Raum",
        "Zwei Coworking-Piloten eröffnet",
        ["new-work"],
    ),
]
# (title, outputs, topic slugs) of the maritime cluster's cooperations
MARITIME_PROJECTS = [
    (
        "Digitaler Zwilling für Hafenkräne",
        "Zustandsüberwachung an vier Kränen",
        ["industrie-40-und-iot"],
    ),
    (
        "Emissionsarmer Fährbetrieb auf der Förde",
        "Machbarkeitsstudie, Antrag auf Förderung der Umrüstung",
        ["nachhaltigkeit-green-it"],
    ),
    (
        "Predictive Maintenance für Schiffsdiesel",
        "Prognosemodell mit 85 % Trefferquote im Test",
        ["kuenstliche-intelligenz"],
    ),
    (
        "Cybersicherheit an Bord",
        "Leitfaden für Reedereien, Schulung für 60 Beschäftigte",
        ["it-sicherheit"],
    ),
    (
        "Hafen-Community-System Ostsee",
        "Schnittstellenstandard mit zwei dänischen Häfen abgestimmt",
        ["cloud-und-infrastruktur"],
    ),
    (
        "Autonome Vermessungsboote",
        "Testfahrten im Nord-Ostsee-Kanal",
        ["industrie-40-und-iot"],
    ),
    (
        "Fachkräfteprogramm Schiffbau digital",
        "Weiterbildungsmodul, 25 Teilnehmende im ersten Jahrgang",
        ["digitale-schule"],
    ),
]
# (programme, typical amount in EUR), or no funding
FUNDING = [
    ("ZIM", Decimal("380000")),
    ("EFRE", Decimal("650000")),
    ("Horizon Europe", Decimal("1200000")),
    ("Interreg Deutschland-Danmark", Decimal("450000")),
    ("", None),
    ("", None),
]
ROLES = [Role.INITIATED, Role.MODERATED, Role.INITIATED, Role.PARTICIPATED, Role.NONE]


@transaction.atomic
def build_cooperations_demo(seed: int = SEED) -> bool:
    """Cooperations, partner networks and a delegation trip; False if done already."""
    clusters = {
        c.slug: c for c in Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]])
    }
    digital = clusters.get(DIGITAL["slug"])
    if digital is None or Cooperation.objects.exists():
        return False
    rng = random.Random(seed)
    today = clock.today()
    topics = {t.slug: t for t in Topic.objects.all()}
    made = _from_contacts(list(clusters.values()))
    plan = [(digital, p) for p in DIGITAL_PROJECTS]
    if MARITIME["slug"] in clusters:
        plan += [(clusters[MARITIME["slug"]], p) for p in MARITIME_PROJECTS]
    admin_org = Organisation.objects.filter(name=ORG_ADMIN_ORG).first()
    for n, (cluster, (title, outputs, slugs)) in enumerate(plan[: max(COUNT - made, 0)]):
        members = _members(cluster, today)
        if len(members) < 2:
            continue
        partners = rng.sample(members, k=min(len(members), rng.choice([2, 2, 3, 4])))
        if n == 0 and admin_org is not None and admin_org not in partners:
            # The demo's organisation admin finds one under "our cooperations".
            partners[-1] = admin_org
        start = today - datetime.timedelta(days=rng.randint(20, 3 * 365 - 30))
        programme, amount = FUNDING[n % len(FUNDING)]
        status, end = _course(rng, start, today)
        create_cooperation(
            None,
            cluster,
            {
                "title": title,
                "description": (
                    f"{partners[0].name} und Partner arbeiten gemeinsam an: {title}. "
                    "Das Clustermanagement begleitet das Vorhaben."
                ),
                "start_date": start,
                "end_date": end,
                "status": status,
                "funding_programme": programme,
                "funding_amount": (
                    amount * Decimal(rng.choice(["0.6", "0.8", "1", "1.3"]))
                ).quantize(Decimal("1"))
                if amount
                else None,
                "outputs": outputs if status != Status.PLANNED else "",
                "cluster_role": ROLES[n % len(ROLES)],
            },
            [
                Partner(o, CooperationPartner.Role.LEAD if i == 0 else _other_role(rng))
                for i, o in enumerate(partners)
            ],
            [topics[s] for s in slugs if s in topics],
        )
    _networks_and_trip(digital, rng, today)
    return True


def _members(cluster, today) -> list[Organisation]:
    ids = (
        Membership.objects.in_force(today)
        .filter(cluster=cluster)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
    )
    return list(Organisation.objects.filter(pk__in=list(ids)).order_by("pk"))


def _other_role(rng) -> str:
    return rng.choice([CooperationPartner.Role.PARTNER] * 3 + [CooperationPartner.Role.ASSOCIATED])


def _course(rng, start, today):
    """Status and end of a cooperation that started on `start`."""
    if start > today - datetime.timedelta(days=60):
        return rng.choice([Status.RUNNING, Status.RUNNING, Status.PLANNED]), None
    if start < today - datetime.timedelta(days=500):
        outcome = rng.choice([Status.COMPLETED, Status.COMPLETED, Status.STOPPED, Status.RUNNING])
        if outcome == Status.RUNNING:
            return outcome, None
        end = start + datetime.timedelta(days=rng.randint(300, 480))
        return outcome, min(end, today)
    return Status.RUNNING, None


def _from_contacts(clusters) -> int:
    """Document the matchmaking demo's accepted contacts, as staff would."""
    made = 0
    contacts = (
        Contact.objects.filter(
            status__in=[Contact.Status.ACCEPTED, Contact.Status.COOPERATION],
            need__cluster__in=clusters,
        )
        .select_related("need__cluster", "need__organisation", "provider")
        .order_by("pk")[:4]
    )
    for contact in contacts:
        contact_for_cooperation(contact)
        initial = initial_from_contact(contact)
        cluster = initial.pop("cluster")
        partners = initial.pop("partners")
        topics = initial.pop("topics")
        create_cooperation(None, cluster, initial, partners, topics, origin=contact)
        made += 1
    return made


def _networks_and_trip(digital, rng, today) -> None:
    domestic = create_network(
        None,
        digital,
        {
            "name": "Bay Areas Kiel – San Francisco e. V.",
            "kind": PartnerNetwork.Kind.NETWORK,
            "country": "DE",
            "website": "https://bay-areas.example",
            "description": (
                "Verein, der Unternehmen der Kieler Förde mit der San Francisco Bay Area "
                "vernetzt: Delegationen, Start-up-Austausch, Mentoring."
            ),
        },
    )
    add_agreement(
        None,
        domestic,
        {
            "subject": "Kooperationsvereinbarung zu gemeinsamen Veranstaltungen",
            "signed_on": today - datetime.timedelta(days=700),
            "ends_on": None,
        },
    )
    danish = create_network(
        None,
        digital,
        {
            "name": "Digital Cluster Aarhus",
            "kind": PartnerNetwork.Kind.FOREIGN_CLUSTER,
            "country": "DK",
            "website": "https://digital-aarhus.example",
            "description": (
                "Dänischer Cluster der Digitalwirtschaft; Partner für Matchmaking über die "
                "Grenze und gemeinsame Interreg-Anträge."
            ),
        },
    )
    add_agreement(
        None,
        danish,
        {
            "subject": "Memorandum of Understanding: grenzüberschreitendes Matchmaking",
            "signed_on": today - datetime.timedelta(days=420),
            "ends_on": today + datetime.timedelta(days=680),
        },
    )
    link_trip(None, danish, _delegation_trip(digital, rng, today))


def _delegation_trip(cluster, rng, today) -> Event:
    day = today - datetime.timedelta(days=150)
    starts_at = clock.now().replace(
        year=day.year, month=day.month, day=day.day, hour=7, minute=0, second=0, microsecond=0
    )
    event = Event.objects.create(
        title="Delegationsreise Aarhus: Digitale Verwaltung in Dänemark",
        slug=f"delegationsreise-aarhus-{day:%Y-%m-%d}",
        summary="Zwei Tage Verwaltungsdigitalisierung und Matchmaking beim Partnercluster.",
        description=(
            "Besuche bei der Kommune Aarhus, zwei GovTech-Start-ups und dem Digital Cluster "
            "Aarhus; Matchmaking mit dänischen Unternehmen."
        ),
        kind=Event.Kind.TRIP,
        venue_name="Digital Cluster Aarhus",
        street="Åboulevarden 1",
        postcode="8000",
        city="Aarhus",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=34),
        capacity=16,
        audience=Event.Audience.INVITATION,
        is_published=True,
    )
    event.clusters.set([cluster])
    ticket_type = TicketType.objects.create(
        event=event, name="Teilnahme", price_member=Decimal("0"), price_non_member=Decimal("0")
    )
    positions = list(
        Position.objects.current()
        .filter(
            organisation__in=_members(cluster, today),
            person__erased_at__isnull=True,
        )
        .order_by("person_id", "pk")
        .values_list("person_id", "organisation_id")
    )
    seen, people = set(), []
    for person_id, organisation_id in positions:
        if person_id not in seen:
            seen.add(person_id)
            people.append((person_id, organisation_id))
    chosen = rng.sample(people, k=min(14, len(people)))
    Registration.objects.bulk_create(
        Registration(
            event=event,
            ticket_type=ticket_type,
            person_id=person_id,
            organisation_id=organisation_id,
            # Two of the fourteen fell ill and did not travel.
            checked_in_at=starts_at if index >= 2 else None,
        )
        for index, (person_id, organisation_id) in enumerate(chosen)
    )
    return event
