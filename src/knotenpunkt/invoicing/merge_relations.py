"""Invoices follow a merged person or organisation: the buyer data printed on them stays
as it was issued, only the link to the directory record moves."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "invoicing.Invoice", "person")
register_merge_relation("organisation", "invoicing.Invoice", "organisation")
