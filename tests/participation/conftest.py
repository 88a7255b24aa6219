"""A county's digitalisation-strategy process, run by the cluster, with a phase per
module; the standing personas (tests/conftest.py) take part or not by its visibility."""

from datetime import timedelta

import pytest
from django.utils import timezone

from knotenpunkt.participation.models import Phase, Process
from knotenpunkt.participation.services.processes import add_phase, create_process


@pytest.fixture
def process(cluster, alice):
    """Published, members only, moderated by alice (staff of the cluster)."""
    made = create_process(
        alice,
        cluster,
        title="Digitalstrategie Landkreis 2035",
        summary="Wie sieht die Wirtschaft des Landkreises 2035 aus?",
        visibility=Process.Visibility.MEMBERS,
        is_published=True,
    )
    today = timezone.localdate()
    add_phase(
        alice,
        made,
        title="Workshop",
        module=Phase.Module.BRAINWRITING,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=1),
    )
    add_phase(
        alice,
        made,
        title="Bürgerdialog",
        module=Phase.Module.DIALOGUE,
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=40),
    )
    return made


@pytest.fixture(autouse=True)
def english_messages():
    """The services' messages are compared in their English source wording; pages are
    requested as a visitor would and answer in German (the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
