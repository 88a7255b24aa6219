"""The KPI rows of the installation: one per measure an app registered, created when the
database is migrated (and kept as staff edit them: names, definitions, thresholds)."""

from django.utils import translation

from knotenpunkt.core.registry import measures
from knotenpunkt.kpis.models import Kpi


def ensure_kpis() -> int:
    """Create the KPI of every registered measure that has none yet; returns how many."""
    existing = set(Kpi.objects.values_list("measure", flat=True))
    missing = []
    for measure in measures():
        if measure.key in existing:
            continue
        texts = {}
        for language in ("de", "en"):
            with translation.override(language):
                texts[language] = (str(measure.label), str(measure.definition))
        missing.append(
            Kpi(
                key=measure.key,
                measure=measure.key,
                name_de=texts["de"][0],
                name_en=texts["en"][0],
                definition_de=texts["de"][1],
                definition_en=texts["en"][1],
                unit=measure.unit,
                higher_is_better=measure.higher_is_better,
                order=measure.order,
            )
        )
    Kpi.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def active_kpis():
    """The KPIs in use whose measure is installed (an app may have been removed)."""
    installed = {m.key for m in measures()}
    return [kpi for kpi in Kpi.objects.filter(is_active=True) if kpi.measure in installed]
