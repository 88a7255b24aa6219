"""Demo of the members' feed: who consented to a personalised feed, and what they did with
it over the past four months – opened items, rated them useful or not, and sent them to
colleagues with a note.

Runs last, on whatever the feed shows after a full refresh (events, group meetings, needs,
offerings, and articles and jobs where their apps register as sources), so it depends on
no particular source. Everything goes through the feed's services a click would call
(consent, open, rate, share, follow), so the counters, the notices in the inbox and the
held mails exist as they would. The services stamp the present; the history is spread
over the past by moving those timestamps back afterwards. Then the nightly work runs:
interest profiles and the popularity per cluster, so that member@demo.example sees reasons
on "Für Sie" and a filled "Beliebt" tab. Does nothing once the feed has usage or ratings.
"""

import datetime
from collections import Counter
from random import Random

from django.db import transaction
from django.db.models import F

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.directory.models import Membership, Person, Position, Topic
from knotenpunkt.feed.models import FeedEntry, Follow, Notice, Rating, Share, Usage
from knotenpunkt.feed.rules import viewer_for_person
from knotenpunkt.feed.services.entries import refresh_all
from knotenpunkt.feed.services.follows import set_follow
from knotenpunkt.feed.services.interests import compute_profile
from knotenpunkt.feed.services.sharing import SharingRefused, people_of_clusters, share_entry
from knotenpunkt.feed.services.usage import (
    rate_entry,
    recompute_popularity,
    set_profiling_consent,
)
from knotenpunkt.privacy.models import Consent

MEMBER_LOGIN = "member@demo.example"
# The logins that use the feed themselves (the others are a visitor, a buyer, the admin).
FEED_LOGINS = (MEMBER_LOGIN, "orgadmin@demo.example", "cm@diwish.example")
CONSENT_SOURCE = "demo: Feed-Einstellungen"
HISTORY_DAYS = 120
# Of the people working at member firms: how many consented to the personalised feed.
CONSENTING_PEOPLE = 45
OPENS_PER_PERSON = (2, 9)
RATINGS_PER_PERSON = (0, 2)
USEFUL_SHARE = 0.8
SHARES = 18
# What people wrote when they sent an item to a colleague.
NOTES = (
    "Das passt doch zu unserem Projekt – schau mal rein.",
    "Wäre das was für dich? Ich gehe wahrscheinlich hin.",
    "Hatten wir neulich drüber gesprochen.",
    "Für deine Liste: klingt nach dem, was der Kunde sucht.",
    "Kennst du die Firma? Könnte ein Partner sein.",
    "Vielleicht interessant für das Team.",
    "",
    "Siehe Abschnitt zwei – genau unser Thema.",
    "Sollen wir uns da gemeinsam anmelden?",
)
# What member@demo.example follows: a topic watched and one tracked.
MEMBER_FOLLOWS = (("ki-und-daten", Follow.Level.WATCHING), ("it-sicherheit", Follow.Level.TRACKING))


def build_feed_history_demo(seed: int) -> bool:
    """Consents, opens, ratings, shares, follows, profiles and popularity; False if the
    feed has been used already."""
    if Usage.objects.exists() or Rating.objects.exists() or Share.objects.exists():
        return False
    refresh_all()
    now = clock.now()
    entries = list(FeedEntry.objects.filter(published_at__lte=now).order_by("pk"))
    if not entries:
        return False
    rng = Random(seed + 23)
    with transaction.atomic():
        people = _consenting_people(rng)
        history = History(rng, now, entries)
        for person in people:
            set_profiling_consent(None, person, True, source=CONSENT_SOURCE)
        for person in people:
            history.use(person)
        history.record_opens()
        history.share(_sharers())
        history.stamp(people)
        _follow(Person.objects.filter(user__email=MEMBER_LOGIN).first())
        # What the nightly run does: the profiles (here of the feed logins; the others are
        # computed when their feed is first shown), then the popularity per cluster.
        for person in Person.objects.filter(user__email__in=FEED_LOGINS):
            compute_profile(person)
        recompute_popularity()
    return True


def _consenting_people(rng: Random) -> list[Person]:
    """The feed logins and a share of the people working at member firms of the clusters."""
    members = Membership.objects.in_force(clock.today()).filter(
        cluster__slug__in=[DIGITAL["slug"], MARITIME["slug"]]
    )
    working = (
        Position.objects.current()
        .filter(organisation__in=members.values("organisation"), person__erased_at__isnull=True)
        .values_list("person_id", flat=True)
        .distinct()
    )
    pool = sorted(set(working))
    chosen = set(rng.sample(pool, min(CONSENTING_PEOPLE, len(pool))))
    logins = Person.objects.filter(user__email__in=FEED_LOGINS).values_list("pk", flat=True)
    chosen |= set(logins)
    # People with an account of their own at member firms (posters of jobs, offerings).
    chosen |= set(
        people_of_clusters(members.values("cluster_id"))
        .order_by("pk")
        .values_list("pk", flat=True)[:20]
    )
    return list(Person.objects.filter(pk__in=chosen).order_by("pk"))


def _sharers() -> list[Person]:
    """People with an account who can send items to each other: the logins first."""
    logins = list(Person.objects.filter(user__email__in=FEED_LOGINS).order_by("pk"))
    clusters = Membership.objects.in_force(clock.today()).filter(
        cluster__slug__in=[DIGITAL["slug"], MARITIME["slug"]]
    )
    others = list(
        people_of_clusters(clusters.values("cluster_id"))
        .exclude(pk__in=[p.pk for p in logins])
        .order_by("pk")[:30]
    )
    return logins + others


def _follow(person: Person | None) -> None:
    if person is None:
        return
    topics = dict(
        Topic.objects.filter(slug__in=[s for s, _ in MEMBER_FOLLOWS]).values_list("slug", "pk")
    )
    for slug, level in MEMBER_FOLLOWS:
        if slug in topics:
            set_follow(person, Follow.Target.TOPIC, topics[slug], level)


class History:
    """The acts of the demo people, in the order they are recorded, with when they
    happened; `stamp` moves the services' timestamps to those moments."""

    def __init__(self, rng: Random, now: datetime.datetime, entries: list[FeedEntry]):
        self.rng, self.now, self.entries = rng, now, entries
        self.since = now - datetime.timedelta(days=HISTORY_DAYS)
        # Some items draw far more attention than others (a few hits, a long tail).
        self.appeal = {e.pk: rng.paretovariate(1.6) for e in entries}
        self.opens: list[Usage] = []
        # When each rating and share happened: (person, entry, "rating" or "share").
        self.acts: dict[tuple[int, int, str], datetime.datetime] = {}
        self.shares: list[tuple[int, datetime.datetime, bool]] = []  # (share pk, when, read)
        # The rows the services write from here on are this history's.
        self.first_usage = (Usage.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
        self.first_notice = (
            Notice.objects.order_by("-pk").values_list("pk", flat=True).first()
        ) or 0

    def _moment(self, entry: FeedEntry) -> datetime.datetime:
        start = max(self.since, entry.published_at)
        seconds = max(60, int((self.now - start).total_seconds()) - 3600)
        return start + datetime.timedelta(seconds=self.rng.randint(60, seconds))

    def _pick(self, visible: list[FeedEntry], interests: set[int], k: int) -> list[FeedEntry]:
        weights = [self.appeal[e.pk] * (1 + 3 * len(interests & set(e.topic_ids))) for e in visible]
        picked = {}
        for entry in self.rng.choices(visible, weights=weights, k=k * 2):
            picked.setdefault(entry.pk, entry)
            if len(picked) == k:
                break
        return list(picked.values())

    def use(self, person: Person) -> None:
        """Opens and ratings of one consenting person, on items they may see."""
        viewer = viewer_for_person(person)
        visible = [e for e in self.entries if viewer.may_see(e)]
        if not visible:
            return
        interests = set(person.topics.values_list("pk", flat=True))
        interests |= set(
            Topic.objects.filter(organisations__in=viewer.organisation_ids).values_list(
                "pk", flat=True
            )
        )
        opened = self._pick(visible, interests, self.rng.randint(*OPENS_PER_PERSON))
        for entry in opened:
            self.opens.append(
                Usage(person=person, entry=entry, kind=Usage.Kind.OPEN, at=self._moment(entry))
            )
        for entry in opened[: self.rng.randint(*RATINGS_PER_PERSON)]:
            rate_entry(person, entry, self.rng.random() < USEFUL_SHARE)
            self.acts[(person.pk, entry.pk, "rating")] = self._moment(entry)

    def record_opens(self) -> None:
        """What `record_open` does for each open of a consenting person, in bulk: the
        Usage rows (dated) and the entries' counters; the popularity per cluster is
        rebuilt from the usage afterwards (`recompute_popularity`)."""
        consenting = set(
            Consent.objects.filter(purpose=Consent.Purpose.PROFILING, granted=True).values_list(
                "person_id", flat=True
            )
        )
        rows = [row for row in self.opens if row.person_id in consenting]
        Usage.objects.bulk_create(rows, batch_size=1000)
        counts = Counter(row.entry_id for row in rows)
        for entry_id, count in counts.items():
            FeedEntry.objects.filter(pk=entry_id).update(opens=F("opens") + count)

    def share(self, sharers: list[Person]) -> None:
        """Items sent between people with an account; the member login gets some."""
        if len(sharers) < 2:
            return
        member = next((p for p in sharers if p.user.email == MEMBER_LOGIN), None)
        viewers = {p.pk: viewer_for_person(p) for p in sharers}
        sent = 0
        to_member = []  # (when, index in self.shares) of what the member login received
        for n in range(SHARES * 3):
            if sent == SHARES:
                break
            sender = self.rng.choice(sharers)
            # Every third item goes to the member login (from colleagues), every fifth
            # comes from it.
            if member is not None and n % 5 == 1:
                sender = member
            if member is not None and n % 3 == 0 and sender.pk != member.pk:
                recipient = member
            else:
                recipient = self.rng.choice([p for p in sharers if p.pk != sender.pk])
            visible = [e for e in self.entries if viewers[sender.pk].may_see(e)]
            if not visible:
                continue
            entry = self._pick(visible, set(), 1)[0]
            try:
                share = share_entry(viewers[sender.pk], recipient, entry, self.rng.choice(NOTES))
            except SharingRefused:
                continue
            moment = self._moment(entry)
            self.shares.append((share.pk, moment, moment < self.now - datetime.timedelta(days=6)))
            if recipient == member:
                to_member.append((moment, len(self.shares) - 1))
            self.acts[(sender.pk, entry.pk, "share")] = moment
            sent += 1
        if to_member:
            # The member login's tour shows the unread badge: its newest item stays unread,
            # however long ago it came.
            _, newest = max(to_member)
            pk, moment, _ = self.shares[newest]
            self.shares[newest] = (pk, moment, False)

    def stamp(self, people: list[Person]) -> None:
        """Move the services' timestamps to the moments of the acts (consents first)."""
        Consent.objects.filter(
            purpose=Consent.Purpose.PROFILING, person__in=people, source=CONSENT_SOURCE
        ).update(recorded_at=self.since - datetime.timedelta(days=3))
        # The usage the rating and sharing services recorded (consenting people only).
        rows = list(Usage.objects.filter(pk__gt=self.first_usage).exclude(kind=Usage.Kind.OPEN))
        for row in rows:
            act = "share" if row.kind == Usage.Kind.SHARE else "rating"
            row.at = self.acts.get((row.person_id, row.entry_id, act), self.now)
        Usage.objects.bulk_update(rows, ["at"], batch_size=1000)
        ratings = list(Rating.objects.filter(person__in={p for p, _, act in self.acts}))
        for rating in ratings:
            rating.rated_at = self.acts.get((rating.person_id, rating.entry_id, "rating"), self.now)
        Rating.objects.bulk_update(ratings, ["rated_at"], batch_size=1000)
        shares = {pk: (moment, read) for pk, moment, read in self.shares}
        rows = list(Share.objects.filter(pk__in=shares).order_by("pk"))
        notices = list(Notice.objects.filter(pk__gt=self.first_notice).order_by("pk"))
        for share, notice in zip(rows, notices, strict=True):
            moment, read = shares[share.pk]
            share.created_at = notice.created_at = moment
            notice.read_at = moment + datetime.timedelta(hours=5) if read else None
        Share.objects.bulk_update(rows, ["created_at"], batch_size=1000)
        Notice.objects.bulk_update(notices, ["created_at", "read_at"], batch_size=1000)
