"""The cluster manager's community stops of the demo tour open on the demo data.

The demo is built once for this module inside a transaction that is rolled back
afterwards; every test asks for `db` too so that pytest-django keeps them together.
"""

import time

import pytest

from knotenpunkt.accounts.models import User
from knotenpunkt.demo.tour import ROLES, stops_for

ROLE = {role.key: role for role in ROLES}


@pytest.fixture
def manager(demo, db):
    return User.objects.get(email=ROLE["manager"].email)


def test_the_managers_community_pages_open_on_the_demo(client_for, manager):
    stops = [s for s in stops_for(ROLE["manager"]) if s.name.startswith("community")]
    assert {s.name for s in stops} == {"community", "community-suggestions", "community-profile"}
    client = client_for(manager)
    for stop in stops:
        started = time.perf_counter()
        response = client.get(stop.path)
        assert response.status_code == 200, stop.path
        # Computed on each request: it must stay quick on a cluster of the demo's size.
        assert time.perf_counter() - started < 10, stop.path
