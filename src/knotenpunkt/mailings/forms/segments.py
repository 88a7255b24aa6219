"""The target-group forms: the condition tree as JSON, and the preview's choice of list."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from knotenpunkt.core.widgets import PlainSelect
from knotenpunkt.mailings.models import MailingList, Segment
from knotenpunkt.mailings.services.segments import validate_definition


class SegmentForm(forms.ModelForm):
    definition = forms.JSONField(
        label=gettext_lazy("Conditions (JSON)"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "code"}),
        help_text=gettext_lazy(
            "Combine conditions with all (and), any (or) and not. The fields you can use "
            "are listed below the form."
        ),
    )

    class Meta:
        model = Segment
        fields = ["cluster", "name", "description", "definition"]
        widgets = {"cluster": PlainSelect, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["cluster"].empty_label = None
        if self.instance.pk:
            # A target group stays with its cluster: its keys (lists, groups) are the cluster's.
            self.fields["cluster"].disabled = True

    def clean(self):
        data = super().clean()
        if "definition" in data and data.get("cluster"):
            try:
                validate_definition(data["definition"], data["cluster"])
            except ValidationError as error:
                self.add_error("definition", error)
        return data


class PreviewForm(forms.Form):
    mailing_list = forms.ModelChoiceField(
        label=gettext_lazy("Mailing list"),
        queryset=None,
        required=False,
        widget=PlainSelect,
        empty_label=gettext_lazy("Without a list (ignoring subscriptions)"),
        help_text=gettext_lazy(
            "With a list, only its active subscribers count: they are who a mailing reaches."
        ),
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailing_list"].queryset = MailingList.objects.filter(cluster=cluster)
