"""403, 404 and 500 in the site's frame, in the visitor's language, saying what to do.

pytest-django runs with DEBUG off, so the test client gets the pages a visitor gets.
"""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from knotenpunkt.front_page.errors import server_error

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.front_page.failing_urls")]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_guest_is_asked_to_log_in_and_comes_back_afterwards(client):
    response = client.get("/tests/refuse/?page=2")
    assert response.status_code == 403
    page = response.text
    assert "Diese Seite ist nicht öffentlich" in page
    assert f"{reverse('accounts:login')}?next=/tests/refuse/%3Fpage%3D2" in page
    assert 'class="site-header"' in page  # in the site's frame, with its navigation
    assert "developer detail" not in page


def test_a_logged_in_user_without_the_right_is_told_whom_to_ask(client_for, dave):
    # The registered guest of the demo, with no organisation, opens "matches for me".
    response = client_for(dave).get(reverse("matching:for_me"))
    assert response.status_code == 403
    page = response.text
    assert "dave@example.org" in page
    assert "Organisations-Admin" in page
    assert "?next=" not in page


def test_going_back_leads_to_the_previous_page_of_this_site_only(client_for, dave):
    client = client_for(dave)
    url = reverse("matching:for_me")
    back = client.get(url, headers={"referer": "http://testserver/events/"}).text
    assert 'href="http://testserver/events/"' in back
    elsewhere = client.get(url, headers={"referer": "https://evil.example/"}).text
    assert "evil.example" not in elsewhere


def test_an_unknown_address_offers_the_search_and_the_home_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.text
    assert "Seite nicht gefunden" in page
    assert f'action="{reverse("directory:organisations")}"' in page and 'name="q"' in page
    assert f'href="{reverse("home")}"' in page


def test_the_error_pages_speak_english_when_english_is_chosen(english):
    assert "Page not found" in english.get("/no-such-page/").text
    assert "This page is not public" in english.get("/tests/refuse/").text


def test_a_server_error_says_to_try_again_later_in_the_sites_look():
    client = Client(raise_request_exception=False)
    response = client.get("/tests/fail/")
    assert response.status_code == 500
    page = response.text
    assert "Bitte versuchen Sie es in einigen Minuten erneut" in page
    assert "kern.min.css" in page and '<html lang="de">' in page
    assert "the database went away" not in page


def test_a_server_error_in_english(english):
    english.raise_request_exception = False
    page = english.get("/tests/fail/").text
    assert "Please try again in a few minutes" in page and '<html lang="en">' in page


def test_the_server_error_page_needs_neither_database_nor_session(django_assert_num_queries):
    # A bare request: no user, no session. Whatever failed, the page still renders.
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Server" in response.text and "Knotenpunkt" in response.text
