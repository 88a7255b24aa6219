"""In a real browser: withdrawing a consent asks first, in KERN's dialog. "Keep it" leaves
the consent as it was; confirming withdraws it."""

import pytest
from django.urls import reverse

from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import current_consents, record_consent
from tests.browser.sessions import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_withdrawing_a_consent_asks_first_and_keep_it_changes_nothing(live_server, page, carol):
    record_consent(carol.person, Consent.Purpose.NEWSLETTER, True, source="subscribe form")
    log_in(page, live_server, carol)
    page.goto(live_server.url + reverse("privacy:overview"))

    withdraw = page.get_by_role("button", name="Einwilligung widerrufen").first
    withdraw.click()
    dialog = page.get_by_role("dialog", name="Diese Einwilligung widerrufen?")
    assert dialog.is_visible()
    dialog.get_by_role("button", name="Behalten").click()
    assert not dialog.is_visible()
    assert current_consents(carol.person)["newsletter"] is True

    withdraw.click()
    dialog.get_by_role("button", name="Einwilligung widerrufen").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.is_visible()
    assert current_consents(carol.person)["newsletter"] is False
