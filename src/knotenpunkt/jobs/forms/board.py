from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation, Region, Topic
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.board import BoardFilters, FilterOptions


def _with_all(label, choices) -> list[tuple[str, str]]:
    return [("", label), *choices]


class BoardFilterForm(forms.Form):
    """The board's filters; what is offered comes from the listed postings. A value that
    is not offered (an old link) is an invalid choice, and the board shows everything."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    work_mode = forms.ChoiceField(label=_("Place of work"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    employment_type = forms.ChoiceField(label=_("Employment type"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)

    def __init__(self, *args, options: FilterOptions, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["kind"].choices = _with_all(_("All kinds"), JobPosting.Kind.choices)
        fields["topic"].choices = _with_all(_("All topics"), options.topics)
        fields["work_mode"].choices = _with_all(_("Anywhere"), JobPosting.WorkMode.choices)
        fields["region"].choices = _with_all(_("All regions"), options.regions)
        fields["employment_type"].choices = _with_all(
            _("All employment types"), JobPosting.EmploymentType.choices
        )
        fields["organisation"].choices = _with_all(_("All organisations"), options.organisations)
        fields["cluster"].choices = _with_all(_("All clusters"), options.clusters)

    def filters(self) -> BoardFilters:
        """The filters as the board service takes them (nothing, when the form is invalid:
        an outdated link still shows the board)."""
        if not self.is_valid():
            data = {name: self.cleaned_data.get(name, "") for name in self.fields}
        else:
            data = self.cleaned_data
        return BoardFilters(
            query=data.get("q") or "",
            kind=data.get("kind") or "",
            work_mode=data.get("work_mode") or "",
            employment_type=data.get("employment_type") or "",
            topic=Topic.objects.filter(slug=data["topic"]).first() if data.get("topic") else None,
            region=Region.objects.filter(ags=data["region"]).first()
            if data.get("region")
            else None,
            organisation=Organisation.objects.filter(slug=data["organisation"]).first()
            if data.get("organisation")
            else None,
            cluster=Cluster.objects.filter(slug=data["cluster"]).first()
            if data.get("cluster")
            else None,
        )

    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)
