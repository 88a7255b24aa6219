from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("groups.group.created", _("Group created"))
register_action("groups.group.changed", _("Group settings changed"))
register_action("groups.member.joined", _("Joined the group"))
register_action("groups.member.requested", _("Asked to join the group"))
register_action("groups.member.approved", _("Join request approved"))
register_action("groups.member.declined", _("Join request declined"))
register_action("groups.member.invited", _("Invited to the group"))
register_action("groups.member.accepted_invitation", _("Invitation to the group accepted"))
register_action("groups.member.invitation_declined", _("Invitation to the group declined"))
register_action("groups.member.left", _("Left the group"))
register_action("groups.member.removed", _("Removed from the group"))
register_action("groups.member.added", _("Added to the group by the cluster management"))
register_action("groups.member.role_changed", _("Role in the group changed"))
register_action("groups.meeting.created", _("Group meeting created"))
register_action("groups.meeting.changed", _("Group meeting changed"))
register_action("groups.meeting.deleted", _("Group meeting deleted"))
register_action("groups.document.added", _("Document added to a group meeting"))
register_action("groups.document.removed", _("Document removed from a group meeting"))
