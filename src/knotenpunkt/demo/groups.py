"""Demo topic groups and clubs: the 17 topic groups and three clubs of the state cluster.

Leads and members are drawn from the demo's people at member organisations, with a fixed
seed, so every installation gets the same groups. One club is invitation-only (the CIO
club), one excludes categories by the organisations' attributes (the HR club: WZ 78, the
employment and recruiting agencies, and firms offering recruiting). Past meetings carry
minutes, a file in the private storage and a link. Safe to run again: it does nothing
once the groups exist.
"""

import random
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import AS_OF, DIGITAL, SEED
from knotenpunkt.directory.models import Cluster, Person, Position, Topic
from knotenpunkt.directory.services.search import listed_organisations
from knotenpunkt.groups.access import is_excluded_person
from knotenpunkt.groups.models import Group, GroupMembership, Meeting, MeetingDocument

Policy = Group.Policy

# (slug, name, topic slugs, policy)
TOPIC_GROUPS = [
    ("digitale-schule", "Fachgruppe Digitale Schulbildung", ["digitale-schule"], Policy.OPEN),
    (
        "digitale-verwaltung",
        "Fachgruppe Digitalisierung der Verwaltung",
        ["digitale-verwaltung", "govtech"],
        Policy.OPEN,
    ),
    ("ki", "Fachgruppe Künstliche Intelligenz", ["kuenstliche-intelligenz"], Policy.OPEN),
    (
        "softwareentwicklung",
        "Fachgruppe Softwareentwicklung",
        ["software-entwicklung", "devops"],
        Policy.CLUSTER_MEMBERS,
    ),
    ("new-work", "Fachgruppe New Work & Digitaler Arbeitsplatz", ["new-work"], Policy.OPEN),
    ("it-recht", "Fachgruppe IT-Recht", ["it-recht-und-datenschutz"], Policy.CLUSTER_MEMBERS),
    ("smart-city", "Fachgruppe Smart City", ["smart-city-und-mobilitaet"], Policy.OPEN),
    ("it-sicherheit", "Fachgruppe IT-Sicherheit", ["it-sicherheit"], Policy.ON_REQUEST),
    ("cloud", "Fachgruppe Cloud & Infrastruktur", ["cloud-und-infrastruktur"], Policy.OPEN),
    ("daten", "Fachgruppe Daten & Analytics", ["data-science", "open-data"], Policy.OPEN),
    (
        "industrie-40",
        "Fachgruppe Industrie 4.0 & IoT",
        ["industrie-40-und-iot"],
        Policy.CLUSTER_MEMBERS,
    ),
    ("e-health", "Fachgruppe E-Health", ["gesundheit-e-health"], Policy.ON_REQUEST),
    ("green-it", "Fachgruppe Green IT", ["nachhaltigkeit-green-it"], Policy.OPEN),
    ("kreativwirtschaft", "Fachgruppe Games & Kreativwirtschaft", ["games", "design"], Policy.OPEN),
    (
        "e-commerce",
        "Fachgruppe E-Commerce & Online-Marketing",
        ["e-commerce-und-marketing"],
        Policy.CLUSTER_MEMBERS,
    ),
    ("fachkraefte", "Fachgruppe Fachkräfte & Weiterbildung", ["weiterbildung"], Policy.OPEN),
    (
        "barrierefreiheit",
        "Fachgruppe Digitale Barrierefreiheit",
        ["digitale-barrierefreiheit"],
        Policy.ON_REQUEST,
    ),
]

MINUTES = """**Teilnehmende:** {count} Personen aus Mitgliedsunternehmen.

1. Begrüßung und Vorstellungsrunde
2. Impulsvortrag: {title}
3. Austausch zu Erfahrungen aus den Unternehmen
4. Verabredungen: nächste Sitzung, gemeinsames Positionspapier

*Protokoll: die Fachgruppenleitung*
"""


@transaction.atomic
def build_groups_demo(seed: int = SEED) -> bool:
    """Create the demo groups, clubs, memberships and meetings; False if they exist."""
    cluster = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if cluster is None or Group.objects.filter(slug="ki").exists():
        return False
    rng = random.Random(seed)
    positions = list(
        Position.objects.current()
        .filter(organisation__in=listed_organisations(cluster), person__erased_at__isnull=True)
        .select_related("person", "organisation")
        .order_by("pk")
    )
    topics = dict(Topic.objects.values_list("slug", "pk"))
    people = sorted({p.person for p in positions}, key=lambda p: p.pk)

    for n, (slug, name, topic_slugs, policy) in enumerate(TOPIC_GROUPS):
        group = _group(cluster, slug, name, Group.Kind.TOPIC_GROUP, policy, topic_slugs, topics)
        chosen = rng.sample(people, min(len(people), rng.randint(8, 25)))
        _members(group, chosen[:2], chosen[2:])
        _meetings(group, rng, n)

    cios = _people_with(positions, {"cio", "cto", "cdo"})
    cio_club = _group(
        cluster,
        "cio-club",
        "IT-Leiter-Club (CIO-Club)",
        Group.Kind.CLUB,
        Policy.INVITATION,
        ["it-beratung"],
        topics,
        summary="Vertraulicher Austausch der IT-Verantwortlichen; Aufnahme nur auf Einladung.",
    )
    _members(cio_club, cios[:2], cios[2:12])
    _meetings(cio_club, rng, 17)

    hr_club = _group(
        cluster,
        "hr-club",
        "HR-Club",
        Group.Kind.CLUB,
        Policy.CLUSTER_MEMBERS,
        ["fachkraeftegewinnung"],
        topics,
        summary="Für Personalverantwortliche der Mitgliedsunternehmen – nicht für "
        "Personaldienstleister und Personalberatungen.",
    )
    # WZ 78: employment agencies, temporary staffing and executive search (Personalberatung).
    hr_club.excluded_wz_prefixes = "78"
    hr_club.save(update_fields=["excluded_wz_prefixes"])
    if "fachkraeftegewinnung" in topics:
        hr_club.excluded_topics.add(topics["fachkraeftegewinnung"])
    hr_people = [
        p for p in _people_with(positions, {"hr", "ceo"}) if not is_excluded_person(p, hr_club)
    ]
    _members(hr_club, hr_people[:1], hr_people[1:15])
    _meetings(hr_club, rng, 18)

    women = [p for p in people if p.salutation == Person.Salutation.MS]
    womens_club = _group(
        cluster,
        "frauen-club",
        "Women in Tech Club",
        Group.Kind.CLUB,
        Policy.OPEN,
        ["digitalkompetenz"],
        topics,
        summary="Veranstaltungen von und für Frauen in der Digitalwirtschaft – Gäste sind "
        "willkommen.",
    )
    womens_club.guests_welcome = True
    womens_club.save(update_fields=["guests_welcome"])
    _members(womens_club, women[:2], rng.sample(women[2:], min(len(women) - 2, 20)))
    _meetings(womens_club, rng, 19)

    _demo_logins(cio_club)
    return True


# The descriptions are German: the article follows the name's gender ("Der HR-Club").
ARTICLE = {
    Group.Gender.MASCULINE: "Der",
    Group.Gender.FEMININE: "Die",
    Group.Gender.NEUTER: "Das",
}


def _group(cluster, slug, name, kind, policy, topic_slugs, topics, summary=""):
    article = ARTICLE[Group(kind=kind).grammatical_gender]
    group = Group.objects.create(
        slug=slug,
        name=name,
        kind=kind,
        policy=policy,
        summary=summary or f"Austausch, Vorträge und Projekte rund um {name.split(' ', 1)[-1]}.",
        description=(
            f"{article} {name} trifft sich etwa alle zwei Monate, abwechselnd in Kiel, Lübeck und "
            "online. Die Treffen beginnen mit einem kurzen Impuls aus einem "
            "Mitgliedsunternehmen, danach ist Zeit für Fragen und Austausch.\n\n"
            "- Erfahrungen teilen\n- gemeinsame Projekte anstoßen\n- Positionen erarbeiten"
        ),
    )
    group.clusters.add(cluster)
    group.topics.add(*[topics[s] for s in topic_slugs if s in topics])
    return group


def _people_with(positions, functions) -> list[Person]:
    seen, found = set(), []
    for position in positions:
        if position.function in functions and position.person.pk not in seen:
            seen.add(position.person.pk)
            found.append(position.person)
    return found


def _members(group, leads, members) -> None:
    joined = timezone.make_aware(datetime.combine(AS_OF - timedelta(days=400), time(12)))
    rows = [GroupMembership(group=group, person=p, role="lead", joined_at=joined) for p in leads]
    lead_pks = {p.pk for p in leads}
    rows += [
        GroupMembership(group=group, person=p, role="member", joined_at=joined)
        for p in members
        if p.pk not in lead_pks
    ]
    GroupMembership.objects.bulk_create(rows, ignore_conflicts=True)


IMPULSES = [
    "Erfahrungen mit generativer KI im Mittelstand",
    "Fördermittel für Digitalisierungsprojekte",
    "Fachkräfte finden und halten",
    "NIS2: was jetzt zu tun ist",
    "Datenräume in der Praxis",
    "Agile Zusammenarbeit über Firmengrenzen",
]


def _meetings(group, rng, n) -> None:
    """Two past meetings with documentation and one upcoming."""
    for weeks in (-16, -7, 5 + n % 4):
        day = AS_OF + timedelta(weeks=weeks, days=n % 5)
        starts = timezone.make_aware(datetime.combine(day, time(17, 30)))
        title = rng.choice(IMPULSES)
        past = weeks < 0
        meeting = Meeting.objects.create(
            group=group,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            location=rng.choice(["Kiel, Wissenschaftspark", "Lübeck, Media Docks", "online"]),
            agenda="1. Impuls\n2. Diskussion\n3. Ausblick",
            minutes=MINUTES.format(count=rng.randint(8, 24), title=title) if past else "",
        )
        if past:
            document = MeetingDocument(
                meeting=meeting,
                kind=MeetingDocument.Kind.MINUTES,
                title=f"Protokoll {day:%d.%m.%Y}",
                original_name=f"protokoll-{day:%Y-%m-%d}.txt",
            )
            text = MINUTES.format(count=12, title=title)
            document.file.save(document.original_name, ContentFile(text.encode()), save=False)
            document.save()
            MeetingDocument.objects.create(
                meeting=meeting,
                kind=MeetingDocument.Kind.LINK,
                title="Gemeinsames Whiteboard",
                url="https://example.org/whiteboard",
            )


def _demo_logins(cio_club) -> None:
    """Make the demo logins useful here: the member login leads the software group, the
    organisation admin is a founder of the CIO club (so both can try the lead pages)."""
    member = Person.objects.filter(user__email="member@demo.example").first()
    org_admin = Person.objects.filter(user__email="orgadmin@demo.example").first()
    if member:
        GroupMembership.objects.update_or_create(
            group=Group.objects.get(slug="softwareentwicklung"),
            person=member,
            defaults={"role": "lead", "status": "active", "joined_at": clock.now()},
        )
    if org_admin:
        GroupMembership.objects.update_or_create(
            group=cio_club,
            person=org_admin,
            defaults={"role": "lead", "status": "active", "joined_at": clock.now()},
        )
