from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import PlainSelect
from knotenpunkt.quality.models import CandidatePair


class DuplicateFilterForm(forms.Form):
    """The review queue's filters: kind of record, lowest score, decision."""

    kind = forms.ChoiceField(
        label=_("Records"),
        choices=[
            (CandidatePair.Kind.PERSON, _("People")),
            (CandidatePair.Kind.ORGANISATION, _("Organisations")),
        ],
        required=False,
        widget=PlainSelect,
    )
    min_score = forms.IntegerField(
        label=_("Lowest match probability (%)"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"step": 5}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CandidatePair.Status.choices,
        required=False,
        widget=PlainSelect,
    )

    def filters(self) -> dict:
        """The cleaned filters with defaults: people, any score, still to review."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "kind": data.get("kind") or CandidatePair.Kind.PERSON,
            "min_score": (data.get("min_score") or 0) / 100,
            "status": data.get("status") or CandidatePair.Status.PENDING,
        }


class ScanForm(forms.Form):
    kind = forms.ChoiceField(choices=CandidatePair.Kind.choices, required=False)
