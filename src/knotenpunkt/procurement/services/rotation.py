"""Rotation of the firms asked for quotes (§ 14 S. 2, §§ 11, 12 UVgO): the platform
proposes listed providers that fit the request (services.fitting), those the buyer has
not asked recently first, so the same firms are not asked every time.

Providers with an offering of the request's kind come first, then those with an offering
of another kind that names the need; in each group those whose profile fits the need
well (the matchmaking engine) before the rest. Within such a group the least recently
asked come first; within the same rotation rank the fit decides, and then a hash of
request and provider: stable for one request, different between requests, and blind to
the alphabet, so early names are not always favoured. Providers that do not fit are
never proposed.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.models.catalogue import OfferingVersion
from knotenpunkt.procurement.models.requests import QuoteInvitation
from knotenpunkt.procurement.services.fitting import ProviderFit, fitting_providers

WINDOW_DAYS = 365
# Firms whose profile fits the need this well (1.0: the best fit in the network) come
# before the others of the same kind; rotation orders each group.
GOOD_FIT = 0.5
# Besides the firms still missing, a few more fitting ones to choose from (rotation).
MORE_PROPOSALS = 3


@dataclass(frozen=True)
class Proposal:
    provider: Organisation
    offering_version: OfferingVersion
    reason: str
    # How well the provider's profile fits the need (0..1, 0 where it has none).
    fit: float = 0.0
    # Whether it lists an offering of the request's kind (else: one that names the need).
    same_kind: bool = True


def _stable_hash(request_id, provider_id) -> str:
    return hashlib.sha256(f"{request_id}:{provider_id}".encode()).hexdigest()


def _history(request, day: datetime.date) -> dict[int, tuple[int, datetime.datetime]]:
    """Per provider: how often this buyer asked it in the twelve months up to `day`, and
    when last."""
    # The same window as the splitting check: the day itself and the 364 days before it.
    since = timezone.make_aware(
        datetime.datetime.combine(day - datetime.timedelta(days=WINDOW_DAYS - 1), datetime.time.min)
    )
    until = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
    rows = (
        QuoteInvitation.objects.filter(
            request__buyer_id=request.buyer_id, sent_at__gte=since, sent_at__lt=until
        )
        .exclude(request_id=request.pk)
        .values("provider_id")
        .annotate(count=Count("pk"), last=Max("sent_at"))
    )
    return {row["provider_id"]: (row["count"], row["last"]) for row in rows}


def _listed(request, *, all_kinds: bool) -> dict[int, list[OfferingVersion]]:
    """Listed offerings per provider (not the buyer, not invited), by name: of the
    request's kind, or with `all_kinds` of every kind."""
    invited = request.invitations.values("provider_id") if request.pk else []
    versions = OfferingVersion.objects.filter(
        status=OfferingVersion.Status.PUBLISHED,
        offering__published__isnull=False,
        offering__withdrawn_at__isnull=True,
    )
    if not all_kinds:
        versions = versions.filter(category=request.offering_category)
    versions = (
        versions.exclude(offering__provider_id=request.buyer.organisation_id)
        .exclude(offering__provider_id__in=invited)
        .select_related("offering__provider")
        .order_by("name", "pk")
    )
    by_provider: dict[int, list[OfferingVersion]] = {}
    for version in versions:
        # Only the version buyers see now; a superseded one is history.
        if version.offering.published_id != version.pk:
            continue
        by_provider.setdefault(version.offering.provider_id, []).append(version)
    return by_provider


def _reason(versions, count: int, last, fit: ProviderFit) -> str:
    names = ", ".join(f"‘{v.name}’" for v in versions[:3])
    if fit.same_kind:
        listed = _("lists %(names)s in this category") % {"names": names}
    else:
        listed = _("lists %(names)s, which names what you described: %(concepts)s") % {
            "names": names,
            "concepts": ", ".join(fit.concepts),
        }
    if count == 0:
        asked = _("not asked by you in the last 12 months")
    else:
        asked = _("asked %(count)s× in the last 12 months, last on %(date)s") % {
            "count": count,
            "date": formats.date_format(timezone.localtime(last).date(), "SHORT_DATE_FORMAT"),
        }
    parts = [listed, asked]
    if fit.score > 0:
        parts.append(_("its profile fits the need you described"))
    return "; ".join(parts)


def propose(
    request,
    *,
    limit: int | None = 5,
    today: datetime.date | None = None,
    related: bool = False,
):
    """Listed providers with an offering of the request's kind, to ask for a quote, the
    least recently asked first, each with its reason; with `related`, after them those
    with a related offering of another kind (services.fitting).

    `limit=None` returns every candidate (to pick the ticked ones from)."""
    day = today or timezone.localdate()
    listed = _listed(request, all_kinds=related)
    if not listed:
        return []
    fits = fitting_providers(request, listed, related=related)
    if not fits:
        return []
    history = _history(request, day)
    never = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

    def rank(provider_id):
        count, last = history.get(provider_id, (0, None))
        return (
            not fits[provider_id].same_kind,
            fits[provider_id].score < GOOD_FIT,
            count,
            last or never,
            -fits[provider_id].score,
            _stable_hash(request.pk, provider_id),
        )

    ordered = sorted(fits, key=rank)
    if limit is not None:
        ordered = ordered[:limit]
    proposals = []
    for provider_id in ordered:
        fit = fits[provider_id]
        if fit.same_kind:
            shown = [v for v in listed[provider_id] if v.category == request.offering_category]
        else:
            shown = [fit.offering]
        count, last = history.get(provider_id, (0, None))
        proposals.append(
            Proposal(
                provider=shown[0].offering.provider,
                offering_version=shown[0],
                reason=_reason(shown, count, last, fit),
                fit=fit.score,
                same_kind=fit.same_kind,
            )
        )
    return proposals


@dataclass
class ProposalPlan:
    """The firms the platform proposes for a draft, measured against what its procedure
    needs. `proposals` list an offering of the request's kind (the first `recommended`
    are ticked at first); `related` ones, of another kind, are shown only when those fall
    short, for the buyer to check."""

    needed: int
    chosen: int
    proposals: list[Proposal]
    related: list[Proposal]

    @property
    def missing(self) -> int:
        return max(self.needed - self.chosen, 0)

    @property
    def recommended(self) -> int:
        """How many of the proposals are ticked at first."""
        return min(self.missing, len(self.proposals))

    @property
    def shortfall(self) -> int:
        """How many firms the procedure still needs beyond all fitting ones found."""
        return max(self.missing - len(self.proposals), 0)

    @property
    def all(self) -> list[Proposal]:
        return self.proposals + self.related


def plan(request, *, today: datetime.date | None = None) -> ProposalPlan:
    """The best-fitting listed providers for `request`, as many as its procedure still
    needs and a few more, and how far they fall short of the number of offers required."""
    needed = request.min_offers or 1
    chosen = request.invitations.count()
    missing = max(needed - chosen, 0)
    candidates = propose(request, limit=None, today=today, related=True)
    proposals = [p for p in candidates if p.same_kind][: missing + MORE_PROPOSALS]
    related = []
    if len(proposals) < missing:
        related = [p for p in candidates if not p.same_kind][:MORE_PROPOSALS]
    return ProposalPlan(needed=needed, chosen=chosen, proposals=proposals, related=related)
