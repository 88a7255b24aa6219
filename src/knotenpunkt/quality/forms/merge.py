"""Forms of the merge pages: the side-by-side choice and the bulk merge."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.quality.models import MergeKind
from knotenpunkt.quality.services.bulk_merge import DEFAULT_THRESHOLD

SIDES = [("a", _("left record")), ("b", _("right record"))]


class MergeForm(forms.Form):
    """Which record stays, and per field which side's value the merged record keeps."""

    keep = forms.ChoiceField(label=_("Record that stays"), choices=SIDES, widget=forms.RadioSelect)

    def __init__(self, *args, fields, initial_sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.merge_fields = list(fields)
        for name, label in fields:
            self.fields[f"field_{name}"] = forms.ChoiceField(
                label=label, choices=SIDES, widget=forms.RadioSelect, initial=initial_sides[name]
            )

    def field_sides(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"field_{name}"] for name, _label in self.merge_fields}


class BulkMergeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Records"), choices=MergeKind.choices)
    threshold = forms.FloatField(
        label=_("Minimum match probability"),
        min_value=0.5,
        max_value=1.0,
        initial=DEFAULT_THRESHOLD,
        help_text=_("Between 0.5 and 1; only pairs at least this likely are merged."),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
