"""Standing personas, one per role, so that every view gets its denial test.

alice: cluster staff · bob: organisation admin · carol: member person (no admin right)
dave: registered, works at no member organisation · anonymous: not logged in.
"""

import contextlib
import os
from pathlib import Path

import pytest
from django.db import connection

from tests.calendar_marks import depends_on_the_calendar
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

PASSWORD = "Geheim-Passwort-2026"


def pytest_collection_modifyitems(config, items):
    on_postgres = "postgres" in os.environ.get("DATABASE_URL", "")
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    for item in items:
        if depends_on_the_calendar(item):
            item.add_marker(pytest.mark.dates)
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(
                pytest.mark.skip(
                    reason="PostgreSQL-only behaviour (full-text search/row locks); runs in CI "
                    "with DATABASE_URL=postgres://..."
                )
            )
        if "browser" in item.keywords and not chromium.exists():
            item.add_marker(
                pytest.mark.skip(
                    reason=f"no Chromium at {chromium}; .ci/run installs Debian's chromium"
                )
            )


@pytest.fixture(scope="session", autouse=True)
def serialized_database_for_every_connection(django_db_setup):
    """Give every connection object Django creates the test database's serialized
    contents. Playwright runs an event loop in the main thread, and inside it Django hands
    out new connection objects; without the contents, a `serialized_rollback` test that
    runs after a browser test starts from a flushed database (no seeded thresholds,
    taxonomy or regions)."""
    from django.db import connections

    handler = type(connections)
    contents = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    original = handler.create_connection
    created = []

    def create_connection(self, alias):
        made = original(self, alias)
        if contents.get(alias) is not None:
            made._test_serialized_contents = contents[alias]
        created.append(made)
        return made

    handler.create_connection = create_connection
    yield
    handler.create_connection = original
    # Connections made in another context of this thread are not closed by Django's
    # teardown; an open one keeps PostgreSQL from dropping the test database. (Those of
    # worker threads may only be closed there, and the tests do.)
    from django.db import DatabaseError

    for made in created:
        with contextlib.suppress(DatabaseError):
            made.close()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, built once for a test module inside a transaction that is rolled back
    after it; its value is what `install_demo` returns. A module that needs more overrides
    it with a `demo` fixture of its own that asks for this one."""
    from django.db import transaction

    from knotenpunkt.demo.builder import install_demo

    with django_db_blocker.unblock(), transaction.atomic():
        yield install_demo()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (the directory listing is cached), and
    without the feed's rendered items and names kept in this process."""
    from django.core.cache import cache

    from knotenpunkt.feed.services.feed_cache import clear_items

    cache.clear()
    clear_items()


@pytest.fixture
def cluster(db):
    return ClusterFactory(name="DiWiSH Digitale Wirtschaft", slug="diwish")


@pytest.fixture
def other_cluster(db):
    return ClusterFactory(name="Logistik-Initiative", slug="logistik")


@pytest.fixture
def member_org(cluster):
    org = OrganisationFactory(name="Nordlicht Software GmbH", slug="nordlicht")
    MembershipFactory(organisation=org, cluster=cluster)
    return org


@pytest.fixture
def alice(cluster):
    user = UserFactory(email="alice@cluster.example", is_staff=True)
    cluster.staff.add(user)
    return user


@pytest.fixture
def bob(member_org):
    user = UserFactory(email="bob@nordlicht.example")
    person = PersonFactory(first_name="Bob", last_name="Brandt", user=user)
    PositionFactory(person=person, organisation=member_org, function="ceo", is_admin=True)
    return user


@pytest.fixture
def carol(member_org):
    user = UserFactory(email="carol@nordlicht.example")
    person = PersonFactory(first_name="Carol", last_name="Clausen", user=user)
    PositionFactory(person=person, organisation=member_org, function="developer")
    return user


@pytest.fixture
def dave(db):
    user = UserFactory(email="dave@example.org")
    PersonFactory(first_name="Dave", last_name="Dreyer", user=user)
    return user


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def private_files_in_tmp(settings, tmp_path, monkeypatch):
    """Uploaded files of the test go to tmp_path: the private storage and MEDIA_ROOT."""
    from django.apps import apps
    from django.core.files.storage import storages
    from django.db.models import FileField

    from knotenpunkt.core.uploads import private_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fields resolved their storage when the models were imported; point them at tmp_path.
    for model in apps.get_models():
        for field in model._meta.fields:
            if (
                isinstance(field, FileField)
                and getattr(field, "_storage_callable", None) is private_storage
            ):
                monkeypatch.setattr(field, "storage", storages["private"])
    return tmp_path


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"
