"""Live brainwriting under real concurrency (PostgreSQL row locks): many people write in
the last millisecond of a round while others' requests pass the sheets."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from knotenpunkt.participation.models import BrainwritingIdea, BrainwritingRound, Phase
from knotenpunkt.participation.services import brainwriting as services
from tests.factories import UserFactory
from tests.participation.conftest import process  # noqa: F401 - the process with its phases

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
MS = timedelta(milliseconds=1)
WRITERS = 9


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ideas_of_the_last_millisecond_survive_the_sheets_passing_at_the_same_time(
    process,  # noqa: F811 - the fixture imported above
    alice,
):
    process.visibility = process.Visibility.PUBLIC
    process.save()
    phase = process.phases.get(module=Phase.Module.BRAINWRITING)
    session = services.configure_session(
        alice, phase, rounds=3, minutes_per_round=3, ideas_per_round=3, groups=["A", "B", "C"]
    )
    groups = list(session.groups.all())
    writers = [UserFactory(email=f"writer{n}@example.org") for n in range(WRITERS)]
    for n, user in enumerate(writers):
        services.join_group(user, session, groups[n % 3])
    session = services.start(alice, session, now=T0)
    deadline = T0 + timedelta(minutes=3)
    barrier = threading.Barrier(WRITERS * 2)
    errors, refused = [], []

    def write(user, n):
        barrier.wait()
        try:
            services.submit_idea(user, session, text=f"Idee {n}", round_number=1, now=deadline - MS)
        except services.IdeaRefused as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def look(n):
        barrier.wait()
        try:
            services.sync(session, deadline + n * MS)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(u, n)) for n, u in enumerate(writers)]
    threads += [threading.Thread(target=look, args=(n + 1,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == [] and refused == []
    assert BrainwritingRound.objects.filter(session=session).count() == 2  # passed once
    for user in writers:
        idea = BrainwritingIdea.objects.get(author=user)
        seat = services.seat_of(user, session)
        assert idea.round == 1
        assert idea.sheet == services.sheet_held(seat, 1)
