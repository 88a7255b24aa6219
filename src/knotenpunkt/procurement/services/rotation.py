"""Rotation of the firms asked for quotes (§ 14 S. 2, §§ 11, 12 UVgO): the platform
proposes providers of the right kind of offering, those the buyer has not asked recently
first, so the same firms are not asked every time.

Within the same rotation rank the fit of the need text decides (the matchmaking
engine, where providers have a profile in it), and then a hash of request and provider:
stable for one request, different between requests, and blind to the alphabet, so early
names are not always favoured.
"""

import datetime
import hashlib
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.models.catalogue import OfferingVersion
from knotenpunkt.procurement.models.requests import QuoteInvitation

WINDOW_DAYS = 365
# The matchmaking ranking explains each match; more than this many is not worth it here.
FIT_LIMIT = 200


@dataclass(frozen=True)
class Proposal:
    provider: Organisation
    offering_version: OfferingVersion
    reason: str


def _stable_hash(request_id, provider_id) -> str:
    return hashlib.sha256(f"{request_id}:{provider_id}".encode()).hexdigest()


def _fit_scores(request) -> dict[int, float]:
    """How well each provider's profile fits the need text (0 where unknown)."""
    from knotenpunkt.matching.services.ranking import rank_providers

    # A need-like object: the ranking reads title, text and the asking organisation.
    need = SimpleNamespace(
        pk=None,
        title=request.title,
        text=request.need,
        organisation_id=request.buyer.organisation_id,
        updated_at=None,
    )
    return {m.organisation.pk: m.score for m in rank_providers(need, limit=FIT_LIMIT)}


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


def _candidates(request) -> dict[int, list[OfferingVersion]]:
    """Listed offerings of the request's kind, per provider (not the buyer, not invited)."""
    invited = request.invitations.values("provider_id") if request.pk else []
    versions = (
        OfferingVersion.objects.filter(
            category=request.offering_category,
            status=OfferingVersion.Status.PUBLISHED,
            offering__published__isnull=False,
            offering__withdrawn_at__isnull=True,
        )
        .exclude(offering__provider_id=request.buyer.organisation_id)
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


def _reason(versions, count: int, last, fits: bool) -> str:
    names = ", ".join(f"‘{v.name}’" for v in versions[:3])
    listed = _("lists %(names)s in this category") % {"names": names}
    if count == 0:
        asked = _("not asked by you in the last 12 months")
    else:
        asked = _("asked %(count)s× in the last 12 months, last on %(date)s") % {
            "count": count,
            "date": formats.date_format(timezone.localtime(last).date(), "SHORT_DATE_FORMAT"),
        }
    parts = [listed, asked]
    if fits:
        parts.append(_("its profile fits the need you described"))
    return "; ".join(parts)


def propose(request, *, limit: int | None = 5, today: datetime.date | None = None):
    """Providers to ask for a quote, least recently asked first, each with its reason.

    `limit=None` returns every candidate (to pick the ticked ones from)."""
    day = today or timezone.localdate()
    candidates = _candidates(request)
    if not candidates:
        return []
    history = _history(request, day)
    fit = _fit_scores(request)
    never = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

    def rank(provider_id):
        count, last = history.get(provider_id, (0, None))
        return (
            count,
            last or never,
            -fit.get(provider_id, 0.0),
            _stable_hash(request.pk, provider_id),
        )

    ordered = sorted(candidates, key=rank)
    if limit is not None:
        ordered = ordered[:limit]
    proposals = []
    for provider_id in ordered:
        versions = candidates[provider_id]
        count, last = history.get(provider_id, (0, None))
        proposals.append(
            Proposal(
                provider=versions[0].offering.provider,
                offering_version=versions[0],
                reason=_reason(versions, count, last, fit.get(provider_id, 0.0) > 0),
            )
        )
    return proposals
