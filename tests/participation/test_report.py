"""The workshop report as PDF: what it contains, what it never shows, who may download it."""

import io
import time
from datetime import timedelta

import pypdf
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import BrainwritingIdea, BrainwritingSession, Phase
from knotenpunkt.participation.services import brainwriting
from knotenpunkt.participation.services import report as services
from knotenpunkt.participation.services.processes import add_phase
from tests.participation.workshop import build_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(cluster, alice, carol, bob, dave, member_org):
    return build_workshop(cluster, alice, carol, bob, dave, member_org)


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def html_for(process, user) -> str:
    return services.report_html(process, services.reader_of(user, process))


def report_url(process) -> str:
    return reverse("participation:report", args=[process.slug])


def test_the_report_opens_as_a_pdf_with_what_every_phase_produced(workshop, carol):
    pdf = services.report_pdf(workshop.process, services.reader_of(carol, workshop.process))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Workshop report: Zukunft Nordkreis 2035" in text
    # Vision with its dots, marked as adopted.
    assert "Adopted: Der Nordkreis ist 2035 digitaler Vorreiter 2" in text
    # Brainwriting: an idea of round 2 on carol's sheet, with what it builds on.
    assert "Round 2 2.1 Mit Kinderbetreuung im Coworking (builds on 1.1)" in text
    # A measure with its scores, the rank the moderation set with its reason.
    assert "value 4.50, feasibility 4.00 (2 scores)" in text
    assert "set by the moderation: rank 1" in text
    assert "Pflicht nach dem OZG" in text
    assert "Cross-cutting themes" in text
    assert "Digitale Verwaltung" in text
    # The solution map with its first step.
    assert "Gespräch mit der Bahn im März" in text
    assert "Betreiber finden" in text
    # The dialogue: proposal, supports, status and the owner's answer.
    assert "Radweg zum Gewerbegebiet" in text
    assert "Status: Accepted · 2 supports" in text
    assert "Der Kreis baut den Radweg bis 2027." in text
    # The survey's closed round with its counts.
    assert "Wer soll die Digitalstrategie führen?" in text
    assert "Landkreis 2 66.7 %" in text
    assert "Cluster 1 33.3 %" in text


def test_the_download_is_a_pdf_in_the_readers_language(client, workshop):
    response = client.get(report_url(workshop.process))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert ".pdf" in response["Content-Disposition"]
    german = pdf_text(b"".join(response.streaming_content))
    assert "Maßnahmentabelle" in german  # "Measures table", in the site's default language
    english = client.get(report_url(workshop.process), HTTP_ACCEPT_LANGUAGE="en")
    assert "Measures table" in pdf_text(b"".join(english.streaming_content))


def test_hidden_and_unpublished_content_never_appears(workshop, alice):
    for user in (AnonymousUser(), alice):
        html = html_for(workshop.process, user)
        assert "Der Landrat ist ein Trottel" not in html  # a hidden card
        assert "Billige Uhren kaufen" not in html  # a hidden proposal
        assert "Noch nicht freigegeben" not in html  # a proposal waiting for moderation
        assert "Radweg zum Gewerbegebiet" in html


def test_dots_of_a_column_not_revealed_yet_are_not_told(workshop):
    sections = services.report_sections(workshop.process, services.PUBLIC_READER)
    columns = {c.column.kind: c for c in sections[0].board}
    assert [entry.dots for entry in columns["vision"].cards] == [2, 1]
    (goal,) = columns["goals"].cards
    assert goal.card.text == "Fachkräfte in der Region halten"
    assert goal.dots is None


def test_survey_rounds_still_open_and_free_texts_are_for_moderators_only(workshop, alice):
    public = html_for(workshop.process, AnonymousUser())
    assert "Results of round 1" in public
    assert "Results of round 2" not in public
    assert "Mehr Glasfaser im Gewerbegebiet" not in public
    assert "The free-text answers are not published" in public
    moderators = html_for(workshop.process, alice)
    assert "Results of round 2" in moderators
    assert "Mehr Glasfaser im Gewerbegebiet" in moderators


def test_the_report_never_names_idea_authors_for_participants(workshop, carol, alice):
    workshop.process.attribute_ideas = True
    workshop.process.save()
    for name in ("Carol Clausen", "Bob Brandt", "carol@nordlicht.example"):
        assert name not in html_for(workshop.process, carol)
    named = html_for(workshop.process, alice)
    assert "Carol Clausen" in named
    assert "Bob Brandt" in named


def test_moderators_see_no_names_either_when_the_process_keeps_ideas_anonymous(workshop, alice):
    html = html_for(workshop.process, alice)
    assert "Coworking im alten Bahnhof" in html
    assert "Carol Clausen" not in html
    assert "Bob Brandt" not in html


def test_sheets_of_an_unfinished_session_are_shown_to_moderators_only(workshop, alice, carol, bob):
    today = timezone.localdate()
    phase = add_phase(
        alice,
        workshop.process,
        title="Zweite Runde",
        module=Phase.Module.BRAINWRITING,
        starts_on=today,
        ends_on=today,
    )
    session = brainwriting.configure_session(alice, phase, rounds=3, groups=["Tourismus"])
    brainwriting.join_group(carol, session, session.groups.get())
    session = brainwriting.start(alice, session)
    brainwriting.submit_idea(carol, session, text="Radtouren mit Hofläden", round_number=1)
    assert "Radtouren mit Hofläden" not in html_for(workshop.process, bob)
    assert "The ideas appear here once the session is finished." in html_for(workshop.process, bob)
    assert "Radtouren mit Hofläden" in html_for(workshop.process, alice)


def test_a_members_only_report_is_refused_like_its_process_page(
    client, client_for, process, dave, carol
):
    for url in (report_url(process), process.get_absolute_url()):
        assert client.get(url).status_code == 404
    client_for(dave)
    for url in (report_url(process), process.get_absolute_url()):
        assert client.get(url).status_code == 404
    client_for(carol)
    response = client.get(report_url(process))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_process_page_links_the_report_and_for_public_processes_the_open_data(
    client, client_for, workshop, process, carol
):
    page = client.get(workshop.process.get_absolute_url()).content.decode()
    assert f'href="{report_url(workshop.process)}"' in page
    assert "(PDF)" in page
    assert reverse("participation:open_data", args=[workshop.process.slug, "json"]) in page
    assert (
        reverse("participation:open_data_table", args=[workshop.process.slug, "ideas", "csv"])
        in page
    )
    members_only = client_for(carol).get(process.get_absolute_url()).content.decode()
    assert f'href="{report_url(process)}"' in members_only
    assert "/open-data/" not in members_only


def test_a_report_of_300_ideas_builds_quickly_with_a_fixed_number_of_queries(
    workshop, alice, django_assert_max_num_queries
):
    sheet = workshop.first_idea.sheet
    written = timezone.now() - timedelta(hours=1)
    BrainwritingIdea.objects.bulk_create(
        BrainwritingIdea(
            sheet=sheet,
            round=1 + n % 2,
            text=f"Idee Nummer {n}: ein längerer Satz, damit die Seite sich füllt.",
            created_at=written + timedelta(seconds=n),
        )
        for n in range(300)
    )
    assert workshop.session.state == BrainwritingSession.State.FINISHED
    reader = services.reader_of(alice, workshop.process)
    with django_assert_max_num_queries(40):
        html = services.report_html(workshop.process, reader)
    assert html.count("Idee Nummer") == 300
    started = time.perf_counter()
    pdf = services.report_pdf(workshop.process, reader)
    elapsed = time.perf_counter() - started
    assert pdf.startswith(b"%PDF")
    # Well under 2 s on a quiet machine; generous here, as the test machines are shared.
    assert elapsed < 6, f"the report took {elapsed:.2f} s"


def test_every_page_names_the_report_and_the_process_whatever_its_title(process, carol):
    process.title = 'Stadt & Land – "Nord-Kreis" <2035>'
    process.save()
    text = pdf_text(services.report_pdf(process, services.reader_of(carol, process)))
    title = 'Workshop report: Stadt & Land – "Nord-Kreis" <2035>'
    assert text.count(title) == 2  # the heading and the page's footer
    assert "Page 1 / 1" in text


def test_visitors_share_one_report_for_five_minutes_moderators_get_a_fresh_one(
    client, client_for, workshop, alice, django_assert_max_num_queries
):
    first = b"".join(client.get(report_url(workshop.process)).streaming_content)
    workshop.process.title = "Zukunft Nordkreis 2040"
    workshop.process.save()
    with django_assert_max_num_queries(4):  # the process and the cache, not the report
        again = b"".join(client.get(report_url(workshop.process)).streaming_content)
    assert again == first
    moderators = client_for(alice).get(report_url(workshop.process))
    assert "Zukunft Nordkreis 2040" in pdf_text(b"".join(moderators.streaming_content))
