"""Forms of the interaction pages: they parse input; the rules are in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.accounts.models import User
from knotenpunkt.core.widgets import DateInput
from knotenpunkt.directory.forms import TopicTreeField
from knotenpunkt.directory.models import Cluster, Person
from knotenpunkt.directory.rules import clusters_looked_after, visible_organisations
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.interactions.rules import may_read_notes
from knotenpunkt.interactions.services.follow_ups import assignable
from knotenpunkt.interactions.services.interactions import clusters_for, people_of, staff_of


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names; the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or str(obj)


class UserChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class InteractionForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("For the cluster"), queryset=Cluster.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Interaction.Kind.choices, widget=forms.RadioSelect
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=300,
        help_text=_("One line the whole cluster management may read."),
    )
    people = PersonChoiceField(
        label=_("People met"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff = UserChoiceField(
        label=_("Staff who took part"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = TopicTreeField(label=_("Topics"), required=False)
    introduced_to = forms.CharField(
        label=_("Introduced to"),
        required=False,
        max_length=220,
        help_text=_(
            "For an introduction: the organisation's name or short address in the directory."
        ),
    )
    notes = forms.CharField(
        label=_("Internal notes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    notes_visibility = forms.ChoiceField(
        label=_("Who may read the notes"),
        choices=Interaction.NotesVisibility.choices,
        initial=Interaction.NotesVisibility.STAFF,
        widget=forms.RadioSelect,
        help_text=_("“Only me”: nobody else sees the notes, not in lists and not in exports."),
    )
    follow_up_title = forms.CharField(
        label=_("Follow-up task"),
        required=False,
        max_length=200,
        help_text=_("Optional: what is to be done next. You can add more on the next page."),
    )
    follow_up_due_on = forms.DateField(
        label=_("Follow-up due on"), required=False, widget=DateInput()
    )

    def __init__(self, *args, user, organisation, interaction=None, **kwargs):
        self.user, self.organisation, self.interaction = user, organisation, interaction
        if interaction is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "cluster": interaction.cluster_id,
                "kind": interaction.kind,
                "date": interaction.date,
                "summary": interaction.summary,
                "people": list(interaction.people.values_list("pk", flat=True)),
                "staff": list(interaction.staff.values_list("pk", flat=True)),
                "topics": list(interaction.topics.values_list("pk", flat=True)),
                "introduced_to": interaction.introduced_to.slug
                if interaction.introduced_to
                else "",
                "notes": interaction.notes if may_read_notes(user, interaction) else "",
                "notes_visibility": interaction.notes_visibility,
            }
        super().__init__(*args, **kwargs)
        clusters = clusters_for(user, organisation)
        if interaction is not None:
            clusters = clusters | Cluster.objects.filter(pk=interaction.cluster_id)
        self.fields["cluster"].queryset = clusters.distinct()
        self.fields["people"].queryset = people_of(organisation)
        self.fields["staff"].queryset = staff_of(clusters)
        self.fields["topics"].offer_topic_tree()
        if interaction is not None:
            del self.fields["follow_up_title"], self.fields["follow_up_due_on"]
            if not may_read_notes(user, interaction):
                del self.fields["notes"], self.fields["notes_visibility"]
            elif interaction.created_by_id != user.pk:
                del self.fields["notes_visibility"]

    def clean_introduced_to(self):
        text = self.cleaned_data["introduced_to"].strip()
        if not text:
            return None
        candidates = visible_organisations(self.user)
        found = candidates.filter(slug=text).first()
        if found is None:
            matches = list(candidates.filter(name__iexact=text)[:2])
            if len(matches) > 1:
                raise ValidationError(
                    _("Several organisations have this name; enter the short address instead.")
                )
            found = matches[0] if matches else None
        if found is None:
            raise ValidationError(_("No organisation with this name or short address was found."))
        return found

    def clean(self):
        data = super().clean()
        if data.get("follow_up_title") and not data.get("follow_up_due_on"):
            self.add_error("follow_up_due_on", _("Say when the follow-up is due."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "cluster": data["cluster"],
            "kind": data["kind"],
            "date": data["date"],
            "summary": data["summary"],
            "people": list(data["people"]),
            "staff": list(data["staff"]),
            "topics": list(data["topics"]),
            "introduced_to": data["introduced_to"],
        }
        if "notes" in self.fields:
            arguments["notes"] = data["notes"]
        if "notes_visibility" in self.fields:
            arguments["notes_visibility"] = data["notes_visibility"]
        return arguments


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    assignee = UserChoice(label=_("Assigned to"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args, interaction, user, **kwargs):
        kwargs.setdefault("initial", {"assignee": user.pk})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable(interaction)


class InteractionFilterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All"))] + Interaction.Kind.choices, required=False
    )
    q = forms.CharField(label=_("Organisation"), required=False, max_length=100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters_looked_after(user)

    def apply(self, interactions):
        if not self.is_valid():
            return interactions
        data = self.cleaned_data
        if data["cluster"] is not None:
            interactions = interactions.filter(cluster=data["cluster"])
        if data["kind"]:
            interactions = interactions.filter(kind=data["kind"])
        if data["q"]:
            interactions = interactions.filter(organisation__name__icontains=data["q"])
        if data["date_from"]:
            interactions = interactions.filter(date__gte=data["date_from"])
        if data["date_to"]:
            interactions = interactions.filter(date__lte=data["date_to"])
        return interactions
