"""In a real browser: while someone types a person who exists already, the form warns."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Position
from knotenpunkt.directory.services.organisations import add_position
from knotenpunkt.directory.services.people import create_person
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, live_server, email, next_url):
    page.goto(f"{live_server.url}{reverse('accounts:login')}?next={next_url}")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"**{next_url}")


def test_back_office_warns_while_staff_type_a_person_who_exists(live_server, page, db):
    UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    existing = create_person(
        None, first_name="Jürgen", last_name="Groß", emails=["j.gross@nordlicht.example"]
    )
    log_in(page, live_server, "root@example.org", reverse("admin:directory_person_add"))

    page.locator("#id_first_name").fill("Juergen")
    page.locator("#id_last_name").press_sequentially("Gross", delay=30)

    warning = page.locator(".similar-region[role=status]")
    link = warning.get_by_role("link", name="Jürgen Groß")
    link.wait_for()
    assert link.get_attribute("href") == reverse(
        "admin:directory_person_change", args=[existing.pk]
    )


def test_add_colleague_form_warns_an_organisation_admin_about_a_colleague(
    live_server, page, bob, member_org
):
    colleague = create_person(
        None, first_name="Anna", last_name="Petersen", emails=["anna@nordlicht.example"]
    )
    add_position(None, member_org, colleague, function=Position.Function.DEVELOPER)
    people_url = reverse("directory:organisation_people", args=["nordlicht"])
    log_in(page, live_server, "bob@nordlicht.example", people_url)

    page.locator("#id_email").press_sequentially("ANNA@nordlicht.example", delay=20)

    warning = page.locator("#similar-people")
    warning.get_by_text("Anna Petersen").wait_for()
    assert "möglicherweise bereits erfasst" in warning.inner_text()
    assert warning.get_attribute("role") == "status"
    # Not staff: the name only, no link into the back office.
    assert warning.get_by_role("link").count() == 0
