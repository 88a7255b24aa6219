from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import PlainSelect
from knotenpunkt.directory.models import Cluster
from knotenpunkt.imports.fields import fields_for
from knotenpunkt.imports.models import ImportSource
from knotenpunkt.imports.reading import check_upload, max_upload_bytes, read_table


class UploadForm(forms.Form):
    """Choose a known source system or describe a new one, and the export file."""

    source = forms.ModelChoiceField(
        label=_("Source system"),
        queryset=ImportSource.objects.none(),
        required=False,
        widget=PlainSelect,
        empty_label=_("A new source system (describe it below)"),
    )
    new_source_name = forms.CharField(
        label=_("Name of the new source system"),
        max_length=200,
        required=False,
        help_text=_("For example “CRM 2019” or “Newsletter tool”."),
    )
    new_source_kind = forms.ChoiceField(
        label=_("Kind of system"),
        choices=ImportSource.Kind.choices,
        required=False,
        widget=PlainSelect,
    )
    new_source_record_kind = forms.ChoiceField(
        label=_("One row of the export is"),
        choices=ImportSource.RecordKind.choices,
        required=False,
        widget=forms.RadioSelect,
        initial=ImportSource.RecordKind.PEOPLE,
    )
    new_source_cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        required=False,
        widget=PlainSelect,
        empty_label=None,
    )
    file = forms.FileField(
        label=_("Export file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx"}),
    )

    def __init__(self, *args, sources, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["new_source_cluster"].queryset = clusters
        limit = max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = _(
            "CSV (any delimiter and encoding) or Excel (.xlsx), at most %(limit)s MB; "
            "the first row holds the column names."
        ) % {"limit": limit}
        self.table = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        file_format = check_upload(upload)
        # Read once here so that an unreadable file is a form error, not a stored run.
        self.table = read_table(upload, file_format)
        upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("source") is None:
            if not data.get("new_source_name"):
                self.add_error(
                    "new_source_name",
                    _("Choose a source system above or give the new one a name."),
                )
            if not data.get("new_source_kind"):
                self.add_error("new_source_kind", _("Choose the kind of system."))
            if not data.get("new_source_record_kind"):
                self.add_error("new_source_record_kind", _("Choose what one row is."))
            cluster, name = data.get("new_source_cluster"), data.get("new_source_name")
            if cluster is None:
                self.add_error("new_source_cluster", _("Choose the cluster."))
            elif name and ImportSource.objects.filter(cluster=cluster, name=name).exists():
                self.add_error(
                    "new_source_name",
                    _("This cluster already has a source system of that name; choose it above."),
                )
        return data


class MappingForm(forms.Form):
    """One select per column of the file: the field it goes to, or nothing."""

    def __init__(self, *args, headers, record_kind, initial_choices, samples, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("– do not import –"))]
        choices += [(f.key, f.label) for f in fields_for(record_kind)]
        self.columns = []
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial=initial_choices[index] if index < len(initial_choices) else "",
                widget=PlainSelect,
            )
            self.columns.append({"field": self[name], "header": header, "samples": samples[index]})

    def column_choices(self) -> list[str]:
        return [self.cleaned_data.get(f"column_{i}", "") for i in range(len(self.columns))]

    def add_mapping_errors(self, error: ValidationError) -> None:
        for message in error.messages:
            self.add_error(None, message)
