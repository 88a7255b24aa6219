"""The Leitweg-ID check lives in `knotenpunkt.invoicing.leitweg`, where the cluster's own
XRechnungen need it too (invoicing sits below procurement). The names stay importable
from here for procurement's models, forms and the migration that references
`validate_leitweg_id` by this path."""

from knotenpunkt.invoicing.leitweg import (
    PATTERN,
    check_digits,
    is_valid_leitweg_id,
    validate_leitweg_id,
)

__all__ = ["PATTERN", "check_digits", "is_valid_leitweg_id", "validate_leitweg_id"]
