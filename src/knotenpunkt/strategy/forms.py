"""Forms of the strategy pages. They only clean input; the services validate the whole
node (a title once per parent, years in order) and save it."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.kpis.models import Kpi
from knotenpunkt.strategy.models import Activity, FieldOfAction, Goal, Result, SwotItem
from knotenpunkt.strategy.services.links import FIGURES


def add_service_errors(form, error: ValidationError) -> None:
    """A service's validation errors beside the fields they concern (on top for others)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class FieldOfActionForm(forms.ModelForm):
    class Meta:
        model = FieldOfAction
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GoalForm(forms.ModelForm):
    kpis = forms.ModelMultipleChoiceField(
        label=_("KPIs"),
        queryset=Kpi.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Goal
        fields = ["title", "description", "priority", "start_year", "end_year", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The goal cannot end before it starts."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "status", "responsible", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ResultForm(forms.ModelForm):
    """An output or result with a target field for each year it is planned for."""

    counted = forms.ChoiceField(
        label=_("counted from the links"),
        choices=[("", _("nothing (status only, or the KPI)")), *FIGURES.items()],
        required=False,
        help_text=_("The figure of the activity's linked objects the result shows per year."),
    )

    class Meta:
        model = Result
        fields = ["kind", "title", "unit", "status", "kpi", "counted", "order"]

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = Kpi.objects.filter(is_active=True)
        known = {t.year: t.target for t in self.instance.targets.all()} if self.instance.pk else {}
        self.years = years
        for year in years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year},
                required=False,
                min_value=Decimal("0"),
                max_digits=14,
                decimal_places=2,
                initial=known.get(year),
            )

    def clean(self):
        data = super().clean()
        if data.get("kpi") and data.get("counted"):
            self.add_error(
                "counted", _("A result shows either a KPI or a figure counted from the links.")
            )
        return data

    def targets(self) -> dict[int, Decimal]:
        return {
            year: self.cleaned_data[f"target_{year}"]
            for year in self.years
            if self.cleaned_data.get(f"target_{year}") is not None
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or Excel workbook (.xlsx) in the format of the export."),
    )


class SwotItemForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kpis = forms.ModelMultipleChoiceField(
        label=_("KPIs"),
        queryset=Kpi.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SwotItem
        fields = ["quadrant", "text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals
        if self.instance.pk:
            self.fields["goals"].initial = list(self.instance.goals.all())
            self.fields["kpis"].initial = list(self.instance.kpis.all())


class ContributorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the login"),
        help_text=_("The person needs a login on the platform already."),
    )
    role = forms.CharField(
        label=_("Role"), max_length=100, required=False, help_text=_("e.g. board, advisory board.")
    )
