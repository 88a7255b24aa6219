"""Demo target groups of the digital cluster: the kinds of groups its staff mail to.

Runs after the groups demo (one segment names the AI topic group). Only definitions are
stored; who they reach follows the demo's data and subscriptions. Safe to run again: it
does nothing once the segments exist.
"""

from django.db import transaction

from knotenpunkt.demo.plan import DIGITAL
from knotenpunkt.directory.models import Cluster
from knotenpunkt.mailings.models import Segment
from knotenpunkt.mailings.services.segments import validate_definition

MEMBER = {"field": "member", "op": "is"}

# (name, description, definition)
SEGMENTS = [
    (
        "IT-Leitungen der Mitglieder",
        "Alle CIOs, CTOs und CDOs von Mitgliedsorganisationen.",
        {"all": [MEMBER, {"field": "function", "op": "in", "value": ["cio", "cto", "cdo"]}]},
    ),
    (
        "Personalverantwortliche",
        "HR-Leitungen und Geschäftsführungen kleiner Mitgliedsfirmen.",
        {
            "all": [
                MEMBER,
                {
                    "any": [
                        {"field": "function", "op": "in", "value": ["hr"]},
                        {
                            "all": [
                                {"field": "function", "op": "in", "value": ["ceo"]},
                                {
                                    "field": "organisation.size",
                                    "op": "in",
                                    "value": ["micro", "small"],
                                },
                            ]
                        },
                    ]
                },
            ]
        },
    ),
    (
        "KI-Interessierte außerhalb der Fachgruppe",
        "Wer sich selbst oder über die Organisation für KI interessiert, "
        "aber noch nicht in der Fachgruppe KI ist.",
        {
            "all": [
                {"field": "topic", "op": "in", "value": ["kuenstliche-intelligenz"]},
                {"not": {"field": "group", "op": "in", "value": ["ki"]}},
            ]
        },
    ),
    (
        "Forschung und Lehre",
        "Hochschulen und Institute, Mitglied oder nicht.",
        {"field": "organisation.actor_type", "op": "in", "value": ["research"]},
    ),
]


@transaction.atomic
def build_segments_demo() -> bool:
    """Create the demo target groups of the digital cluster; False if they exist."""
    cluster = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if cluster is None or cluster.segments.exists():
        return False
    for name, description, definition in SEGMENTS:
        validate_definition(definition, cluster)
        Segment.objects.create(
            cluster=cluster, name=name, description=description, definition=definition
        )
    return True
