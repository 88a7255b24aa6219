from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("imports.source.created", _("Import source system described"))
register_action("imports.run.uploaded", _("Export uploaded for import"))
register_action("imports.run.started", _("Import started"))
register_action("imports.run.finished", _("Import finished"))
register_action("imports.person.created", _("Person created by an import"))
register_action("imports.person.updated", _("Person's data completed by an import"))
register_action("imports.organisation.created", _("Organisation created by an import"))
register_action("imports.organisation.updated", _("Organisation's data completed by an import"))
