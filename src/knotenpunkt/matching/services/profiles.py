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
class Completeness:
    percent: int
    hints: list[Promise]


def profile_for(organisation: Organisation) -> CompetenceProfile:
    """The organisation's profile; an empty one (not yet stored) if it has none."""
    try:
        return organisation.competence_profile
    except CompetenceProfile.DoesNotExist:
        return CompetenceProfile(organisation=organisation)


def completeness(profile: CompetenceProfile) -> Completeness:
    """0-100 % and, for each missing part, what to add (the heaviest first)."""
    topic_kinds = set()
    if profile.pk:
        topic_kinds = {t.kind for t in profile.topics.all()}
    checks = [
        (
            30,
            len(profile.offer.strip()) >= OFFER_MIN_LENGTH,
            _("Describe what you offer in plain words (at least 300 characters)"),
        ),
        (15, bool(profile.technologies.strip()), _("Add technologies you work with")),
        (
            15,
            Topic.Kind.COMPETENCE in topic_kinds,
            _("Choose your competences from the list of topics"),
        ),
        (
            10,
            bool(profile.services.strip() or profile.products.strip()),
            _("List your services or products"),
        ),
        (10, bool(profile.references.strip()), _("Name references")),
        (
            8,
            bool(profile.keywords.strip()),
            _("Add the words your customers use for what you do"),
        ),
        (6, Topic.Kind.INDUSTRY in topic_kinds, _("Choose the industries you serve")),
        (3, profile.team_size is not None, _("State the size of your team")),
        (3, bool(profile.languages.strip()), _("Name the languages you work in")),
    ]
    percent = sum(weight for weight, done, _hint in checks if done)
    return Completeness(percent=percent, hints=[hint for _w, done, hint in checks if not done])


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
