"""The matching app's models, by sub-domain; import them from here."""

from knotenpunkt.matching.models.alerts import AlertSetting
from knotenpunkt.matching.models.indexing import FeedbackAssociation, MatchDocument
from knotenpunkt.matching.models.needs import Contact, Need, Suggestion
from knotenpunkt.matching.models.profiles import CompetenceProfile

__all__ = [
    "AlertSetting",
    "CompetenceProfile",
    "Contact",
    "FeedbackAssociation",
    "MatchDocument",
    "Need",
    "Suggestion",
]
