"""In a real browser, at desktop and phone width: no chart label sticks out of its chart.

core.charts estimates how wide text is; here Chromium draws it with the site's fonts and
reports each label's box, turned as it is drawn, in the chart's own coordinates.
"""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Organisation
from tests.browser.sessions import log_in
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LABELS_OUTSIDE = """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
  const view = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].flatMap(text => {
    const box = text.getBBox();
    const toChart = svg.getCTM().inverse().multiply(text.getCTM());
    const corners = [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height],
                     [box.x + box.width, box.y + box.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(toChart));
    const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
    const inside = Math.min(...xs) >= view.x - 0.5 && Math.min(...ys) >= view.y - 0.5
      && Math.max(...xs) <= view.x + view.width + 0.5
      && Math.max(...ys) <= view.y + view.height + 0.5;
    return inside ? [] : [text.textContent];
  });
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_labels_lie_inside_their_charts(live_server, page, alice, cluster, width):
    for actor_type in Organisation.ActorType.values:
        MembershipFactory(cluster=cluster, organisation=OrganisationFactory(actor_type=actor_type))
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, alice)
    for url in (reverse("quality:dashboard"), reverse("directory:dashboard")):
        page.goto(live_server.url + url)
        page.evaluate("document.fonts.ready")
        assert page.locator("svg.chart text").count() > 5
        assert page.evaluate(LABELS_OUTSIDE) == [], url
