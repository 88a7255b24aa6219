import pytest


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English UI texts (their source strings); the German catalogue is
    checked on its own in tests/core/test_translations.py."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
