"""Staff keep the thresholds up to date in the admin; every change is audited."""

from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.procurement.models import Threshold


def _form(threshold, **changes):
    data = {
        "jurisdiction": threshold.jurisdiction,
        "authority_kinds": threshold.authority_kinds,
        "category": threshold.category,
        "procedure": threshold.procedure,
        "amount": str(threshold.amount),
        "inclusive": "on" if threshold.inclusive else "",
        "min_offers": threshold.min_offers or "",
        "valid_from": threshold.valid_from or "",
        "valid_until": threshold.valid_until or "",
        "source": threshold.source,
        "uncertain": "on" if threshold.uncertain else "",
        "note": threshold.note,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_staff_change_a_threshold_in_the_admin_and_the_change_is_audited(admin_client):
    threshold = Threshold.objects.get(jurisdiction="SH", procedure="DA")
    url = reverse("admin:procurement_threshold_change", args=[threshold.pk])
    response = admin_client.post(url, _form(threshold, amount="7500.00"))
    assert response.status_code == 302
    threshold.refresh_from_db()
    assert str(threshold.amount) == "7500.00"
    assert AuditEntry.objects.filter(
        action="core.admin.changed", target_id=str(threshold.pk)
    ).exists()


def test_an_unknown_authority_kind_is_refused_in_the_admin(admin_client):
    threshold = Threshold.objects.get(jurisdiction="SH", procedure="DA")
    url = reverse("admin:procurement_threshold_change", args=[threshold.pk])
    response = admin_client.post(url, _form(threshold, authority_kinds="land,mayors"))
    assert response.status_code == 200
    threshold.refresh_from_db()
    assert threshold.authority_kinds == "land,municipal"


def test_the_threshold_list_lists_the_seeded_rows(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:procurement_threshold_changelist"))
    assert response.status_code == 200
    assert Threshold.objects.count() >= 14


def test_a_member_without_staff_rights_cannot_open_the_thresholds(client, carol):
    client.force_login(carol)
    response = client.get(reverse("admin:procurement_threshold_changelist"))
    assert response.status_code == 302
