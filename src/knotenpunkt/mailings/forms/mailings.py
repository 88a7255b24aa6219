"""Forms of the staff pages for mailings: the mailing, its content blocks, test and schedule."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Case, F, Q, Value, When
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import validate_image_upload
from knotenpunkt.core.widgets import PlainSelect
from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.events.models import Event
from knotenpunkt.mailings.models import Mailing, MailingBlock, MailingList, Segment
from knotenpunkt.mailings.services.editing import COMPOSED_FIELDS
from knotenpunkt.mailings.services.sending import MAX_TEST_ADDRESSES


class ClusterChoiceForm(forms.Form):
    """First step of a new mailing for staff of several clusters: whose mailing is it?"""

    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), empty_label=None, widget=PlainSelect
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class MailingForm(forms.ModelForm):
    class Meta:
        model = Mailing
        fields = ["cluster", *COMPOSED_FIELDS]
        widgets = {
            "cluster": PlainSelect,
            "mailing_list": PlainSelect,
            "segment": PlainSelect,
            "template": PlainSelect,
            "language": PlainSelect,
            "archive": PlainSelect,
        }
        help_texts = {
            "track_engagement": _(
                "Off by default, for the recipients' privacy. When on, the mailing counts "
                "how often it was opened and how often each link was clicked, in total "
                "only, never per person."
            ),
        }

    def __init__(self, *args, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        # A mailing stays with its cluster: its list, target group and blocks are the
        # cluster's. The cluster is chosen before the form (see the create view).
        self.fields["cluster"].queryset = Cluster.objects.filter(pk=cluster.pk)
        self.fields["cluster"].initial = cluster.pk
        self.fields["cluster"].disabled = True
        self.fields["cluster"].empty_label = None
        # Inactive lists take no new mailings, but one chosen earlier stays selectable.
        self.fields["mailing_list"].queryset = MailingList.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.mailing_list_id), cluster=cluster
        )
        self.fields["mailing_list"].empty_label = None
        self.fields["segment"].queryset = Segment.objects.filter(cluster=cluster)
        self.fields["segment"].empty_label = _("Everybody on the list")
        self.instance.cluster = cluster


def cluster_events(cluster: Cluster):
    """The cluster's published events for a teaser: upcoming ones first, soonest first,
    then past ones, latest first."""
    now = timezone.now()
    return (
        Event.objects.filter(clusters=cluster, is_published=True)
        .annotate(
            is_past=Case(When(starts_at__lt=now, then=Value(1)), default=Value(0)),
            upcoming_start=Case(When(starts_at__gte=now, then=F("starts_at"))),
        )
        .order_by("is_past", "upcoming_start", "-starts_at", "pk")
    )


def cluster_member_organisations(cluster: Cluster):
    """Organisations with a running membership in the cluster, for a member portrait."""
    running = Membership.objects.in_force().filter(cluster=cluster)
    return Organisation.objects.filter(pk__in=running.values("organisation")).order_by("name", "pk")


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        when = formats.date_format(timezone.localtime(obj.starts_at), "SHORT_DATE_FORMAT")
        return f"{when} – {obj.title}"


class MailingBlockForm(forms.ModelForm):
    event = EventChoiceField(
        label=_("Event"), queryset=Event.objects.none(), required=False, widget=PlainSelect
    )
    link_url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = MailingBlock
        fields = [
            "kind",
            "position",
            "heading",
            "text",
            "image",
            "image_alt",
            "link_url",
            "link_label",
            "event",
            "organisation",
        ]
        widgets = {
            "kind": PlainSelect,
            "organisation": PlainSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
            "position": forms.NumberInput(attrs={"min": 0, "class": "narrow"}),
        }
        help_texts = {
            "heading": _("Optional for text and image blocks; event and portrait use their title."),
            "event": _("For an event teaser: the cluster's published events, upcoming first."),
            "organisation": _("For a member portrait: the member organisations of the cluster."),
        }

    def __init__(self, *args, cluster: Cluster, events, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["event"].help_text = self._meta.help_texts["event"]
        self.fields["event"].empty_label = _("(no event)")
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("(no organisation)")
        self.fields["text"].help_text = _(
            "Markdown. Personal fields: {salutation}, {first_name}, {last_name}, "
            "{organisation}. For a portrait, leave empty to use the organisation's description."
        )

    def clean_image(self):
        image = self.cleaned_data.get("image")
        # Only a new upload is checked: a stored image passed these checks already.
        if image and hasattr(image, "content_type"):
            validate_image_upload(image)
        return image

    def clean(self):
        data = super().clean()
        if self.cleaned_data.get("DELETE"):
            return data
        kind = data.get("kind")
        Kind = MailingBlock.Kind
        if kind == Kind.TEXT and not (data.get("text") or "").strip():
            self.add_error("text", _("A text block needs a text."))
        if kind == Kind.IMAGE and not data.get("image"):
            self.add_error("image", _("An image block needs an image."))
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                _("Please describe the image for people who cannot see it."),
            )
        if kind == Kind.EVENT and not data.get("event"):
            self.add_error("event", _("An event teaser needs an event."))
        if kind == Kind.PORTRAIT and not data.get("organisation"):
            self.add_error("organisation", _("A member portrait needs an organisation."))
        if data.get("link_label") and not data.get("link_url"):
            self.add_error("link_url", _("A link text needs a link."))
        return data


class BaseBlockFormSet(BaseInlineFormSet):
    def __init__(self, *args, cluster: Cluster, **kwargs):
        self.cluster = cluster
        # Querysets evaluated once for all rows instead of once per row.
        self.events = cluster_events(cluster)
        self.organisations = cluster_member_organisations(cluster)
        super().__init__(*args, **kwargs)
        # New rows go below the existing ones unless staff number them otherwise.
        last = max((block.position for block in self.get_queryset()), default=0)
        self.initial_extra = [{"position": last + i + 1} for i in range(self.extra)]

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs.update(cluster=self.cluster, events=self.events, organisations=self.organisations)
        return kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            **self.get_form_kwargs(None),
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


BlockFormSet = inlineformset_factory(
    Mailing,
    MailingBlock,
    form=MailingBlockForm,
    formset=BaseBlockFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


class TestSendForm(forms.Form):
    addresses = forms.CharField(
        label=_("Send a test to"),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per request: a lazy text formatted at import time would freeze its language.
        self.fields["addresses"].help_text = _(
            "Up to %(max)d e-mail addresses, separated by commas or new lines. The test "
            "is personalised as you would receive it and marked “[Test]” in the subject."
        ) % {"max": MAX_TEST_ADDRESSES}

    def clean_addresses(self):
        raw = self.cleaned_data["addresses"].replace(",", "\n").replace(";", "\n")
        addresses = []
        for part in raw.split():
            address = part.strip().lower()
            if not address or address in addresses:
                continue
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    _("“%(address)s” is not a valid e-mail address."),
                    code="invalid",
                    params={"address": part},
                ) from None
            addresses.append(address)
        if not addresses:
            raise ValidationError(_("Please enter at least one e-mail address."), code="empty")
        if len(addresses) > MAX_TEST_ADDRESSES:
            raise ValidationError(
                _("At most %(max)d addresses, please; you entered %(count)d."),
                code="too_many",
                params={"max": MAX_TEST_ADDRESSES, "count": len(addresses)},
            )
        return addresses


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty to send now. Times are in German time (Europe/Berlin)."),
    )


class PreviewPersonForm(forms.Form):
    person = forms.TypedChoiceField(
        label=_("Preview as"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Neutral (no recipient)"))] + [
            (person.pk, person.full_name) for person in people
        ]
