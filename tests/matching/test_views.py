"""The pages: needs list and posting, the need page with suggestions, matches for me,
the staff board, alert settings; each with its denial test."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.matching.models import Contact, Need, Suggestion
from knotenpunkt.matching.services.indexing import reindex_organisation
from tests.factories import ClusterFactory

V = Need.Visibility


@pytest.fixture
def indexed_provider(provider_org, paul):
    reindex_organisation(provider_org.pk)
    return provider_org


# --- list ---


def test_needs_list_shows_public_needs_to_anonymous_visitors(client, make_need):
    make_need(title="Stundenzettel gehen verloren")
    make_need(title="Nur für Mitglieder", visibility=V.MEMBERS)
    page = client.get(reverse("matching:needs")).content.decode()
    assert "Stundenzettel gehen verloren" in page
    assert "Nur für Mitglieder" not in page


def test_needs_list_hides_the_author_of_anonymous_needs(client_for, carol, make_need):
    make_need(visibility=V.ANONYMOUS)
    page = client_for(carol).get(reverse("matching:needs")).content.decode()
    assert "Stundenzettel gehen verloren" in page
    assert "Dachdeckerei Holm" not in page
    assert "Anonymous" in page


def test_needs_list_shows_the_author_of_anonymous_needs_to_cluster_staff(
    client_for, alice, make_need
):
    make_need(visibility=V.ANONYMOUS)
    page = client_for(alice).get(reverse("matching:needs")).content.decode()
    assert "Dachdeckerei Holm" in page


def test_needs_list_leaves_out_closed_needs(client, make_need):
    make_need(title="Erledigt", status=Need.Status.CLOSED)
    assert "Erledigt" not in client.get(reverse("matching:needs")).content.decode()


def test_needs_list_query_count_does_not_grow_with_needs(
    client_for, carol, make_need, django_assert_max_num_queries
):
    for visibility in (V.PUBLIC, V.MEMBERS, V.ANONYMOUS) * 4:
        make_need(visibility=visibility)
    client = client_for(carol)
    with django_assert_max_num_queries(13):  # 12 and the navigation's unread-notice badge
        response = client.get(reverse("matching:needs"))
    assert response.status_code == 200


# --- posting ---


def need_post(organisation, cluster, **extra):
    data = {
        "organisation": organisation.pk,
        "cluster": cluster.pk,
        "title": "Rathaus braucht Terminbuchung",
        "text": "Bürgerinnen rufen an, um Termine zu machen; die Leitung ist dauernd besetzt.",
        "kind": "solution",
        "budget": "under_25k",
        "deadline": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
        "visibility": "public",
    }
    data.update(extra)
    return data


def test_person_of_a_non_member_organisation_posts_a_need_in_any_cluster(
    client_for, hanna, roofers, other_cluster
):
    response = client_for(hanna).post(
        reverse("matching:need_create"), need_post(roofers, other_cluster)
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == need.get_absolute_url()
    assert need.organisation == roofers
    assert need.author.first_name == "Hanna"
    assert need.cluster == other_cluster


def test_posting_a_need_suggests_providers_after_commit(
    client_for, hanna, roofers, cluster, indexed_provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hanna).post(
            reverse("matching:need_create"),
            need_post(
                roofers,
                cluster,
                text="Wir suchen eine App zur Zeiterfassung, die Stundenzettel ersetzt.",
            ),
        )
    need = Need.objects.get()
    assert need.suggestions.filter(provider=indexed_provider, rank=1).exists()


def test_nobody_posts_for_an_organisation_they_do_not_work_at(
    client_for, hanna, member_org, cluster
):
    response = client_for(hanna).post(
        reverse("matching:need_create"), need_post(member_org, cluster)
    )
    assert response.status_code == 400
    assert not Need.objects.exists()


def test_person_without_organisation_may_not_post_a_need(client_for, dave):
    assert client_for(dave).get(reverse("matching:need_create")).status_code == 403


def test_anonymous_visitor_is_sent_to_login_to_post_a_need(client):
    response = client.get(reverse("matching:need_create"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_author_closes_the_need(client_for, hanna, make_need):
    need = make_need(hanna_user=hanna)
    client_for(hanna).post(reverse("matching:need_close", args=[need.pk]))
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED


def test_other_people_may_not_close_or_edit_a_need(client_for, carol, make_need):
    need = make_need()
    client = client_for(carol)
    assert client.post(reverse("matching:need_close", args=[need.pk])).status_code == 403
    assert client.get(reverse("matching:need_edit", args=[need.pk])).status_code == 403


# --- the need's page ---


def test_staff_only_need_page_is_refused_to_members(client_for, carol, make_need):
    need = make_need(visibility=V.STAFF)
    assert client_for(carol).get(need.get_absolute_url()).status_code == 403


def test_members_need_page_is_refused_to_anonymous_visitors(client, make_need):
    need = make_need(visibility=V.MEMBERS)
    assert client.get(need.get_absolute_url()).status_code == 403


def test_anonymous_need_page_hides_the_author(client, make_need, hanna):
    need = make_need(hanna_user=hanna, visibility=V.ANONYMOUS)
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Stundenzettel gehen verloren" in page
    assert "Dachdeckerei Holm" not in page
    assert "Hanna" not in page


def test_author_sees_ranked_suggestions_with_their_explanation(
    client_for, hanna, make_need, indexed_provider
):
    need = make_need(
        hanna_user=hanna,
        text="Wir brauchen eine App zur Zeiterfassung für unsere Handwerker.",
    )
    response = client_for(hanna).get(need.get_absolute_url())
    page = response.content.decode()
    assert "Zeitwerk Software GmbH" in page
    assert "Why this match" in page
    suggestion = Suggestion.objects.get(need=need, provider=indexed_provider)
    assert suggestion.rank == 1
    assert suggestion.explanation["concepts"] or suggestion.explanation["terms"]


def test_viewing_a_need_again_rewrites_no_unchanged_suggestion(
    client_for, hanna, make_need, indexed_provider
):
    need = make_need(
        hanna_user=hanna,
        text="Wir brauchen eine App zur Zeiterfassung für unsere Handwerker.",
    )
    client = client_for(hanna)
    client.get(need.get_absolute_url())
    first = Suggestion.objects.get(need=need, provider=indexed_provider).updated_at
    client.get(need.get_absolute_url())
    assert Suggestion.objects.get(need=need, provider=indexed_provider).updated_at == first


def test_providers_see_no_suggestions_but_may_express_interest(
    client_for, paul, make_need, indexed_provider
):
    need = make_need(text="Wir brauchen eine App zur Zeiterfassung für unsere Handwerker.")
    page = client_for(paul).get(need.get_absolute_url()).content.decode()
    assert "Suggested providers" not in page
    assert "Express interest" in page
    assert not Suggestion.objects.exists()


def test_cluster_staff_see_suggestions_of_needs_in_their_cluster(
    client_for, alice, make_need, indexed_provider
):
    need = make_need(
        visibility=V.STAFF, text="Wir brauchen eine App zur Zeiterfassung für Handwerker."
    )
    page = client_for(alice).get(need.get_absolute_url()).content.decode()
    assert "Suggested providers" in page


def test_author_rates_a_suggestion_as_fitting(client_for, hanna, make_need, indexed_provider):
    need = make_need(hanna_user=hanna, text="App zur Zeiterfassung für Handwerker gesucht.")
    client = client_for(hanna)
    client.get(need.get_absolute_url())
    suggestion = Suggestion.objects.get(need=need, provider=indexed_provider)
    client.post(reverse("matching:suggestion_feedback", args=[suggestion.pk]), {"fitting": "yes"})
    suggestion.refresh_from_db()
    assert suggestion.feedback == Suggestion.Feedback.FITTING


def test_others_may_not_rate_suggestions(client_for, carol, paul, make_need, indexed_provider):
    need = make_need()
    suggestion = Suggestion.objects.create(need=need, provider=indexed_provider, rank=1, score=1)
    for user in (carol, paul):
        response = client_for(user).post(
            reverse("matching:suggestion_feedback", args=[suggestion.pk]), {"fitting": "no"}
        )
        assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.feedback == ""


# --- matches for me ---


def test_provider_sees_fitting_needs_with_explanations(
    client_for, paul, make_need, indexed_provider
):
    make_need(title="Zettelwirtschaft", text="App zur Zeiterfassung für Handwerker gesucht.")
    make_need(title="Nur Personal", visibility=V.STAFF, text="Zeiterfassung App Handwerker")
    page = client_for(paul).get(reverse("matching:for_me")).content.decode()
    assert "Zettelwirtschaft" in page
    assert "Why this match" in page
    assert "Nur Personal" not in page


def test_matches_for_me_are_refused_to_people_without_organisation(client_for, dave):
    assert client_for(dave).get(reverse("matching:for_me")).status_code == 403


# --- the staff board ---


def test_board_shows_every_open_need_of_the_staff_clusters(client_for, alice, make_need):
    make_need(title="Geheim", visibility=V.STAFF)
    make_need(title="Anderswo", cluster=ClusterFactory())
    page = client_for(alice).get(reverse("matching:board")).content.decode()
    assert "Geheim" in page
    assert "Anderswo" not in page


def test_board_counts_each_pipeline_stage(client_for, alice, make_need, provider_org, member_org):
    suggested = make_need()
    Suggestion.objects.create(need=suggested, provider=provider_org, rank=1, score=1)
    contacted = make_need()
    Suggestion.objects.create(need=contacted, provider=provider_org, rank=1, score=1)
    Contact.objects.create(need=contacted, provider=provider_org)
    cooperating = make_need()
    Contact.objects.create(need=cooperating, provider=provider_org, status="cooperation")
    Contact.objects.create(need=cooperating, provider=member_org, status="accepted")
    make_need()
    response = client_for(alice).get(reverse("matching:board"))
    [row] = response.context["pipeline"]
    assert (row.posted, row.suggested, row.contacted, row.accepted, row.cooperating) == (
        4,
        2,
        2,
        1,
        1,
    )


def test_board_query_count_does_not_grow_with_needs(
    client_for, alice, make_need, provider_org, django_assert_max_num_queries
):
    for _ in range(6):
        need = make_need()
        Suggestion.objects.create(need=need, provider=provider_org, rank=1, score=1)
        Contact.objects.create(need=need, provider=provider_org)
    client = client_for(alice)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("matching:board"))
    assert response.status_code == 200


def test_board_is_refused_to_organisation_admins(client_for, bob):
    assert client_for(bob).get(reverse("matching:board")).status_code == 403


# --- alert settings ---


def test_person_switches_need_alerts_off(client_for, paul):
    client_for(paul).post(reverse("matching:alert_settings"), {"frequency": "immediate"})
    assert paul.person.matching_alert_setting.need_alerts is False


def test_alert_settings_need_a_login(client):
    response = client.get(reverse("matching:alert_settings"))
    assert response.status_code == 302


def test_forms_render_for_the_people_who_use_them(client_for, hanna, paul, make_need):
    need = make_need(hanna_user=hanna)
    client = client_for(hanna)
    for url in (
        reverse("matching:need_create"),
        reverse("matching:need_edit", args=[need.pk]),
        reverse("matching:alert_settings"),
        reverse("matching:profile_edit", args=["dachdeckerei-holm"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<label" in response.content


def test_author_edits_the_need(client_for, hanna, roofers, cluster, make_need):
    need = make_need(hanna_user=hanna)
    data = need_post(roofers, cluster, title="Neuer Titel")
    del data["organisation"]
    response = client_for(hanna).post(reverse("matching:need_edit", args=[need.pk]), data)
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Neuer Titel"
    assert need.organisation == roofers
