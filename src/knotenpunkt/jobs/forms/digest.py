from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.forms import TopicTreeField, WithTopicTree
from knotenpunkt.jobs.models import JobPosting


class DigestForm(WithTopicTree, forms.Form):
    """The digest's filters and the consent, for a logged-in person."""

    kinds = forms.MultipleChoiceField(
        label=_("Which kinds?"),
        choices=JobPosting.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every kind."),
    )
    topics = TopicTreeField(
        label=_("Which topics?"), required=False, help_text=_("None chosen: every topic.")
    )
    consent = forms.BooleanField(
        label=_("I agree to the consent text shown above."),
        error_messages={"required": _("Without your consent we cannot send you the digest.")},
    )


class DigestSignupForm(DigestForm):
    """The public sign-up: the address first, confirmed by a link mailed to it."""

    email = forms.EmailField(label=_("E-mail address"))
    field_order = ["email", "kinds", "topics", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
