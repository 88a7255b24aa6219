"""The listing workflow: draft, checklist, submission, review, publication, new versions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.procurement.models.catalogue import Offering, OfferingVersion
from knotenpunkt.procurement.services import listing
from tests.procurement.catalogue_helpers import (
    add_document,
    in_days,
    make_offering,
    themenfeld,
)

Status = OfferingVersion.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def messages_of(issues, severity=None):
    return [i.message for i in issues if severity is None or i.severity == severity]


def test_start_offering_makes_version_one_as_draft_with_a_unique_slug(provider, provider_admin):
    first = make_offering(provider, provider_admin, themenfelder=[themenfeld()])
    second = make_offering(provider, provider_admin)

    assert (first.number, first.status) == (1, Status.DRAFT)
    assert first.offering.slug == "terminbuchung-nord"
    assert second.offering.slug == "terminbuchung-nord-2"
    assert list(first.themenfelder.all()) == [themenfeld()]
    assert first.created_by == provider_admin


def test_a_draft_may_be_incomplete_but_not_malformed(provider, provider_admin):
    version = listing.start_offering(provider_admin, provider, name="Halbfertig")
    assert version.pk and version.summary == ""

    with pytest.raises(ValidationError) as error:
        listing.update_draft(provider_admin, version, leika_keys="4212345678901\n99ABC")
    assert "leika_keys" in error.value.message_dict


def test_submission_is_refused_with_the_missing_items(provider, provider_admin):
    version = listing.start_offering(provider_admin, provider, name="Halbfertig")

    with pytest.raises(ValidationError) as error:
        listing.submit(provider_admin, version)

    assert "Summary is missing." in error.value.messages
    assert "Description is missing." in error.value.messages
    version.refresh_from_db()
    assert version.status == Status.DRAFT


def test_workflow_from_draft_over_changes_requested_to_published(
    provider, provider_admin, shop_staff
):
    version = make_offering(provider, provider_admin)

    listing.submit(provider_admin, version)
    assert version.status == Status.SUBMITTED and version.submitted_at
    assert OutgoingMail.objects.filter(
        kind="procurement_offering_submitted", to=shop_staff.email
    ).exists()
    with pytest.raises(ValidationError):
        listing.update_draft(provider_admin, version, summary="Too late")

    listing.request_changes(shop_staff, version, "Please name the data centre.")
    assert version.status == Status.CHANGES_REQUESTED
    assert OutgoingMail.objects.filter(
        kind="procurement_offering_changes_requested", to="pia@termin-nord.example"
    ).exists()

    listing.update_draft(provider_admin, version, hosting_details="Kiel, own data centre")
    listing.submit(provider_admin, version)
    listing.publish(shop_staff, version)

    version.refresh_from_db()
    offering = Offering.objects.get(pk=version.offering_id)
    assert version.status == Status.PUBLISHED and version.published_at
    assert version.reviewed_by == shop_staff
    assert offering.published == version and offering.is_listed
    assert "terminbuchung" in version.search_document
    assert set(
        AuditEntry.objects.filter(target_id=str(offering.pk)).values_list("action", flat=True)
    ) >= {
        "procurement.offering.submitted",
        "procurement.offering.changes_requested",
        "procurement.offering.published",
    }
    assert OutgoingMail.objects.filter(kind="procurement_offering_published").exists()


def test_request_changes_needs_a_note(provider, provider_admin, shop_staff):
    version = make_offering(provider, provider_admin)
    listing.submit(provider_admin, version)

    with pytest.raises(ValidationError):
        listing.request_changes(shop_staff, version, "  ")


def test_only_submitted_versions_are_published(provider, provider_admin, shop_staff):
    version = make_offering(provider, provider_admin)

    with pytest.raises(ValidationError):
        listing.publish(shop_staff, version)


def test_a_provider_outside_every_cluster_is_reviewed_by_all_cluster_staff(shop_staff):
    from tests.factories import ClusterFactory, OrganisationFactory, UserFactory

    other_staff = UserFactory(email="kai@other-cluster.example")
    ClusterFactory(name="Other", slug="other").staff.add(other_staff)
    prospect = OrganisationFactory(name="Neu GmbH", slug="neu")
    version = make_offering(prospect)

    listing.submit(None, version)

    recipients = set(
        OutgoingMail.objects.filter(kind="procurement_offering_submitted").values_list(
            "to", flat=True
        )
    )
    assert recipients == {shop_staff.email, other_staff.email}


def test_new_version_keeps_the_published_one_for_buyers_until_it_is_published(
    provider, provider_admin, shop_staff
):
    first = make_offering(
        provider,
        provider_admin,
        publish_by=shop_staff,
        interfaces=[],
        themenfelder=[themenfeld()],
        documents=[{"kind": "data_sheet", "title": "Data sheet 2026"}],
    )
    offering = first.offering

    second = listing.new_version(provider_admin, offering)
    assert listing.new_version(provider_admin, offering) == second  # no second draft
    assert (second.number, second.status) == (2, Status.DRAFT)
    assert second.name == first.name
    assert list(second.themenfelder.all()) == [themenfeld()]
    assert [d.file.name for d in second.documents.all()] == [
        d.file.name for d in first.documents.all()
    ]

    listing.update_draft(provider_admin, second, price_amount=Decimal("5.00"))
    offering.refresh_from_db()
    assert offering.published == first  # buyers still see version 1

    listing.submit(provider_admin, second)
    listing.publish(shop_staff, second)
    first.refresh_from_db()
    offering.refresh_from_db()
    assert offering.published == second
    assert first.status == Status.SUPERSEDED
    assert first.price_amount == Decimal("4.50")  # the old version is kept as it was listed


def test_changes_against_the_published_version_list_only_changed_fields(
    provider, provider_admin, shop_staff
):
    first = make_offering(provider, provider_admin, publish_by=shop_staff)
    second = listing.new_version(provider_admin, first.offering)
    listing.update_draft(provider_admin, second, price_amount=Decimal("5.00"), hosting="eu")

    changes = listing.changes_against_published(second)

    assert [label for label, _old, _new in changes] == ["Hosting location", "Price in EUR net"]
    assert ("Price in EUR net", "4.50", "5.00") in changes


def test_withdrawn_offering_leaves_the_catalogue_but_keeps_its_versions(
    provider, provider_admin, shop_staff
):
    version = make_offering(provider, provider_admin, publish_by=shop_staff)

    listing.withdraw(provider_admin, version.offering, "Product discontinued")

    offering = Offering.objects.get(pk=version.offering_id)
    assert not offering.is_listed and offering.published == version
    entry = AuditEntry.objects.get(action="procurement.offering.withdrawn")
    assert entry.data["reason"] == "Product discontinued"


def test_expired_certificate_blocks_and_is_named(provider, provider_admin):
    version = make_offering(provider, provider_admin, iso27001="native")
    add_document(version, kind="iso27001", title="ISO certificate", valid_until=in_days(-1))

    missing = messages_of(listing.completeness(version), "missing")

    assert any("“ISO certificate” expired on" in m for m in missing)


def test_certificate_without_expiry_date_and_claim_without_certificate(provider, provider_admin):
    version = make_offering(provider, provider_admin, c5="type2", iso27001="native")
    add_document(version, kind="c5", title="C5 report")

    missing = messages_of(listing.completeness(version), "missing")

    assert "The certificate “C5 report” has no expiry date." in missing
    assert "ISO 27001 is claimed, but no ISO 27001 certificate is attached." in missing


def test_a_complete_offering_has_only_the_data_sheet_to_check(provider, provider_admin):
    version = make_offering(provider, provider_admin)
    assert [(i.severity, i.message) for i in listing.completeness(version)] == [
        ("check", "No data sheet is attached.")
    ]
    add_document(version)
    assert listing.completeness(version) == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"description": "Too short."}, "The description is too short"),
        ({"price_amount": None}, "Give a price or a price note"),
        ({"accessibility": "full"}, "link the accessibility statement"),
        ({"open_source_licence": "EUPL-1.2"}, "link the project on openCode"),
        (
            {"open_source_licence": "EUPL-1.2", "opencode_url": "https://github.com/x/y"},
            "must be an address on opencode.de",
        ),
        ({"hosting": "none"}, "Software as a service needs a hosting location."),
        ({"category": "online_services"}, "Online services need at least one OZG Themenfeld."),
        ({"leika_keys": "99123012001000"}, "LeiKa keys are given"),
    ],
)
def test_completeness_reports_missing_items(provider, provider_admin, fields, expected):
    version = make_offering(provider, provider_admin, **fields)

    missing = messages_of(listing.completeness(version), "missing")

    assert any(expected in m for m in missing), missing


def test_price_note_replaces_an_amount(provider, provider_admin):
    version = make_offering(
        provider, provider_admin, price_amount=None, price_note="Depends on inhabitants"
    )
    assert not listing.missing_items(version)


def test_hosting_outside_the_eu_with_avv_is_for_the_reviewer_to_check(provider, provider_admin):
    version = make_offering(provider, provider_admin, hosting="non_eu", avv_available=True)

    issues = listing.completeness(version)

    assert any("Art. 44 ff. GDPR" in m for m in messages_of(issues, "check"))
    assert not listing.missing_items(version)


def test_opencode_listing_accepted(provider, provider_admin):
    version = make_offering(
        provider,
        provider_admin,
        open_source_licence="EUPL-1.2",
        opencode_url="https://gitlab.opencode.de/kommune/termine",
    )
    assert not listing.missing_items(version)


def test_search_text_has_labels_in_both_languages(provider, provider_admin, shop_staff):
    version = make_offering(
        provider,
        provider_admin,
        themenfelder=[themenfeld("familie-kind")],
        leika_keys="99123012001000",
        open_source_licence="EUPL-1.2",
        opencode_url="https://gitlab.opencode.de/x",
    )

    text = listing.search_text(version)

    # The category's German label comes with the German catalogue; the English one is here.
    for word in [
        "appointment booking",
        "familie & kind",
        "family & children",
        "99123012001000",
        "termin nord gmbh",
        "eupl-1.2",
    ]:
        assert word in text
