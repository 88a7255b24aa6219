"""The procurement advisor: estimate a contract value per § 3 VgV and recommend the
procedure, its legal basis and the duties that follow, from the thresholds kept as data.

Where a rule is not verified the advice says so (`uncertain`) instead of guessing.
"""

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from knotenpunkt.procurement.models import (
    AuthorityKind,
    Category,
    DutyKind,
    DutyThreshold,
    EInvoiceRule,
    Jurisdiction,
    Procedure,
    Threshold,
)

CENT = Decimal("0.01")
MONTHS_CAP = 48  # § 3 Abs. 11 VgV
FEDERAL = {AuthorityKind.FEDERAL_TOP, AuthorityKind.FEDERAL_UPPER}
LAND_BODIES = {AuthorityKind.LAND, AuthorityKind.MUNICIPAL}
KDB = "KDB"


def eur(amount) -> str:
    """An amount as people read it in the active language (2.400,00 / 2,400.00)."""
    return formats.number_format(Decimal(amount), 2, use_l10n=True, force_grouping=True)


def eur_limit(amount) -> str:
    """A value limit as the law writes it: whole euros without cents (25.000 / 25,000)."""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    return formats.number_format(amount, places, use_l10n=True, force_grouping=True)


class AdviceError(ValueError):
    """Input the advisor cannot work with; the message is for the person who gave it.

    `cli_hint` names the command-line option to use instead, in the codes the command
    takes (buyers read the message only, in words)."""

    def __init__(self, message, *, cli_hint: str = ""):
        super().__init__(message)
        self.cli_hint = cli_hint


@dataclass
class Step:
    text: str
    amount: Decimal


@dataclass
class Estimate:
    value: Decimal
    steps: list[Step]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Duty:
    text: str
    source: str
    uncertain: bool = False


@dataclass
class Advice:
    procedure: str
    estimated_value: Decimal
    min_offers: int | None
    ex_post_publication: bool
    statistics: bool
    einvoice_required: bool
    basis: list[str]
    uncertain: bool
    duties: list[Duty] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    uncertain_points: list[str] = field(default_factory=list)
    alternative_procedure: str | None = None

    def as_json(self) -> dict:
        data = asdict(self)
        data["estimated_value"] = float(self.estimated_value)
        for step in data["steps"]:
            step["amount"] = float(step["amount"])
        return data


def _money(value) -> Decimal:
    amount = Decimal(str(value)).quantize(CENT)
    if amount < 0:
        raise AdviceError(_("Values must not be negative."))
    return amount


def estimate_value(
    *,
    value=None,
    monthly=None,
    term_months: int | None = None,
    option_months: int | None = None,
    option_value=None,
) -> Estimate:
    """The estimated net value per § 3 VgV, with the computation as steps.

    `value` is a one-off total; `monthly` a recurring fee over `term_months` (none = an
    indefinite term); options and extensions count (§ 3 Abs. 1 S. 2 VgV); recurring fees
    over more than 48 months or an indefinite term count 48 times (§ 3 Abs. 11 VgV).
    """
    if value is None and monthly is None:
        raise AdviceError(_("Give a value or a monthly amount."))
    for months in (term_months, option_months):
        if months is not None and months < 0:
            raise AdviceError(_("Months must not be negative."))
    if monthly is None and (term_months or option_months):
        raise AdviceError(_("A term or option months need a monthly amount."))
    steps: list[Step] = []
    warnings: list[str] = []
    total = Decimal("0.00")
    if value is not None:
        amount = _money(value)
        steps.append(Step(_("One-off value (net)"), amount))
        total += amount
    if monthly is not None:
        rate = _money(monthly)
        if term_months is None:
            months = MONTHS_CAP
            text = _("Indefinite term: 48 × monthly value %(rate)s EUR (§ 3 Abs. 11 Nr. 2 VgV)") % {
                "rate": eur(rate)
            }
            if option_months:
                warnings.append(
                    _("Option months are already covered by the 48 months of an indefinite term.")
                )
        else:
            months = term_months + (option_months or 0)
            if months > MONTHS_CAP:
                text = _(
                    "Term of %(months)s months including options exceeds 48 months: "
                    "48 × monthly value %(rate)s EUR (§ 3 Abs. 11 Nr. 2 VgV)"
                ) % {"months": months, "rate": eur(rate)}
                months = MONTHS_CAP
            elif option_months:
                text = _(
                    "Fixed term %(term)s months plus %(options)s option months × monthly value "
                    "%(rate)s EUR (§ 3 Abs. 1 and Abs. 11 Nr. 1 VgV)"
                ) % {"term": term_months, "options": option_months, "rate": eur(rate)}
            else:
                text = _(
                    "Fixed term %(term)s months × monthly value %(rate)s EUR "
                    "(§ 3 Abs. 11 Nr. 1 VgV)"
                ) % {"term": term_months, "rate": eur(rate)}
        amount = (rate * months).quantize(CENT)
        steps.append(Step(text, amount))
        total += amount
    if option_value is not None:
        amount = _money(option_value)
        steps.append(Step(_("Further options (§ 3 Abs. 1 S. 2 VgV)"), amount))
        total += amount
    steps.append(Step(_("Estimated total value without VAT (§ 3 Abs. 1 VgV)"), total))
    return Estimate(total, steps, warnings)


def _valid_on(queryset, day: datetime.date):
    return queryset.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
    )


@dataclass
class Limit:
    """A national value limit resolved for one buyer: a fixed amount or its EU threshold."""

    row: Threshold
    amount: Decimal

    def admits(self, value: Decimal) -> bool:
        """Whether `value` lies within the limit, as the source words it."""
        return value <= self.amount if self.row.inclusive else value < self.amount


def _reaches(value: Decimal, row: Threshold) -> bool:
    return value >= row.amount if row.inclusive else value > row.amount


def _eu_threshold(authority: str, category: str, day: datetime.date) -> tuple[Threshold, bool]:
    rows = [
        r
        for r in Threshold.objects.filter(jurisdiction=Jurisdiction.EU, procedure=Procedure.EU)
        if r.applies_to(authority, category)
    ]
    current = [
        r
        for r in rows
        if (r.valid_from is None or r.valid_from <= day)
        and (r.valid_until is None or r.valid_until >= day)
    ]
    if current:
        return min(current, key=lambda r: r.amount), False
    # No table for that date: fall back on the latest one and say that it is a guess.
    earlier = [r for r in rows if r.valid_from is None or r.valid_from <= day] or rows
    if not earlier:
        raise AdviceError(_("No EU threshold is recorded for this authority kind."))
    return max(earlier, key=lambda r: r.valid_from or datetime.date.min), True


def _national_limits(
    jurisdiction: str, authority: str | None, category: str, day, eu_amount: Decimal
) -> tuple[list[Limit], bool]:
    """The value limits below the EU threshold, lowest first, and whether they are the
    default ones because none are recorded for the jurisdiction on `day`."""
    for code in (jurisdiction, Jurisdiction.DEFAULT):
        limits = [
            Limit(r, eu_amount if r.up_to_eu_threshold else r.amount)
            for r in _valid_on(
                Threshold.objects.filter(jurisdiction=code).exclude(procedure=Procedure.EU), day
            )
            if r.applies_to(authority, category)
        ]
        if limits:
            return sorted(limits, key=lambda limit: limit.amount), code != jurisdiction
    return [], True


class DutyUnknown(LookupError):
    """No value limit of a duty is recorded for the jurisdiction on the day."""


def _duty_threshold(duty: str, jurisdiction: str, authority: str, day) -> DutyThreshold | None:
    """The value limit of `duty` for this buyer (None: the duty does not bind this kind of
    authority); DutyUnknown if no limit of the duty is recorded at all."""
    for code in (jurisdiction, Jurisdiction.DEFAULT):
        rows = list(_valid_on(DutyThreshold.objects.filter(duty=duty, jurisdiction=code), day))
        if rows:
            # Recorded for the jurisdiction: a row not naming the buyer's kind means no duty.
            return next((r for r in rows if r.applies_to(authority)), None)
    raise DutyUnknown(duty)


def _einvoice_rule(jurisdiction: str, day) -> EInvoiceRule | None:
    for code in (jurisdiction, Jurisdiction.DEFAULT):
        rule = _valid_on(EInvoiceRule.objects.filter(jurisdiction=code), day).first()
        if rule is not None:
            return rule
    return None


def check_input(jurisdiction: str, authority: str, category: str) -> None:
    """Refuse inconsistent input (AdviceError) without reading the database."""
    if jurisdiction not in Jurisdiction.values or jurisdiction in ("EU", "DEFAULT"):
        raise AdviceError(_("Unknown jurisdiction %(code)s.") % {"code": jurisdiction})
    if authority not in AuthorityKind.values:
        raise AdviceError(_("Unknown authority kind %(kind)s.") % {"kind": authority})
    if category not in Category.values:
        raise AdviceError(_("Unknown category %(category)s.") % {"category": category})
    if authority in FEDERAL and jurisdiction != Jurisdiction.BUND:
        raise AdviceError(
            _("Federal authorities belong to the Federation, not to a Land."),
            cli_hint="--jurisdiction BUND",
        )
    if authority in LAND_BODIES and jurisdiction == Jurisdiction.BUND:
        raise AdviceError(
            _("Land authorities and municipalities belong to a Land, not to the Federation."),
            cli_hint="--jurisdiction SH, HH, BY, … (the Land)",
        )


def advise(
    jurisdiction: str,
    authority: str,
    category: str,
    *,
    value=None,
    monthly=None,
    term_months: int | None = None,
    option_months: int | None = None,
    option_value=None,
    framework_entitled: bool = False,
    framework_max_reached: bool = False,
    framework_kind: str | None = None,
    related_value=None,
    date: datetime.date | None = None,
) -> Advice:
    """Recommend the procurement procedure and its duties for one planned purchase.

    `related_value` is what the same buyer spent on the same kind of offering in the last
    12 months: it is added, since a purchase must not be split (§ 3 Abs. 2 VgV).
    """
    jurisdiction = (jurisdiction or "").upper()
    check_input(jurisdiction, authority, category)
    day = date or timezone.localdate()
    estimate = estimate_value(
        value=value,
        monthly=monthly,
        term_months=term_months,
        option_months=option_months,
        option_value=option_value,
    )
    warnings = list(estimate.warnings)
    steps = list(estimate.steps)
    total = estimate.value
    if related_value:
        related = _money(related_value)
        total += related
        warnings.append(
            _(
                "The same buyer bought the same kind of offering for %(related)s EUR within "
                "12 months: the values are added, a purchase must not be split "
                "(§ 3 Abs. 2 VgV)."
            )
            % {"related": eur(related)}
        )
        steps.append(Step(_("Plus related purchases of the last 12 months"), related))
        steps.append(Step(_("Value relevant for the procedure"), total))

    advice = Advice(
        procedure="",
        estimated_value=total,
        min_offers=None,
        ex_post_publication=False,
        statistics=False,
        einvoice_required=False,
        basis=[],
        uncertain=False,
        warnings=warnings,
        steps=steps,
    )

    if category == Category.CONSTRUCTION:
        advice.procedure = Procedure.OUT_OF_SCOPE
        advice.basis = [_("VOB/A (construction works are awarded under VOB/A, not UVgO/VgV)")]
        advice.warnings.append(
            _("Construction works are out of scope of this advisor; use VOB/A and its thresholds.")
        )
        return advice

    kind = (framework_kind or "").upper()
    if kind == KDB and jurisdiction != Jurisdiction.BUND:
        # Decide what the buyer would have to do instead, so the advice stays useful.
        advice.alternative_procedure = _procedure_for(
            advice, jurisdiction, authority, category, total, day, dry_run=True
        )
        advice.procedure = Procedure.NOT_ALLOWED
        advice.basis = [_("Kaufhaus des Bundes: call-offs are open to federal authorities only")]
        advice.warnings.append(
            _(
                "The Kaufhaus des Bundes (KdB) is not open to Länder and municipalities; "
                "procure under your own rules (alternative: %(procedure)s)."
            )
            % {"procedure": Procedure(advice.alternative_procedure).label}
        )
        return advice

    if framework_entitled and not framework_max_reached:
        advice.procedure = Procedure.CALL_OFF
        advice.min_offers = 1
        advice.basis = [
            _("§ 21 VgV / § 15 UVgO: call-off from a framework agreement the buyer is entitled to")
        ]
        advice.duties.append(
            Duty(
                _("Call off only within the terms and the maximum value of the framework."),
                _("§ 21 Abs. 2 VgV; § 15 UVgO"),
            )
        )
        _einvoice(advice, jurisdiction, day, direct_award=False)
        return advice
    if framework_entitled and framework_max_reached:
        advice.warnings.append(
            _(
                "The framework's maximum value is reached: no further call-offs; "
                "a new award is needed."
            )
        )
    elif framework_kind or framework_max_reached:
        advice.warnings.append(
            _("The buyer is not entitled to call off from this framework: a new award is needed.")
        )

    advice.procedure = _procedure_for(advice, jurisdiction, authority, category, total, day)
    return advice


def _procedure_for(advice, jurisdiction, authority, category, total, day, dry_run=False) -> str:
    """Pick the procedure by value and fill in basis and duties (unless `dry_run`)."""
    eu_row, eu_guess = _eu_threshold(authority, category, day)
    notes: list[str] = []
    if eu_guess:
        notes.append(
            _("No EU threshold is recorded for %(day)s; the latest known one is used.")
            % {"day": formats.date_format(day, "SHORT_DATE_FORMAT")}
        )
    uncertain = eu_guess or eu_row.uncertain
    if _reaches(total, eu_row):
        if not dry_run:
            _fill_eu(advice, eu_row, total, day, jurisdiction)
            advice.uncertain = uncertain
            advice.warnings.extend(notes)
        return Procedure.EU

    # Below the EU threshold the national (budget-law) rules apply.
    national_authority = None if authority == AuthorityKind.SECTOR else authority
    limits, fallback = _national_limits(
        jurisdiction, national_authority, category, day, eu_row.amount
    )
    if authority == AuthorityKind.SECTOR:
        uncertain = True
        notes.append(
            _(
                "Below the EU threshold a sector entity is bound by national procurement rules "
                "only if it is itself a public body under budget law; the Land/federal value "
                "limits are shown on that assumption."
            )
        )
    if fallback:
        uncertain = True
        notes.append(
            _(
                "No value limits are recorded for %(jurisdiction)s on this date; the UVgO "
                "default is used and the Land's own rules may differ."
            )
            % {"jurisdiction": Jurisdiction(jurisdiction).label}
        )
    chosen = next((limit for limit in limits if limit.admits(total)), None)
    procedure = chosen.row.procedure if chosen else Procedure.NAT
    if dry_run:
        return procedure
    advice.uncertain = uncertain or bool(chosen and chosen.row.uncertain)
    advice.warnings.extend(notes)
    if chosen and chosen.row.uncertain:
        # The row's note is for staff; the buyer reads what is unsure in plain words.
        advice.uncertain_points.append(
            _(
                "The value limit of %(limit)s EUR for this procedure is not verified against "
                "its legal source yet (see the legal basis)."
            )
            % {"limit": eur_limit(chosen.amount)}
        )
    _fill_national(advice, procedure, chosen, limits, total, day, jurisdiction, authority)
    return procedure


def _fill_eu(advice, row, total, day, jurisdiction) -> None:
    reached = (
        _("EU threshold %(amount)s EUR reached (a value equal to it reaches it): %(source)s")
        if row.inclusive
        else _("EU threshold %(amount)s EUR exceeded: %(source)s")
    )
    advice.basis = [
        reached % {"amount": eur(row.amount), "source": row.source},
        _("Part 4 GWB (§§ 97 ff.) and VgV (SektVO for sector entities)"),
    ]
    advice.min_offers = None
    advice.ex_post_publication = True
    advice.statistics = True
    advice.duties += [
        Duty(_("Publish an EU contract notice (TED) before the award."), _("§ 37, § 40 VgV")),
        Duty(
            _("Fully electronic procedure (e-procurement) for notices, documents and offers."),
            _("§§ 9–13, § 53 VgV"),
        ),
        Duty(
            _("Inform unsuccessful bidders and wait the standstill period (10 days electronic)."),
            _("§ 134 GWB"),
        ),
        Duty(_("Publish a contract award notice within 30 days."), _("§ 39 VgV")),
        Duty(_("Report the award to the procurement statistics."), _("§ 2 Abs. 1 VergStatVO")),
        Duty(_("Document the procedure from the start (Vergabevermerk)."), _("§ 8 VgV")),
    ]
    _einvoice(advice, jurisdiction, day, direct_award=False)


def _limit_text(limit: Limit) -> str:
    """The range of a national procedure in the words its source uses ('bis einschließlich'
    includes the amount, 'unter'/'unterhalb' does not)."""
    values = {"limit": eur_limit(limit.amount)}
    if limit.row.up_to_eu_threshold:
        return _("Allowed below the EU threshold of %(limit)s EUR net.") % values
    if limit.row.inclusive:
        return _("Allowed up to and including %(limit)s EUR net.") % values
    return _("Allowed below %(limit)s EUR net.") % values


def _fill_national(advice, procedure, chosen, limits, total, day, jurisdiction, authority) -> None:
    if chosen is not None:
        advice.basis += [chosen.row.source, _limit_text(chosen)]
        advice.min_offers = chosen.row.min_offers
    else:
        highest = limits[-1] if limits else None
        above = (
            _(
                "Above the recorded value limits (%(limit)s EUR) and below the EU threshold: "
                "Öffentliche Ausschreibung or Beschränkte Ausschreibung mit "
                "Teilnahmewettbewerb (§ 8 Abs. 2 UVgO)"
            )
            if highest is None or highest.row.inclusive
            else _(
                "From the recorded value limit of %(limit)s EUR up to the EU threshold: "
                "Öffentliche Ausschreibung or Beschränkte Ausschreibung mit "
                "Teilnahmewettbewerb (§ 8 Abs. 2 UVgO)"
            )
        )
        advice.basis.append(above % {"limit": eur(highest.amount) if highest else "–"})
        if not any(limit.row.procedure == Procedure.VV_BA_OTW for limit in limits):
            advice.warnings.append(
                _(
                    "No value limit for Verhandlungsvergabe/Beschränkte Ausschreibung without "
                    "competition is recorded for this jurisdiction; the exceptions of § 8 "
                    "Abs. 3 and 4 UVgO may still allow one in the individual case."
                )
            )
    statistics = _duty(advice, DutyKind.STATISTICS, jurisdiction, authority, day)
    advice.statistics = statistics is not None and statistics.reached_by(total)
    if advice.statistics:
        advice.duties.append(
            Duty(
                _duty_text(
                    statistics,
                    _("Report the award to the procurement statistics (from %(amount)s EUR net)."),
                    _("Report the award to the procurement statistics (above %(amount)s EUR net)."),
                ),
                statistics.source,
                uncertain=statistics.uncertain,
            )
        )
    if procedure == Procedure.DA:
        advice.duties += [
            Duty(
                _("Buy economically and change between the firms you award (rotation)."),
                _("§ 14 UVgO"),
            ),
        ]
        if chosen is not None and chosen.amount > Decimal("1000"):
            advice.duties.append(
                Duty(
                    _(
                        "Obtain comparison offers where the applicable rules require them for "
                        "direct awards above 1,000 EUR; check the instrument cited."
                    ),
                    chosen.row.source,
                    uncertain=True,
                )
            )
            advice.uncertain_points.append(
                _("Whether comparison offers are required for this direct award.")
            )
    elif procedure == Procedure.VV_BA_OTW:
        ex_post = _duty(advice, DutyKind.EX_POST_PUBLICATION, jurisdiction, authority, day)
        advice.ex_post_publication = ex_post is not None and ex_post.reached_by(total)
        advice.duties += [
            Duty(
                _("Ask at least %(count)s firms for an offer and change between them (rotation).")
                % {"count": advice.min_offers or 3},
                _("§ 11 Abs. 2, § 12 Abs. 2 UVgO"),
            ),
            Duty(_("Document the procedure from the start."), _("§ 6 UVgO")),
            Duty(
                _(
                    "Offers may be received electronically; there is no obligation for "
                    "procedures without competition."
                ),
                _("§ 38 Abs. 4 UVgO"),
            ),
        ]
        if advice.ex_post_publication:
            advice.duties.append(
                Duty(
                    _duty_text(
                        ex_post,
                        _(
                            "Publish the award on the internet for three months "
                            "(from %(amount)s EUR net)."
                        ),
                        _(
                            "Publish the award on the internet for three months "
                            "(above %(amount)s EUR net)."
                        ),
                    ),
                    ex_post.source,
                    uncertain=ex_post.uncertain,
                )
            )
    else:
        advice.duties += [
            Duty(
                _("Publish a contract notice before the procedure (ex ante)."),
                _("§ 27, § 28 UVgO"),
            ),
            Duty(
                _("Receive offers electronically (e-procurement)."),
                _("§ 38 UVgO"),
            ),
            Duty(_("Document the procedure from the start."), _("§ 6 UVgO")),
        ]
    _einvoice(advice, jurisdiction, day, direct_award=procedure == Procedure.DA)


def _duty(advice, duty, jurisdiction, authority, day) -> DutyThreshold | None:
    """The duty's value limit for this buyer, noting an uncertain point if none is recorded."""
    try:
        row = _duty_threshold(duty, jurisdiction, authority, day)
    except DutyUnknown:
        advice.uncertain_points.append(
            _("No value limit is recorded for: %(duty)s.") % {"duty": DutyKind(duty).label}
        )
        return None
    if row is not None and row.uncertain:
        advice.uncertain_points.append(
            _(
                "The value limit from which this duty applies is not verified against its "
                "legal source yet: %(duty)s."
            )
            % {"duty": DutyKind(duty).label}
        )
    return row


def _duty_text(row: DutyThreshold, from_text: str, above_text: str) -> str:
    """The duty in its source's words: 'ab X' includes X ('from'), 'über X' does not."""
    return (from_text if row.inclusive else above_text) % {"amount": eur_limit(row.amount)}


def _einvoice(advice, jurisdiction, day, *, direct_award: bool) -> None:
    rule = _einvoice_rule(jurisdiction, day)
    if rule is None:
        advice.uncertain_points.append(_("No e-invoice rule is recorded."))
        return
    required = rule.required
    if required and direct_award and rule.exempt_up_to is not None:
        value, limit = advice.estimated_value, rule.exempt_up_to
        required = value > limit if rule.exempt_inclusive else value >= limit
    advice.einvoice_required = required
    text = (
        _("Suppliers must send an e-invoice (XRechnung with the Leitweg-ID in BT-10).")
        if required
        else _("No supplier obligation to send e-invoices is recorded; receipt must be possible.")
    )
    advice.duties.append(Duty(text, rule.source, uncertain=rule.uncertain))
    if rule.uncertain:
        advice.uncertain_points.append(_einvoice_doubt(rule, jurisdiction))


def _einvoice_doubt(rule: EInvoiceRule, jurisdiction: str) -> str:
    """What is unsure about the e-invoice duty, for the buyer (the rule's note is for staff)."""
    if rule.jurisdiction != jurisdiction:
        return _(
            "No e-invoice rule of %(jurisdiction)s is recorded: whether suppliers must send "
            "e-invoices depends on its e-invoice regulation; check it."
        ) % {"jurisdiction": Jurisdiction(jurisdiction).label}
    return _(
        "The e-invoice rule of %(jurisdiction)s is not verified against its legal source yet."
    ) % {"jurisdiction": Jurisdiction(jurisdiction).label}
