from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("jobs.posting.created", _("Job posting created"))
register_action("jobs.posting.changed", _("Job posting changed"))
register_action("jobs.posting.submitted", _("Job posting submitted for review"))
register_action("jobs.posting.returned_to_review", _("Changed job posting back in review"))
register_action("jobs.posting.published", _("Job posting published"))
register_action("jobs.posting.rejected", _("Job posting rejected"))
register_action("jobs.posting.withdrawn", _("Job posting withdrawn"))
register_action("jobs.posting.renewed", _("Job posting extended"))
register_action("jobs.posting.expired", _("Job posting expired"))
register_action("jobs.posting.reminder_sent", _("Reminder about the end of a job posting sent"))
register_action("jobs.settings.changed", _("Job board settings of a cluster changed"))
register_action("jobs.digest.requested", _("Job digest subscription requested"))
register_action("jobs.digest.confirmed", _("Job digest subscription confirmed"))
register_action("jobs.digest.changed", _("Job digest filters changed"))
register_action("jobs.digest.ended", _("Job digest unsubscribed"))
register_action("jobs.digest.sent", _("Weekly job digest sent"))
