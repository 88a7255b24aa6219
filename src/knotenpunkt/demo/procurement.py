"""Demo of the one-stop shop: offerings of member firms, public buyers, quote requests,
orders and an e-invoice, built from `procurement_data` through the procurement services.

Everything goes through the services a user's click would call (listing workflow, buyer
registration and verification, quote requests, direct orders, the supplier's XRechnung),
so the demo obeys the same rules. Where a scenario lies in the past, the service runs with
a future deadline and the timestamps are moved back afterwards, before the next service
is called (a deadline has to be in the future when a request is sent).

Providers act through a person of their firm; the demo gives such a person an account
(without a usable password) only where a service needs one: submitting a quote, writing
an invoice. Runs after the other demo parts; does nothing once offerings exist.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from knotenpunkt.accounts.models import User
from knotenpunkt.accounts.services import confirm_login_address
from knotenpunkt.demo import clock
from knotenpunkt.demo.matching import infer_archetype
from knotenpunkt.demo.organisations import ascii_fold
from knotenpunkt.demo.plan import AS_OF, DIGITAL
from knotenpunkt.demo.procurement_data import (
    BUYERS,
    CHANGES_REQUESTED,
    DIRECT_ORDERS,
    DRAFT,
    OFFERINGS,
    PROPOSED,
    PROVIDERS,
    PUBLISHED_V2,
    REQUEST_AWARDED,
    REQUEST_CANCELLED,
    REQUEST_CLOSED,
    REQUEST_DRAFT,
    REQUESTS,
    SUBMITTED,
    V2_SUBMITTED,
    WITHDRAWN,
    BuyerSpec,
    DocumentSpec,
    OfferingSpec,
    RequestSpec,
)
from knotenpunkt.directory.models import (
    Cluster,
    Membership,
    Organisation,
    Person,
    PersonEmail,
    Position,
    Region,
)
from knotenpunkt.directory.services.changes import organisations_saved, people_saved
from knotenpunkt.directory.services.organisations import organisation_slug
from knotenpunkt.procurement.leitweg import check_digits
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import (
    Interface,
    Offering,
    OfferingDocument,
    OfferingVersion,
    Themenfeld,
)
from knotenpunkt.procurement.models.requests import Quote, QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services import listing, orders, requests, supplier_invoices
from knotenpunkt.procurement.services.buyers import register_buyer, verify_buyer

ADMIN_EMAIL = "admin@knotenpunkt.example"
STAFF_EMAIL = "cm@diwish.example"
KIEL_LOGIN = "kommune@demo.example"


def build_procurement_demo() -> bool:
    """Offerings, buyers, quote requests, orders and an invoice; False if offerings exist."""
    if Offering.objects.exists():
        return False
    if not Cluster.objects.filter(slug=DIGITAL["slug"]).exists():
        return False
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    staff = User.objects.filter(email=STAFF_EMAIL).first() or admin
    if admin is None:
        return False
    with transaction.atomic():
        today = clock.today()
        providers = _providers()
        versions = _store_offerings(providers, admin, staff, today)
        buyers, actors = _store_buyers(admin, staff)
        for spec in DIRECT_ORDERS:
            orders.place_direct_order(
                actors[spec.buyer],
                buyers[spec.buyer],
                versions[spec.offering],
                title=spec.title,
                net_value=_money(spec.net_value),
                monthly_value=_money(spec.monthly_value),
                term_months=spec.term_months,
                today=today + datetime.timedelta(days=spec.days),
            )
        # Oldest first, so that the rotation sees whom each buyer asked before.
        for spec in sorted(REQUESTS, key=lambda r: r.created_days):
            _store_request(spec, buyers[spec.buyer], actors[spec.buyer], versions, today)
    return True


def buyer_organisation(key: str) -> Organisation:
    """The demo organisation of buyer `key`: an existing public body if the directory demo
    has one, else created here (the demo login of Kiel needs it before this part runs)."""
    spec = next(b for b in BUYERS if b.key == key)
    public = Organisation.objects.filter(actor_type=Organisation.ActorType.PUBLIC)
    for name in spec.lookups:
        found = public.filter(name=name).order_by("pk").first()
        if found is not None:
            return found
    return _create_organisation(spec)


# --- providers and offerings -------------------------------------------------------------


def _providers() -> dict[str, Organisation]:
    """A member firm of the digital cluster for every provider key: the named showcase
    firms, then per key the first unused firm of the first archetype that has one."""
    members = Membership.objects.filter(cluster__slug=DIGITAL["slug"]).active_on(AS_OF)
    firms = list(
        Organisation.objects.filter(
            pk__in=members.values("organisation"), actor_type=Organisation.ActorType.BUSINESS
        )
        .prefetch_related("topics")
        .order_by("pk")
    )
    by_archetype = defaultdict(list)
    for firm in firms:
        topics = {t.slug for t in firm.topics.all()}
        by_archetype[infer_archetype(firm.actor_type, firm.wz_code, topics)].append(firm)
    chosen: dict[str, Organisation] = {}
    used: set[int] = set()
    for spec in PROVIDERS:
        firm = next((f for f in firms if spec.name and f.name == spec.name), None)
        if firm is not None:
            chosen[spec.key] = firm
            used.add(firm.pk)
    for spec in PROVIDERS:
        if spec.key in chosen:
            continue
        candidates = [f for a in spec.archetypes for f in by_archetype[a]] + firms
        firm = next(f for f in candidates if f.pk not in used)
        chosen[spec.key] = firm
        used.add(firm.pk)
    return chosen


def _store_offerings(providers, admin, staff, today) -> dict[str, OfferingVersion]:
    """Run every offering through the listing workflow; returns the version buyers see
    (or the latest one, for offerings that are not listed) per key."""
    themenfelder = {t.key: t for t in Themenfeld.objects.all()}
    interfaces = {i.key: i for i in Interface.objects.all()}
    pdfs: dict[str, bytes] = {}
    versions = {}
    for spec in OFFERINGS:
        provider = providers[spec.provider]
        # The provider's own person where one has an account, else the platform admin.
        actor = _existing_account(provider) or admin
        fields = _fields(spec)
        version = listing.start_offering(
            actor,
            provider,
            **fields,
            themenfelder=[themenfelder[k] for k in spec.themenfelder],
            interfaces=[interfaces[k] for k in spec.interfaces],
        )
        for document in spec.documents:
            _attach(version, document, today, pdfs)
        versions[spec.key] = version
        if spec.state == DRAFT:
            continue
        listing.submit(actor, version)
        if spec.state == SUBMITTED:
            continue
        if spec.state == CHANGES_REQUESTED:
            listing.request_changes(staff, version, spec.note)
            continue
        listing.publish(staff, version)
        offering = version.offering
        if spec.state == WITHDRAWN:
            listing.withdraw(actor, offering, spec.note)
        if spec.state in (PUBLISHED_V2, V2_SUBMITTED):
            # Version 1 was listed months ago; version 2 changes what the data says.
            OfferingVersion.objects.filter(pk=version.pk).update(
                published_at=_moment(today, -210), submitted_at=_moment(today, -212)
            )
            second = listing.new_version(actor, offering)
            revision = {
                name: _money(value) if name == "price_amount" else value
                for name, value in spec.revision.items()
            }
            listing.update_draft(actor, second, **revision)
            listing.submit(actor, second)
            if spec.state == PUBLISHED_V2:
                listing.publish(staff, second)
                versions[spec.key] = second
        # Certificates that expired after the review: the catalogue must flag them.
        for document in spec.documents:
            if document.valid_days is not None and document.valid_days < 0:
                OfferingDocument.objects.filter(
                    version__offering=offering, title=document.title
                ).update(valid_until=today + datetime.timedelta(days=document.valid_days))
    return versions


def _fields(spec: OfferingSpec) -> dict:
    return {
        "name": spec.name,
        "summary": spec.summary,
        "description": spec.description,
        "kind": spec.kind,
        "category": spec.category,
        "procurement_category": spec.procurement_category,
        "deployment": spec.deployment,
        "hosting": spec.hosting,
        "hosting_details": spec.hosting_details,
        "price_model": spec.price_model,
        "price_amount": _money(spec.price_amount),
        "price_note": spec.price_note,
        "reference_customers": "\n".join(spec.references),
        "leika_keys": "\n".join(spec.leika_keys),
        "open_source_licence": spec.open_source_licence,
        "opencode_url": spec.opencode_url,
        "accessibility": spec.accessibility,
        "accessibility_statement_url": spec.accessibility_statement_url,
        "c5": spec.c5,
        "iso27001": spec.iso27001,
        "avv_available": spec.avv_available,
        "evb_it": spec.evb_it,
    }


def _attach(version, document: DocumentSpec, today, pdfs: dict[str, bytes]) -> None:
    """A small PDF for the document. Certificates are valid while the offering is reviewed
    (the review refuses expired ones); those meant to be expired expire afterwards."""
    valid_until = None
    if document.valid_days is not None:
        valid_until = today + datetime.timedelta(days=max(document.valid_days, 30))
    if document.title not in pdfs:
        pdfs[document.title] = demo_pdf(
            document.title,
            [
                version.name,
                f"Ausgestellt von: {document.issuer}" if document.issuer else "",
                "Demo-Dokument von Knotenpunkt – kein echtes Zertifikat.",
            ],
        )
    OfferingDocument.objects.create(
        version=version,
        kind=document.kind,
        title=document.title,
        file=ContentFile(pdfs[document.title], name=f"{ascii_fold(document.title)[:40]}.pdf"),
        issuer=document.issuer,
        valid_until=valid_until,
    )


# --- buyers --------------------------------------------------------------------------------


def _store_buyers(admin, staff) -> tuple[dict[str, PublicBuyer], dict[str, User]]:
    """Register every buyer, verify those with a verification note; returns the buyers and
    the account acting for each."""
    buyers, actors = {}, {}
    for spec in BUYERS:
        organisation = buyer_organisation(spec.key)
        leitweg_id = ""
        if spec.leitweg_coarse:
            parts = (
                [spec.leitweg_coarse, spec.leitweg_fine]
                if spec.leitweg_fine
                else [spec.leitweg_coarse]
            )
            parts.append(check_digits(spec.leitweg_coarse, spec.leitweg_fine))
            leitweg_id = "-".join(parts)
        buyer = register_buyer(
            admin,
            organisation,
            jurisdiction=spec.jurisdiction,
            authority_kind=spec.authority_kind,
            leitweg_id=leitweg_id,
            invoice_email=spec.invoice_email,
        )
        if spec.verification_note:
            buyer = verify_buyer(staff, buyer, note=spec.verification_note)
        buyers[spec.key] = buyer
        people = [_buyer_person(organisation, spec, p) for p in spec.people]
        if spec.key == "kiel":
            actors[spec.key] = User.objects.filter(email=KIEL_LOGIN).first() or admin
        elif people:
            actors[spec.key] = demo_account(people[0], spec.domain)
    return buyers, actors


def _create_organisation(spec: BuyerSpec) -> Organisation:
    organisation = Organisation.objects.create(
        name=spec.name,
        slug=organisation_slug(spec.name),
        legal_form=Organisation.LegalForm.PUBLIC_BODY,
        actor_type=Organisation.ActorType.PUBLIC,
        size_class="large" if spec.authority_kind == "land" else "medium",
        employees=420 if spec.authority_kind == "land" else 140,
        wz_code="84.11",
        street=spec.street,
        postcode=spec.postcode,
        city=spec.city,
        region=Region.objects.filter(ags=spec.ags).first(),
        website=f"https://www.{spec.domain}",
        email=f"post@{spec.domain}",
        description=spec.description,
    )
    organisations_saved([organisation.pk])
    return organisation


def _buyer_person(organisation, spec: BuyerSpec, wanted) -> Person:
    position = (
        Position.objects.current()
        .filter(
            organisation=organisation,
            person__first_name=wanted.first_name,
            person__last_name=wanted.last_name,
        )
        .select_related("person")
        .first()
    )
    if position is not None:
        return position.person
    person = Person.objects.create(
        salutation=wanted.salutation, first_name=wanted.first_name, last_name=wanted.last_name
    )
    PersonEmail.objects.create(
        person=person,
        address=f"{ascii_fold(wanted.first_name)}.{ascii_fold(wanted.last_name)}@{spec.domain}",
        is_primary=True,
    )
    Position.objects.create(
        person=person,
        organisation=organisation,
        function=wanted.function,
        job_title=wanted.job_title,
        start_date=AS_OF - datetime.timedelta(days=900),
    )
    people_saved([person.pk])
    return person


# --- accounts ------------------------------------------------------------------------------


def _existing_account(organisation) -> User | None:
    position = (
        Position.objects.current()
        .filter(organisation=organisation, person__user__isnull=False)
        .select_related("person__user")
        .order_by("-is_admin", "pk")
        .first()
    )
    return position.person.user if position else None


def _provider_account(organisation) -> User:
    """Someone of the provider who can act in the shop (quote, invoice)."""
    existing = _existing_account(organisation)
    if existing is not None:
        return existing
    position = (
        Position.objects.current()
        .filter(organisation=organisation, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("-is_admin", "pk")
        .first()
    )
    return demo_account(position.person, organisation.slug + ".example")


def demo_account(person: Person, domain: str) -> User:
    """An account for a demo person, without a usable password: it acts in the demo but
    is not one of the printed logins."""
    if person.user_id:
        return person.user
    address = person.primary_email or (
        f"{ascii_fold(person.first_name)}.{ascii_fold(person.last_name)}@{domain}"
    )
    user = User.objects.filter(email__iexact=address).first()
    if user is None or Person.objects.filter(user=user).exists():
        user = User(email=address if user is None else f"demo-{person.pk}@{domain}")
        user.set_unusable_password()
        user.email_confirmed_at = timezone.now()
        user.save()
    person.user = user
    person.save(update_fields=["user"])
    confirm_login_address(user)
    return user


# --- quote requests --------------------------------------------------------------------------


def _store_request(spec: RequestSpec, buyer, actor, versions, today) -> None:
    created = today + datetime.timedelta(days=spec.created_days)
    request = requests.create_request(
        actor,
        buyer,
        title=spec.title,
        need=spec.need,
        offering_category=spec.offering_category,
        procurement_category=spec.procurement_category,
        one_off_value=_money(spec.one_off_value),
        monthly_value=_money(spec.monthly_value),
        term_months=spec.term_months,
        option_months=spec.option_months,
        today=created,
    )
    for key in spec.chosen:
        requests.add_offering(request, versions[key])
    proposed = []
    if spec.proposed:
        proposals = requests.propose_providers(request, limit=spec.proposed, today=created)
        proposed = [i.provider for i in requests.add_proposals(request, proposals)]
    QuoteRequest.objects.filter(pk=request.pk).update(created_at=_moment(today, spec.created_days))
    if spec.stage == REQUEST_DRAFT:
        return

    past = spec.stage in (REQUEST_CLOSED, REQUEST_AWARDED)
    # A past deadline cannot be set when sending: send with a near one and move it back
    # once the quotes are in.
    days = 2 if past else spec.deadline_days
    requests.send_request(actor, request, deadline=timezone.now() + datetime.timedelta(days=days))
    sent = _moment(today, spec.created_days + 1)
    QuoteRequest.objects.filter(pk=request.pk).update(sent_at=sent)
    request.invitations.update(sent_at=sent)
    if spec.stage == REQUEST_CANCELLED:
        requests.cancel_request(actor, request, spec.cancel_reason)
        return

    quotes = {}
    for quote in spec.quotes:
        if quote.offering == PROPOSED:
            if not proposed:
                continue
            provider = proposed[0]
        else:
            provider = versions[quote.offering].offering.provider
        invitation = QuoteInvitation.objects.select_related("request").get(
            request=request, provider=provider
        )
        person = _provider_account(provider)
        if quote.declined:
            requests.decline_invitation(person, invitation, quote.declined)
            continue
        quotes[quote.offering] = requests.submit_quote(
            person,
            invitation,
            net_price=Decimal(quote.net_price),
            description=quote.description,
            valid_until=today + datetime.timedelta(days=60),
            document=ContentFile(
                demo_pdf(f"Angebot: {spec.title}", [str(provider), quote.description]),
                name="angebot.pdf",
            ),
        )
    if not past:
        return
    deadline_day = spec.created_days + spec.deadline_days
    Quote.objects.filter(invitation__request=request).update(
        submitted_at=_moment(today, deadline_day - 3)
    )
    QuoteRequest.objects.filter(pk=request.pk).update(deadline=_moment(today, deadline_day))
    if spec.stage == REQUEST_CLOSED:
        return

    award_day = today + datetime.timedelta(days=deadline_day + 2)
    order = requests.award(
        actor,
        QuoteRequest.objects.get(pk=request.pk),
        quotes[spec.award],
        reason=spec.award_reason,
        today=award_day,
    )
    QuoteRequest.objects.filter(pk=request.pk).update(awarded_at=_moment(today, deadline_day + 2))
    if spec.invoice is not None:
        invoice = spec.invoice
        issued = today + datetime.timedelta(days=invoice.issued_days)
        supplier_invoices.create_supplier_invoice(
            _provider_account(order.provider),
            order,
            number=invoice.number,
            issued_on=issued,
            service_date=issued - datetime.timedelta(days=5),
            due_on=issued + datetime.timedelta(days=30),
            lines=[
                (text, Decimal(quantity), Decimal(unit), Decimal(vat))
                for text, quantity, unit, vat in invoice.lines
            ],
            seller_iban=invoice.iban,
            seller_phone=invoice.phone,
            seller_email=invoice.email,
            seller_vat_id=invoice.vat_id,
        )


# --- small helpers -------------------------------------------------------------------------


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _moment(today: datetime.date, days: int) -> datetime.datetime:
    """10 o'clock, `days` from today, Berlin time."""
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _pdf_text(text: str) -> str:
    encoded = text.encode("cp1252", "replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines: enough for the demo's data sheets,
    certificates and quotes, without rendering HTML for each."""
    commands = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_text(title)}) Tj", "/F1 10 Tf"]
    for line in (line for line in lines if line):
        commands += ["0 -22 Td", f"({_pdf_text(line[:110])}) Tj"]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
