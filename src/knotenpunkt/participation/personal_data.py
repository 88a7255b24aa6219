"""What participation keeps about a person: invitations (address, account) and the
processes they moderate. Each module of a phase registers its own contributions."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.participation.models import Invitation, Process
from knotenpunkt.participation.services.board import (
    erase_board_contributions,
    export_board_contributions,
)


def _invitations(person):
    addresses = (
        [address.address for address in person.emails.all()] if hasattr(person, "emails") else []
    )
    found = Invitation.objects.filter(person=person)
    if person.user_id:
        found = found | Invitation.objects.filter(user_id=person.user_id)
    if addresses:
        found = found | Invitation.objects.filter(email__in=addresses)
    return found.distinct()


def export_participation(person) -> dict:
    moderated = (
        Process.objects.filter(moderators=person.user_id).order_by("title")
        if person.user_id
        else Process.objects.none()
    )
    return {
        "invitations": [
            {
                "process": invitation.process.title,
                "email": invitation.email,
                "invited_at": invitation.invited_at.isoformat(),
                "accepted_at": invitation.accepted_at.isoformat() if invitation.accepted_at else "",
            }
            for invitation in _invitations(person).select_related("process").order_by("pk")
        ],
        "moderates": [process.title for process in moderated],
    }


def erase_participation(person) -> None:
    _invitations(person).delete()
    if person.user_id:
        for process in Process.objects.filter(moderators=person.user_id):
            process.moderators.remove(person.user_id)


register_personal_data(
    "participation",
    export_participation,
    erase_participation,
    models=("participation.Invitation", "participation.Process.moderators"),
)

# The workshop board: cards and dots stay, without the link to the person.

register_personal_data(
    "participation.board",
    export_board_contributions,
    erase_board_contributions,
    models=("participation.BoardCard.author", "participation.BoardDot.voter"),
)


def export_measure_scores(person) -> list[dict]:
    """The person's scores of measures (value and feasibility of each measure)."""
    from knotenpunkt.participation.models import MeasureScore

    if not person.user_id:
        return []
    scores = MeasureScore.objects.filter(voter_id=person.user_id).select_related("measure__process")
    return [
        {
            "process": score.measure.process.title,
            "measure": score.measure.title,
            "value": score.value,
            "feasibility": score.feasibility,
            "scored_at": score.scored_at.isoformat(),
        }
        for score in scores.order_by("pk")
    ]


def erase_measure_scores(person) -> None:
    """The scores stay in the aggregate; the link to the person goes."""
    from knotenpunkt.participation.models import MeasureScore

    if person.user_id:
        MeasureScore.objects.filter(voter_id=person.user_id).update(voter=None)


register_personal_data(
    "participation.measures",
    export_measure_scores,
    erase_measure_scores,
    models=("participation.MeasureScore.voter",),
)


def export_dialogue(person) -> dict:
    from knotenpunkt.participation.services.dialogue import export_person

    return export_person(person)


def erase_dialogue(person) -> None:
    """Proposals and comments stay as anonymous texts; account, address and network go."""
    from knotenpunkt.participation.services.dialogue import erase_person

    erase_person(person)


register_personal_data(
    "participation.dialogue",
    export_dialogue,
    erase_dialogue,
    models=(
        "participation.DialogueProposal",
        "participation.DialogueComment",
        "participation.DialogueSupport",
        "participation.DialogueReport",
    ),
)


def export_brainwriting(person) -> dict:
    from knotenpunkt.participation.services.brainwriting import export_person

    return export_person(person)


def erase_brainwriting(person) -> None:
    """Ideas stay as anonymous texts, seats keep the rotation; the link to the person goes."""
    from knotenpunkt.participation.services.brainwriting import erase_person

    erase_person(person)


register_personal_data(
    "participation.brainwriting",
    export_brainwriting,
    erase_brainwriting,
    models=("participation.BrainwritingIdea.author", "participation.BrainwritingSeat.user"),
)


def export_survey(person) -> dict:
    from knotenpunkt.participation.services.survey import export_person

    return export_person(person)


def erase_survey(person) -> None:
    """Answers stay as anonymous answers; the address, the account and the link go."""
    from knotenpunkt.participation.services.survey import erase_person

    erase_person(person)


register_personal_data(
    "participation.survey",
    export_survey,
    erase_survey,
    models=("participation.SurveyInvitation", "participation.SurveyResponse.invitation"),
)
