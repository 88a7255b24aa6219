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
