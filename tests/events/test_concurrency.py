"""No overselling: parallel registrations at a nearly full event, on PostgreSQL row locks."""

import threading

import pytest
from django.db import connection

from knotenpunkt.events.models import Registration
from knotenpunkt.events.services.registration import register
from tests.factories import (
    EventFactory,
    PersonFactory,
    RegistrationFactory,
    TicketTypeFactory,
    UserFactory,
)

THREADS = 24


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_registrations_fill_exactly_the_capacity_and_the_contingent(cluster):
    event = EventFactory(clusters=[cluster], capacity=20)
    standard = TicketTypeFactory(event=event, name="Standard")
    workshop = TicketTypeFactory(event=event, name="Workshop", contingent=5)
    # Nearly full: 16 of 20 places taken, 4 of them from the workshop contingent of 5.
    for _ in range(12):
        RegistrationFactory(ticket_type=standard)
    for _ in range(4):
        RegistrationFactory(ticket_type=workshop)
    people = []
    for n in range(THREADS):
        user = UserFactory(email=f"rush{n}@example.org")
        people.append((user, PersonFactory(user=user)))
    outcomes, errors = [], []
    barrier = threading.Barrier(THREADS)

    def worker(user, person, ticket_type):
        barrier.wait()
        try:
            outcomes.append(register(user, event, ticket_type, person).status)
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(user, person, workshop if n % 2 else standard))
        for n, (user, person) in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert outcomes.count("confirmed") == 4
    assert outcomes.count("waiting") == THREADS - 4
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    assert confirmed.count() == 20
    assert confirmed.filter(ticket_type=workshop).count() <= 5
