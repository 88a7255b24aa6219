from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("assessments.assessment.created", _("Label assessment started"))
register_action("assessments.assessment.changed", _("Label assessment changed"))
register_action("assessments.assessment.deleted", _("Label assessment deleted"))
register_action("assessments.indicator.added", _("Label indicator added"))
register_action("assessments.indicator.changed", _("Label indicator changed"))
register_action("assessments.indicator.deleted", _("Label indicator deleted"))
register_action("assessments.indicators.imported", _("Label indicators imported"))
register_action("assessments.indicators.copied", _("Label indicators copied"))
register_action("assessments.evidence.added", _("Label evidence uploaded"))
register_action("assessments.evidence.deleted", _("Label evidence deleted"))
register_action("assessments.pack.downloaded", _("Label evidence pack downloaded"))
