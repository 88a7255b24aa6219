"""Webhooks go only to https addresses on the internet (SSRF), unless the development
setting allows local ones."""

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from knotenpunkt.webhooks.models import Delivery
from knotenpunkt.webhooks.services import create_subscription, emit, send_due
from knotenpunkt.webhooks.services.addresses import check, is_public

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.1/hook",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[fe80::1]/hook",
        "https://0.0.0.0/hook",
        "https://100.64.0.1/hook",
        "https://224.0.0.1/hook",
        "https://localhost/hook",
    ],
)
def test_a_private_loopback_or_link_local_address_is_refused_with_a_reason(url):
    reason = check(url)
    assert reason is not None
    assert "which is not public" in reason


def test_plain_http_is_refused():
    assert check("http://93.184.215.14/hook") == "Webhooks are sent only to https addresses."


def test_an_unknown_host_is_refused():
    assert "could not be resolved" in check("https://no-such-host.invalid/hook")


def test_a_user_name_in_the_address_is_refused():
    assert "user name" in check("https://user:pw@93.184.215.14/hook")


def test_a_public_address_is_accepted():
    assert check("https://93.184.215.14/hook") is None
    assert is_public(ipaddress.ip_address("2a00:1450:4001:80b::200e"))


def test_wrapped_private_addresses_are_not_public():
    for text in ["::ffff:10.0.0.1", "2002:7f00:1::", "64:ff9b::a9fe:a9fe", "::127.0.0.1"]:
        assert not is_public(ipaddress.ip_address(text)), text


def test_the_development_setting_allows_local_http(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    assert check("http://127.0.0.1:8000/hook") is None
    assert check("http://localhost:8000/hook") is None


def test_saving_a_subscription_to_a_private_address_fails_on_the_url_field(member_org, bob):
    with pytest.raises(ValidationError) as raised:
        create_subscription(
            bob,
            organisation=member_org,
            url="https://169.254.169.254/",
            event_types=["invoice.issued"],
        )
    assert "169.254.169.254" in raised.value.message_dict["url"][0]


def test_an_address_that_became_private_is_refused_at_delivery_and_logged(
    member_org, bob, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    create_subscription(
        bob, organisation=member_org, url="https://127.0.0.1/hook", event_types=["invoice.issued"]
    )
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    with django_capture_on_commit_callbacks(execute=True):
        message = emit("invoice.issued", {}, organisations=[member_org])
    delivery = Delivery.objects.get(message=message)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.response_status is None
    assert "127.0.0.1" in delivery.error and "public" in delivery.error
    assert send_due() == {"succeeded": 0, "failed": 0, "given_up": 0}
