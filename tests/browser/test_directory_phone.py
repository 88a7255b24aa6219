"""The directory on a phone (390 px): nothing wider than the screen, the count first and
the filters folded away until asked for; choosing one updates results and count."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((e) => e.tagName + "." + e.className)"""


def test_directory_on_a_phone_shows_the_count_first_and_filters_on_request(
    live_server, page, member_org, other_cluster
):
    other = OrganisationFactory(name="Hafenlogistik Kiel GmbH", slug="hafenlogistik")
    MembershipFactory(organisation=other, cluster=other_cluster)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("directory:organisations"))

    assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
    count = page.locator("#results-count")
    expect(count).to_have_text("2 Organisationen")
    assert count.bounding_box()["y"] < page.locator("#id_q").bounding_box()["y"]
    cluster_select = page.locator("#id_cluster")
    assert not cluster_select.is_visible()

    page.get_by_text("Filter", exact=True).click()
    cluster_select.select_option(other_cluster.slug)
    expect(count).to_have_text("1 Organisation")
    expect(page.get_by_role("link", name="Hafenlogistik Kiel GmbH")).to_be_visible()
    expect(page.get_by_role("link", name="Nordlicht Software GmbH")).to_have_count(0)
    # The disclosure stays open while one works with it (htmx swaps only the results).
    assert cluster_select.is_visible()
    assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
