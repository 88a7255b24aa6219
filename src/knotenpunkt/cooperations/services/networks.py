"""Partner networks and foreign clusters, their cooperation agreements, and the delegation
trips and learning journeys (events of kind "trip") that visit them."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from knotenpunkt.cooperations.models import CooperationAgreement, PartnerNetwork, TripDestination
from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster
from knotenpunkt.events.models import Event, Registration

NETWORK_FIELDS = ("name", "kind", "country", "website", "description")


def _name_taken() -> ValidationError:
    return ValidationError({"name": [_("The cluster already has a partner network of this name.")]})


def create_network(user, cluster: Cluster, data: dict) -> PartnerNetwork:
    """Add a partner network or foreign cluster to `cluster`."""
    try:
        with transaction.atomic():
            network = PartnerNetwork.objects.create(
                cluster=cluster, **{k: data[k] for k in NETWORK_FIELDS if k in data}
            )
            log_action(user, "cooperations.network.created", network, cluster=cluster.pk)
    except IntegrityError:
        raise _name_taken() from None
    return network


def update_network(user, network: PartnerNetwork, data: dict) -> PartnerNetwork:
    try:
        with transaction.atomic():
            network = PartnerNetwork.objects.select_for_update().get(pk=network.pk)
            before = snapshot(network, NETWORK_FIELDS)
            for name in NETWORK_FIELDS:
                if name in data:
                    setattr(network, name, data[name])
            network.save()
            changes = changes_between(before, snapshot(network, NETWORK_FIELDS))
            if changes:
                log_action(user, "cooperations.network.changed", network, changes=changes)
    except IntegrityError:
        raise _name_taken() from None
    return network


def delete_network(user, network: PartnerNetwork) -> None:
    """Remove a network with its agreements and trip links (the trips themselves stay)."""
    documents = [a.document for a in network.agreements.exclude(document="")]
    with transaction.atomic():
        log_action(
            user,
            "cooperations.network.deleted",
            network,
            agreements=network.agreements.count(),
        )
        network.delete()
        transaction.on_commit(lambda: [d.delete(save=False) for d in documents])


def add_agreement(user, network: PartnerNetwork, data: dict, document=None):
    """Record a signed agreement with the network, with its document if given."""
    signed_on, ends_on = data["signed_on"], data.get("ends_on")
    if ends_on is not None and ends_on < signed_on:
        raise ValidationError({"ends_on": [_("The agreement cannot end before it is signed.")]})
    with transaction.atomic():
        agreement = CooperationAgreement(
            network=network, subject=data["subject"], signed_on=signed_on, ends_on=ends_on
        )
        if document:
            agreement.document.save(document.name, document, save=False)
        agreement.save()
        log_action(
            user,
            "cooperations.agreement.added",
            network,
            agreement=agreement.pk,
            subject=agreement.subject,
        )
    return agreement


def delete_agreement(user, agreement: CooperationAgreement) -> None:
    document = agreement.document if agreement.document else None
    with transaction.atomic():
        log_action(
            user,
            "cooperations.agreement.deleted",
            agreement.network,
            agreement=agreement.pk,
            subject=agreement.subject,
        )
        agreement.delete()
        if document is not None:
            transaction.on_commit(lambda: document.delete(save=False))


def trip_candidates(network: PartnerNetwork):
    """Trips the network's cluster organises that do not visit the network yet."""
    return (
        Event.objects.filter(kind=Event.Kind.TRIP, clusters=network.cluster)
        .exclude(trip_destinations__network=network)
        .order_by("-starts_at")
    )


def link_trip(user, network: PartnerNetwork, event: Event) -> TripDestination:
    """Record that a trip of the network's cluster visits the network."""
    if event.kind != Event.Kind.TRIP:
        raise ValidationError(
            _("Only an event of the kind “delegation trip or learning journey” can be linked.")
        )
    if not event.clusters.filter(pk=network.cluster_id).exists():
        raise ValidationError(_("The trip is not organised by this network's cluster."))
    try:
        with transaction.atomic():
            destination = TripDestination.objects.create(event=event, network=network)
            log_action(user, "cooperations.trip.linked", network, event=event.pk, trip=event.title)
    except IntegrityError:
        raise ValidationError(_("This trip is already linked to the network.")) from None
    return destination


def unlink_trip(user, destination: TripDestination) -> None:
    with transaction.atomic():
        log_action(
            user,
            "cooperations.trip.unlinked",
            destination.network,
            event=destination.event_id,
            trip=destination.event.title,
        )
        destination.delete()


def participants():
    """Registrations that count as taking part in a trip: checked in, not cancelled."""
    return Registration.objects.filter(checked_in_at__isnull=False).exclude(
        status=Registration.Status.CANCELLED
    )


def trips_of(network: PartnerNetwork) -> list[TripDestination]:
    """The trips visiting the network, newest first, each with `event.participants`."""
    return list(
        network.trip_destinations.select_related("event")
        .prefetch_related(
            Prefetch(
                "event__registrations",
                queryset=participants()
                .select_related("person", "organisation")
                .order_by("person__last_name", "person__first_name", "pk"),
                to_attr="participants",
            )
        )
        .order_by("-event__starts_at")
    )
