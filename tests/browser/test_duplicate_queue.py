"""In a real browser, at desktop and phone width: the duplicate queue shows each pair as a
card, its two records side by side where there is room and one above the other on a
phone, without horizontal scrolling and without splitting names or labels mid-word."""

import pytest
from django.urls import reverse

from knotenpunkt.quality.models import CandidatePair
from tests.browser.sessions import log_in
from tests.factories import OrganisationFactory, PersonEmailFactory, PersonFactory, PositionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Words drawn on more than one line in the card's names, headings, badges, reasons and
# buttons. A compound breaks at its own hyphens ("Schleswig-|Holstein"), so the parts
# between hyphens count as words.
SPLIT_WORDS = """() => {
  const split = [];
  const selector = '.duplicate-pair .kern-title, .duplicate-record__name, .kern-badge, '
    + '.duplicate-pair__reasons li, .duplicate-pair .kern-btn .kern-label';
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\-\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.fixture
def long_pair(cluster):
    organisation = OrganisationFactory(
        name="Zweckverband Digitale Infrastruktur Ostseeküste Schleswig-Holstein"
    )
    people = []
    for last_name in ("Schleswig-Holsteinische-Datenschutzbeauftragte", "Schleswigholsteiner"):
        person = PersonFactory(first_name="Friederike-Charlotte", last_name=last_name)
        PersonEmailFactory(
            person=person,
            address="friederike-charlotte.schleswig-holsteinische@zweckverband-digitale-"
            "infrastruktur-ostseekueste.example",
        )
        PositionFactory(person=person, organisation=organisation)
        people.append(person)
    a, b = sorted(p.pk for p in people)
    return CandidatePair.objects.create(
        kind=CandidatePair.Kind.PERSON,
        record_a_id=a,
        record_b_id=b,
        score=0.93,
        agreements=["email", "first_name"],
    )


def boxes(page, pair):
    records = page.locator(f"#pair-{pair.pk} .duplicate-pair__record")
    return records.nth(0).bounding_box(), records.nth(1).bounding_box()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_queue_reads_without_scrolling_sideways_or_words_split(
    live_server, page, alice, long_pair, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("quality:duplicates"))
    assert page.locator(".duplicate-pair").count() == 1

    a, b = boxes(page, long_pair)
    if width >= 1024:
        assert b["x"] >= a["x"] + a["width"] and abs(b["y"] - a["y"]) < 2  # side by side
    else:
        assert b["y"] >= a["y"] + a["height"]  # one above the other
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.evaluate(SPLIT_WORDS) == []
