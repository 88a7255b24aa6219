"""Invoices follow a merged person or organisation: the buyer data printed on them stays
as it was issued, only the link to the directory record moves."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "invoicing.Invoice", "person")
register_merge_relation("organisation", "invoicing.Invoice", "organisation")
# A merged organisation keeps the survivor's debtor account in a cluster where both had
# one; the merged-away account's number stays used (the counter never goes back).
register_merge_relation(
    "organisation", "invoicing.DebtorAccount", "organisation", unique_with=("cluster",)
)
