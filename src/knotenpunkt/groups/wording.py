"""Sentences that name a group with the article German puts before the name.

German declines the article by the name's grammatical gender and the sentence's case
("dem HR-Club beitreten", "der Fachgruppe KI beitreten"), so each sentence exists once per
gender, told apart by its message context; the German catalogue words each one, English
reads the same for all three. A mail renders the sentence in its own language: `sentence`
is lazy, so the outbox's language override applies when the template shows it.
"""

from django.utils.functional import lazy
from django.utils.translation import pgettext_lazy

from knotenpunkt.groups.models import Group

M, F, N = Group.Gender.MASCULINE, Group.Gender.FEMININE, Group.Gender.NEUTER

# Contexts: "group name, masculine" etc. – the gender of the name that fills %(group)s.
SENTENCES = {
    "welcome": {
        M: pgettext_lazy("group name, masculine", "Welcome to %(group)s."),
        F: pgettext_lazy("group name, feminine", "Welcome to %(group)s."),
        N: pgettext_lazy("group name, neuter", "Welcome to %(group)s."),
    },
    "left": {
        M: pgettext_lazy("group name, masculine", "You have left %(group)s."),
        F: pgettext_lazy("group name, feminine", "You have left %(group)s."),
        N: pgettext_lazy("group name, neuter", "You have left %(group)s."),
    },
    "members_of": {
        M: pgettext_lazy("group name, masculine", "Members of %(group)s"),
        F: pgettext_lazy("group name, feminine", "Members of %(group)s"),
        N: pgettext_lazy("group name, neuter", "Members of %(group)s"),
    },
    "back_to": {
        M: pgettext_lazy("group name, masculine", "Back to %(group)s"),
        F: pgettext_lazy("group name, feminine", "Back to %(group)s"),
        N: pgettext_lazy("group name, neuter", "Back to %(group)s"),
    },
    "invitation_subject": {
        M: pgettext_lazy("group name, masculine", "Invitation to %(group)s"),
        F: pgettext_lazy("group name, feminine", "Invitation to %(group)s"),
        N: pgettext_lazy("group name, neuter", "Invitation to %(group)s"),
    },
    "invited_by": {
        M: pgettext_lazy("group name, masculine", "%(inviter)s invites you to join %(group)s."),
        F: pgettext_lazy("group name, feminine", "%(inviter)s invites you to join %(group)s."),
        N: pgettext_lazy("group name, neuter", "%(inviter)s invites you to join %(group)s."),
    },
    "invited": {
        M: pgettext_lazy("group name, masculine", "You are invited to join %(group)s."),
        F: pgettext_lazy("group name, feminine", "You are invited to join %(group)s."),
        N: pgettext_lazy("group name, neuter", "You are invited to join %(group)s."),
    },
    "request_subject": {
        M: pgettext_lazy("group name, masculine", "%(applicant)s asks to join %(group)s"),
        F: pgettext_lazy("group name, feminine", "%(applicant)s asks to join %(group)s"),
        N: pgettext_lazy("group name, neuter", "%(applicant)s asks to join %(group)s"),
    },
    "request": {
        M: pgettext_lazy(
            "group name, masculine", "%(applicant)s asks to join %(group)s, which you lead."
        ),
        F: pgettext_lazy(
            "group name, feminine", "%(applicant)s asks to join %(group)s, which you lead."
        ),
        N: pgettext_lazy(
            "group name, neuter", "%(applicant)s asks to join %(group)s, which you lead."
        ),
    },
    "approved_subject": {
        M: pgettext_lazy("group name, masculine", "Welcome to %(group)s"),
        F: pgettext_lazy("group name, feminine", "Welcome to %(group)s"),
        N: pgettext_lazy("group name, neuter", "Welcome to %(group)s"),
    },
    "approved": {
        M: pgettext_lazy(
            "group name, masculine",
            "the leads have approved your request: you are now a member of %(group)s.",
        ),
        F: pgettext_lazy(
            "group name, feminine",
            "the leads have approved your request: you are now a member of %(group)s.",
        ),
        N: pgettext_lazy(
            "group name, neuter",
            "the leads have approved your request: you are now a member of %(group)s.",
        ),
    },
}


def _sentence(key: str, group: Group, **values) -> str:
    return str(SENTENCES[key][group.grammatical_gender]) % {"group": group.name, **values}


# Rendered when shown, in the language active then (a mail's, a page's).
sentence = lazy(_sentence, str)
