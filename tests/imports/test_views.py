"""The import pages: staff only, upload → columns → dry run → start → progress."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Person
from knotenpunkt.imports.models import ImportRun, ImportSource
from knotenpunkt.imports.services import runs
from tests.imports.conftest import sample, upload


@pytest.fixture
def uploaded_run(alice, crm):
    return runs.start_run(alice, crm, sample("crm_export_windows1252.csv"))


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_import_pages_are_forbidden_for_non_staff(request, client_for, uploaded_run, persona):
    client = client_for(request.getfixturevalue(persona))
    pk = uploaded_run.pk
    for url in (
        reverse("imports:start"),
        reverse("imports:mapping", args=[pk]),
        reverse("imports:preview", args=[pk]),
        reverse("imports:run", args=[pk]),
        reverse("imports:problems_csv", args=[pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_login(client, uploaded_run):
    response = client.get(reverse("imports:run", args=[uploaded_run.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_staff_of_another_cluster_do_not_see_the_run(client_for, uploaded_run, other_cluster):
    from tests.factories import UserFactory

    stranger = UserFactory()
    other_cluster.staff.add(stranger)
    response = client_for(stranger).get(reverse("imports:run", args=[uploaded_run.pk]))
    assert response.status_code == 404


def test_staff_navigation_links_the_import(client_for, alice):
    page = client_for(alice).get(reverse("directory:dashboard")).text
    assert reverse("imports:start") in page


def test_upload_with_a_new_source_leads_to_the_column_page(client_for, alice, cluster):
    response = client_for(alice).post(
        reverse("imports:start"),
        {
            "source": "",
            "new_source_name": "Alt-CRM",
            "new_source_kind": "crm",
            "new_source_record_kind": "people",
            "new_source_cluster": cluster.pk,
            "file": sample("crm_export_windows1252.csv"),
        },
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:mapping", args=[run.pk])
    assert ImportSource.objects.get().cluster == cluster
    assert (run.encoding, run.delimiter, run.total_rows) == ("cp1252", ";", 7)


def test_wrong_file_type_is_a_form_error(client_for, alice, crm):
    response = client_for(alice).post(
        reverse("imports:start"),
        {"source": crm.pk, "file": upload("logo.png", b"\x89PNG\r\n")},
    )
    assert response.status_code == 200
    assert 'class="field-errors"' in response.text
    assert not ImportRun.objects.exists()


def test_oversized_file_is_a_form_error(client_for, alice, crm, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 50
    response = client_for(alice).post(
        reverse("imports:start"), {"source": crm.pk, "file": sample("crm_export_windows1252.csv")}
    )
    assert response.status_code == 200
    assert not ImportRun.objects.exists()


def test_upload_without_a_source_asks_for_one(client_for, alice, cluster):
    response = client_for(alice).post(
        reverse("imports:start"), {"source": "", "file": sample("crm_export_windows1252.csv")}
    )
    assert response.status_code == 200
    assert not ImportRun.objects.exists()


def test_column_page_shows_headers_samples_and_suggestions(client_for, alice, uploaded_run):
    page = client_for(alice).get(reverse("imports:mapping", args=[uploaded_run.pk])).text
    assert "Straße" in page
    assert "Fördewerk Software GmbH" in page
    assert '<option value="postcode" selected>' in page


def test_column_page_reports_a_field_assigned_twice(client_for, alice, uploaded_run):
    data = {f"column_{i}": "" for i in range(len(uploaded_run.headers))}
    data.update({"column_3": "first_name", "column_4": "last_name", "column_5": "last_name"})
    response = client_for(alice).post(reverse("imports:mapping", args=[uploaded_run.pk]), data)
    assert response.status_code == 200
    assert "form-errors" in response.text


def test_whole_flow_from_columns_to_finished_import(
    client_for, alice, uploaded_run, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    choices = runs.mapping_choices(uploaded_run)
    data = {f"column_{i}": key for i, key in enumerate(choices)}
    response = client.post(reverse("imports:mapping", args=[uploaded_run.pk]), data)
    assert response["Location"] == reverse("imports:preview", args=[uploaded_run.pk])
    preview = client.get(response["Location"]).text
    assert "max.mustermann@" in preview
    assert Person.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:preview", args=[uploaded_run.pk]))
    assert response["Location"] == uploaded_run.get_absolute_url()
    page = client.get(response["Location"]).text
    assert "<progress" in page
    assert reverse("imports:problems_csv", args=[uploaded_run.pk]) in page
    assert Person.objects.count() == 4


def test_progress_fragment_polls_while_running_and_stops_when_done(client_for, alice, uploaded_run):
    client = client_for(alice)
    url = uploaded_run.get_absolute_url()
    ImportRun.objects.filter(pk=uploaded_run.pk).update(status="running", processed_rows=3)
    fragment = client.get(url, headers={"HX-Request": "true"}).text
    assert 'hx-trigger="every 1s"' in fragment
    assert 'value="3"' in fragment
    assert "<html" not in fragment
    ImportRun.objects.filter(pk=uploaded_run.pk).update(status="finished")
    assert "hx-trigger" not in client.get(url, headers={"HX-Request": "true"}).text


def test_problem_rows_download_is_a_csv_attachment(client_for, alice, crm, import_file):
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    response = client_for(alice).get(reverse("imports:problems_csv", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "max.mustermann@" in response.content.decode("utf-8-sig")


def test_list_of_past_runs_needs_few_queries(client_for, alice, crm, django_assert_max_num_queries):
    for i in range(15):
        runs.start_run(alice, crm, upload(f"e{i}.csv", b"Vorname;Nachname\r\nA;B\r\n"))
    client = client_for(alice)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("imports:start"))
    assert "e14.csv" in response.text
