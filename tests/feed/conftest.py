import pytest
from django.utils import translation

from knotenpunkt.directory.models import Topic


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def cloud(db):
    return Topic.objects.create(slug="cloud-feed", label_de="Cloud", label_en="Cloud")


@pytest.fixture
def security(db):
    return Topic.objects.create(slug="security-feed", label_de="Sicherheit", label_en="Security")
