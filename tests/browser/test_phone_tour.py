"""On a phone (390 px), every role's main pages fit the screen and pass axe-core's
WCAG 2.1 A/AA rules, on the demo data.

The pages are `knotenpunkt.demo.tour`'s, the same `make screenshots` photographs. One
test walks them all (the demo takes half a minute to build) and reports every page's
problems at once. axe-core comes from frontend/packages (fetched by `make dev`).
"""

import json
from pathlib import Path

import pytest

from knotenpunkt.demo.builder import install_demo
from knotenpunkt.demo.tour import ROLES, log_in, stops_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "frontend" / "packages" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The widest elements, so a failure says what to fix, not only that something is wide.
WIDEST = """() => {
  const limit = window.innerWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 1)
    .filter(el => !el.closest('.kern-table-responsive, [hidden]'))
    .slice(0, 3)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
               + ` right=${Math.round(el.getBoundingClientRect().right)}`);
}"""


def problems_on(page) -> list[str]:
    found = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"{overflow} px wider than the phone: {page.evaluate(WIDEST)}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"][:3]]
        found.append(f"axe {violation['id']} ({violation['impact']}): {json.dumps(targets)}")
    return found


def test_every_roles_main_pages_fit_a_phone_and_pass_axe(live_server, browser):
    assert AXE.exists(), "axe-core is missing: run `make dev` (frontend/fetch.py test)"
    install_demo()
    tour = [(role, stops_for(role)) for role in ROLES]
    report = []
    pages_seen = 0
    for role, stops in tour:
        # bypass_csp: axe-core is injected as a script the CSP would (rightly) refuse.
        context = browser.new_context(viewport=PHONE, locale="de-DE", bypass_csp=True)
        page = context.new_page()
        if role.email:
            log_in(page, live_server.url, role)
        for stop in stops:
            page.goto(live_server.url + stop.path)
            pages_seen += 1
            report += [f"{role.key} {stop.path}: {problem}" for problem in problems_on(page)]
        context.close()

    assert pages_seen >= 40
    assert not report, "\n".join(report)
