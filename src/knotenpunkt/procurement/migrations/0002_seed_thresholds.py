"""Seed the thresholds and e-invoice rules of issue 7. Staff maintain them in the admin."""

import datetime
from decimal import Decimal

from django.db import migrations

EU_2026 = (
    "§ 106 Abs. 2 Nr. 1 and 2 GWB with Art. 4 Directive 2014/24/EU and Art. 15 Directive "
    "2014/25/EU as amended by the Commission's delegated regulations on the thresholds for "
    "2026–2027"
)
EU_2024 = (
    "§ 106 Abs. 2 Nr. 1 and 2 GWB with Art. 4 Directive 2014/24/EU and Art. 15 Directive "
    "2014/25/EU as amended by Delegated Regulations (EU) 2023/2495 and 2023/2496 (2024–2025)"
)
LAND_NOTE = (
    "Value as stated in issue 7; the exact section of the Land instrument is to be verified "
    "by staff. Applies to municipalities only in so far as the Land's municipal budget law "
    "refers to these value limits."
)

THRESHOLDS = [
    # EU thresholds, supplies and services (works are out of scope).
    dict(jurisdiction="EU", authority_kinds="land,municipal", procedure="EU",
         amount="216000", valid_from=(2026, 1, 1), valid_until=(2027, 12, 31), source=EU_2026),
    dict(jurisdiction="EU", authority_kinds="federal_top,federal_upper", procedure="EU",
         amount="140000", valid_from=(2026, 1, 1), valid_until=(2027, 12, 31), source=EU_2026,
         note="Central government authorities (Annex I Directive 2014/24/EU): the federal "
              "top and upper authorities and comparable federal bodies."),
    dict(jurisdiction="EU", authority_kinds="sector", procedure="EU", amount="432000",
         valid_from=(2026, 1, 1), valid_until=(2027, 12, 31),
         source=EU_2026 + "; SektVO"),
    dict(jurisdiction="EU", authority_kinds="land,municipal", procedure="EU",
         amount="221000", valid_from=(2024, 1, 1), valid_until=(2025, 12, 31), source=EU_2024),
    dict(jurisdiction="EU", authority_kinds="federal_top,federal_upper", procedure="EU",
         amount="143000", valid_from=(2024, 1, 1), valid_until=(2025, 12, 31), source=EU_2024),
    dict(jurisdiction="EU", authority_kinds="sector", procedure="EU", amount="443000",
         valid_from=(2024, 1, 1), valid_until=(2025, 12, 31), source=EU_2024 + "; SektVO"),
    # Federation.
    dict(jurisdiction="BUND", authority_kinds="federal_top,federal_upper", procedure="DA",
         amount="15000", min_offers=1, valid_from=(2026, 1, 1),
         source="§ 14 UVgO with the federal value limit for direct awards "
                "(administrative rules on § 55 BHO), 15,000 EUR from 2026",
         uncertain=True,
         note="Issue 7 states 15,000 EUR from 2026; the instrument and its exact date of "
              "entry into force were not verified. Staff: confirm and clear the flag."),
    # Schleswig-Holstein.
    dict(jurisdiction="SH", authority_kinds="land,municipal", procedure="DA", amount="5000",
         min_offers=1,
         source="Schleswig-Holstein procurement rules (Vergabegesetz SH / "
                "Schleswig-Holsteinische Vergabeverordnung) with § 14 UVgO: direct award "
                "up to 5,000 EUR",
         note=LAND_NOTE),
    dict(jurisdiction="SH", authority_kinds="land,municipal", procedure="VV_BA_OTW",
         amount="150000", min_offers=3,
         source="Schleswig-Holstein procurement rules (Vergabegesetz SH / "
                "Schleswig-Holsteinische Vergabeverordnung) with §§ 11, 12 UVgO: "
                "Verhandlungsvergabe / Beschränkte Ausschreibung ohne Teilnahmewettbewerb "
                "up to 150,000 EUR",
         note=LAND_NOTE),
    # Bavaria.
    dict(jurisdiction="BY", authority_kinds="land,municipal", procedure="DA", amount="100000",
         min_offers=1,
         source="Bavarian procurement rules (Verwaltungsvorschriften zum öffentlichen "
                "Auftragswesen / kommunale Vergabegrundsätze): direct award up to and "
                "including 100,000 EUR",
         note=LAND_NOTE),
    # Lower Saxony.
    dict(jurisdiction="NI", authority_kinds="land,municipal", procedure="DA", amount="20000",
         min_offers=1,
         source="Niedersächsische Wertgrenzenverordnung (NWertVO): direct award up to "
                "20,000 EUR",
         note=LAND_NOTE),
    dict(jurisdiction="NI", authority_kinds="land,municipal", procedure="VV_BA_OTW",
         amount="100000", min_offers=3,
         source="Niedersächsische Wertgrenzenverordnung (NWertVO) with §§ 11, 12 UVgO: "
                "Verhandlungsvergabe / Beschränkte Ausschreibung ohne Teilnahmewettbewerb "
                "up to 100,000 EUR",
         note=LAND_NOTE),
    # Hamburg.
    dict(jurisdiction="HH", authority_kinds="land,municipal", procedure="DA", amount="5000",
         min_offers=1,
         source="Hamburg procurement rules (Hamburgisches Vergabegesetz and its "
                "administrative rules) with § 14 UVgO: direct award up to 5,000 EUR",
         note=LAND_NOTE),
    dict(jurisdiction="HH", authority_kinds="land,municipal", procedure="VV_BA_OTW",
         amount="100000", min_offers=3,
         source="Hamburg procurement rules (Hamburgisches Vergabegesetz and its "
                "administrative rules) with §§ 11, 12 UVgO: Verhandlungsvergabe / "
                "Beschränkte Ausschreibung ohne Teilnahmewettbewerb up to 100,000 EUR",
         note=LAND_NOTE),
    # Default where no Land rules are recorded.
    dict(jurisdiction="DEFAULT", authority_kinds="", procedure="DA", amount="1000",
         min_offers=1,
         source="§ 14 UVgO: direct award up to 1,000 EUR net",
         uncertain=True,
         note="Used only when no rules are recorded for the buyer's jurisdiction: the Land "
              "may have higher value limits or may not have introduced the UVgO at all."),
]

EINVOICE_RULES = [
    dict(jurisdiction="BUND", required=True, exempt_up_to="1000",
         valid_from=(2020, 11, 27),
         source="§ 3 E-Rechnungsverordnung (ERechV) with § 4a E-Government-Gesetz: "
                "suppliers of federal contracting authorities must invoice electronically; "
                "direct awards up to 1,000 EUR are exempt (§ 3 Abs. 3 ERechV)"),
    dict(jurisdiction="DEFAULT", required=False, exempt_up_to=None,
         source="Directive 2014/55/EU as implemented by Land law: every contracting "
                "authority must receive and process e-invoices; whether suppliers must send "
                "them depends on the Land's e-invoice regulation",
         uncertain=True,
         note="No Land supplier obligation is recorded. Staff: add a row per Land once its "
              "e-invoice regulation has been checked. Knotenpunkt issues XRechnung anyway."),
]


def _date(parts):
    return datetime.date(*parts) if parts else None


def seed(apps, schema_editor):
    Threshold = apps.get_model("procurement", "Threshold")
    EInvoiceRule = apps.get_model("procurement", "EInvoiceRule")
    for row in THRESHOLDS:
        row = dict(row)
        row["amount"] = Decimal(row["amount"])
        row["valid_from"] = _date(row.get("valid_from"))
        row["valid_until"] = _date(row.get("valid_until"))
        Threshold.objects.create(**row)
    for row in EINVOICE_RULES:
        row = dict(row)
        if row["exempt_up_to"] is not None:
            row["exempt_up_to"] = Decimal(row["exempt_up_to"])
        row["valid_from"] = _date(row.get("valid_from"))
        EInvoiceRule.objects.create(**row)


def unseed(apps, schema_editor):
    apps.get_model("procurement", "Threshold").objects.all().delete()
    apps.get_model("procurement", "EInvoiceRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
