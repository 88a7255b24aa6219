"""Background entry points, by sub-domain. Imported here so every task is registered when
the app loads, and so a job queued under `knotenpunkt.events.tasks.<name>` still resolves."""

from knotenpunkt.events.tasks.feedback import send_feedback_survey_of, send_feedback_surveys
from knotenpunkt.events.tasks.registrations import (
    event_rescheduled,
    registration_cancelled,
    registration_confirmed,
    registration_waiting,
)

__all__ = [
    "event_rescheduled",
    "registration_cancelled",
    "registration_confirmed",
    "registration_waiting",
    "send_feedback_survey_of",
    "send_feedback_surveys",
]
