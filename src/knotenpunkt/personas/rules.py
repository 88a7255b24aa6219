"""Who sees and describes personas: the management of the persona's cluster.

Staff see the personas of the clusters they look after (an installation hosts several
clusters), platform admins all. Nobody sees who belongs to a persona: there is no
permission for it and no list of members anywhere; a person sees only their own persona
(privacy page and export).
"""

import rules
from django.db.models import QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster
from knotenpunkt.personas.models import Persona


def visible_personas(user) -> QuerySet[Persona]:
    """Personas of the clusters the user looks after (all for platform admins)."""
    return Persona.objects.filter(cluster__in=clusters_looked_after(user))


@rules.predicate
def is_staff_of_persona_cluster(user, persona) -> bool:
    return persona is not None and is_staff_of_cluster(user, persona.cluster)


rules.add_perm("personas.view_personas", is_platform_admin | is_cluster_staff)
rules.add_perm("personas.view_cluster_personas", is_platform_admin | is_staff_of_cluster)
rules.add_perm("personas.recompute", is_platform_admin | is_staff_of_cluster)
rules.add_perm("personas.describe_persona", is_platform_admin | is_staff_of_persona_cluster)
