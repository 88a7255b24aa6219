"""Demo interactions and commitments.

A year of the cluster management's work with its members, for both demo clusters: company
visits, consultations and funding advice, some calls and introductions, with follow-up
tasks (most done, some open, a few overdue on the demo's today) and, here and there,
notes only their author reads. The digital cluster's staff login (cm@diwish.example)
records the digital cluster's; the maritime cluster gets its own staff member
(cm@maritim.example, the demo password) to record its.

The digital cluster also publishes a code of digital ethics in two versions: about 25
members signed, some of them only the first version (they are asked to sign again), one
withdrew. The demo organisation admin's firm signed only the first version, so its admin
sees the request to sign the new one.

Interactions go through the services a staff member's clicks go through; dates lie in
the past. Signatures are taken over as from an earlier system (dated, without a login).
Runs after the other demo parts (it needs the logins); does nothing once the digital
cluster has interactions.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from knotenpunkt.commitments.models import Commitment, CommitmentVersion, Signature
from knotenpunkt.commitments.services.commitments import (
    create_commitment,
    publish_version,
    save_draft,
    start_new_version,
)
from knotenpunkt.demo import clock
from knotenpunkt.demo.logins import PASSWORD
from knotenpunkt.demo.plan import DIGITAL, MARITIME, ORG_ADMIN_ORG
from knotenpunkt.directory.models import Cluster, Organisation, Person
from knotenpunkt.directory.services.search import listed_organisations
from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.interactions.services.follow_ups import mark_done
from knotenpunkt.interactions.services.interactions import record_interaction

SEED = 20261207
DIGITAL_STAFF = "cm@diwish.example"
MARITIME_STAFF = "cm@maritim.example"
Kind = Interaction.Kind

KINDS = [
    (Kind.COMPANY_VISIT, 40),
    (Kind.CONSULTATION, 28),
    (Kind.FUNDING_ADVICE, 12),
    (Kind.CALL, 10),
    (Kind.INTRODUCTION, 6),
    (Kind.OTHER, 4),
]
SUMMARIES = {
    Kind.COMPANY_VISIT: [
        "Betriebsbesuch: Vorstellung der Produktlinie und der Entwicklungsabteilung",
        "Besuch vor Ort mit Rundgang, Gespräch über Fachkräftebedarf",
        "Antrittsbesuch nach dem Beitritt, Erwartungen an das Netzwerk",
        "Besuch: Digitalisierung der Auftragsabwicklung vorgestellt",
        "Besuch mit Geschäftsführung, Interesse an Fachgruppe KI",
    ],
    Kind.CONSULTATION: [
        "Beratung zur Cloud-Strategie und zu Datenschutzfragen",
        "Beratung: Einstieg in KI-Anwendungen im Kundenservice",
        "Gespräch über Ausbildung und duales Studium",
        "Beratung zur IT-Sicherheit nach NIS2",
        "Beratung: Markteintritt Dänemark, Kontakte zum Partnernetzwerk",
    ],
    Kind.FUNDING_ADVICE: [
        "Fördermittelberatung: Digitalbonus des Landes",
        "Fördermittelberatung: EU-Programm für Innovationsprojekte",
        "Beratung zu Innovationsgutscheinen und Antragsfristen",
        "Fördermittelberatung: Weiterbildungsförderung für Beschäftigte",
    ],
    Kind.CALL: [
        "Telefonat zur Veranstaltungsplanung",
        "Rückruf wegen Mitgliedsbeitrag und Rechnungsadresse",
        "Telefonat: Interesse an Referententätigkeit",
    ],
    Kind.INTRODUCTION: [
        "Vorgestellt für ein gemeinsames Pilotprojekt",
        "Vorgestellt wegen passender Kompetenzen im Bereich Daten",
    ],
    Kind.OTHER: ["Austausch am Rande der Mitgliederversammlung"],
}
FOLLOW_UPS = [
    "Förderprogramm und Fristen per Mail schicken",
    "Kontakt zur Hochschule herstellen",
    "Einladung zur Fachgruppe schicken",
    "Angebot für Firmenporträt im Newsletter machen",
    "Termin für Folgebesuch vereinbaren",
    "Unterlagen zur Weiterbildung zusenden",
]
PRIVATE_NOTES = [
    "Geschäftsführung wirkt unzufrieden mit dem Beitrag – beim nächsten Besuch ansprechen.",
    "Möglicher Austritt zum Jahresende, vertraulich.",
]
SHARED_NOTES = [
    "Sehr offen für Kooperationen mit der Hochschule.",
    "Wünscht sich mehr Veranstaltungen in Lübeck.",
    "Hat Interesse, in einer Fachgruppe mitzuarbeiten.",
]

ETHICS_V1 = """### Präambel
Wir, die unterzeichnenden Mitglieder, gestalten die Digitalisierung verantwortungsvoll.

### Unsere Grundsätze
1. **Menschen zuerst:** Technik dient den Menschen, nicht umgekehrt.
2. **Datensparsamkeit:** Wir erheben nur Daten, die wir wirklich brauchen.
3. **Transparenz:** Wir erklären, wie unsere Systeme Entscheidungen treffen.
4. **Fairness:** Wir prüfen unsere Anwendungen auf Benachteiligung.
"""
ETHICS_V2 = (
    ETHICS_V1
    + """5. **Künstliche Intelligenz:** Wir kennzeichnen KI-generierte Inhalte und setzen KI nur
   mit menschlicher Aufsicht ein.
6. **Nachhaltigkeit:** Wir achten auf den Energiebedarf unserer Rechenzentren und Geräte.
"""
)


def _staff(email: str, cluster: Cluster, first_name: str, last_name: str):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name, is_staff=True)
        user.set_password(PASSWORD)
        user.email_confirmed_at = timezone.now()
        user.save()
    cluster.staff.add(user)
    return user


def _organisations(cluster: Cluster) -> list[Organisation]:
    return list(listed_organisations(cluster).prefetch_related("topics").order_by("name")[:120])


def _people(organisation: Organisation) -> list[Person]:
    return list(
        Person.objects.filter(
            positions__organisation=organisation, erased_at__isnull=True
        ).distinct()[:3]
    )


def _interactions(rng: random.Random, cluster: Cluster, staff, count: int) -> int:
    today = clock.today()
    organisations = _organisations(cluster)
    if len(organisations) < 2:
        return 0
    kinds, weights = zip(*KINDS, strict=True)
    made = 0
    for _index in range(count):
        organisation = rng.choice(organisations)
        kind = rng.choices(kinds, weights)[0]
        day = today - datetime.timedelta(days=rng.randint(1, 365))
        people = _people(organisation)
        topics = list(organisation.topics.all())
        private = rng.random() < 0.12
        notes = rng.choice(PRIVATE_NOTES if private else SHARED_NOTES) if rng.random() < 0.5 else ""
        introduced_to = None
        if kind == Kind.INTRODUCTION:
            introduced_to = rng.choice([o for o in organisations if o.pk != organisation.pk])
        follow_ups = []
        if rng.random() < 0.6:
            due = day + datetime.timedelta(days=rng.randint(5, 30))
            follow_ups.append((rng.choice(FOLLOW_UPS), due, staff))
        interaction = record_interaction(
            staff,
            organisation,
            cluster=cluster,
            kind=kind,
            date=day,
            summary=rng.choice(SUMMARIES[kind]),
            notes=notes,
            notes_visibility=(
                Interaction.NotesVisibility.AUTHOR if private else Interaction.NotesVisibility.STAFF
            ),
            people=rng.sample(people, k=min(len(people), rng.randint(1, 2))) if people else [],
            staff=[staff],
            topics=rng.sample(topics, k=min(len(topics), 2)),
            introduced_to=introduced_to,
            follow_ups=follow_ups,
        )
        # Most follow-ups due more than two weeks ago were done; the rest stay open.
        for follow_up in FollowUp.objects.filter(interaction=interaction):
            if follow_up.due_on < today - datetime.timedelta(days=14) and rng.random() < 0.85:
                mark_done(staff, follow_up)
        made += 1
    return made


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _code_of_ethics(rng: random.Random, cluster: Cluster, staff) -> Commitment | None:
    if Commitment.objects.filter(slug="kodex-digitale-ethik").exists():
        return None
    today = clock.today()
    commitment = create_commitment(
        staff,
        cluster,
        title="Kodex für digitale Ethik",
        slug="kodex-digitale-ethik",
        summary="Grundsätze für eine verantwortungsvolle Digitalisierung in der Region.",
        text=ETHICS_V1,
    )
    first = publish_version(staff, commitment.versions.get())
    second = start_new_version(staff, commitment)
    save_draft(
        staff,
        second,
        text=ETHICS_V2,
        change_summary="Neu: Grundsätze zu Künstlicher Intelligenz und Nachhaltigkeit.",
    )
    second = publish_version(staff, second)
    # History: the first version a year ago, the second two months ago.
    v1_day, v2_day = today - datetime.timedelta(days=330), today - datetime.timedelta(days=60)
    CommitmentVersion.objects.filter(pk=first.pk).update(published_at=_moment(v1_day))
    CommitmentVersion.objects.filter(pk=second.pk).update(published_at=_moment(v2_day))

    members = [o for o in _organisations(cluster) if o.name != ORG_ADMIN_ORG]
    chosen = rng.sample(members, k=min(25, len(members)))
    admin_org = Organisation.objects.filter(name=ORG_ADMIN_ORG).first()
    signatures = []

    def signed(version, organisation, start, end, withdrawn=None):
        day = start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))
        signatures.append(
            Signature(
                version=version,
                organisation=organisation,
                signed_at=_moment(day),
                withdrawn_at=withdrawn,
            )
        )

    for index, organisation in enumerate(chosen):
        if index < 15:  # signed the first version, ten of them the second as well
            signed(first, organisation, v1_day, v2_day - datetime.timedelta(days=1))
            if index < 10:
                signed(second, organisation, v2_day, today)
        elif index == 15:  # signed, then withdrew
            signed(
                first,
                organisation,
                v1_day,
                v1_day + datetime.timedelta(days=30),
                withdrawn=_moment(v1_day + datetime.timedelta(days=120)),
            )
        else:  # joined with the second version
            signed(second, organisation, v2_day, today)
    if admin_org is not None:
        signed(first, admin_org, v1_day, v2_day - datetime.timedelta(days=1))
    Signature.objects.bulk_create(signatures)
    return commitment


@transaction.atomic
def build_interactions_demo(seed: int = SEED) -> bool:
    """About 70 interactions for the two demo clusters and the digital cluster's code of
    ethics; False if the digital cluster has interactions already."""
    digital = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    maritime = Cluster.objects.filter(slug=MARITIME["slug"]).first()
    if digital is None or Interaction.objects.filter(cluster=digital).exists():
        return False
    rng = random.Random(seed)
    digital_staff = _staff(DIGITAL_STAFF, digital, "Merle", "Thomsen")
    _interactions(rng, digital, digital_staff, 42)
    if maritime is not None:
        maritime_staff = _staff(MARITIME_STAFF, maritime, "Jannik", "Hansen")
        _interactions(rng, maritime, maritime_staff, 28)
    _code_of_ethics(rng, digital, digital_staff)
    return True
