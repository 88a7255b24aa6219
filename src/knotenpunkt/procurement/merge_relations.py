"""What the one-stop shop keeps about an organisation or person follows a merge.

A buyer review per offering and an invitation per request stay unique (the survivor's is
kept). Two public-buyer records cannot both survive: merging two verified public bodies
is a decision for the staff, and the merge service's one-to-one rule keeps the survivor's.
"""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("organisation", "procurement.Offering", "provider")
register_merge_relation(
    "organisation", "procurement.OfferingReview", "buyer", unique_with=("offering",)
)
register_merge_relation("organisation", "procurement.PublicBuyer", "organisation")
register_merge_relation(
    "organisation", "procurement.QuoteInvitation", "provider", unique_with=("request",)
)
register_merge_relation("organisation", "procurement.Order", "provider")
register_merge_relation("organisation", "procurement.SupplierInvoice", "provider")
register_merge_relation("person", "procurement.OfferingReview", "author")
