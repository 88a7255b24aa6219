from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.feed.models import Follow


class FollowForm(forms.Form):
    target_type = forms.ChoiceField(choices=Follow.Target.choices)
    target_id = forms.IntegerField(min_value=1, max_value=2**53)
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("Not followed"))] + Follow.Level.choices, required=False
    )


class ShareForm(forms.Form):
    recipient = forms.IntegerField(min_value=1, max_value=2**53)
    note = forms.CharField(
        label=_("Your note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
