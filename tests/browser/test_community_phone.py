"""On a phone (390 px), the community managers' pages fit the screen and pass axe-core's
WCAG 2.1 A/AA rules, with profiles, usage and suggestions on them."""

import pytest
from django.urls import reverse

from tests.browser.sessions import log_in
from tests.browser.test_phone_tour import AXE, PHONE, problems_on
from tests.community.conftest import bert, world  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_community_pages_fit_a_phone_and_pass_axe(
    live_server,
    new_context,
    alice,
    world,  # noqa: F811
    member_org,
):
    assert AXE.exists(), "axe-core is missing: run `make dev` (frontend/fetch.py test)"
    # bypass_csp: axe-core is injected as a script the CSP would (rightly) refuse.
    page = new_context(viewport=PHONE, bypass_csp=True).new_page()
    log_in(page, live_server, alice)
    report = []
    for url in (
        reverse("community:people"),
        reverse("community:organisations"),
        reverse("community:person", args=[world.clara.pk]),
        reverse("community:person", args=[world.nina.pk]),
        reverse("community:organisation", args=[member_org.pk]),
        reverse("community:suggestions"),
    ):
        page.goto(live_server.url + url)
        report += [f"{url}: {problem}" for problem in problems_on(page)]
    assert not report, "\n".join(report)
