"""The feed: one denormalised row per content item, follows, usage, shares, ratings, notices.

`FeedEntry` is refreshed from the registered sources (feed/registry.py) so that the personal
feed reads candidates with a few indexed queries instead of asking every app on each page.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Organisation, Person


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the cluster(s)")
    GROUP = "group", _("Members of the group(s)")


class FeedEntry(models.Model):
    """One content item of a source, as the feed ranks it (a copy, refreshed by a task)."""

    key = models.CharField(_("key"), max_length=100, unique=True)  # "events.event:12"
    source = models.CharField(_("source"), max_length=40, db_index=True)
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    url = models.CharField(_("address"), max_length=500)
    published_at = models.DateTimeField(_("published"), db_index=True)
    expires_at = models.DateTimeField(_("shown until"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feed_entries",
    )
    # Copies of the tags below, for scoring in Python without another query.
    topic_ids = models.JSONField(_("topics"), default=list, blank=True)
    cluster_ids = models.JSONField(_("clusters"), default=list, blank=True)
    group_ids = models.JSONField(_("groups"), default=list, blank=True)
    # Anonymous aggregates (docs/feed.md, "What is recorded"): opens of consenting people,
    # shares and ratings of everybody.
    opens = models.PositiveIntegerField(_("opened"), default=0)
    shares = models.PositiveIntegerField(_("shared"), default=0)
    useful = models.PositiveIntegerField(_("rated useful"), default=0)
    not_useful = models.PositiveIntegerField(_("rated not useful"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed"), auto_now=True)

    class Meta:
        verbose_name = _("feed entry")
        verbose_name_plural = _("feed entries")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["audience", "-published_at"])]

    def __str__(self):
        return self.title


class FeedEntryTag(models.Model):
    """What an entry is about and who may see it, one row per value, for indexed lookups.

    `topic`, `group`, `organisation`, `cluster` say what it is about; the access tags say
    who may see a non-public entry: `members` (members of that cluster), `group_members`
    (active members of that group) and `staff` (the cluster's management)."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("Topic")
        GROUP = "group", _("Group")
        ORGANISATION = "organisation", _("Organisation")
        CLUSTER = "cluster", _("Cluster")
        MEMBERS = "members", _("Members of the cluster")
        GROUP_MEMBERS = "group_members", _("Members of the group")
        STAFF = "staff", _("Staff of the cluster")

    entry = models.ForeignKey(FeedEntry, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    value = models.BigIntegerField()

    class Meta:
        verbose_name = _("feed entry tag")
        verbose_name_plural = _("feed entry tags")
        indexes = [models.Index(fields=["kind", "value", "entry"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "value"], name="feed_tag_once")
        ]

    def __str__(self):
        return f"{self.kind}:{self.value}"


class Follow(models.Model):
    """A person's level for a topic, an organisation (a source) or a group (Discourse's
    watching / tracking / muted)."""

    class Target(models.TextChoices):
        TOPIC = "topic", _("Topic")
        ORGANISATION = "organisation", _("Organisation")
        GROUP = "group", _("Group")

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching: always shown, at the top")
        TRACKING = "tracking", _("Tracking: shown as usual")
        MUTED = "muted", _("Muted: never shown")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feed_follows")
    target_type = models.CharField(_("kind"), max_length=15, choices=Target.choices)
    target_id = models.BigIntegerField(_("target"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "target_type", "target_id"], name="feed_follow_once"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.target_type}:{self.target_id} ({self.level})"


class InterestProfile(models.Model):
    """A person's interests, precomputed (services/interests.py): weights per topic, group
    and organisation. Follows are applied on top when the feed is read."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="feed_profile")
    topic_weights = models.JSONField(default=dict, blank=True)
    group_weights = models.JSONField(default=dict, blank=True)
    organisation_weights = models.JSONField(default=dict, blank=True)
    # Which topic weights came from usage (profiling), so that they can be shown and dropped.
    learned_topic_weights = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interest profile")
        verbose_name_plural = _("interest profiles")

    def __str__(self):
        return str(self.person)


class Usage(models.Model):
    """One open, share or rating of a person who consented to profiling (only then)."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Opened")
        SHARE = "share", _("Shared")
        USEFUL = "useful", _("Rated useful")
        NOT_USEFUL = "not_useful", _("Rated not useful")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feed_usage")
    entry = models.ForeignKey(FeedEntry, on_delete=models.CASCADE, related_name="usage")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("usage record")
        verbose_name_plural = _("usage records")
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self):
        return f"{self.person} – {self.kind}"


class NetworkPopularity(models.Model):
    """How much the people of one cluster used an entry lately (consenting people only)."""

    entry = models.ForeignKey(FeedEntry, on_delete=models.CASCADE, related_name="popularity")
    cluster_id = models.BigIntegerField()
    score = models.FloatField(default=0)

    class Meta:
        verbose_name = _("popularity in a cluster")
        verbose_name_plural = _("popularity in clusters")
        indexes = [models.Index(fields=["cluster_id", "-score"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "cluster_id"], name="feed_popularity_once")
        ]

    def __str__(self):
        return f"{self.entry} – {self.cluster_id}"


class Rating(models.Model):
    """A person's verdict on an entry: useful or not (one per person and entry)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feed_ratings")
    entry = models.ForeignKey(FeedEntry, on_delete=models.CASCADE, related_name="ratings")
    useful = models.BooleanField(_("useful"))
    rated_at = models.DateTimeField(_("rated"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.UniqueConstraint(fields=["person", "entry"], name="feed_rating_once")]

    def __str__(self):
        return f"{self.person} – {self.entry}"


class Share(models.Model):
    """An entry one member sent to another, with a note."""

    sender = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feed_shares_sent")
    recipient = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="feed_shares_received"
    )
    entry = models.ForeignKey(FeedEntry, on_delete=models.CASCADE, related_name="share_records")
    note = models.TextField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        indexes = [models.Index(fields=["sender", "-created_at"])]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"


class Notice(models.Model):
    """A message in a person's inbox on the platform (the badge beside "Feed")."""

    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField(_("text"), max_length=300)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="feed_notice_unread"
            )
        ]

    def __str__(self):
        return self.text
