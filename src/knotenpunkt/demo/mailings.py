"""Demo mailings of the digital cluster: its lists, their subscribers, and a few mailings.

Three lists (the fortnightly newsletter, a special newsletter on AI, invitations), with
subscriptions of about 60 % of the people working at member organisations, some still
waiting for their confirmation and some ended, each with the consent records the double
opt-in would have written. Two newsletters were sent (into the public archive, with the
recipients they reached then), an invitation to an event next week is scheduled and the
next newsletter is a draft. Nothing is sent: the recipients' rows are written as sent.

Dates are relative to the day the demo is built, like the events. Runs after the events
and segments demos. Safe to run again: does nothing once the lists exist.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation

from knotenpunkt.accounts.models import User
from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, SEED
from knotenpunkt.directory.models import (
    Cluster,
    Membership,
    Organisation,
    Person,
    PersonEmail,
    Position,
    Topic,
)
from knotenpunkt.events.models import Event
from knotenpunkt.mailings.models import (
    Mailing,
    MailingBlock,
    MailingLink,
    MailingList,
    MailingRecipient,
    Subscription,
)
from knotenpunkt.mailings.services.compose import render_mailing
from knotenpunkt.mailings.services.subscriptions import _record
from knotenpunkt.privacy.models import Consent

AI_TOPIC = "kuenstliche-intelligenz"
STAFF_EMAIL = "cm@diwish.example"
# The demo logins of people at member organisations read the newsletter.
SUBSCRIBED_LOGINS = ("member@demo.example", "orgadmin@demo.example")
# The pace the sender keeps (settings.MAILING_RATE_PER_SECOND's default).
SEND_RATE = 20

# (slug, name, kind, description)
LISTS = [
    (
        "newsletter",
        "Newsletter",
        MailingList.Kind.NEWSLETTER,
        "Alle 14 Tage: Neues aus dem Netzwerk, Veranstaltungen, Förderprogramme und "
        "Porträts von Mitgliedern.",
    ),
    (
        "sondernewsletter-ki",
        "Sondernewsletter KI",
        MailingList.Kind.SPECIAL,
        "Wenn es zu Künstlicher Intelligenz etwas Besonderes gibt: Praxisbeispiele, "
        "Rechtliches zum AI Act, Termine der Fachgruppe KI.",
    ),
    (
        "einladungen",
        "Einladungen",
        MailingList.Kind.INVITATIONS,
        "Persönliche Einladungen zu Veranstaltungen des Clusters, passend zu Ihren Themen.",
    ),
]

# Per list: the shares of people with an active, an ended and a waiting subscription.
# People interested in AI (themselves or through their organisation) take the special.
SHARES = {
    "newsletter": (0.60, 0.06, 0.04),
    "sondernewsletter-ki": (0.12, 0.02, 0.01),
    "einladungen": (0.45, 0.05, 0.03),
}
AI_SHARES = (0.55, 0.05, 0.04)


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _send_days(now) -> tuple[datetime.datetime, datetime.datetime]:
    """The two last newsletter Thursdays (10 o'clock), fourteen days apart, before today."""
    today = timezone.localdate(now)
    days_back = (today.weekday() - 3) % 7 or 7
    last = _local(today - datetime.timedelta(days=days_back), 10)
    return last - datetime.timedelta(days=14), last


@transaction.atomic
def build_mailings_demo(seed: int = SEED) -> bool:
    """Lists, subscriptions and mailings of the digital cluster; False if they exist."""
    cluster = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if cluster is None or cluster.mailing_lists.filter(slug__in=[s for s, *_ in LISTS]).exists():
        return False
    rng = random.Random(seed + 11)
    now = clock.now().replace(second=0, microsecond=0)
    sends = _send_days(now)
    ai_topic = Topic.objects.filter(slug=AI_TOPIC).first()
    lists = {
        slug: MailingList.objects.create(
            cluster=cluster,
            slug=slug,
            name=name,
            kind=kind,
            description=description,
            topic=ai_topic if kind == MailingList.Kind.SPECIAL else None,
        )
        for slug, name, kind, description in LISTS
    }
    subscriptions = _subscribe(cluster, lists, rng, now, sends)
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    newsletter = lists["newsletter"]
    events = _digital_events(cluster)
    portraits = _portraits(cluster, rng)
    teased: list[Event] = []
    for number, (sent_at, content) in enumerate(zip(sends, NEWSLETTERS, strict=True)):
        mailing = _newsletter(
            cluster, newsletter, staff, content, sent_at, events, portraits, teased
        )
        _mark_sent(mailing, subscriptions, sent_at)
        if number == 0:
            _count_engagement(mailing, rng)
    _invitation(cluster, lists["einladungen"], staff, events, now)
    _draft(cluster, newsletter, staff, sends[1] + datetime.timedelta(days=14))
    return True


def _people(cluster: Cluster) -> list[tuple[int, bool]]:
    """(person id, interested in AI) of everyone working at a member organisation now."""
    members = Membership.objects.in_force().filter(cluster=cluster).values("organisation")
    positions = Position.objects.current().filter(
        organisation__in=members, person__erased_at__isnull=True
    )
    # Only people we can write to: a subscription without an address is none.
    addressed = PersonEmail.objects.filter(is_primary=True).values("person")
    person_ids = sorted(
        set(positions.filter(person__in=addressed).values_list("person_id", flat=True))
    )
    interested = set(
        positions.filter(
            Q(person__topics__slug=AI_TOPIC) | Q(organisation__topics__slug=AI_TOPIC)
        ).values_list("person_id", flat=True)
    )
    return [(pk, pk in interested) for pk in person_ids]


def _subscribe(cluster, lists, rng, now, sends) -> list[Subscription]:
    """Subscriptions with believable dates, and the consent records of each step."""
    logins = set(
        Position.objects.filter(person__user__email__in=SUBSCRIBED_LOGINS).values_list(
            "person_id", flat=True
        )
    )
    rows = []
    for person_id, interested in _people(cluster):
        for slug, mailing_list in lists.items():
            special = mailing_list.kind == MailingList.Kind.SPECIAL
            active, ended, waiting = AI_SHARES if special and interested else SHARES[slug]
            roll = rng.random()
            if person_id in logins and mailing_list.kind == MailingList.Kind.NEWSLETTER:
                roll = 0.0
            if roll < active + ended:
                leaves = roll >= active
                # Someone who left had subscribed before the first newsletter: a recent
                # joiner's dates would depend on the weekday the demo is built on.
                subscription = _confirmed(rng, now, sends, early=person_id in logins or leaves)
                if leaves:
                    _ended(subscription, rng, now, sends)
            elif roll < active + ended + waiting:
                subscription = Subscription(
                    status=Subscription.Status.PENDING,
                    requested_at=now - datetime.timedelta(hours=rng.uniform(1, 120)),
                )
            else:
                continue
            subscription.person_id = person_id
            subscription.mailing_list = mailing_list
            subscription.source = "subscribe form"
            rows.append(subscription)
    requested = [s.requested_at for s in rows]
    created = Subscription.objects.bulk_create(rows)
    # requested_at is set on creation; the demo's subscribers asked earlier.
    for subscription, when in zip(created, requested, strict=True):
        subscription.requested_at = when
    Subscription.objects.bulk_update(created, ["requested_at"], batch_size=500)
    _record_consents(created)
    return created


def _confirmed(rng, now, sends, early=False) -> Subscription:
    """Most subscribed long ago; a few joined between the two newsletters or since."""
    first_send, last_send = sends
    late = 1.0 if early else rng.random()
    if late < 0.05:
        confirmed = first_send + (last_send - first_send) * rng.random()
    elif late < 0.08:
        confirmed = last_send + (now - last_send) * rng.random()
    else:
        confirmed = first_send - datetime.timedelta(days=rng.uniform(3, 3 * 365))
    return Subscription(
        status=Subscription.Status.ACTIVE,
        confirmed_at=confirmed,
        requested_at=confirmed - datetime.timedelta(minutes=rng.uniform(2, 36 * 60)),
    )


def _ended(subscription, rng, now, sends) -> None:
    start = max(subscription.confirmed_at, sends[0] - datetime.timedelta(days=180))
    subscription.status = Subscription.Status.UNSUBSCRIBED
    subscription.unsubscribed_at = start + (now - start) * rng.random()


def _record_consents(subscriptions) -> None:
    """The consent records the double opt-in and the unsubscribes wrote, dated like them."""
    people = Person.objects.in_bulk({s.person_id for s in subscriptions})
    steps = []
    for subscription in subscriptions:
        subscription.person = people[subscription.person_id]
        steps.append((subscription.requested_at, subscription, True, "subscribe form"))
        if subscription.confirmed_at:
            steps.append(
                (subscription.confirmed_at, subscription, True, "double opt-in confirmation")
            )
        if subscription.unsubscribed_at:
            source = "one-click unsubscribe" if subscription.pk % 3 else "preference centre"
            steps.append((subscription.unsubscribed_at, subscription, False, source))
    # In time order, so that a person's latest decision is also the latest record.
    steps.sort(key=lambda step: (step[0], step[1].pk))
    consents = []
    for when, subscription, granted, source in steps:
        # The very call the double opt-in and the unsubscribe make (record_consent with the
        # list's purpose and source), so the demo's records read like real ones.
        consent = _record(subscription, granted, source)
        consent.recorded_at = when
        consents.append(consent)
    Consent.objects.bulk_update(consents, ["recorded_at"], batch_size=500)


def _digital_events(cluster) -> list[Event]:
    return list(
        Event.objects.filter(clusters=cluster, is_published=True)
        .exclude(audience=Event.Audience.INVITATION)
        .order_by("starts_at", "pk")
    )


def _next_event(events, after, within_days=40, audiences=(Event.Audience.PUBLIC,), taken=()):
    until = after + datetime.timedelta(days=within_days)
    return next(
        (
            e
            for e in events
            if after < e.starts_at <= until and e.audience in audiences and e not in taken
        ),
        None,
    )


def _portraits(cluster, rng) -> list[Organisation]:
    members = Membership.objects.in_force().filter(cluster=cluster).values("organisation")
    candidates = list(
        Organisation.objects.filter(pk__in=members, is_listed=True)
        .exclude(description="")
        .order_by("pk")
    )
    return rng.sample(candidates, k=min(2, len(candidates)))


NEWSLETTERS = [
    {
        "subject": "DiWiSH-Newsletter: E-Rechnung, Fachkräfte und neue Mitglieder",
        "preheader": "Was bei der E-Rechnung auf Sie zukommt und wer uns neu verstärkt.",
        "intro": (
            "Das Netzwerk wächst weiter",
            "In den letzten zwei Wochen sind vier Organisationen neu in den Cluster "
            "gekommen – zwei Softwarehäuser aus Kiel, eine Designagentur aus Lübeck und ein "
            "Institut der Fachhochschule. Herzlich willkommen! Fast zwei Drittel unserer "
            "Mitglieder haben weniger als zehn Beschäftigte; genau für sie sind unsere "
            "Mittagstische, Webinare und Workshops gedacht.",
        ),
        "news": (
            "E-Rechnung: Was jetzt auf kleine Firmen zukommt",
            "Seit 2025 müssen Unternehmen E-Rechnungen empfangen können; das Versenden wird "
            "2027 für größere und 2028 für alle Firmen Pflicht. Die Fachgruppe IT-Recht hat "
            "eine kurze **Checkliste** "
            "zusammengestellt: welche Formate (XRechnung, ZUGFeRD) gelten, was die "
            "Buchhaltung braucht und wo Förderung möglich ist.",
            "https://www.diwish.example/e-rechnung-checkliste",
            "Zur Checkliste",
        ),
        "closing": (
            "Fachkräfte gewinnen",
            "Der Cluster vermittelt zwischen Weiterbildungsangeboten und Bedarf der "
            "Mitglieder. Wenn Sie Praktikumsplätze oder Abschlussarbeiten anbieten, "
            "schreiben Sie uns – wir stellen sie den Hochschulen im Land vor.",
        ),
    },
    {
        "subject": "DiWiSH-Newsletter: KI im Mittelstand und der Digitalgipfel",
        "preheader": "Praxisbeispiele aus dem Netzwerk und die Anmeldung zum Digitalgipfel.",
        "intro": (
            "KI im Mittelstand – aus der Praxis",
            "Wie setzen kleine und mittlere Unternehmen Künstliche Intelligenz wirklich ein? "
            "Die Fachgruppe KI hat drei Mitglieder besucht: eine Steuerkanzlei, die Belege "
            "automatisch vorsortiert, einen Maschinenbauer mit vorausschauender Wartung und "
            "ein Start-up, das Ausschreibungen der Verwaltung durchsucht. Die Berichte "
            "finden Sie im Mitgliederbereich.",
        ),
        "news": (
            "Digitalgipfel Schleswig-Holstein: Anmeldung offen",
            "Rund 650 Gäste, Vorträge zu Verwaltungsdigitalisierung, Datenräumen und "
            "Nachhaltigkeit, dazu Workshops am Nachmittag. Mitglieder erhalten den "
            "ermäßigten Preis – melden Sie sich früh an, die Workshops sind begrenzt.",
            "https://www.diwish.example/digitalgipfel",
            "Mehr zum Digitalgipfel",
        ),
        "closing": (
            "In eigener Sache",
            "Sie möchten Ihr Unternehmen in einem der nächsten Newsletter vorstellen? "
            "Das Mitgliederporträt erscheint alle 14 Tage. Schreiben Sie an "
            "kontakt@diwish.example.",
        ),
    },
]


def _newsletter(
    cluster, mailing_list, staff, content, sent_at, events, portraits, teased
) -> Mailing:
    mailing = Mailing.objects.create(
        cluster=cluster,
        mailing_list=mailing_list,
        template=Mailing.Template.NEWSLETTER,
        subject=content["subject"],
        preheader=content["preheader"],
        status=Mailing.Status.SENT,
        scheduled_for=sent_at,
        started_at=sent_at,
        archive=Mailing.Archive.PUBLIC,
        created_by=staff,
    )
    heading, text, url, label = content["news"]
    blocks = [
        MailingBlock(
            kind=MailingBlock.Kind.TEXT, heading=content["intro"][0], text=content["intro"][1]
        ),
        MailingBlock(
            kind=MailingBlock.Kind.TEXT, heading=heading, text=text, link_url=url, link_label=label
        ),
    ]
    event = _next_event(events, sent_at + datetime.timedelta(days=2), taken=teased)
    if event is not None:
        teased.append(event)
        blocks.append(MailingBlock(kind=MailingBlock.Kind.EVENT, event=event))
    if portraits:
        organisation = portraits.pop()
        blocks.append(
            MailingBlock(
                kind=MailingBlock.Kind.PORTRAIT,
                organisation=organisation,
                heading=f"Mitglied im Porträt: {organisation.name}",
            )
        )
    closing_heading, closing_text = content["closing"]
    blocks.append(
        MailingBlock(kind=MailingBlock.Kind.TEXT, heading=closing_heading, text=closing_text)
    )
    for position, block in enumerate(blocks):
        block.mailing, block.position = mailing, position
    MailingBlock.objects.bulk_create(blocks)
    return mailing


def _mark_sent(mailing, subscriptions, sent_at) -> None:
    """The outbox as the sender left it: one sent row for each subscriber of that day."""
    reached = [
        s
        for s in subscriptions
        if s.mailing_list_id == mailing.mailing_list_id
        and s.confirmed_at is not None
        and s.confirmed_at <= sent_at
        and (s.unsubscribed_at is None or s.unsubscribed_at > sent_at)
    ]
    addresses = dict(
        PersonEmail.objects.filter(
            person__in=[s.person_id for s in reached], is_primary=True
        ).values_list("person_id", "address")
    )
    reached.sort(key=lambda s: s.person_id)
    MailingRecipient.objects.bulk_create(
        MailingRecipient(
            mailing=mailing,
            person_id=s.person_id,
            email=addresses[s.person_id],
            status=MailingRecipient.Status.SENT,
            attempts=1,
            sent_at=sent_at + datetime.timedelta(seconds=n / SEND_RATE),
        )
        for n, s in enumerate(reached)
    )
    mailing.finished_at = sent_at + datetime.timedelta(seconds=len(reached) / SEND_RATE + 1)
    mailing.save(update_fields=["finished_at"])


def _count_engagement(mailing, rng) -> None:
    """Totals for one newsletter sent with counting on: about a third opened it."""
    mailing.track_engagement = True
    recipients = mailing.recipients.count()
    mailing.open_count = int(recipients * rng.uniform(0.32, 0.42))
    mailing.save(update_fields=["track_engagement", "open_count"])
    render_mailing(mailing, tracking=True)  # stores the mailing's links as the sender would
    links = list(MailingLink.objects.filter(mailing=mailing).order_by("position"))
    for link in links:
        link.clicks = int(mailing.open_count * rng.uniform(0.02, 0.18))
    MailingLink.objects.bulk_update(links, ["clicks"])


def _invitation(cluster, mailing_list, staff, events, now) -> Mailing | None:
    """An invitation to an event next week, to go out tomorrow morning."""
    audiences = (Event.Audience.PUBLIC, Event.Audience.MEMBERS)
    event = _next_event(events, now + datetime.timedelta(days=2), 12, audiences) or _next_event(
        events, now + datetime.timedelta(days=1), 60, audiences
    )
    if event is None:
        return None
    with translation.override("de"):
        day = formats.date_format(timezone.localtime(event.starts_at), "j. F")
    mailing = Mailing.objects.create(
        cluster=cluster,
        mailing_list=mailing_list,
        template=Mailing.Template.INVITATION,
        subject=f"Einladung: „{event.title}“ am {day}",
        preheader="Wir freuen uns auf Sie – die Plätze sind begrenzt.",
        status=Mailing.Status.SCHEDULED,
        scheduled_for=_local(timezone.localdate(now) + datetime.timedelta(days=1), 9),
        archive=Mailing.Archive.MEMBERS,
        created_by=staff,
    )
    MailingBlock.objects.bulk_create(
        [
            MailingBlock(
                mailing=mailing,
                position=0,
                text=(
                    "wir laden Sie herzlich ein: Kommen Sie mit anderen Mitgliedern ins "
                    "Gespräch, bringen Sie Ihre Fragen mit und nehmen Sie Anregungen für den "
                    "eigenen Betrieb mit nach Hause."
                ),
            ),
            MailingBlock(mailing=mailing, position=1, kind=MailingBlock.Kind.EVENT, event=event),
            MailingBlock(
                mailing=mailing,
                position=2,
                text=(
                    "Sie können nicht teilnehmen? Leiten Sie die Einladung gern an Kolleginnen "
                    "und Kollegen weiter.\n\nIhr Clustermanagement"
                ),
            ),
        ]
    )
    return mailing


def _draft(cluster, mailing_list, staff, planned) -> Mailing:
    with translation.override("de"):
        day = formats.date_format(timezone.localtime(planned), "j. F Y")
    mailing = Mailing.objects.create(
        cluster=cluster,
        mailing_list=mailing_list,
        template=Mailing.Template.NEWSLETTER,
        subject=f"DiWiSH-Newsletter vom {day}",
        archive=Mailing.Archive.PUBLIC,
        created_by=staff,
    )
    MailingBlock.objects.bulk_create(
        [
            MailingBlock(
                mailing=mailing,
                position=0,
                heading="Aus den Fachgruppen",
                text="Hier kommen die Berichte der Fachgruppentreffen hin – Fotos folgen.",
            ),
            MailingBlock(
                mailing=mailing,
                position=1,
                heading="Förderprogramme",
                text=(
                    "Der Digitalbonus des Landes geht in eine neue Runde. Noch zu klären: "
                    "Fristen und Ansprechpartner bei der Förderbank."
                ),
            ),
        ]
    )
    return mailing
