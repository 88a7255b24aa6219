import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from knotenpunkt.accounts.models import User
from knotenpunkt.directory.models import (
    Cluster,
    Membership,
    Organisation,
    Person,
    PersonEmail,
    Position,
)
from knotenpunkt.directory.services.search import refresh_search_index


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "Geheim-Passwort-2026")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Digitalcluster {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Firma {n} GmbH")
    slug = factory.Sequence(lambda n: f"firma-{n}")
    legal_form = Organisation.LegalForm.GMBH
    actor_type = Organisation.ActorType.BUSINESS
    size_class = Organisation.SizeClass.MICRO
    city = "Kiel"
    postcode = "24103"

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            refresh_search_index([obj.pk])


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Petersen{n}")


class PersonEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonEmail

    person = factory.SubFactory(PersonFactory)
    address = factory.Sequence(lambda n: f"person{n}@example.org")
    is_primary = True


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = Position.Function.EMPLOYEE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SubFactory(ClusterFactory)
    kind = Membership.Kind.PAYING
    annual_fee = Decimal("600.00")
    start_date = datetime.date(2020, 1, 1)


class ImportSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "imports.ImportSource"

    name = factory.Sequence(lambda n: f"CRM {n}")
    kind = "crm"
    cluster = factory.SubFactory(ClusterFactory)
    record_kind = "people"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.Group"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fachgruppe {n}")
    slug = factory.Sequence(lambda n: f"fachgruppe-{n}")
    kind = "topic_group"
    policy = "open"

    @factory.post_generation
    def clusters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.clusters.set(extracted)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.GroupMembership"

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory)
    role = "member"
    status = "active"
    joined_at = factory.LazyFunction(timezone.now)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.Meeting"

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Treffen {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    location = "Kiel"


class InvoiceSettingsFactory(factory.django.DjangoModelFactory):
    """Tax and bank details for a cluster that issues invoices (address on the cluster)."""

    class Meta:
        model = "invoicing.InvoiceSettings"

    cluster = factory.SubFactory(
        ClusterFactory,
        street="Lorentzendamm 24",
        postcode="24103",
        city="Kiel",
        email="rechnung@cluster.example",
        phone="+494319876543",
    )
    legal_name = "Digitale Wirtschaft Schleswig-Holstein e.V."
    vat_id = "DE136695976"
    tax_number = "20/299/12345"
    iban = "DE89370400440532013000"
    bic = "COBADEFFXXX"
    bank_name = "Commerzbank Kiel"
    payment_days = 14


class EventFactory(factory.django.DjangoModelFactory):
    """A published, public, in-person event a month ahead, open for registration."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Digitalfrühstück {n}")
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    summary = "Austausch beim Frühstück"
    venue_name = "Wissenschaftspark"
    street = "Fraunhoferstraße 13"
    postcode = "24118"
    city = "Kiel"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    is_published = True

    @factory.post_generation
    def clusters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.clusters.set(extracted)


class TicketTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.TicketType"

    event = factory.SubFactory(EventFactory)
    name = "Standard"
    price_member = Decimal("0")
    price_non_member = Decimal("0")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place, written directly (no capacity check): for setting scenes."""

    class Meta:
        model = "events.Registration"

    ticket_type = factory.SubFactory(TicketTypeFactory)
    event = factory.LazyAttribute(lambda o: o.ticket_type.event)
    person = factory.SubFactory(PersonFactory)
    status = "confirmed"
