from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from knotenpunkt.core.uploads import validate_image_upload
from knotenpunkt.core.widgets import SELECTED, PlainSelect, TopicPicker
from knotenpunkt.directory.fields import (
    ORGANISATION_PROFILE_FIELDS,
    PERSON_PROFILE_FIELDS,
    form_fields,
)
from knotenpunkt.directory.models import (
    Organisation,
    Person,
    PersonEmail,
    PersonPhone,
    Position,
    Topic,
)
from knotenpunkt.directory.services.search import filter_options
from knotenpunkt.directory.services.taxonomy import topic_tree
from knotenpunkt.directory.validators import normalise_vat_id


def topic_choices(key: str = "pk") -> list[tuple]:
    """Topics in tree order, indented by depth, for checkboxes and filter selects."""
    return [(getattr(t, key), "\u2003" * depth + t.label) for t, depth in topic_tree()]


def topic_search_terms() -> dict[str, str]:
    """Per topic, the words besides its label that find it in the topic picker: the label
    in the other language and the synonyms (so "KI" finds "Künstliche Intelligenz")."""
    return {
        str(t.pk): " ".join([t.label_de, t.label_en, *t.synonym_list]) for t, _depth in topic_tree()
    }


class TopicTreeField(forms.ModelMultipleChoiceField):
    """Topics in tree order in the topic picker; the form calls `offer_topic_tree()` per
    request, so that the labels follow the active language."""

    widget = TopicPicker

    def __init__(self, **kwargs):
        super().__init__(queryset=Topic.objects.all(), **kwargs)

    def offer_topic_tree(self) -> None:
        self.choices = topic_choices()
        self.widget.search_terms = topic_search_terms()


class WithTopicTree:
    """Mixin: fills the `topics` field's choices (labels follow the active language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].offer_topic_tree()


class FilterSelect(PlainSelect):
    """A PlainSelect whose options come escaped from the form (once per process and set
    of filter options): the directory's 228 topics are too many to escape on every page."""

    prepared: list[tuple[str, str, str]] = []  # (value, option HTML, selected option HTML)

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = mark_safe(  # noqa: S308 - escaped by _prepared_options
            "".join(on if v in selected else off for v, off, on in self.prepared)
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class _Choices(BaseChoiceIterator):
    """Ready choices: a field given these does not copy them (ChoiceField would)."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


# Per language: (the filter options they were made from, {field: (choices, options)}).
_PREPARED: dict[str, tuple[object, dict]] = {}


def _prepared_options(options) -> dict:
    language = get_language() or "de"
    cached = _PREPARED.get(language)
    if cached is None or cached[0] is not options:
        prepared = {}
        for name, empty, choices in (
            ("cluster", _("All clusters"), options.cluster_choices),
            ("topic", _("All topics"), options.topic_choices),
            ("region", _("All regions"), options.region_choices),
        ):
            choices = [("", str(empty)), *choices]
            option = '<option value="{}"{}>{}</option>'
            prepared[name] = (
                _Choices(choices),
                [
                    (
                        value,
                        format_html(option, value, "", label),
                        format_html(option, value, SELECTED, label),
                    )
                    for value, label in choices
                ],
            )
        cached = _PREPARED[language] = (options, prepared)
    return cached[1]


# As ModelChoiceField says it: the message does not repeat what was sent.
NOT_AN_OPTION = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}


class DirectoryFilterForm(forms.Form):
    """The public directory's filters. Clusters, topics and regions are offered from
    search.filter_options(), kept per process, so that neither building, checking nor
    rendering the form queries the database; cleaned, they are the model objects."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    cluster = forms.ChoiceField(
        label=_("Cluster"), required=False, widget=FilterSelect, error_messages=NOT_AN_OPTION
    )
    actor_type = forms.ChoiceField(
        label=_("Actor type"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("All actor types")), *Organisation.ActorType.choices],
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, widget=FilterSelect, error_messages=NOT_AN_OPTION
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, widget=FilterSelect, error_messages=NOT_AN_OPTION
    )
    size_class = forms.ChoiceField(
        label=_("Size"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("All sizes")), *Organisation.SizeClass.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = filter_options()
        for name, (choices, prepared) in _prepared_options(self.options).items():
            self.fields[name].choices = choices
            self.fields[name].widget.prepared = prepared

    def clean_cluster(self):
        return self.options.clusters.get(self.cleaned_data["cluster"])

    def clean_topic(self):
        return self.options.topics.get(self.cleaned_data["topic"])

    def clean_region(self):
        return self.options.regions.get(self.cleaned_data["region"])


class OrganisationProfileForm(WithTopicTree, forms.ModelForm):
    topics = TopicTreeField(label=_("Topics"), required=False)
    # People type "firma.de"; assume https as Django 6 will.
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = form_fields(ORGANISATION_PROFILE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_image_upload(logo)
        return logo

    def clean_vat_id(self):
        return normalise_vat_id(self.cleaned_data.get("vat_id", ""))

    def clean_register_number(self):
        return " ".join(self.cleaned_data.get("register_number", "").split())


class PersonForm(WithTopicTree, forms.ModelForm):
    topics = TopicTreeField(label=_("Interests"), required=False)

    class Meta:
        model = Person
        fields = form_fields(PERSON_PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model lets a newsletter subscriber have no name; a profile needs one.
        for declared in PERSON_PROFILE_FIELDS:
            if declared.required and declared.name in self.fields:
                self.fields[declared.name].required = True


class PersonEmailForm(forms.ModelForm):
    class Meta:
        model = PersonEmail
        fields = ["address", "kind", "is_primary"]

    def clean_address(self):
        return self.cleaned_data["address"].strip().lower()


class PersonPhoneForm(forms.ModelForm):
    class Meta:
        model = PersonPhone
        fields = ["number", "kind"]


class ContactRowsFormSet(BaseInlineFormSet):
    """Addresses or numbers of one person, each at most once.

    Django compares the rows of the form with each other; this also compares them with the
    person's stored rows the form does not show (a second browser tab, a stale page), which
    would otherwise reach the database's unique constraint as an error page."""

    unique_field = ""
    duplicate_message = _(
        "%(value)s is already stored for this person. Please reload the page to see it."
    )

    def _key(self, value):
        return str(value).strip().lower()

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        shown = {form.instance.pk for form in self.initial_forms if form.instance.pk}
        stored = self.model.objects.filter(**{self.fk.name: self.instance}).exclude(pk__in=shown)
        taken = {self._key(getattr(row, self.unique_field)) for row in stored}
        for form in self.forms:
            value = form.cleaned_data.get(self.unique_field)
            if not value or form.cleaned_data.get("DELETE"):
                continue
            if self._key(value) in taken:
                raise ValidationError(self.duplicate_message % {"value": value})


class EmailRowsFormSet(ContactRowsFormSet):
    unique_field = "address"


class PhoneRowsFormSet(ContactRowsFormSet):
    unique_field = "number"

    def _key(self, value):
        return getattr(value, "as_e164", None) or str(value)


EmailFormSet = inlineformset_factory(
    Person,
    PersonEmail,
    form=PersonEmailForm,
    formset=EmailRowsFormSet,
    extra=1,
    can_delete=True,
    max_num=5,
    validate_max=True,
)
PhoneFormSet = inlineformset_factory(
    Person,
    PersonPhone,
    form=PersonPhoneForm,
    formset=PhoneRowsFormSet,
    extra=1,
    can_delete=True,
    max_num=5,
    validate_max=True,
)


class AddColleagueForm(forms.Form):
    """An organisation admin adds a colleague (new or already known by e-mail)."""

    salutation = forms.ChoiceField(label=_("Salutation"), choices=Person.Salutation.choices)
    title = forms.CharField(label=_("Academic title"), max_length=50, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    phone = PhoneNumberField(label=_("Phone"), required=False)
    function = forms.ChoiceField(label=_("Function"), choices=Position.Function.choices)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    is_admin = forms.BooleanField(
        label=_("May edit this organisation's profile and people"), required=False
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["function", "job_title", "is_admin"]
