"""The directory on a phone: the result count first, the filters behind a "Filter"
disclosure that is open only while a filter is set."""

import re

from django.urls import reverse

DISCLOSURE = re.compile(r'<details class="kern-accordion filter-disclosure"( open)?>')


def test_the_result_count_comes_before_the_search_and_the_filters(client, member_org):
    html = client.get(reverse("directory:organisations")).text
    count = html.index('id="results-count"')
    assert count < html.index('name="q"') < html.index("filter-disclosure")
    assert re.search(r'<p id="results-count"[^>]*role="status"[^>]*>1 Organisation</p>', html)


def test_the_filters_are_closed_while_none_is_set(client, member_org):
    html = client.get(reverse("directory:organisations"), {"q": "Nordlicht"}).text
    assert DISCLOSURE.search(html).group(1) is None
    # Searching is no filter: the search box stays outside the disclosure.
    assert html.index('name="q"') < html.index("filter-disclosure")


def test_the_filters_are_open_and_counted_while_one_is_set(client, member_org, cluster):
    html = client.get(reverse("directory:organisations"), {"cluster": cluster.slug}).text
    assert DISCLOSURE.search(html).group(1) == " open"
    assert "1 aktiv" in html


def test_a_filter_that_does_not_exist_opens_the_disclosure_to_show_the_error(client, member_org):
    html = client.get(reverse("directory:organisations"), {"cluster": "gibt-es-nicht"}).text
    assert DISCLOSURE.search(html).group(1) == " open"


def test_htmx_gets_the_results_and_the_count_for_its_out_of_band_swap(client, member_org):
    response = client.get(
        reverse("directory:organisations"),
        {"q": "keine-solche-firma"},
        headers={"HX-Request": "true"},
    )
    assert response.text.startswith('<p id="results-count"')
    assert "0 Organisationen" in response.text
    assert 'id="results"' in response.text
    assert "filter-disclosure" not in response.text
