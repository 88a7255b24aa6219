"""Demo label assessments of the digital cluster: an awarded "ECEI Silver" of three years
ago, and an "ECEI Gold" for last year, half filled: its indicators copied from the Silver
one and completed, some answered by the platform's KPIs, some backed by small PDFs, some
still open.

The indicators are our own plausible wording, not the ECEI's questionnaire. Everything goes
through the services staff's clicks go through. Run it after all other demos: the KPI rows
(created by the kpis app for the measures the apps register) and the data behind them must
exist. Safe to run again: it does nothing once the cluster has an assessment.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from knotenpunkt.assessments.models import Assessment, Indicator
from knotenpunkt.assessments.services.assessments import change_assessment, start_assessment
from knotenpunkt.assessments.services.evidence import add_evidence
from knotenpunkt.assessments.services.indicators import (
    add_indicator,
    change_indicator,
    copy_indicators,
)
from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL
from knotenpunkt.demo.procurement import demo_pdf
from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.models import Kpi

SEED = 20261207

STRUCTURE = "Struktur des Clusters"
GOVERNANCE = "Governance und Strategie"
FINANCING = "Finanzierung"
SERVICES = "Leistungen des Clustermanagements"
ACHIEVEMENTS = "Erfolge und Anerkennung"

AT_LEAST, AT_MOST = Indicator.Comparison.AT_LEAST, Indicator.Comparison.AT_MOST
OPEN, PARTLY, MET = Indicator.Status.OPEN, Indicator.Status.PARTLY, Indicator.Status.MET


@dataclass(frozen=True)
class Spec:
    area: str
    name: str
    requirement: str
    threshold: str | None = None
    comparison: str = AT_LEAST
    kpi: str = ""
    in_silver: bool = False
    # What staff have done for the Gold assessment so far.
    status: str = OPEN
    statement: str = ""
    evidence: tuple[str, ...] = ()


INDICATORS = [
    Spec(
        STRUCTURE,
        "Mitgliedsorganisationen zum Jahresende",
        "Zahl der Mitgliedsorganisationen am 31.12. des Bezugsjahres.",
        "150",
        kpi="members_end",
        in_silver=True,
        statement="Die Zahl stammt aus der Mitgliederverwaltung der Plattform.",
    ),
    Spec(
        STRUCTURE,
        "Zusammensetzung der Mitglieder",
        "Anteile von Wirtschaft, Forschung und Bildung, Intermediären und Verwaltung an "
        "den Mitgliedern (Triple Helix).",
        kpi="actor_mix",
        in_silver=True,
    ),
    Spec(
        STRUCTURE,
        "Netto-Mitgliederentwicklung",
        "Eintritte abzüglich Austritte im Bezugsjahr.",
        "10",
        kpi="net",
    ),
    Spec(
        STRUCTURE,
        "Austritte",
        "Beendete Mitgliedschaften im Bezugsjahr.",
        "25",
        comparison=AT_MOST,
        kpi="exits",
    ),
    Spec(
        GOVERNANCE,
        "Schriftliche Clusterstrategie",
        "Vom Vorstand beschlossene Strategie mit Handlungsfeldern, messbaren Zielen und "
        "Aktivitäten.",
        in_silver=True,
        status=MET,
        statement="Die Strategie 2024–2027 wurde im November 2023 vom Vorstand beschlossen.",
        evidence=("Clusterstrategie 2024–2027",),
    ),
    Spec(
        GOVERNANCE,
        "Beteiligung der Mitglieder an der Steuerung",
        "Gremien mit Vertreterinnen und Vertretern der Mitglieder; Protokolle ihrer Sitzungen.",
        in_silver=True,
        status=PARTLY,
        statement="Vorstand und Beirat tagen viermal im Jahr; die Beiratsprotokolle fehlen noch.",
        evidence=("Protokoll der Vorstandssitzung im Oktober",),
    ),
    Spec(
        GOVERNANCE,
        "Jährliche Überprüfung der Strategie",
        "Dokumentierte SWOT-Analyse und daraus abgeleitete Anpassungen der Ziele.",
    ),
    Spec(
        FINANCING,
        "Beitragserlöse",
        "Einnahmen aus Mitgliedsbeiträgen im Bezugsjahr in Euro.",
        "60000",
        kpi="fee_revenue",
        in_silver=True,
    ),
    Spec(
        FINANCING,
        "Finanzierungsplan für mindestens drei Jahre",
        "Wirtschaftsplan mit gesicherten und beantragten Mitteln für die kommenden drei Jahre.",
        in_silver=True,
        status=MET,
        evidence=("Wirtschaftsplan 2025–2027",),
    ),
    Spec(
        FINANCING,
        "Anteil privater Finanzierung",
        "Anteil der Einnahmen aus Beiträgen und Leistungen an den Gesamteinnahmen in Prozent.",
        "30",
    ),
    Spec(
        SERVICES,
        "Veranstaltungen des Clustermanagements",
        "Vom Clustermanagement organisierte oder mitveranstaltete Veranstaltungen.",
        "40",
        kpi="events_held",
        in_silver=True,
    ),
    Spec(
        SERVICES,
        "Teilnahmen an Veranstaltungen",
        "Teilnahmen an den Veranstaltungen des Bezugsjahres.",
        "1500",
        kpi="participants",
    ),
    Spec(
        SERVICES,
        "Wissenstransfer",
        "Veranstaltungen, die Wissen aus Forschung und Praxis in die Mitgliedsunternehmen tragen.",
        "12",
        kpi="knowledge_transfer_events",
    ),
    Spec(
        SERVICES,
        "Vermittelte Kontakte zu Bedarfen",
        "Bedarfe von Mitgliedern, zu denen das Clustermanagement passende Anbieter vermittelt hat.",
        "20",
        kpi="needs_matched",
    ),
    Spec(
        SERVICES,
        "Reichweite des Newsletters",
        "Empfängerinnen und Empfänger des Newsletters.",
        kpi="newsletter_reach",
    ),
    Spec(
        ACHIEVEMENTS,
        "Dokumentierte Erfolgsgeschichten",
        "Mindestens drei dokumentierte Projekte oder Kooperationen, an denen das "
        "Clustermanagement nachweislich beteiligt war.",
        in_silver=True,
        status=PARTLY,
        statement="Zwei von drei Erfolgsgeschichten sind geschrieben.",
        evidence=("Erfolgsgeschichte: Digitale Schulverwaltung",),
    ),
    Spec(
        ACHIEVEMENTS,
        "Sichtbarkeit über die Region hinaus",
        "Presseberichte, Auszeichnungen und internationale Partnerschaften im Bezugsjahr.",
    ),
]


def build_assessments_demo(seed: int = SEED) -> bool:
    """The digital cluster's label assessments; False when it has one (or no demo)."""
    cluster = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if cluster is None or Assessment.objects.filter(cluster=cluster).exists():
        return False
    with transaction.atomic():
        _build(cluster, clock.today())
    return True


def _kpis() -> dict[str, Kpi]:
    keys = {spec.kpi for spec in INDICATORS if spec.kpi}
    return {kpi.key: kpi for kpi in Kpi.objects.filter(key__in=keys)}


def _data(spec: Spec, kpis: dict[str, Kpi]) -> dict:
    kpi = kpis.get(spec.kpi)
    threshold = Decimal(spec.threshold) if spec.threshold else None
    if kpi is not None and kpi.unit == Kpi.Unit.MIX:
        threshold = None
    return {
        "area": spec.area,
        "name": spec.name,
        "requirement": spec.requirement,
        "threshold": threshold,
        "comparison": spec.comparison,
        # A KPI the installation does not have: the indicator waits for evidence instead.
        "kpi": kpi,
    }


def _build(cluster: Cluster, today) -> None:
    staff = cluster.staff.order_by("pk").first()
    kpis = _kpis()
    silver = start_assessment(
        staff,
        cluster,
        label="ECEI Silver",
        level="Silver",
        reference_year=today.year - 3,
        notes="Benchmarking mit Vor-Ort-Besuch; Urkunde im Büro des Clustermanagements.",
    )
    for spec in INDICATORS:
        if spec.in_silver:
            add_indicator(staff, silver, **_data(spec, kpis), status=MET)
    change_assessment(staff, silver, status=Assessment.Status.AWARDED)

    gold = start_assessment(
        staff,
        cluster,
        label="ECEI Gold",
        level="Gold",
        reference_year=today.year - 1,
        due_on=today + timedelta(days=75),
        notes="Selbstbewertung bis zum Stichtag einreichen, danach Interviews mit Mitgliedern.",
    )
    copy_indicators(staff, gold, silver)
    copied = {(i.area, i.name): i for i in gold.indicators.all()}
    pdfs: dict[str, bytes] = {}
    for spec in INDICATORS:
        indicator = copied.get((spec.area, spec.name))
        if indicator is None:
            indicator = add_indicator(staff, gold, **_data(spec, kpis))
        if spec.status != OPEN or spec.statement:
            change_indicator(staff, indicator, status=spec.status, statement=spec.statement)
        for title in spec.evidence:
            if title not in pdfs:
                pdfs[title] = demo_pdf(
                    title,
                    [
                        cluster.name,
                        f"Nachweis zu: {spec.name}",
                        "Demo-Dokument von Knotenpunkt – kein echter Nachweis.",
                    ],
                )
            add_evidence(
                staff,
                indicator,
                upload=SimpleUploadedFile(
                    f"{title}.pdf", pdfs[title], content_type="application/pdf"
                ),
                description="Demo-Dokument",
            )
