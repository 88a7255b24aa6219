"""Topic groups and clubs, their members and their meetings with the documentation."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import private_storage
from knotenpunkt.directory.models import Cluster, Person, Topic


def document_path(instance, filename: str) -> str:
    # A random name: minutes of a closed club must not be guessable, even on the disk.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"groups/{uuid.uuid4().hex}{suffix}"


class Group(models.Model):
    """A topic group (Fachgruppe) or club of one or several clusters."""

    class Kind(models.TextChoices):
        TOPIC_GROUP = "topic_group", _("Topic group")
        CLUB = "club", _("Club")

    class Gender(models.TextChoices):
        """The grammatical gender of a group's name, for the article German puts before it
        ("der HR-Club", "die Fachgruppe KI", "das Netzwerk Frauen in MINT")."""

        MASCULINE = "masculine", _("masculine (der)")
        FEMININE = "feminine", _("feminine (die)")
        NEUTER = "neuter", _("neuter (das)")

    class Policy(models.TextChoices):
        OPEN = "open", _("Open to all")
        CLUSTER_MEMBERS = "cluster_members", _("Open to people of member organisations")
        ON_REQUEST = "on_request", _("On request (the leads approve)")
        INVITATION = "invitation", _("By invitation only")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.TOPIC_GROUP
    )
    name_gender = models.CharField(
        _("article of the name"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_(
            "For German texts that put an article before the name. Empty: the article of "
            "the kind (die Fachgruppe, der Club)."
        ),
    )
    policy = models.CharField(
        _("who may join"), max_length=20, choices=Policy.choices, default=Policy.OPEN
    )
    clusters = models.ManyToManyField(Cluster, verbose_name=_("clusters"), related_name="groups")
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="groups", blank=True
    )
    guests_welcome = models.BooleanField(
        _("guests welcome at meetings"),
        default=False,
        help_text=_("Shown on the group page; guests still register for each event."),
    )
    # Exclusions are decided by the organisation's attributes, never by hand, so that the
    # same firm is treated the same way in every group and at every event.
    excluded_wz_prefixes = models.CharField(
        _("excluded sectors (WZ 2008 code prefixes)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Comma-separated, e.g. 78, 70.22: people working at organisations in these sectors "
            "may not join."
        ),
    )
    excluded_topics = models.ManyToManyField(
        Topic,
        verbose_name=_("excluded organisation topics"),
        related_name="excluding_groups",
        blank=True,
        help_text=_("People working at organisations with one of these topics may not join."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("topic group or club")
        verbose_name_plural = _("topic groups and clubs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:group", args=[self.slug])

    @property
    def grammatical_gender(self) -> str:
        """The gender of the name: as set, else that of the kind's noun."""
        return self.name_gender or KIND_GENDER[self.kind]

    @property
    def wz_prefix_list(self) -> list[str]:
        return [p.strip() for p in self.excluded_wz_prefixes.split(",") if p.strip()]

    @property
    def has_exclusions(self) -> bool:
        return bool(self.wz_prefix_list) or self.excluded_topics.exists()


# The German noun of each kind: "die Fachgruppe", "der Club". A group named otherwise
# ("Netzwerk …", "Arbeitskreis …") sets its own (Group.name_gender).
KIND_GENDER = {
    Group.Kind.TOPIC_GROUP: Group.Gender.FEMININE,
    Group.Kind.CLUB: Group.Gender.MASCULINE,
}


class GroupMembership(models.Model):
    """A person's place in a group: lead or member; active, requested or invited."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REQUESTED = "requested", _("Requested to join")
        INVITED = "invited", _("Invited")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    invited_by = models.ForeignKey(
        Person,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_invitations_sent",
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="one_membership_per_group"),
            # Only an active member leads: a lead is never merely invited or requesting.
            models.CheckConstraint(
                condition=~Q(role="lead") | Q(status="active"), name="group_lead_is_active"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.group}"


class Meeting(models.Model):
    """One meeting of a group, with its minutes and documents."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("An address or “online”.")
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("Markdown; visible to whoever may see documents.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["group", "starts_at"])]

    def __str__(self):
        return self.title


class MeetingDocument(models.Model):
    """Minutes, slides, a file or a link belonging to a meeting."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        SLIDES = "slides", _("Slides")
        FILE = "file", _("File")
        LINK = "link", _("Link")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FILE)
    title = models.CharField(_("title"), max_length=200)
    # Files live in the private storage and are served only by a permission-checked view.
    file = models.FileField(_("file"), upload_to=document_path, storage=private_storage, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    url = models.URLField(_("link"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="document_is_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.url:
            return self.url
        return reverse("groups:document", args=[self.meeting.group.slug, self.pk])
