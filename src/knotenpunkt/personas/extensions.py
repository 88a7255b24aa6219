"""What the personas announce to the apps below them, through those apps' extension points:

- mailings: the target-group condition "persona" (people in one of the personas);
- feed: "popular with people like you" (PersonaPopularity of the person's personas);
- privacy: a withdrawn profiling consent takes the person out of every persona at once,
  and the privacy page tells the person which persona they are in.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from knotenpunkt.feed.peers import register_peer_popularity
from knotenpunkt.mailings.services.segment_fields import Field, register_segment_field
from knotenpunkt.personas.models import Persona
from knotenpunkt.personas.services.computation import remove_person
from knotenpunkt.personas.services.membership import peer_popularity, people_in, personas_of
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.sections import PrivacySection, register_privacy_section
from knotenpunkt.privacy.services import on_consent_withdrawn


def _clean_personas(values, context):
    """Values are persona keys of the segment's cluster ("persona-2"); inactive ones are
    refused, since they have no members."""
    if any(not isinstance(v, str) for v in values):
        raise ValidationError(_("values must be text (persona keys)"))
    personas = Persona.objects.filter(is_active=True, slug__in=values)
    if context.cluster is not None:
        personas = personas.filter(cluster=context.cluster)
    found = {}
    for slug, pk in personas.values_list("slug", "pk"):
        found.setdefault(slug, []).append(pk)
    unknown = [v for v in values if v not in found]
    if unknown:
        raise ValidationError(
            _("no persona with the key(s) %(values)s") % {"values": ", ".join(unknown)}
        )
    return [pk for v in values for pk in found[v]]


register_segment_field(
    "persona",
    Field(
        lambda: _("in the persona (people who consented to profiling; never listed by name)"),
        ("in",),
        _clean_personas,
        lambda values, op, context: people_in(values),
        lambda: _("persona keys of this cluster (shown on the personas page)"),
        names_people=False,
    ),
)

register_peer_popularity(peer_popularity)


def _withdrawn(person, *, source, ip=None) -> None:
    remove_person(person)


on_consent_withdrawn(Consent.Purpose.PROFILING, _withdrawn)


def _describe(person) -> list[PrivacySection]:
    memberships = personas_of(person)
    if not memberships:
        return []
    return [
        PrivacySection(
            _("My persona"),
            [
                _("%(cluster)s: %(persona)s")
                % {"cluster": m.cluster.name, "persona": m.persona.name}
                for m in memberships
            ],
            _(
                "Computed from your interests, event visits and use of the feed because you "
                "consented to profiling. Nobody sees who belongs to a persona; withdrawing "
                "the consent removes you from it at once."
            ),
        )
    ]


register_privacy_section(_describe)
