"""The demo's target groups fit the demo data and are previewed fast at its size."""

import time

import pytest

from knotenpunkt.demo.segments import build_segments_demo
from knotenpunkt.mailings.models import Segment
from knotenpunkt.mailings.services.segments import preview


@pytest.fixture(scope="module")
def demo(demo, django_db_blocker):
    with django_db_blocker.unblock():
        build_segments_demo()  # once more: it must add nothing


def test_running_the_segments_demo_again_adds_nothing(demo, db):
    assert build_segments_demo() is False
    assert Segment.objects.count() == 4


@pytest.mark.parametrize(
    "name",
    [
        "IT-Leitungen der Mitglieder",
        "Personalverantwortliche",
        "KI-Interessierte außerhalb der Fachgruppe",
        "Forschung und Lehre",
    ],
)
def test_each_demo_segment_reaches_people_within_a_second(demo, db, name):
    segment = Segment.objects.get(name=name)

    started = time.perf_counter()
    count, sample = preview(segment)
    elapsed = time.perf_counter() - started

    assert count > 0
    assert len(sample) == min(count, 10)
    assert elapsed < 1.0, f"{name}: {elapsed:.3f}s"
