"""The measures matrix and the solution map in a real browser: the matrix stays inside
the phone's width with every label inside the drawing, and the solution map prints
without the site's frame, its cells side by side."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import Phase, Process
from knotenpunkt.participation.services import measures as services
from knotenpunkt.participation.services.processes import add_phase, create_process
from tests.browser.sessions import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT_OUTSIDE = """() => [...document.querySelectorAll('.measures-matrix svg')].flatMap(svg => {
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


@pytest.fixture
def table(alice, cluster, carol):
    process = create_process(
        alice,
        cluster,
        title="Digitalstrategie",
        summary="Workshop",
        visibility=Process.Visibility.MEMBERS,
        is_published=True,
    )
    phase = add_phase(
        alice,
        process,
        title="Maßnahmen",
        module=Phase.Module.MEASURES,
        starts_on=timezone.localdate() - timedelta(days=1),
        ends_on=timezone.localdate() + timedelta(days=1),
    )
    services.save_setup(alice, process, value_scale=5, feasibility_scale=5, scoring_open=True)
    field = services.save_field(alice, process, title="Verwaltung")
    mission = services.save_mission(
        alice, process, title="Digitale Ämter", fields_of_action=[field]
    )
    for title, value, feasibility in [
        ("Online-Portal für alle Anträge", 5, 5),
        ("WLAN in Schulen", 1, 5),
        ("Glasfaser", 5, 1),
        ("Kurse", 1, 1),
        ("Chatbot", 5, 5),
    ]:
        measure = services.save_measure(alice, process, {"mission": mission, "title": title})
        services.score_measure(carol, measure, value=value, feasibility=feasibility)
    portal = process.measures.get(title="Online-Portal für alle Anträge")
    services.choose_measure(alice, portal, True)
    services.save_solution_map(
        alice,
        portal,
        actors="IT-Amt\nKämmerei",
        resources="2 Stellen",
        risks="Fachkräftemangel",
        first_step="Kick-off",
        steps=["Bedarf erheben", "Ausschreiben", "Einführen"],
    )
    return phase, portal


@pytest.mark.parametrize("width", [1280, 390])
def test_the_matrix_fits_the_screen_with_every_label_inside(live_server, page, carol, table, width):
    phase, _portal = table
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, carol)
    page.goto(live_server.url + reverse("participation:measures_matrix", args=[phase.pk]))
    page.evaluate("document.fonts.ready")
    assert page.locator(".matrix-point").count() == 5
    assert page.evaluate(TEXT_OUTSIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_solution_map_prints_without_the_sites_frame(live_server, page, carol, table):
    phase, portal = table
    log_in(page, live_server, carol)
    page.goto(live_server.url + reverse("participation:measure_map", args=[phase.pk, portal.pk]))
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".measures-nav").is_visible()
    assert page.locator("#solution-map h1").is_visible()
    actors = page.locator(".solution-map__cell--actors").bounding_box()
    resources = page.locator(".solution-map__cell--resources").bounding_box()
    assert actors["y"] == pytest.approx(resources["y"], abs=2)
    assert resources["x"] > actors["x"] + actors["width"] - 1
    assert len(page.pdf(format="A4", landscape=True)) > 1000
