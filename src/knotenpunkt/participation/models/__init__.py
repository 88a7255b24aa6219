"""The participation app's models, by module: processes and phases; each module of a
phase (workshop board, brainwriting, measures, dialogue, survey) in a file of its own."""

from knotenpunkt.participation.models.board import BoardCard, BoardColumn, BoardDot
from knotenpunkt.participation.models.brainwriting import (
    BrainwritingGroup,
    BrainwritingIdea,
    BrainwritingRound,
    BrainwritingSeat,
    BrainwritingSession,
    BrainwritingSheet,
)
from knotenpunkt.participation.models.dialogue import (
    Dialogue,
    DialogueComment,
    DialogueProposal,
    DialogueReport,
    DialogueSupport,
    DialogueTopic,
)
from knotenpunkt.participation.models.measures import (
    FieldOfAction,
    Measure,
    MeasureScore,
    MeasuresSetup,
    Mission,
    ProcessGoal,
    SolutionMap,
    SolutionStep,
)
from knotenpunkt.participation.models.processes import Invitation, Phase, Process
from knotenpunkt.participation.models.survey import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "BoardCard",
    "BoardColumn",
    "BoardDot",
    "BrainwritingGroup",
    "BrainwritingIdea",
    "BrainwritingRound",
    "BrainwritingSeat",
    "BrainwritingSession",
    "BrainwritingSheet",
    "Dialogue",
    "DialogueComment",
    "DialogueProposal",
    "DialogueReport",
    "DialogueSupport",
    "DialogueTopic",
    "FieldOfAction",
    "Invitation",
    "Measure",
    "MeasureScore",
    "MeasuresSetup",
    "Mission",
    "Phase",
    "Process",
    "ProcessGoal",
    "SolutionMap",
    "SolutionStep",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyOption",
    "SurveyQuestion",
    "SurveyResponse",
]
