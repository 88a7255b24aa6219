"""What the groups app stores about a person, for export (Art. 15) and erasure (Art. 17)."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.groups.models import GroupMembership


def export_person(person) -> dict:
    memberships = GroupMembership.objects.filter(person=person).select_related("group")
    return {
        "memberships": [
            {
                "group": m.group.name,
                "role": m.get_role_display(),
                "status": m.get_status_display(),
                "message": m.message,
                "since": m.joined_at.isoformat() if m.joined_at else None,
            }
            for m in memberships
        ],
    }


def erase_person(person) -> None:
    """An erased person leaves every group: an anonymous row in a member list helps nobody."""
    GroupMembership.objects.filter(person=person).delete()


register_personal_data("groups", export_person, erase_person, models=("groups.GroupMembership",))
