"""Forms of the assessment pages: they parse input; the rules live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from knotenpunkt.assessments.models import Assessment, Indicator
from knotenpunkt.assessments.services.evidence import ALLOWED_SUFFIXES, allowed_kinds_text
from knotenpunkt.core.uploads import upload_limit
from knotenpunkt.core.widgets import DateInput
from knotenpunkt.kpis.models import Kpi


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names; the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class AssessmentForm(forms.ModelForm):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Assessment.objects.none(), empty_label=None
    )

    class Meta:
        model = Assessment
        fields = ["cluster", "label", "level", "reference_year", "due_on", "status", "notes"]
        widgets = {"due_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        if clusters is None:
            del self.fields["cluster"]
        else:
            self.fields["cluster"].queryset = clusters
        if self.instance.pk is None:
            # A new assessment is prepared first; the status follows the label body.
            del self.fields["status"]

    def _post_clean(self):
        # The instance stays as the database has it: the service checks the data (its
        # uniqueness within the cluster too), changes the row and audits the difference.
        pass


class KpiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, kpi):
        return f"{kpi.name} ({kpi.key})"


class IndicatorForm(forms.ModelForm):
    kpi = KpiChoiceField(
        label=_("KPI"),
        queryset=Kpi.objects.none(),
        required=False,
        empty_label=_("– none: judged from evidence –"),
        help_text=Indicator._meta.get_field("kpi").help_text,
    )

    class Meta:
        model = Indicator
        fields = [
            "area",
            "name",
            "requirement",
            "threshold",
            "comparison",
            "kpi",
            "statement",
            "status",
            "order",
        ]
        widgets = {
            "requirement": forms.Textarea(attrs={"rows": 3}),
            "statement": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kpis = Kpi.objects.filter(is_active=True)
        if self.instance.kpi_id:
            kpis = Kpi.objects.filter(pk=self.instance.kpi_id) | kpis
        self.fields["kpi"].queryset = kpis.order_by("order", "key")
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Position in the list; empty: at the end.")
        self.fields["comparison"].widget = forms.RadioSelect(choices=Indicator.Comparison.choices)

    def _post_clean(self):
        # As AssessmentForm: the service checks, changes and audits.
        pass


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Empty: the file's name."),
    )
    description = forms.CharField(
        label=_("What it shows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = allowed_kinds_text()
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Questionnaire file (CSV or XLSX)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Columns: area, name, requirement, threshold, comparison (at least / at most), "
            "kpi (the KPI's key). At most %(size)s."
        ) % {"size": filesizeformat(upload_limit("import"))}
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.xlsx"


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy the indicators of"), queryset=Assessment.objects.none(), empty_label=None
    )

    def __init__(self, *args, target: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            Assessment.objects.filter(cluster_id=target.cluster_id)
            .exclude(pk=target.pk)
            .order_by("-reference_year", "label")
        )
