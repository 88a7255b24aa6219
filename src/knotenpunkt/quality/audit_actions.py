from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("quality.person.merged", _("Duplicate person merged into this record"))
register_action("quality.organisation.merged", _("Duplicate organisation merged into this record"))
register_action("quality.person.merge_undone", _("Merge of a person undone"))
register_action("quality.organisation.merge_undone", _("Merge of an organisation undone"))
register_action("quality.bulk_merge.started", _("Bulk merge of duplicates started"))
