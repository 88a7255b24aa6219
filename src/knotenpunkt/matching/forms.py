from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput, PlainSelect
from knotenpunkt.directory.models import Topic
from knotenpunkt.matching.models import AlertSetting, CompetenceProfile, Need


def _topics(kind):
    return forms.ModelMultipleChoiceField(
        queryset=Topic.objects.filter(kind=kind).order_by("label_de"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ProfileForm(forms.ModelForm):
    # The taxonomy's three kinds a provider describes itself with, as three groups of
    # checkboxes (each a fieldset with its legend) rather than one list of 180 entries.
    competences = _topics(Topic.Kind.COMPETENCE)
    technology_topics = _topics(Topic.Kind.TECHNOLOGY)
    industries = _topics(Topic.Kind.INDUSTRY)

    class Meta:
        model = CompetenceProfile
        fields = [
            "offer",
            "services",
            "products",
            "technologies",
            "keywords",
            "references",
            "team_size",
            "languages",
            "region_served",
        ]
        widgets = {
            "offer": forms.Textarea(attrs={"rows": 8}),
            "services": forms.Textarea(attrs={"rows": 4}),
            "products": forms.Textarea(attrs={"rows": 4}),
            "technologies": forms.Textarea(attrs={"rows": 4}),
            "keywords": forms.Textarea(attrs={"rows": 3}),
            "references": forms.Textarea(attrs={"rows": 4}),
            "region_served": PlainSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].label = _("Competences")
        self.fields["technology_topics"].label = _("Technologies (from the list of topics)")
        self.fields["industries"].label = _("Industries served")
        if self.instance.pk:
            chosen = list(self.instance.topics.all())
            for name, kind in (
                ("competences", Topic.Kind.COMPETENCE),
                ("technology_topics", Topic.Kind.TECHNOLOGY),
                ("industries", Topic.Kind.INDUSTRY),
            ):
                self.initial[name] = [t.pk for t in chosen if t.kind == kind]

    def profile_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["topics"] = [
            *self.cleaned_data["competences"],
            *self.cleaned_data["technology_topics"],
            *self.cleaned_data["industries"],
        ]
        return data


class NeedForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("For which organisation?"), queryset=None, widget=PlainSelect
    )

    class Meta:
        model = Need
        fields = ["cluster", "title", "text", "kind", "budget", "deadline", "visibility"]
        widgets = {
            "cluster": PlainSelect,
            "text": forms.Textarea(attrs={"rows": 8}),
            "kind": PlainSelect,
            "budget": PlainSelect,
            "deadline": DateInput(),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "cluster": _(
                "The cluster whose network should see the need. You do not have to be a member."
            ),
        }

    def __init__(self, *args, organisations, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["cluster"].empty_label = None
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        if self.instance.pk:
            # A need stays with the organisation that posted it.
            del self.fields["organisation"]
        else:
            self.order_fields(["organisation", *self._meta.fields])

    def need_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class InterestForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("For which organisation?"), queryset=None, widget=PlainSelect
    )
    message = forms.CharField(
        label=_("Your message to the author"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
        help_text=_("How you could help, and what you have done that is similar."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = organisations
        self.fields["provider"].empty_label = None


class AlertSettingForm(forms.ModelForm):
    class Meta:
        model = AlertSetting
        fields = ["need_alerts", "frequency"]
        widgets = {"frequency": forms.RadioSelect}
