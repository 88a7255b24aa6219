"""People, their e-mail addresses and phone numbers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from knotenpunkt.directory.models.taxonomy import Topic


class Person(models.Model):
    """A contact person; a user account is optional."""

    class Salutation(models.TextChoices):
        MS = "ms", _("Ms")
        MR = "mr", _("Mr")
        NONE = "none", _("No salutation")

    salutation = models.CharField(
        _("salutation"), max_length=10, choices=Salutation.choices, default=Salutation.NONE
    )
    title = models.CharField(_("academic title"), max_length=50, blank=True)
    # Blank only for someone known by an address alone (a newsletter sign-up asks for no
    # name); the profile form still requires both (directory.fields declares them required).
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("interests"), related_name="people", blank=True
    )
    is_public = models.BooleanField(_("show me on my organisation's public page"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When the person (or their organisation admin) last saved and so confirmed the data.
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name or gettext("(no name given)")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def primary_email(self) -> str:
        emails = list(self.emails.all())
        primary = next((e for e in emails if e.is_primary), emails[0] if emails else None)
        return primary.address if primary else ""


class PersonEmailQuerySet(models.QuerySet):
    def identifying(self):
        """Addresses that may identify their person: confirmed by the owner through a link
        sent to them (or the person's confirmed login itself), or on a record without a
        login (contact data entered by staff or an import, on which nobody's rights hang).
        An unconfirmed address on a person with a login identifies nobody: anyone can type
        anyone's address into their profile."""
        return self.alias(
            address_lower=Lower("address"), login_lower=Lower("person__user__email")
        ).filter(
            Q(confirmed_at__isnull=False)
            | Q(person__user__isnull=True)
            | Q(person__user__email_confirmed_at__isnull=False, login_lower=F("address_lower"))
        )


class PersonEmail(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", _("Work")
        PRIVATE = "private", _("Private")

    class Deliverability(models.TextChoices):
        VALID = "valid", _("Valid")
        INVALID = "invalid", _("Invalid")
        BOUNCING = "bouncing", _("Bouncing")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORK)
    is_primary = models.BooleanField(_("primary"), default=False)
    # Set by whoever learns it (the mailings' bounce handling, a staff check); the
    # data-quality dashboard lists addresses that are not valid.
    deliverability = models.CharField(
        _("deliverability"),
        max_length=10,
        choices=Deliverability.choices,
        default=Deliverability.VALID,
        db_index=True,
    )
    bounced_at = models.DateTimeField(_("last bounce"), null=True, blank=True)
    # Set when the owner opened the confirmation link sent to the address (or confirmed it
    # by confirming their login, which is the same address); cleared when it changes.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)

    objects = PersonEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        constraints = [
            models.UniqueConstraint("person", Lower("address"), name="unique_email_per_person"),
        ]
        indexes = [models.Index(Lower("address"), name="person_email_lower")]

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        # A confirmation belongs to the address that was confirmed, not to the row: whoever
        # edits an address (the owner, an admin, staff in the back office, an import), the
        # new one counts only once its owner confirms it.
        loaded = getattr(self, "_address_as_loaded", None)
        if self.confirmed_at and loaded is not None and loaded.lower() != self.address.lower():
            self.confirmed_at = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "confirmed_at"}
        super().save(*args, **kwargs)
        self._address_as_loaded = self.address

    @classmethod
    def from_db(cls, db, field_names, values):
        email = super().from_db(db, field_names, values)
        email._address_as_loaded = email.__dict__.get("address")
        return email

    @property
    def identifies_person(self) -> bool:
        """The same test as PersonEmailQuerySet.identifying, for a loaded row."""
        if self.confirmed_at is not None or self.person.user_id is None:
            return True
        login = self.person.user
        return login.email_confirmed_at is not None and login.email.lower() == self.address.lower()


class PersonPhone(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", _("Work")
        MOBILE = "mobile", _("Mobile")
        PRIVATE = "private", _("Private")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = PhoneNumberField(_("phone number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORK)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="unique_phone_per_person"),
        ]

    def __str__(self):
        return self.number.as_international if self.number else ""
