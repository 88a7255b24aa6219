"""Setting a KPI's target for a cluster (or the installation) and year."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.kpis.models import Kpi, KpiTarget


@transaction.atomic
def set_target(actor, kpi: Kpi, cluster, year: int, target: Decimal | None, note: str = ""):
    """Set (or with `target` None remove) the target; returns the target or None."""
    if not kpi.has_target:
        raise ValidationError(_("%(kpi)s has no single value to set a target for.") % {"kpi": kpi})
    scope = cluster.name if cluster else _("all clusters")
    existing = KpiTarget.objects.select_for_update().filter(kpi=kpi, cluster=cluster, year=year)
    previous = existing.first()
    if target is None:
        if previous is not None:
            previous.delete()
            log_action(actor, "kpis.target.removed", kpi, scope=scope, year=year)
        return None
    if target < 0:
        raise ValidationError(_("A target cannot be negative."))
    row, _created = KpiTarget.objects.update_or_create(
        kpi=kpi,
        cluster=cluster,
        year=year,
        defaults={"target": target, "note": note[:300], "set_by": actor},
    )
    log_action(
        actor,
        "kpis.target.set",
        kpi,
        scope=scope,
        year=year,
        old=str(previous.target) if previous else "",
        new=str(target),
    )
    return row
