"""The central data: clusters, organisations, people, their functions and memberships.

One module per sub-domain; this package imports them at the top, so that
`knotenpunkt.directory.models` lists every model as before."""

from knotenpunkt.directory.models.clusters import Cluster
from knotenpunkt.directory.models.memberships import (
    Membership,
    MembershipQuerySet,
    Position,
    PositionQuerySet,
)
from knotenpunkt.directory.models.organisations import Organisation
from knotenpunkt.directory.models.people import (
    Person,
    PersonEmail,
    PersonEmailQuerySet,
    PersonPhone,
)
from knotenpunkt.directory.models.taxonomy import Region, Topic

__all__ = [
    "Cluster",
    "Membership",
    "MembershipQuerySet",
    "Organisation",
    "Person",
    "PersonEmail",
    "PersonEmailQuerySet",
    "PersonPhone",
    "Position",
    "PositionQuerySet",
    "Region",
    "Topic",
]
