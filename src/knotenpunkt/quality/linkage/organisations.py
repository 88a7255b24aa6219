"""The linkage model for organisations: strong identifiers (VAT ID, register number,
web domain) beside the name without its legal form, the address and phone."""

import re
from collections.abc import Iterable, Mapping

from knotenpunkt.directory.fields import ORGANISATION_PROFILE_FIELDS, linkage_fields
from knotenpunkt.quality.linkage import engine, keys
from knotenpunkt.quality.linkage.levels import else_level, level, null_level
from knotenpunkt.quality.linkage.pairs import LinkedPair

# The record's fields: its id and those the directory declares for the linkage.
ORGANISATION_FIELDS = ("record_id", *linkage_fields(ORGANISATION_PROFILE_FIELDS))

COLUMNS = (
    "name_key",
    "vat_key",
    "register_key",
    "domain",
    "phone_key",
    "street_key",
    "postcode",
    "city_key",
)


def vat_key(raw: str) -> str:
    """ "DE 123 456 789", "de123456789" and "123456789" all give "DE123456789"."""
    compact = re.sub(r"[^0-9A-Za-z]", "", raw or "").upper()
    if compact.isdigit() and len(compact) == 9:
        compact = "DE" + compact
    return compact


def register_key(raw: str) -> str:
    """ "HRB 12345 KI", "HRB12345" → "hrb12345": register type and number; the court
    suffix is left out, since systems record it inconsistently."""
    match = re.search(r"\b(hr[ab]|vr|gnr|pr)\s*[-.]?\s*(\d+)", keys.fold(raw or ""))
    return f"{match.group(1)}{match.group(2)}" if match else ""


def prepare(record: Mapping[str, str]) -> dict[str, str]:
    """The comparison keys of one organisation record; missing fields count as empty."""
    _email, _local, work_domain = keys.email_parts(record.get("email") or "")
    return {
        "unique_id": str(record.get("record_id") or ""),
        "name_key": keys.organisation(record.get("name") or ""),
        "vat_key": vat_key(record.get("vat_id") or ""),
        "register_key": register_key(record.get("register_number") or ""),
        "domain": keys.website(record.get("website") or "") or work_domain,
        "phone_key": keys.phone(record.get("phone") or ""),
        "street_key": keys.street(record.get("street") or ""),
        "postcode": keys.postcode(record.get("postcode") or ""),
        "city_key": keys.fold(record.get("city") or ""),
    }


COMPARISONS = (
    {
        "output_column_name": "name",
        "comparison_levels": [
            null_level("l.name_key IS NULL OR r.name_key IS NULL"),
            level("l.name_key = r.name_key", 0.80, 1e-3, "same", tf_adjustment_column="name_key"),
            level("jaro_winkler_similarity(l.name_key, r.name_key) >= 0.92", 0.10, 2e-3, "similar"),
            else_level(0.10, 0.997),
        ],
    },
    {
        "output_column_name": "identifiers",
        "comparison_levels": [
            null_level(
                "(l.vat_key IS NULL AND l.register_key IS NULL) "
                "OR (r.vat_key IS NULL AND r.register_key IS NULL)"
            ),
            level("l.vat_key = r.vat_key", 0.7, 1e-6, "same VAT ID"),
            level("l.register_key = r.register_key", 0.2, 1e-4, "same register number"),
            # Different VAT IDs or register numbers: different legal entities.
            else_level(0.1, 0.9999),
        ],
    },
    {
        "output_column_name": "website",
        "comparison_levels": [
            null_level("l.domain IS NULL OR r.domain IS NULL"),
            level("l.domain = r.domain", 0.75, 1e-4, "same", tf_adjustment_column="domain"),
            else_level(0.25, 0.9999),
        ],
    },
    {
        "output_column_name": "contact",
        "comparison_levels": [
            null_level(
                "(l.phone_key IS NULL AND l.postcode IS NULL AND l.city_key IS NULL) "
                "OR (r.phone_key IS NULL AND r.postcode IS NULL AND r.city_key IS NULL)"
            ),
            level("l.phone_key = r.phone_key", 0.5, 1e-4, "same phone"),
            level(
                "l.street_key = r.street_key AND l.postcode = r.postcode",
                0.25,
                5e-4,
                "same address",
            ),
            level("l.postcode = r.postcode", 0.1, 0.02, "same postcode"),
            level("l.city_key = r.city_key", 0.05, 0.1, "same city"),
            else_level(0.1, 0.8779, fix_m_probability=True),
        ],
    },
)

BLOCKING_RULES = (
    "l.name_key = r.name_key",
    "l.vat_key = r.vat_key",
    "l.register_key = r.register_key",
    "l.domain = r.domain",
    "l.phone_key = r.phone_key",
    "l.street_key = r.street_key AND l.postcode = r.postcode",
    "substr(l.name_key, 1, 4) = substr(r.name_key, 1, 4) AND l.city_key = r.city_key",
)


def agreements(left: dict[str, str], right: dict[str, str]) -> tuple[str, ...]:
    """The fields on which two prepared organisation records agree, for the reviewer."""

    def same(*names: str) -> bool:
        return all(left[name] and left[name] == right[name] for name in names)

    checks = {
        "name": same("name_key"),
        "vat_id": same("vat_key"),
        "register_number": same("register_key"),
        "website": same("domain"),
        "phone": same("phone_key"),
        "address": same("street_key", "postcode"),
    }
    return tuple(name for name, agreed in checks.items() if agreed)


MODEL = engine.LinkageModel(
    columns=COLUMNS,
    comparisons=COMPARISONS,
    blocking_rules=BLOCKING_RULES,
    training_rules=("l.domain = r.domain", "l.name_key = r.name_key"),
    deterministic_rules=("l.vat_key = r.vat_key", "l.domain = r.domain"),
    deterministic_recall=0.6,
    agreements=agreements,
)

DEFAULT_THRESHOLD = 0.9


def link_organisations(
    records: Iterable[Mapping[str, str]],
    threshold: float = DEFAULT_THRESHOLD,
    threads: int | None = None,
) -> list[LinkedPair]:
    """Pairs of organisation records that describe the same organisation, with a match
    probability of at least `threshold` (not yet transitively closed)."""
    rows = [prepare(record) for record in records]
    return engine.predict(rows, MODEL, threshold, threads=threads)
