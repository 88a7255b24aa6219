"""What membership fees keep about an organisation follows a merge of two records:
applications, billing details, SEPA mandates and dunning pauses (fee charges follow the
memberships, invoices their own registration). Of two rows that may exist only once (two
billing details, two active mandates or running pauses in one cluster) the survivor's is
kept, the other removed and restored by undo."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation(
    "organisation", "memberships.MembershipApplication", "organisation", unique_with=("cluster",)
)
register_merge_relation("organisation", "memberships.BillingDetails", "organisation")
register_merge_relation(
    "organisation", "memberships.Mandate", "organisation", unique_with=("cluster",)
)
register_merge_relation(
    "organisation", "memberships.DunningPause", "organisation", unique_with=("cluster",)
)
