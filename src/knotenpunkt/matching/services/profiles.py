"""Competence profiles: maintained by the organisation admins, read by the engine.

The completeness indicator tells an admin what would improve their matches: each part of
the profile carries a weight by how much the engine and the people reading a suggestion
gain from it, and a missing part turns into a concrete hint.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import changes_between, log_action, register_action, snapshot
from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.matching.models import CompetenceProfile

register_action("matching.profile.changed", _("Competence profile changed"))

PROFILE_FIELDS = (
    "offer",
    "services",
    "products",
    "technologies",
    "keywords",
    "topics",
    "references",
    "team_size",
    "languages",
    "region_served",
)
PROFILE_TOPIC_KINDS = (Topic.Kind.COMPETENCE, Topic.Kind.TECHNOLOGY, Topic.Kind.INDUSTRY)
OFFER_MIN_LENGTH = 300


@dataclass(frozen=True)
class ProfileTask:
    """One part of the profile: done or not, and what to add; `field` is the form field."""

    title: Promise
    hint: Promise
    done: bool
    field: str


@dataclass(frozen=True)
class Completeness:
    percent: int
    tasks: list[ProfileTask]

    @property
    def hints(self) -> list[Promise]:
        return [task.hint for task in self.tasks if not task.done]


def profile_for(organisation: Organisation) -> CompetenceProfile:
    """The organisation's profile; an empty one (not yet stored) if it has none."""
    try:
        return organisation.competence_profile
    except CompetenceProfile.DoesNotExist:
        return CompetenceProfile(organisation=organisation)


def completeness(profile: CompetenceProfile) -> Completeness:
    """0-100 % and the parts of the profile as tasks, the heaviest first."""
    topic_kinds = set()
    if profile.pk:
        topic_kinds = {t.kind for t in profile.topics.all()}
    checks = [
        (
            30,
            ProfileTask(
                _("Offer in plain words"),
                _("Describe what you offer in plain words (at least 300 characters)"),
                len(profile.offer.strip()) >= OFFER_MIN_LENGTH,
                "offer",
            ),
        ),
        (
            15,
            ProfileTask(
                _("Technologies"),
                _("Add technologies you work with"),
                bool(profile.technologies.strip()),
                "technologies",
            ),
        ),
        (
            15,
            ProfileTask(
                _("Competences"),
                _("Choose your competences from the list of topics"),
                Topic.Kind.COMPETENCE in topic_kinds,
                "competences",
            ),
        ),
        (
            10,
            ProfileTask(
                _("Services or products"),
                _("List your services or products"),
                bool(profile.services.strip() or profile.products.strip()),
                "services",
            ),
        ),
        (
            10,
            ProfileTask(
                _("References"),
                _("Name references"),
                bool(profile.references.strip()),
                "references",
            ),
        ),
        (
            8,
            ProfileTask(
                _("Your customers' words"),
                _("Add the words your customers use for what you do"),
                bool(profile.keywords.strip()),
                "keywords",
            ),
        ),
        (
            6,
            ProfileTask(
                _("Industries served"),
                _("Choose the industries you serve"),
                Topic.Kind.INDUSTRY in topic_kinds,
                "industries",
            ),
        ),
        (
            3,
            ProfileTask(
                _("Team size"),
                _("State the size of your team"),
                profile.team_size is not None,
                "team_size",
            ),
        ),
        (
            3,
            ProfileTask(
                _("Languages"),
                _("Name the languages you work in"),
                bool(profile.languages.strip()),
                "languages",
            ),
        ),
    ]
    percent = sum(weight for weight, task in checks if task.done)
    return Completeness(percent=percent, tasks=[task for _weight, task in checks])


def save_profile(user, profile: CompetenceProfile, data: dict) -> CompetenceProfile:
    """Store the profile (`data` holds PROFILE_FIELDS) and re-index it after commit."""
    with transaction.atomic():
        before = snapshot(profile, PROFILE_FIELDS)
        for name in PROFILE_FIELDS:
            if name != "topics":
                setattr(profile, name, data[name])
        profile.save()
        profile.topics.set(data["topics"])
        changes = changes_between(before, snapshot(profile, PROFILE_FIELDS))
        log_action(user, "matching.profile.changed", profile.organisation, changes=changes)
        organisation_id = profile.organisation_id
        transaction.on_commit(lambda: enqueue_reindex(organisation_id))
    return profile


def enqueue_reindex(organisation_id: int) -> None:
    """Have the engine re-read the organisation (call it after commit)."""
    from knotenpunkt.matching.tasks import reindex_organisation_task

    reindex_organisation_task.enqueue(organisation_id)
