"""Which listed providers fit a quote request, and why.

A provider fits when it lists an offering of the request's kind; the matchmaking
engine's score of its profile against the need orders those. Where the catalogue has
too few of them, a provider of another kind is *related* when one of its offerings names
a specific capability the buyer described (a concept the engine finds in the need and in
the offering's name and summary, not a broad theme such as "digital administration")
*and* the engine finds its profile close to the need. Both together: either alone also
finds firms that only mention a word in passing ("barrier-free application forms" in an
applicant tracking system). Related firms are offered for the buyer to check, never
ticked for them: the buyer should not be pushed to ask unrelated firms.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from knotenpunkt.procurement.models.catalogue import OfferingVersion

# The matchmaking ranking explains each match; more than this many is not worth it here.
FIT_LIMIT = 200
# How close a provider's profile must come to the best-fitting profile in the network
# (scores are relative, 1.0 is the best) to be proposed for an offering of another kind.
RELATED_FIT = 0.3
# The need's own concepts, not those found only faintly (one everyday word in a compound).
STRONG_CONCEPT = 1.0
# Themes ("digital administration") are too broad to say that an offering fits.
BROAD_KINDS = {"theme", "industry"}


@dataclass(frozen=True)
class ProviderFit:
    """How a provider fits a request: its profile's score (0..1) and, for an offering of
    another kind, the offering and the concepts of the need it names."""

    score: float = 0.0
    same_kind: bool = True
    offering: OfferingVersion | None = None
    concepts: tuple[str, ...] = field(default_factory=tuple)


def _need(request) -> SimpleNamespace:
    # A need-like object: the engine reads title, text and the asking organisation.
    return SimpleNamespace(
        pk=None,
        title=request.title,
        text=request.need,
        organisation_id=request.buyer.organisation_id,
        updated_at=None,
    )


def fitting_providers(
    request, listed: dict[int, list[OfferingVersion]], *, related: bool = True
) -> dict[int, ProviderFit]:
    """Of the providers in `listed` (provider id -> its listed offerings), those that fit
    `request`, each with how it fits; without `related`, only those of its kind."""
    from knotenpunkt.matching.engine.analysis import analyse
    from knotenpunkt.matching.services.indexing import current_index, split_compounds
    from knotenpunkt.matching.services.ranking import query_for_need, rank_providers

    need = _need(request)
    scores = {m.organisation.pk: m.score for m in rank_providers(need, limit=FIT_LIMIT)}
    fits: dict[int, ProviderFit] = {}
    others: list[int] = []
    for provider_id, versions in listed.items():
        if any(v.category == request.offering_category for v in versions):
            fits[provider_id] = ProviderFit(score=scores.get(provider_id, 0.0))
        elif scores.get(provider_id, 0.0) >= RELATED_FIT:
            others.append(provider_id)
    if not (related and others):
        return fits
    index = current_index()
    lexicon = index.lexicon
    if lexicon is None:
        return fits
    wanted = _specific_concepts(lexicon, query_for_need(need, index).concepts)
    if not wanted:
        return fits
    split = split_compounds()
    for provider_id in others:
        for version in listed[provider_id]:
            text = f"{version.name}\n{version.summary}"
            named = wanted & set(lexicon.detect(analyse(text, split_compounds=split)))
            if named:
                fits[provider_id] = ProviderFit(
                    score=scores[provider_id],
                    same_kind=False,
                    offering=version,
                    concepts=tuple(sorted(lexicon.concepts[c].label() for c in named)),
                )
                break
    return fits


def _specific_concepts(lexicon, found: dict[str, float]) -> set[str]:
    """The need's concepts that name a specific capability: found clearly, not a theme,
    and not the parent of narrower concepts ("software development")."""
    parents = {parent for concept in lexicon.concepts.values() for parent in concept.parents}
    return {
        concept_id
        for concept_id, strength in found.items()
        if strength >= STRONG_CONCEPT
        and concept_id in lexicon.concepts
        and concept_id not in parents
        and lexicon.concepts[concept_id].kind not in BROAD_KINDS
    }
