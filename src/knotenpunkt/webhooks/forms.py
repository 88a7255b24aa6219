from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.webhooks.models import EventType
from knotenpunkt.webhooks.services import SUBSCRIBABLE


class SubscriptionForm(forms.Form):
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("An https address on the internet that accepts POST requests."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What receives the events, e.g. “CRM” or “Website”."),
    )
    event_types = forms.MultipleChoiceField(
        label=_("Events"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one of the listed events.")},
    )

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(EventType.choices)
        self.fields["event_types"].choices = [(code, labels[code]) for code in SUBSCRIBABLE]
        if owners is not None:
            # "organisation:<pk>" or "cluster:<pk>": for whom the subscription is made.
            self.fields["owner"] = forms.ChoiceField(
                label=_("For"),
                choices=owners,
                error_messages={
                    "invalid_choice": _(
                        "Please choose one of the listed organisations or clusters."
                    )
                },
            )
            self.order_fields(["owner", "url", "description", "event_types"])
