from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Person, Position
from knotenpunkt.events.models import Event, Question, TicketType
from knotenpunkt.events.services.registration import is_member_organisation


def colleagues_of(user):
    """The people who work where `user` works, the user first: whom they may register."""
    own = getattr(user, "person", None)
    if own is None:
        return Person.objects.none()
    organisations = Position.objects.current().filter(person=own).values("organisation")
    return (
        Person.objects.filter(
            positions__in=Position.objects.current().filter(organisation__in=organisations),
            erased_at__isnull=True,
        )
        .exclude(pk=own.pk)
        .distinct()
        .order_by("last_name", "first_name")
    )


class TicketTypeField(forms.ModelChoiceField):
    widget = forms.RadioSelect

    def __init__(self, *args, member: bool, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def label_from_instance(self, ticket_type):
        price = ticket_type.price_member if self.member else ticket_type.price_non_member
        if not price:
            return _("%(name)s – free") % {"name": ticket_type.name}
        return _("%(name)s – %(price)s EUR plus %(vat)s %% VAT") % {
            "name": ticket_type.name,
            "price": number_format(price, 2),
            "vat": number_format(ticket_type.vat_rate.normalize()),
        }


class RegistrationForm(forms.Form):
    """Ticket type (priced for the user's organisation), attendee, voucher and questions.

    The questions become fields `q_<question pk>`; the service checks the answers again,
    so the rules live there and the form only presents them.
    """

    def __init__(self, *args, event: Event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        own = getattr(user, "person", None)
        organisation = (
            own.positions.current().select_related("organisation").first() if own else None
        )
        member = is_member_organisation(organisation.organisation if organisation else None, event)
        self.fields["ticket_type"] = TicketTypeField(
            label=_("Ticket"),
            queryset=TicketType.objects.filter(event=event).order_by("position", "pk"),
            member=member,
            empty_label=None,
            help_text=_(
                "Member prices apply to organisations that are members of the organising clusters."
            ),
        )
        colleagues = list(colleagues_of(user)[:200])
        if own is not None and colleagues:
            self.fields["person"] = forms.TypedChoiceField(
                label=_("Who attends?"),
                choices=[(own.pk, _("Myself (%(name)s)") % {"name": own.full_name})]
                + [(p.pk, p.full_name) for p in colleagues],
                coerce=int,
                initial=own.pk,
                help_text=_("You may register colleagues of your organisation."),
            )
        if event.vouchers.exists():
            self.fields["voucher"] = forms.CharField(
                label=_("Voucher code"), required=False, max_length=40
            )
        for question in event.questions.all():
            self.fields[f"q_{question.pk}"] = self._question_field(question)

    @staticmethod
    def _question_field(question: Question) -> forms.Field:
        options = {"label": question.label, "required": question.required}
        if question.kind == Question.Kind.CHOICE:
            choices = [(c, c) for c in question.choices]
            if not question.required:
                choices = [("", _("(no answer)")), *choices]
            return forms.ChoiceField(choices=choices, **options)
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                **options,
            )
        return forms.CharField(max_length=500, **options)

    def attendee(self, user):
        own = user.person
        chosen = self.cleaned_data.get("person")
        if not chosen or chosen == own.pk:
            return own
        return Person.objects.get(pk=chosen)

    def answers(self) -> dict:
        return {
            name[2:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value not in ("", None)
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=500,
        help_text=_("Scan the QR code or type the code printed below it."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
