"""What the cluster management does with personas: give them words, ask for a recomputation."""

from django.db import transaction
from django.utils import timezone

from knotenpunkt.core.audit import log_action, snapshot
from knotenpunkt.personas.models import Persona

EDITABLE = ("name", "description", "goals")


@transaction.atomic
def describe_persona(actor, persona: Persona, *, name: str, description: str, goals: str) -> bool:
    """Store the staff's name, description and goals; False if nothing changed."""
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    before = snapshot(persona, EDITABLE)
    persona.name, persona.description, persona.goals = name, description, goals
    after = snapshot(persona, EDITABLE)
    if before == after:
        return False
    persona.edited_at = timezone.now()
    persona.save(update_fields=[*EDITABLE, "edited_at"])
    changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    log_action(actor, "personas.persona.changed", persona, changed=changed)
    return True


def request_recomputation(actor, cluster) -> None:
    """Enqueue the cluster's computation after commit (the page's "recompute now")."""
    from knotenpunkt.personas.tasks import compute_personas

    log_action(actor, "personas.recompute.requested", cluster)
    cluster_ids = [cluster.pk]
    transaction.on_commit(lambda: compute_personas.enqueue(cluster_ids))
