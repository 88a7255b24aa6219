"""No request input causes a server error: every URL of the platform is asked with huge,
negative, non-numeric and NUL-containing values in each query parameter its view reads
and in each field of its forms, as an anonymous visitor, a member and cluster staff.

Which query parameters a view reads is found by asking it once and recording the keys it
looks up; the form fields come from the page's HTML and from what a POST looks up.
"""

import datetime
import re
from contextlib import contextmanager

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from knotenpunkt.core.params import bounded_int, int_list
from tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MeetingFactory,
    RegistrationFactory,
    TicketTypeFactory,
)

HUGE = str(10**30)
# "²" is a digit to str.isdigit() and none to int().
BAD_VALUES = [HUGE, "-1", "²", "1\x00"]
# Not pages of the platform: the admin (its own test), the mail providers' webhooks
# (signed requests, their own tests), files, and the requests that end the session.
# cms/: Wagtail's editor (staff only) answers some malformed parameters with a 500 (its
# choosers and move views): listed in docs/website.md ("Known limits"), not ours to patch.
SKIPPED = (
    "admin/",
    "cms/",
    "mailings/webhooks/",
    "media/",
    "accounts/logout/",
    "i18n/setlang/",
)
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"")
NOT_SENT = {"csrfmiddlewaretoken"}


# The helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (HUGE, None),
        ("-1", None),
        ("abc", None),
        ("1\x00", None),
        ("٣", None),
        ("²", None),
        ("", None),
        (None, None),
        ("+5", 5),
    ],
)
def test_bounded_int_takes_only_whole_numbers_within_bounds(value, expected):
    assert bounded_int(value) == expected


def test_bounded_int_answers_the_default_outside_the_bounds():
    assert bounded_int("13", 1, minimum=1, maximum=12) == 1


def test_int_list_keeps_the_valid_numbers_once():
    assert int_list(["3", HUGE, "x", "3", "0", "5"]) == [3, 5]


# The URL map --------------------------------------------------------------------------------


def routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED):
            yield route


@pytest.fixture
def dataset(cluster, member_org, alice, bob, carol):
    """One of each kind of object the pages show, so that paths lead somewhere."""
    from knotenpunkt.directory.models import Position
    from knotenpunkt.mailings.models import MailingList

    group = GroupFactory(name="Fachgruppe KI", slug="fachgruppe-ki", clusters=[cluster])
    carol_person = carol.person
    GroupMembershipFactory(group=group, person=carol_person, role="lead")
    meeting = MeetingFactory(group=group)
    event = EventFactory(slug="zukunftsgipfel", clusters=[cluster])
    ticket = TicketTypeFactory(event=event)
    registration = RegistrationFactory(ticket_type=ticket, person=carol_person)
    position = Position.objects.filter(person=carol_person).first()
    MailingList.objects.create(cluster=cluster, name="Newsletter", slug="newsletter")
    participation = _participation(cluster, alice)
    posting = _job_posting(alice, member_org, cluster)
    return {
        "slug": {
            "directory/o/": member_org.slug,
            "directory/c/": cluster.slug,
            "groups/": group.slug,
            "events/": event.slug,
            "matching/profile/": member_org.slug,
            "mailings/archive/": cluster.slug,
            "shop/my-offerings/": member_org.slug,
            "quality/records/": "people",
            "participation/": participation["process"].slug,
            "participation/board/": "vision",
            "participation/dialogue/": "proposal",
            "jobs/": posting.slug,
            "jobs/new/": member_org.slug,
            "jobs/settings/": cluster.slug,
        },
        "int": {
            "directory/o/": position.pk,
            "groups/": meeting.pk,
            "events/registrations/": registration.pk,
            **participation["ids"],
        },
    }


def _job_posting(alice, organisation, cluster):
    """A published job of the member organisation, posted by the cluster's staff."""
    from knotenpunkt.jobs.services.postings import create_posting, submit_posting

    posting = create_posting(
        alice,
        organisation,
        {
            "title": "Werkstudent:in Backend",
            "description": "…",
            "city": "Kiel",
            "employment_type": "part_time",
            "contact_email": "jobs@nordlicht.example",
            "valid_until": timezone.localdate() + datetime.timedelta(days=30),
        },
        clusters=[cluster],
    )
    return submit_posting(alice, posting)


def _participation(cluster, alice):
    """A members' process of the cluster (alice moderates) with a running phase per module
    and a row of each kind its pages show."""
    from knotenpunkt.participation.models import DialogueProposal, Mission, Phase
    from knotenpunkt.participation.services.board import columns_of
    from knotenpunkt.participation.services.brainwriting import configure_session
    from knotenpunkt.participation.services.dialogue import dialogue_of
    from knotenpunkt.participation.services.processes import add_phase, create_process
    from knotenpunkt.participation.services.survey import (
        add_question,
        open_round,
        save_settings,
        survey_of,
    )

    today = timezone.localdate()
    process = create_process(
        alice, cluster, title="Zukunftswerkstatt", summary="…", is_published=True
    )
    phases = {
        module: add_phase(
            alice,
            process,
            title=str(module.label),
            module=module,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=7),
        )
        for module in Phase.Module
    }
    column = columns_of(phases[Phase.Module.WORKSHOP_BOARD])[0]
    card = column.cards.create(text="Kiel digital", author=alice)
    proposal = DialogueProposal.objects.create(
        dialogue=dialogue_of(phases[Phase.Module.DIALOGUE]),
        title="Mehr Radwege",
        text="…",
        state=DialogueProposal.State.PUBLISHED,
        published_at=timezone.now(),
    )
    configure_session(alice, phases[Phase.Module.BRAINWRITING], groups=["Fachkräfte"])
    survey = survey_of(phases[Phase.Module.SURVEY])
    add_question(alice, survey, kind="scale", text="Wie dringend?")
    add_question(alice, survey, kind="ranking", text="Was zuerst?", options=["Netz", "Schule"])
    save_settings(alice, survey, introduction="", open_to_participants=True)
    open_round(alice, survey)
    mission = Mission.objects.create(process=process, title="Digitale Verwaltung")
    process.measures.create(mission=mission, title="Online-Bauantrag")
    return {
        "process": process,
        "ids": {
            "participation/board/": phases[Phase.Module.WORKSHOP_BOARD].pk,
            "participation/board/cards/": card.pk,
            "participation/board/columns/": column.pk,
            "participation/brainwriting/": phases[Phase.Module.BRAINWRITING].pk,
            "participation/dialogue/": proposal.pk,
            "participation/dialogue/<int:phase_id>": phases[Phase.Module.DIALOGUE].pk,
            "participation/survey/": phases[Phase.Module.SURVEY].pk,
            "participation/measures/": phases[Phase.Module.MEASURES].pk,
            "participation/manage/": phases[Phase.Module.EVALUATION].pk,
        },
    }


def fill(route: str, dataset: dict, *, huge_ints=False) -> str:
    def value(match):
        converter = match.group(1) or "str"
        if converter == "int":
            if huge_ints:
                return HUGE
            return str(_by_prefix(route, dataset["int"], 1))
        if converter == "slug":
            return _by_prefix(route, dataset["slug"], "unbekannt")
        if converter == "path":
            return "x"
        return "abc"

    return "/" + CONVERTER.sub(value, route)


def _by_prefix(route, values, default):
    matches = [prefix for prefix in values if route.startswith(prefix)]
    return values[max(matches, key=len)] if matches else default


@contextmanager
def recorded_keys(monkeypatch):
    """The keys a view looks up in request.GET or request.POST."""
    keys = set()
    for name in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(QueryDict, name)

        def recording(self, key, *args, _original=original, **kwargs):
            keys.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, name, recording)
    yield keys
    monkeypatch.undo()


def ask(client, method, url, data, failures):
    try:
        response = getattr(client, method)(url, data)
    except Exception as error:  # the test client re-raises what the view raised
        failures.append(f"{method.upper()} {url} {sorted(data)[:6]}: {error!r}"[:300])
        return None
    if response.status_code >= 500:
        failures.append(f"{method.upper()} {url} {sorted(data)[:6]}: {response.status_code}")
    return response


@pytest.mark.parametrize("persona", ["anonymous", "carol", "alice"])
def test_no_input_causes_a_server_error(client, request, persona, dataset, monkeypatch):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    failures = []
    for route in routes():
        urls = [fill(route, dataset)]
        if "<int:" in route:
            urls.append(fill(route, dataset, huge_ints=True))
        for url in urls:
            if user is not None:
                client.force_login(user)
            with recorded_keys(monkeypatch) as keys:
                page = ask(client, "get", url, {}, failures)
            query_keys = sorted(keys - NOT_SENT)
            for bad in BAD_VALUES if query_keys else []:
                ask(client, "get", url, dict.fromkeys(query_keys, bad), failures)
            with recorded_keys(monkeypatch) as keys:
                ask(client, "post", url, {}, failures)
            fields = set(keys)
            if page is not None and page.get("Content-Type", "").startswith("text/html"):
                fields |= set(FIELD.findall(page.content.decode(errors="replace")))
            fields = sorted(fields - NOT_SENT)
            for bad in BAD_VALUES if fields else []:
                if user is not None:
                    client.force_login(user)
                ask(client, "post", url, dict.fromkeys(fields, bad), failures)
    assert not failures, "\n".join(failures)


def test_comparing_offerings_with_a_huge_id_is_a_clear_answer(client):
    from django.urls import reverse

    response = client.get(reverse("procurement:compare"), {"ids": [HUGE, "-1"]})
    assert response.status_code in (200, 400)


def test_subscribing_to_a_list_with_a_huge_id_is_a_form_error(client, cluster):
    from django.urls import reverse

    from knotenpunkt.mailings.models import MailingList

    MailingList.objects.create(cluster=cluster, name="Newsletter", slug="newsletter")
    response = client.post(
        reverse("mailings:subscribe"), {"email": "jana@example.org", "lists": [HUGE]}
    )
    assert response.status_code in (200, 400)
    assert "lists" in response.context["form"].errors


def test_a_nul_character_in_a_query_parameter_is_a_bad_request(client, db):
    assert client.get("/directory/dashboard/", {"cluster": "1\x00"}).status_code == 400


def test_a_nul_character_in_the_address_is_a_bad_request(client, db):
    assert client.get("/mailings/confirm/ab%00cd/").status_code == 400
