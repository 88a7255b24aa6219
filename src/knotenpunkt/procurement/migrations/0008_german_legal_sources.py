"""The seeded legal sources and notes in German: buyers read them on German pages and in
the German Vergabevermerk, and they cite German law. Rows whose text staff have changed
since the seed keep their text."""

import importlib

from django.db import migrations

seed = importlib.import_module("knotenpunkt.procurement.migrations.0002_seed_thresholds")

EU_2026 = (
    "§ 106 Abs. 2 Nr. 1 und 2 GWB i. V. m. Art. 4 RL 2014/24/EU und Art. 15 RL 2014/25/EU "
    "in der Fassung der Delegierten Verordnungen der Kommission zu den Schwellenwerten "
    "2026–2027"
)
EU_2024 = (
    "§ 106 Abs. 2 Nr. 1 und 2 GWB i. V. m. Art. 4 RL 2014/24/EU und Art. 15 RL 2014/25/EU "
    "in der Fassung der Delegierten Verordnungen (EU) 2023/2495 und 2023/2496 (2024–2025)"
)
LAND_NOTE = (
    "Wertgrenze nach den Vorgaben des Landes; die genaue Fundstelle ist vom "
    "Clustermanagement zu prüfen. Für Kommunen gilt sie nur, soweit das kommunale "
    "Haushaltsrecht des Landes auf diese Wertgrenzen verweist."
)
VV_BA = "Verhandlungsvergabe / Beschränkte Ausschreibung ohne Teilnahmewettbewerb"
SH = (
    "Vergaberecht Schleswig-Holstein (Vergabegesetz SH / Schleswig-Holsteinische Vergabeverordnung)"
)
HH = "Hamburgisches Vergaberecht (Hamburgisches Vergabegesetz und Verwaltungsvorschriften)"

# (English seed text, German text) for every source and note the seed wrote.
GERMAN = {
    seed.EU_2026: EU_2026,
    seed.EU_2026 + "; SektVO": EU_2026 + "; SektVO",
    seed.EU_2024: EU_2024,
    seed.EU_2024 + "; SektVO": EU_2024 + "; SektVO",
    seed.LAND_NOTE: LAND_NOTE,
}
for row in seed.THRESHOLDS:
    key = (row["jurisdiction"], row["procedure"])
    german_source = {
        ("BUND", "DA"): "§ 14 UVgO i. V. m. der Wertgrenze des Bundes für Direktaufträge "
        "(Verwaltungsvorschriften zu § 55 BHO): 15.000 EUR ab 2026",
        ("SH", "DA"): f"{SH} i. V. m. § 14 UVgO: Direktauftrag bis 5.000 EUR",
        ("SH", "VV_BA_OTW"): f"{SH} i. V. m. §§ 11, 12 UVgO: {VV_BA} bis 150.000 EUR",
        ("BY", "DA"): "Bayerisches Vergaberecht (Verwaltungsvorschriften zum öffentlichen "
        "Auftragswesen / kommunale Vergabegrundsätze): Direktauftrag bis einschließlich "
        "100.000 EUR",
        ("NI", "DA"): "Niedersächsische Wertgrenzenverordnung (NWertVO): Direktauftrag bis "
        "20.000 EUR",
        ("NI", "VV_BA_OTW"): "Niedersächsische Wertgrenzenverordnung (NWertVO) i. V. m. "
        f"§§ 11, 12 UVgO: {VV_BA} bis 100.000 EUR",
        ("HH", "DA"): f"{HH} i. V. m. § 14 UVgO: Direktauftrag bis 5.000 EUR",
        ("HH", "VV_BA_OTW"): f"{HH} i. V. m. §§ 11, 12 UVgO: {VV_BA} bis 100.000 EUR",
        ("DEFAULT", "DA"): "§ 14 UVgO: Direktauftrag bis 1.000 EUR netto",
    }.get(key)
    if german_source:
        GERMAN[row["source"]] = german_source
NOTES = {
    ("EU", "federal_top,federal_upper"): "Zentrale Regierungsbehörden (Anhang I RL 2014/24/EU): "
    "die obersten und oberen Bundesbehörden und vergleichbare Einrichtungen des Bundes.",
    ("BUND", "federal_top,federal_upper"): "Wertgrenze 15.000 EUR ab 2026 laut Vorgabe; "
    "Fundstelle und Datum des Inkrafttretens sind nicht geprüft. Clustermanagement: "
    "bestätigen und die Markierung „unsicher“ entfernen.",
    ("DEFAULT", ""): "Gilt nur, wenn für die Zuständigkeitsebene des Auftraggebers keine "
    "Regeln hinterlegt sind: Das Land kann höhere Wertgrenzen haben oder die UVgO nicht "
    "eingeführt haben.",
}
for row in seed.THRESHOLDS:
    note = NOTES.get((row["jurisdiction"], row["authority_kinds"]))
    if note and row.get("note") and row["note"] != seed.LAND_NOTE:
        GERMAN[row["note"]] = note
BUND_RULE, DEFAULT_RULE = seed.EINVOICE_RULES
GERMAN[BUND_RULE["source"]] = (
    "§ 3 E-Rechnungsverordnung (ERechV) i. V. m. § 4a E-Government-Gesetz: Lieferanten von "
    "Auftraggebern des Bundes müssen elektronisch abrechnen; Direktaufträge bis 1.000 EUR "
    "sind ausgenommen (§ 3 Abs. 3 ERechV)"
)
GERMAN[DEFAULT_RULE["source"]] = (
    "RL 2014/55/EU in der Umsetzung durch Landesrecht: Jeder öffentliche Auftraggeber muss "
    "E-Rechnungen empfangen und verarbeiten können; ob Lieferanten sie senden müssen, "
    "regelt die E-Rechnungsverordnung des Landes"
)
GERMAN[DEFAULT_RULE["note"]] = (
    "Keine Pflicht der Lieferanten auf Landesebene hinterlegt. Clustermanagement: je Land "
    "eine Zeile ergänzen, sobald dessen E-Rechnungsverordnung geprüft ist. Knotenpunkt "
    "stellt die XRechnung trotzdem aus."
)


def _replace(apps, mapping):
    for model_name in ("Threshold", "EInvoiceRule"):
        model = apps.get_model("procurement", model_name)
        for field in ("source", "note"):
            for old, new in mapping.items():
                model.objects.filter(**{field: old}).update(**{field: new})


def to_german(apps, schema_editor):
    _replace(apps, GERMAN)


def to_english(apps, schema_editor):
    _replace(apps, {new: old for old, new in GERMAN.items()})


class Migration(migrations.Migration):
    dependencies = [("procurement", "0007_offering_search_vector")]
    operations = [migrations.RunPython(to_german, to_english)]
