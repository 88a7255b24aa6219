"""Demo membership fees: statutes and fee rules, fee schedules for both clusters, last
year's and this year's fee runs, SEPA mandates (a few missing, some revoked), a settled
and a submitted direct debit file, returns, reminders at two levels, a dunning pause, and
three applications waiting for a decision.

Everything goes through the services a treasurer's clicks go through. What lies in the
past is dated there: runs, debits and reminders carry their historical days (the
services take the day as an argument for history taken over from an earlier system).
Safe to run again: it does nothing once a cluster has a fee schedule.
"""

from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.contrib.auth import get_user_model
from django.db import transaction
from stdnum.iso7064 import mod_97_10

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, FEES, KIND_FEES, MARITIME
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Position
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import (
    DebitBatch,
    DirectDebit,
    FeeCharge,
    FeeSchedule,
    Mandate,
)
from knotenpunkt.memberships.services.applications import submit_application
from knotenpunkt.memberships.services.creditor import save_direct_debit_settings
from knotenpunkt.memberships.services.documents import current_documents, publish_document
from knotenpunkt.memberships.services.dunning import (
    default_levels,
    pause_dunning,
    record_payment,
    send_due_reminders,
)
from knotenpunkt.memberships.services.fee_runs import run_fees
from knotenpunkt.memberships.services.mandates import enter_paper_mandate, revoke_mandate
from knotenpunkt.memberships.services.open_items import balance_of
from knotenpunkt.memberships.services.prenotification import pre_notify
from knotenpunkt.memberships.services.returns import record_return
from knotenpunkt.memberships.services.schedules import save_schedule
from knotenpunkt.memberships.services.sepa_export import export_debits, settle_collected_debits
from knotenpunkt.memberships.services.target2 import next_business_day

SEED = 20261206
# Creditor identifiers of the demo (made up, with valid check digits: see creditor_id()).
NATIONAL_IDS = {DIGITAL["slug"]: "00000123456", MARITIME["slug"]: "00000654321"}
# Demo banks' sort codes (BLZ) for the members' made-up accounts.
SORT_CODES = ["21050170", "21060237", "20050550", "23050101", "21352240", "20040000"]
RETURN_REASONS = ["AM04", "MD06", "AC04"]

STATUTES = """## § 1 Name, Sitz, Zweck
Der Verein fördert die {topic} in der Region durch Austausch, Weiterbildung und
Zusammenarbeit seiner Mitglieder.

## § 4 Mitgliedschaft
Mitglied können Unternehmen, Hochschulen, Verbände und öffentliche Stellen werden. Über
den schriftlichen Antrag entscheidet das Clustermanagement im Auftrag des Vorstands.

## § 5 Beiträge
Die Mitglieder zahlen Jahresbeiträge nach der Beitragsordnung. Sie werden zum
Fälligkeitstag fällig und bevorzugt per SEPA-Lastschrift eingezogen.

## § 6 Ende der Mitgliedschaft
Der Austritt ist mit einer Frist von drei Monaten zum Ende des Kalenderjahres möglich.
"""

FEE_RULES = """## Beitragsordnung
Der Jahresbeitrag richtet sich nach Art der Mitgliedschaft und Größe der Organisation
(Mitarbeitende nach der KMU-Definition der EU). Start-ups zahlen in den ersten drei
Jahren einen ermäßigten Beitrag, Studierendeninitiativen einen Anerkennungsbeitrag.

Wer im Laufe des Jahres eintritt, zahlt für jeden angefangenen Monat ein Zwölftel.
{exit_rule}
"""


def creditor_id(national: str) -> str:
    """A German creditor identifier with valid check digits (EPC262-08: ISO 7064 MOD
    97-10 over the national part and "DE00", the business code "ZZZ" not counted)."""
    return f"DE{mod_97_10.calc_check_digits(national + 'DE')}ZZZ{national}"


def demo_iban(rng: Random) -> str:
    bban = rng.choice(SORT_CODES) + f"{rng.randrange(10**9, 10**10):010d}"
    return f"DE{mod_97_10.calc_check_digits(bban + 'DE')}{bban}"


@transaction.atomic
def build_memberships_demo(seed: int = SEED) -> bool:
    """The fee history of both demo clusters; False when it exists (or no demo)."""
    clusters = list(Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]]))
    if not clusters or FeeSchedule.objects.filter(cluster__in=clusters).exists():
        return False
    rng = Random(seed)
    today = clock.today()
    for cluster in sorted(clusters, key=lambda c: c.slug):
        _documents(cluster, today)
        _schedules(cluster, today)
        _collecting(cluster, rng, today)
        _history(cluster, rng, today)
    _applications(clusters, rng, today)
    return True


def _documents(cluster: Cluster, today: date) -> None:
    topic = "Digitalwirtschaft" if cluster.slug == DIGITAL["slug"] else "maritime Wirtschaft"
    exit_rule = (
        "Beim Austritt im Laufe des Jahres wird der Beitrag für die vollen Monate danach "
        "gutgeschrieben."
        if cluster.slug == MARITIME["slug"]
        else "Der Beitrag des Austrittsjahres wird nicht erstattet."
    )
    for kind, title, body in (
        ("statutes", f"Satzung {cluster.short_name or cluster.name}", STATUTES),
        ("fee_rules", "Beitragsordnung", FEE_RULES),
    ):
        publish_document(
            None,
            cluster,
            kind=kind,
            title=title,
            body=body.format(topic=topic, exit_rule=exit_rule),
            valid_from=date(today.year - 3, 1, 1),
        )


def _rates(cluster: Cluster, scale: Decimal = Decimal(1)):
    fees = FEES[cluster.slug]
    rates = [("paying", size, Decimal(fee) * scale) for size, fee in fees.items()]
    rates += [(kind, "", Decimal(fee)) for kind, fee in KIND_FEES.items() if fee]
    return rates


def run_days(today: date) -> dict[int, date]:
    """When last year's and this year's fee runs happened: mid-January, unless the demo
    is built early in the year (then this year's run lies 120 days back, in December)."""
    this_year = date(today.year, 1, 15)
    if today - this_year < timedelta(days=90):
        this_year = today - timedelta(days=120)
    return {today.year - 1: date(today.year - 1, 1, 15), today.year: this_year}


PAYMENT_DAYS = 45


def _schedules(cluster: Cluster, today: date) -> None:
    """Last year's and this year's fees, due 45 days after their run, and next year's
    with a raise, decided by the general meeting."""
    credit = cluster.slug == MARITIME["slug"]
    runs = run_days(today)
    for year, due, scale in (
        (today.year - 1, runs[today.year - 1] + timedelta(days=PAYMENT_DAYS), Decimal("0.9")),
        (today.year, runs[today.year] + timedelta(days=PAYMENT_DAYS), Decimal(1)),
        (today.year + 1, date(today.year + 1, 3, 1), Decimal("1.1")),
    ):
        save_schedule(
            None,
            cluster,
            year,
            rates=[(k, s, a.quantize(Decimal(1))) for k, s, a in _rates(cluster, scale)],
            due_date=due,
            credit_on_exit=credit,
        )


def _collecting(cluster: Cluster, rng: Random, today: date) -> None:
    """The creditor identifier, reminder levels and mandates of most paying members."""
    save_direct_debit_settings(
        None,
        cluster,
        creditor_id=creditor_id(NATIONAL_IDS[cluster.slug]),
        mandate_prefix=cluster.slug.upper()[:8],
        return_fee=Decimal("3.50"),
    )
    default_levels(cluster)
    paying = (
        Membership.objects.in_force(today)
        .filter(cluster=cluster)
        .exclude(kind__in=["free", "compensating"])
        .select_related("organisation")
        .order_by("organisation__name")
    )
    for membership in paying:
        organisation = membership.organisation
        if rng.random() < 0.15 or not (organisation.street and organisation.postcode):
            continue  # pays by transfer
        signed = min(membership.start_date, today - timedelta(days=500)) + timedelta(days=3)
        mandate = enter_paper_mandate(
            None,
            organisation,
            cluster,
            signed_on=max(signed, date(2019, 1, 1)),
            account_holder=organisation.name[:70],
            iban=demo_iban(rng),
            street=organisation.street[:70],
            postcode=organisation.postcode,
            city=organisation.city[:35],
            signed_by=_signatory(organisation),
        )
        if rng.random() < 0.04:
            revoke_mandate(
                None, mandate, "Kontowechsel, neues Mandat angefragt", on=today - timedelta(days=30)
            )


def _signatory(organisation: Organisation) -> str:
    head = (
        Position.objects.current()
        .filter(organisation=organisation, function="ceo")
        .select_related("person")
        .first()
    )
    return head.person.full_name if head else "Geschäftsführung"


def _history(cluster: Cluster, rng: Random, today: date) -> None:
    """Two fee runs with their debits, transfers, returns and reminders."""
    for year, run_day in run_days(today).items():
        result = run_fees(None, cluster, year, on=run_day)
        if result.run is None:
            continue
        charges = result.run.charges.filter(invoice__isnull=False).select_related(
            "invoice", "invoice__organisation"
        )
        # The invoices went out back then, each debit announced with its invoice.
        charges.update(mailed_at=clock.now() - (today - run_day))
        mandates = {
            m.organisation_id: m
            for m in Mandate.objects.filter(cluster=cluster, status=Mandate.Status.ACTIVE)
        }
        due = result.run.due_date
        collection = next_business_day(due)
        for charge in charges:
            mandate = mandates.get(charge.invoice.organisation_id)
            if mandate is not None:
                pre_notify(charge.invoice, mandate, collection, today=run_day)
        export = export_debits(None, cluster, collection, today=collection - timedelta(days=5))
        if export.batch is not None:
            DebitBatch.objects.filter(pk=export.batch.pk).update(
                created_at=clock.now() - (today - collection + timedelta(days=5))
            )
        if year == today.year:
            _returns(cluster, export.batch, rng, collection)
        settle_collected_debits(today=today)
        _transfers(cluster, year, rng, due, today, keep_open=year == today.year)
    _reminders(cluster, today)
    _resubmit_returned(cluster, today)


def _returns(cluster: Cluster, batch, rng: Random, collection: date) -> None:
    if batch is None:
        return
    debits = list(batch.debits.order_by("pk"))
    for debit, code in zip(rng.sample(debits, min(3, len(debits))), RETURN_REASONS, strict=False):
        record_return(None, debit, code, collection + timedelta(days=3))


def _transfers(cluster, year, rng: Random, due: date, today: date, *, keep_open: bool) -> None:
    """Members without a mandate pay by transfer; this year a dozen have not yet."""
    unpaid = Invoice.objects.filter(
        cluster=cluster,
        status=Invoice.Status.ISSUED,
        fee_charge__year=year,
        fee_charge__kind=FeeCharge.Kind.CHARGE,
        direct_debits__isnull=True,
    ).order_by("number")
    left_open = 0
    for invoice in unpaid:
        if keep_open and left_open < 12 and rng.random() < 0.5:
            left_open += 1
            continue
        paid_on = min(due + timedelta(days=rng.randint(-10, 20)), today)
        record_payment(
            None,
            invoice,
            method="transfer",
            amount=invoice.amount_due,
            paid_on=max(paid_on, invoice.issued_on),
        )


def _reminders(cluster: Cluster, today: date) -> None:
    """First reminders two weeks after the due date, second ones two weeks later; some
    members paid in between, and one asked for time."""
    schedule = FeeSchedule.objects.filter(cluster=cluster, year=today.year).first()
    due = schedule.due_date
    send_due_reminders(today=due + timedelta(days=14), cluster=cluster)
    open_ones = list(
        Invoice.objects.filter(
            cluster=cluster, status=Invoice.Status.ISSUED, reminders__level=1
        ).order_by("number")
    )
    for invoice in open_ones[:3]:
        record_payment(
            None,
            invoice,
            method="transfer",
            amount=balance_of(invoice),
            paid_on=due + timedelta(days=20),
        )
    send_due_reminders(today=due + timedelta(days=28), cluster=cluster)
    if len(open_ones) > 4:
        pause_dunning(
            None,
            open_ones[4].organisation,
            cluster,
            "Ratenzahlung vereinbart (Gespräch mit der Geschäftsführung)",
        )


def _resubmit_returned(cluster: Cluster, today: date) -> None:
    """Two returned debits are announced again and sit in a file submitted today."""
    returned = list(
        DirectDebit.objects.filter(
            batch__cluster=cluster,
            status=DirectDebit.Status.RETURNED,
            invoice__status=Invoice.Status.ISSUED,
        ).select_related("invoice", "mandate")[:2]
    )
    if not returned:
        return
    collection = next_business_day(today + timedelta(days=2))
    for debit in returned:
        pre_notify(debit.invoice, debit.mandate, collection, today=collection - timedelta(days=14))
    export_debits(None, cluster, collection, today=today)


def _applications(clusters: list[Cluster], rng: Random, today: date) -> None:
    """Three organisations that are no members yet applied; staff have not decided."""
    digital = next(c for c in clusters if c.slug == DIGITAL["slug"])
    prospects = (
        Organisation.objects.exclude(memberships__isnull=False)
        .filter(positions__person__emails__is_primary=True)
        .exclude(size_class="")
        .distinct()
        .order_by("name")
    )
    wishes = [
        ("paying", "Wir möchten uns mit anderen Softwarehäusern zu KI-Projekten austauschen."),
        ("startup", "Wir sind ein junges Team und suchen Pilotkunden aus dem Mittelstand."),
        ("paying", "Als Zulieferer wollen wir an den Fachgruppen Cybersicherheit teilnehmen."),
    ]
    accepted = [d.pk for d in current_documents(digital)]
    users = get_user_model()
    for organisation, (kind, why) in zip(prospects[:3], wishes, strict=False):
        position = organisation.positions.select_related("person__user").first()
        email = position.person.emails.filter(is_primary=True).first().address
        user = position.person.user or users.objects.filter(email__iexact=email).first()
        if user is None:
            user = users(email=email)
            user.set_unusable_password()
            user.save()
            position.person.user = user
            position.person.save(update_fields=["user"])
        submit_application(
            user,
            organisation,
            digital,
            kind=kind,
            size_class=organisation.size_class,
            start_date=date(today.year + 1, 1, 1),
            motivation=why,
            accepted_document_ids=accepted,
        )
