from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("kpis.target.set", _("KPI target set"))
register_action("kpis.target.removed", _("KPI target removed"))
register_action("kpis.kpi.changed", _("KPI definition changed"))
