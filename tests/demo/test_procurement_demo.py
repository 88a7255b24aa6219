"""The one-stop shop's demo: a catalogue worth browsing, verified buyers, quote requests in
every state, orders and a valid XRechnung.

Built once for this module inside a transaction that is rolled back afterwards, like
test_demo.py; every test asks for `db` too so that pytest-django keeps them together.
"""

import io

import pypdf
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone, translation

from knotenpunkt.accounts.models import User
from knotenpunkt.demo.builder import install_demo
from knotenpunkt.demo.logins import PASSWORD
from knotenpunkt.demo.procurement import build_procurement_demo, demo_pdf
from knotenpunkt.demo.procurement_data import BUYERS, OFFERINGS
from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.leitweg import is_valid_leitweg_id
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import Offering, OfferingDocument, OfferingVersion
from knotenpunkt.procurement.models.orders import Order, SupplierInvoice
from knotenpunkt.procurement.models.requests import Quote, QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services.documentation import documentation_pdf
from knotenpunkt.procurement.services.listing import missing_items
from knotenpunkt.procurement.services.roles import verified_buyers
from knotenpunkt.procurement.services.supplier_invoices import (
    supplier_invoice_xml,
    validate_xrechnung,
)
from knotenpunkt.procurement.validators import validate_leika_keys

Status = OfferingVersion.Status


def shop_counts() -> dict[str, int]:
    return {
        "offerings": Offering.objects.count(),
        "versions": OfferingVersion.objects.count(),
        "documents": OfferingDocument.objects.count(),
        "buyers": PublicBuyer.objects.count(),
        "requests": QuoteRequest.objects.count(),
        "invitations": QuoteInvitation.objects.count(),
        "quotes": Quote.objects.count(),
        "orders": Order.objects.count(),
        "invoices": SupplierInvoice.objects.count(),
        "organisations": Organisation.objects.count(),
    }


def listed():
    return Offering.objects.filter(published__isnull=False, withdrawn_at__isnull=True)


def test_catalogue_lists_at_least_40_offerings_of_20_member_firms(demo, db):
    assert listed().count() >= 40
    providers = Organisation.objects.filter(pk__in=listed().values("provider"))
    assert providers.count() >= 20
    assert not providers.exclude(actor_type=Organisation.ActorType.BUSINESS).exists()
    # Some firms list more than one thing.
    assert listed().values("provider").annotate(n=Count("pk")).filter(n__gte=2).exists()


def test_every_published_version_is_complete(demo, db):
    published = OfferingVersion.objects.filter(status=Status.PUBLISHED, offering__in=listed())
    for version in published:
        # Expired certificates are the one thing allowed to turn up after the review
        # (told apart by the English source text of the message).
        with translation.override("en"):
            issues = missing_items(version)
        problems = [i for i in issues if "expired" not in i.message.lower()]
        assert problems == [], version


def test_offerings_vary_in_what_buyers_filter_by(demo, db):
    versions = OfferingVersion.objects.filter(offering__published=F("pk"))
    assert {"de", "eu", "non_eu", "customer", "none"} <= set(
        versions.values_list("hosting", flat=True)
    )
    assert set(versions.values_list("price_model", flat=True)) == set(
        OfferingVersion.PriceModel.values
    )
    assert {"supplies", "services"} == set(versions.values_list("procurement_category", flat=True))
    assert versions.exclude(open_source_licence="").count() >= 6
    assert versions.filter(opencode_url__startswith="https://gitlab.opencode.de/").exists()
    assert {"type1", "type2"} <= set(versions.values_list("c5", flat=True))
    assert {"native", "grundschutz"} <= set(versions.values_list("iso27001", flat=True))
    assert versions.filter(avv_available=True).count() >= 20
    outside = versions.filter(hosting="non_eu")
    assert outside.exists() and not outside.filter(hosting_details="").exists()


def test_listing_workflow_states_are_all_there(demo, db):
    statuses = set(OfferingVersion.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert OfferingVersion.objects.filter(status=Status.SUBMITTED).count() >= 2
    sent_back = OfferingVersion.objects.get(status=Status.CHANGES_REQUESTED)
    assert sent_back.review_note
    assert Offering.objects.filter(withdrawn_at__isnull=False).count() == 1
    # Version 2 published, version 1 kept as history.
    superseded = OfferingVersion.objects.filter(status=Status.SUPERSEDED)
    assert superseded.exists()
    for old in superseded:
        assert old.offering.published.number == old.number + 1


def test_data_uses_valid_leika_keys_and_known_keys(demo, db):
    for spec in OFFERINGS:
        validate_leika_keys("\n".join(spec.leika_keys))
    assert len({spec.key for spec in OFFERINGS}) == len(OFFERINGS)


def test_expired_certificates_are_flagged_and_some_expire_soon(demo, db):
    today = timezone.localdate()
    documents = OfferingDocument.objects.filter(
        version__offering__in=listed(), valid_until__isnull=False
    )
    expired = [d for d in documents if d.is_expired(today)]
    assert len({d.title for d in expired}) >= 2
    soon = documents.filter(
        valid_until__gte=today, valid_until__lte=today + timezone.timedelta(days=60)
    )
    assert soon.exists()


def test_documents_are_readable_pdfs_with_issuer_and_expiry(demo, db):
    certificates = OfferingDocument.objects.exclude(
        kind__in=[OfferingDocument.Kind.DATA_SHEET, OfferingDocument.Kind.AVV]
    )
    assert certificates.exists()
    assert not certificates.filter(issuer="").exists()
    assert not certificates.filter(valid_until__isnull=True).exists()
    document = certificates.first()
    with document.file.open("rb") as handle:
        text = pypdf.PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert document.title in text


def test_demo_pdf_keeps_german_characters():
    reader = pypdf.PdfReader(io.BytesIO(demo_pdf("Prüfbericht (Straße)", ["Größe – ok"])))
    text = reader.pages[0].extract_text()
    assert "Prüfbericht (Straße)" in text and "Größe – ok" in text


def test_four_verified_buyers_the_state_chancellery_and_three_municipal_ones(demo, db):
    verified = PublicBuyer.objects.filter(verified_at__isnull=False).select_related("organisation")
    assert verified.count() == 4
    kinds = sorted(b.authority_kind for b in verified)
    assert kinds == ["land", "municipal", "municipal", "municipal"]
    chancellery = verified.get(authority_kind="land")
    assert chancellery.organisation.name == "Staatskanzlei Schleswig-Holstein"
    for buyer in verified:
        assert buyer.jurisdiction == "SH"
        assert buyer.organisation.actor_type == Organisation.ActorType.PUBLIC
        assert is_valid_leitweg_id(buyer.leitweg_id), buyer.leitweg_id
        assert buyer.invoice_email
        assert buyer.verification_note


def test_one_public_body_waits_for_verification(demo, db):
    waiting = PublicBuyer.objects.filter(verified_at__isnull=True)
    assert waiting.count() == len(BUYERS) - 4 == 1


def test_kiel_login_works_for_a_verified_buyer(demo, db, client):
    assert "kommune@demo.example" in [x.email for x in demo.logins]
    user = User.objects.get(email="kommune@demo.example")
    assert [b.organisation.name for b in verified_buyers(user)] in (
        ["Stadt Kiel"],
        ["Landeshauptstadt Kiel"],
    )
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert user.has_perm("procurement.buy")


def test_quote_requests_exist_in_every_state(demo, db):
    requests = QuoteRequest.objects.all()
    assert set(requests.values_list("status", flat=True)) == set(QuoteRequest.Status.values)
    sent = requests.filter(status=QuoteRequest.Status.SENT)
    open_ones = [r for r in sent if not r.deadline_passed]
    closed = [r for r in sent if r.deadline_passed]
    assert open_ones and closed
    # Sealed: quotes came in while the deadline is still ahead.
    assert any(Quote.objects.filter(invitation__request=r).exists() for r in open_ones)
    assert all(Quote.objects.filter(invitation__request=r).count() >= 2 for r in closed)
    draft = requests.get(status=QuoteRequest.Status.DRAFT)
    assert draft.invitations.exists()
    cancelled = requests.get(status=QuoteRequest.Status.CANCELLED)
    assert cancelled.cancel_reason
    assert requests.values("buyer").distinct().count() == 4


def test_negotiated_awards_ask_three_firms_one_of_them_by_rotation(demo, db):
    negotiated = QuoteRequest.objects.filter(procedure="VV_BA_OTW").exclude(status="draft")
    assert negotiated.count() >= 3
    for request in negotiated:
        assert request.invitations.count() >= 3
        assert request.invitations.filter(origin=QuoteInvitation.Origin.PROPOSED).exists()
    assert QuoteRequest.objects.filter(procedure="DA", status="awarded").exists()


def test_awarded_request_has_an_order_and_a_documentation_pdf(demo, db):
    request = QuoteRequest.objects.get(status="awarded", procedure="VV_BA_OTW")
    order = request.order
    assert order.quote == request.awarded_quote
    assert request.awarded_at < timezone.now() and request.deadline < request.awarded_at
    pdf = documentation_pdf(request)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert request.title in text
    assert str(order.provider) in text


def test_supplier_invoice_is_a_valid_xrechnung(demo, db):
    invoice = SupplierInvoice.objects.select_related("order__buyer").get()
    assert invoice.order.request.status == "awarded"
    assert invoice.buyer_leitweg_id == invoice.order.buyer.leitweg_id
    assert validate_xrechnung(supplier_invoice_xml(invoice)) == []


def test_direct_orders_and_a_later_estimate_warns_about_splitting(demo, db):
    direct = Order.objects.filter(request__isnull=True, procedure="DA")
    assert direct.count() >= 2
    draft = QuoteRequest.objects.get(status="draft")
    earlier = direct.get(buyer=draft.buyer, offering_category=draft.offering_category)
    assert draft.related_value == earlier.net_value
    assert draft.estimated_value == draft.one_off_value + earlier.net_value
    # Alone it would be a direct award; with the earlier order it is not.
    assert draft.one_off_value <= 5000 < draft.estimated_value
    assert draft.procedure == "VV_BA_OTW"
    assert any("§ 3 Abs. 2 VgV" in w for w in draft.advice["warnings"])


def test_running_the_demo_again_adds_nothing(demo, db):
    before = shop_counts()
    assert build_procurement_demo() is False
    install_demo()
    assert shop_counts() == before
