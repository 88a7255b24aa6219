"""What the strategy app stores about a person: that their login contributes to a
cluster's strategy and SWOT (as a board member). The SWOT items and the tree name no one;
who wrote what is in the audit log."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.strategy.models import StrategyContributor


def _contributions(person):
    if not person.user_id:
        return StrategyContributor.objects.none()
    return StrategyContributor.objects.filter(user_id=person.user_id)


def export_person(person) -> dict:
    return {
        "strategy_contributions": [
            {"cluster": str(c.cluster), "role": c.role, "added_at": c.added_at.isoformat()}
            for c in _contributions(person).select_related("cluster")
        ]
    }


def erase_person(person) -> None:
    _contributions(person).delete()


register_personal_data(
    "strategy", export_person, erase_person, models=("strategy.StrategyContributor",)
)
