"""What a person may learn about themself, and what other apps ask of a persona."""

from django.db.models import Q

from knotenpunkt.personas.models import PersonaMembership, PersonaPopularity


def personas_of(person) -> list[PersonaMembership]:
    """The person's own persona memberships (active personas), with persona and cluster."""
    return list(
        PersonaMembership.objects.filter(person=person, persona__is_active=True)
        .select_related("persona", "cluster")
        .order_by("cluster__name")
    )


def people_in(persona_ids) -> Q:
    """People in one of the (active) personas, as a Q over Person (for target groups)."""
    members = PersonaMembership.objects.filter(
        persona__in=persona_ids, persona__is_active=True
    ).values("person")
    return Q(pk__in=members)


def peer_popularity(person) -> dict[int, float]:
    """Feed entry id → how popular it is with the people of the person's personas."""
    if person is None:
        return {}
    scores: dict[int, float] = {}
    for entry_id, score in PersonaPopularity.objects.filter(
        persona__memberships__person=person, persona__is_active=True
    ).values_list("entry_id", "score"):
        scores[entry_id] = max(scores.get(entry_id, 0.0), score)
    return scores
