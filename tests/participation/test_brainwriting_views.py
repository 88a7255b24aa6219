"""Live brainwriting, the pages: who may see and run them, the polled sheet, writing with
and without HTMX, and what happens to a text that arrives too late."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from knotenpunkt.participation.models import BrainwritingIdea, BrainwritingSession, Phase
from knotenpunkt.participation.services import brainwriting as services
from tests.factories import PersonFactory, PositionFactory, UserFactory

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(process):
    return process.phases.get(module=Phase.Module.BRAINWRITING)


@pytest.fixture
def session(phase, alice):
    return services.configure_session(
        alice, phase, rounds=2, minutes_per_round=3, ideas_per_round=2, groups=["Tourismus"]
    )


@pytest.fixture
def uwe(member_org):
    user = UserFactory(email="uwe@nordlicht.example")
    PositionFactory(person=PersonFactory(first_name="Uwe", user=user), organisation=member_org)
    return user


@pytest.fixture
def started(session, carol, uwe, alice):
    group = session.groups.get()
    services.join_group(carol, session, group)
    services.join_group(uwe, session, group)
    return services.start(alice, session, now=T0)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name, phase, *args):
    return reverse(f"participation:{name}", args=[phase.pk, *args])


def test_the_process_page_links_the_brainwriting_phase(client_for, process, phase, carol):
    page = client_for(carol).get(reverse("participation:process", args=[process.slug]))
    assert url("brainwriting", phase) in page.content.decode()


def test_outsiders_do_not_find_the_session_and_anonymous_visitors_must_log_in(
    session, phase, dave, client
):
    assert client_of(dave).get(url("brainwriting", phase)).status_code == 404
    assert client_of(dave).get(url("brainwriting_sheet", phase)).status_code == 404
    assert client_of(dave).post(url("brainwriting_write", phase), {"text": "x"}).status_code == 404
    response = client.get(url("brainwriting", phase))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("brainwriting_setup", "get"),
        ("brainwriting_setup", "post"),
        ("brainwriting_control", "post"),
        ("brainwriting_group_add", "post"),
        ("brainwriting_assign", "post"),
        ("brainwriting_overview", "get"),
    ],
)
def test_only_facilitators_run_the_session(session, phase, carol, name, method):
    response = getattr(client_of(carol), method)(url(name, phase), {"action": "start"})
    assert response.status_code == 403
    assert BrainwritingSession.objects.get(pk=session.pk).state == "preparing"


def test_a_participant_joins_a_group_and_the_facilitator_starts(session, phase, carol, alice):
    group = session.groups.get()
    carols = client_of(carol)
    carols.post(url("brainwriting_join", phase), {"group": group.pk})
    page = carols.get(url("brainwriting", phase))
    assert f'data-seat-group="{group.pk}"' in page.content.decode()
    response = client_of(alice).post(url("brainwriting_control", phase), {"action": "start"})
    assert response.status_code == 302
    page = carols.get(url("brainwriting", phase)).content.decode()
    assert 'id="brainwriting-idea-form"' in page
    assert "data-countdown" in page


def test_the_facilitator_sets_up_groups_and_assigns_people(phase, alice, carol):
    alices = client_of(alice)
    alices.post(
        url("brainwriting_setup", phase),
        {"rounds": 4, "minutes_per_round": 5, "ideas_per_round": 3, "groups": "A\nB"},
    )
    session = BrainwritingSession.objects.get(phase=phase)
    assert (session.rounds, session.minutes_per_round) == (4, 5)
    assert [g.title for g in session.groups.all()] == ["A", "B"]
    b = session.groups.get(title="B")
    alices.post(url("brainwriting_assign", phase), {"email": carol.email, "group": b.pk})
    assert services.seat_of(carol, session).group == b
    # Someone who may not take part is not assigned.
    alices.post(url("brainwriting_assign", phase), {"email": "dave@example.org", "group": b.pk})
    assert b.seats.count() == 1


def test_the_settings_form_explains_a_bad_value_and_keeps_the_input(phase, alice):
    page = client_of(alice).post(
        url("brainwriting_setup", phase),
        {"rounds": 0, "minutes_per_round": 3, "ideas_per_round": 3, "groups": "Tourismus"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "kern-form-input--error" in text
    assert "Tourismus" in text
    assert not BrainwritingSession.objects.filter(phase=phase).exists()


def test_writing_with_htmx_answers_the_empty_form_and_the_sheet(started, phase, carol):
    with freeze_time(T0 + MINUTE):
        response = client_of(carol).post(
            url("brainwriting_write", phase),
            {"text": "Radwanderkarte", "round": 1},
            HTTP_HX_REQUEST="true",
        )
    text = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="true"' in text
    assert "Radwanderkarte" in text  # on the sheet
    assert "data-draft-sent" in text  # the form is empty again
    assert BrainwritingIdea.objects.get().text == "Radwanderkarte"


def test_writing_without_javascript_redirects_to_the_page_with_the_idea(started, phase, carol):
    carols = client_of(carol)
    with freeze_time(T0 + MINUTE):
        response = carols.post(
            url("brainwriting_write", phase), {"text": "Hofladen-Route", "round": 1}
        )
        assert response.status_code == 302
        # A reload shows what is stored: the sheet is the server's.
        page = carols.get(url("brainwriting", phase)).content.decode()
    assert "Hofladen-Route" in page


def test_a_text_sent_after_the_deadline_comes_back_in_the_form(started, phase, carol):
    with freeze_time(T0 + 3 * MINUTE + timedelta(milliseconds=1)):
        response = client_of(carol).post(
            url("brainwriting_write", phase),
            {"text": "Zu spät, aber nicht verloren", "round": 1},
            HTTP_HX_REQUEST="true",
        )
    text = response.content.decode()
    assert "data-refused" in text
    assert ">Zu spät, aber nicht verloren</textarea>" in text
    assert not BrainwritingIdea.objects.exists()
    # The sheet in the answer is the one of round 2.
    assert 'name="round" value="2"' in text


def test_a_text_refused_without_javascript_is_shown_again(started, phase, carol):
    with freeze_time(T0 + 4 * MINUTE):
        page = client_of(carol).post(
            url("brainwriting_write", phase), {"text": "Spätzünder", "round": 1}
        )
    assert page.status_code == 200
    assert ">Spätzünder</textarea>" in page.content.decode()


def test_the_poll_answers_no_content_until_something_changes(started, phase, carol, uwe):
    carols = client_of(carol)
    with freeze_time(T0 + MINUTE):
        page = carols.get(url("brainwriting_sheet", phase))
        assert page.status_code == 200
        version = services.sheet_in_hand(carol, started).version
        assert carols.get(url("brainwriting_sheet", phase), {"v": version}).status_code == 204
    # The round ends while nobody acts: the next poll moves the session on and the sheet.
    with freeze_time(T0 + 3 * MINUTE + timedelta(seconds=1)):
        page = carols.get(url("brainwriting_sheet", phase), {"v": version})
    assert page.status_code == 200
    assert 'name="round" value="2"' in page.content.decode()
    assert BrainwritingSession.objects.get(pk=started.pk).current_round == 2


def test_participants_never_see_authors_and_facilitators_only_if_the_process_says_so(
    started, phase, carol, alice, process
):
    with freeze_time(T0 + MINUTE):
        services.submit_idea(carol, started, text="Sternwarte", round_number=1)
        sheet_page = client_of(carol).get(url("brainwriting", phase)).content.decode()
        overview = client_of(alice).get(url("brainwriting_setup", phase)).content.decode()
        assert "Sternwarte" in overview
        assert "data-author" not in overview
        process.attribute_ideas = True
        process.save()
        overview = client_of(alice).get(url("brainwriting_setup", phase)).content.decode()
    assert "Sternwarte" in sheet_page
    assert carol.email not in sheet_page
    assert "data-author" in overview
    assert carol.email in overview


def test_the_facilitator_ends_the_round_early_and_the_sheets_pass(started, phase, alice, carol):
    with freeze_time(T0 + MINUTE):
        client_of(alice).post(url("brainwriting_control", phase), {"action": "end_round"})
    session = BrainwritingSession.objects.get(pk=started.pk)
    assert session.current_round == 2
    assert session.round_ends_at == T0 + 4 * MINUTE


def test_the_overview_is_one_handful_of_queries(
    started, phase, alice, carol, uwe, django_assert_max_num_queries
):
    with freeze_time(T0 + MINUTE):
        for user in (carol, uwe):
            services.submit_idea(user, started, text=f"Idee von {user.email}", round_number=1)
        alices = client_of(alice)
        alices.get(url("brainwriting_setup", phase))
        with django_assert_max_num_queries(25):
            page = alices.get(url("brainwriting_setup", phase))
    assert page.status_code == 200


def test_the_waiting_page_reloads_itself_when_the_session_starts(session, phase, carol, alice):
    services.join_group(carol, session, session.groups.get())
    carols = client_of(carol)
    assert carols.get(url("brainwriting_sheet", phase), {"v": "preparing"}).status_code == 204
    services.start(alice, session, now=T0)
    with freeze_time(T0 + MINUTE):
        response = carols.get(url("brainwriting_sheet", phase), {"v": "preparing"})
    assert response["HX-Refresh"] == "true"


def test_someone_who_did_not_join_sees_the_running_session_without_a_sheet(started, phase, bob):
    with freeze_time(T0 + MINUTE):
        page = client_of(bob).get(url("brainwriting", phase))
        refused = client_of(bob).post(
            url("brainwriting_write", phase), {"text": "Ich will auch", "round": 1}
        )
    assert page.status_code == 200
    assert 'id="brainwriting-idea-form"' not in page.content.decode()
    assert ">Ich will auch</textarea>" in refused.content.decode()
    assert not BrainwritingIdea.objects.exists()


def test_a_poll_and_a_submission_take_a_handful_of_queries(started, phase, carol):
    carols = client_of(carol)
    with freeze_time(T0 + MINUTE):
        carols.get(url("brainwriting_sheet", phase))
        version = services.sheet_in_hand(carol, started).version
        with CaptureQueriesContext(connection) as poll:
            assert carols.get(url("brainwriting_sheet", phase), {"v": version}).status_code == 204
        with CaptureQueriesContext(connection) as submission:
            carols.post(
                url("brainwriting_write", phase),
                {"text": "Zählen", "round": 1},
                HTTP_HX_REQUEST="true",
            )
    # Measured: 10 and 20 (session, user, the process's visibility, the session, the sheet).
    assert len(poll) <= 12
    assert len(submission) <= 24


def test_the_facilitators_controls_follow_a_round_that_ends_by_its_clock(started, phase, alice):
    """The polled overview brings the controls along: after the last round ran out, the
    facilitator is no longer offered to end or pause it."""
    alices = client_of(alice)
    with freeze_time(T0 + MINUTE):
        page = alices.get(url("brainwriting_setup", phase)).content.decode()
        version = page.split("?v=", 1)[1].split('"', 1)[0]
        assert 'value="pause"' in page
        assert alices.get(url("brainwriting_overview", phase), {"v": version}).status_code == 204
    with freeze_time(T0 + 7 * MINUTE):  # both rounds of three minutes are over
        overview = alices.get(url("brainwriting_overview", phase), {"v": version}).text
    controls = overview[overview.index('id="brainwriting-controls"') :]
    assert 'hx-swap-oob="true"' in controls[:60]
    assert 'value="end_round"' not in overview and 'value="pause"' not in overview
    assert 'data-state="finished"' in overview
