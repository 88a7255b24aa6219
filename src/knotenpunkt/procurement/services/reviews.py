"""Buyer reviews: experiences of verified public administrations with listed offerings.

Only people of a verified buyer review, never the provider's own people; one review per
administration and offering, so writing again updates it instead of stacking votes.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, QuerySet
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Person
from knotenpunkt.procurement.models.catalogue import Offering, OfferingReview
from knotenpunkt.procurement.services.roles import verified_buyers

MAX_TEXT = 3000


def write_review(actor, offering: Offering, *, rating: int, text: str) -> OfferingReview:
    """Record (or update) the review of the actor's administration for `offering`."""
    if not actor.has_perm("procurement.review_offering", offering):
        raise PermissionDenied
    errors = {}
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = _("Choose a rating from 1 to 5.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Describe your experience in a few sentences.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Please shorten your text to %(maximum)s characters.") % {
            "maximum": MAX_TEXT
        }
    if errors:
        raise ValidationError(errors)
    # The permission guarantees at least one verified buyer that is not the provider.
    buyer = next(b for b in verified_buyers(actor) if b.organisation_id != offering.provider_id)
    author = Person.objects.filter(user=actor).first()
    with transaction.atomic():
        review, created = OfferingReview.objects.update_or_create(
            offering=offering,
            buyer=buyer.organisation,
            defaults={
                "version_id": offering.published_id,
                "author": author,
                "rating": rating,
                "text": text,
            },
        )
        log_action(
            actor,
            "procurement.review.written",
            offering,
            buyer=str(buyer.organisation),
            rating=rating,
            updated=not created,
        )
    return review


def reviews_for(offering: Offering) -> QuerySet:
    """The offering's reviews, newest first, with what the page shows about each."""
    return (
        OfferingReview.objects.filter(offering=offering)
        .select_related("buyer", "author", "version")
        .order_by("-created_at", "-pk")
    )


def average_rating(offering: Offering) -> float | None:
    """The mean rating rounded to one decimal, None without reviews."""
    result = OfferingReview.objects.filter(offering=offering).aggregate(
        average=Avg("rating"), count=Count("pk")
    )
    if not result["count"]:
        return None
    return round(float(result["average"]), 1)
