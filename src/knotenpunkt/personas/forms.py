from django import forms
from django.utils.translation import gettext_lazy as _


class PersonaForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who these people are, in the cluster management's words."),
    )
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What these people want to achieve and how the cluster can help them."),
    )
