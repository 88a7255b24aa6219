from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.kpis.models import Kpi


class TargetForm(forms.Form):
    target = forms.DecimalField(
        label=_("Target"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty to remove the target."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = [
            "name_de",
            "name_en",
            "definition_de",
            "definition_en",
            "higher_is_better",
            "amber_percent",
            "is_public",
            "is_active",
            "order",
        ]
        widgets = {
            "definition_de": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
        }
