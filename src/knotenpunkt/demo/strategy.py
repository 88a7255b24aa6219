"""Demo strategy of the state digital cluster: the four fields of action of such a
cluster with goals of mixed priority, activities linked to the demo's own events, topic
groups, mailings, needs and shop listings (so their progress is counted), outputs and
results with targets for three years, and two SWOTs (last year's and this year's, started
from last year's and then changed).

Runs after all other demos (it links what they built). The tree is written through the
strategy services (audited, validated); links are written directly, as the demo has no
staff member acting. Safe to run again: it does nothing once the cluster has a tree.
"""

from decimal import Decimal
from random import Random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL
from knotenpunkt.directory.models import Cluster
from knotenpunkt.events.models import Event
from knotenpunkt.groups.models import Group
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.mailings.models import Mailing
from knotenpunkt.matching.models import Need
from knotenpunkt.procurement.models import Offering
from knotenpunkt.strategy.models import ActivityLink, FieldOfAction, SwotItem
from knotenpunkt.strategy.services import swot as swot_services
from knotenpunkt.strategy.services import tree as tree_services
from knotenpunkt.strategy.services.links import available_kinds

SEED = 20261207

# field of action -> goals: (title, priority, description) -> activities:
# (title, status, responsible, what to link, results: (kind, title, unit, counted, targets))
# What to link: (kind, filter) pairs resolved against the demo's data.
STRATEGY = [
    (
        "Digitale Transformation des Mittelstands",
        "Kleine und mittlere Unternehmen auf dem Weg der Digitalisierung begleiten – von "
        "der ersten Standortbestimmung bis zum Einsatz von KI.",
        [
            (
                "KI im Mittelstand verankern",
                "high",
                "Mehr Mitgliedsunternehmen setzen KI produktiv ein.",
                [
                    (
                        "KI-Sprechstunden und Praxisworkshops",
                        "running",
                        "Clustermanagement mit der Fachgruppe KI",
                        [("event", Q(title__icontains="KI")), ("group", Q(slug="ki"))],
                        [
                            (
                                "output",
                                "Veranstaltungen zu KI",
                                "Veranstaltungen",
                                "events_held",
                                (4, 6, 8),
                            ),
                            (
                                "result",
                                "Teilnehmende an KI-Formaten",
                                "Personen",
                                "attendees",
                                (80, 120, 160),
                            ),
                        ],
                    ),
                    (
                        "Matchmaking für KI-Projekte",
                        "running",
                        "Clustermanagement",
                        [("need", Q(kind="solution"))],
                        [
                            (
                                "result",
                                "Angenommene Kontakte",
                                "Kontakte",
                                "accepted_contacts",
                                (5, 8, 12),
                            ),
                        ],
                    ),
                ],
            ),
            (
                "Digitale Verwaltung als Kundin gewinnen",
                "medium",
                "Produkte der Mitglieder über den One-Stop-Shop an Verwaltungen bringen.",
                [
                    (
                        "One-Stop-Shop für die Verwaltung",
                        "running",
                        "Fachgruppe Digitalisierung der Verwaltung",
                        [("offering", Q()), ("group", Q(slug="digitale-verwaltung"))],
                        [
                            (
                                "output",
                                "Bestellungen über den Shop",
                                "Bestellungen",
                                "orders",
                                (3, 10, 20),
                            )
                        ],
                    ),
                ],
            ),
            (
                "Cloud-Souveränität",
                "zero",
                "Zurückgestellt, bis das Landesprogramm steht.",
                [],
            ),
        ],
    ),
    (
        "Fachkräfte und Bildung",
        "Fachkräfte sichern und Kompetenzen aufbauen: Ausbildung, Studium, Weiterbildung.",
        [
            (
                "Fachkräfte für die Digitalwirtschaft gewinnen",
                "high",
                "Mehr Absolventinnen und Absolventen bleiben in der Region.",
                [
                    (
                        "Fachgruppe Fachkräfte & Weiterbildung",
                        "running",
                        "Fachgruppenleitung",
                        [
                            ("group", Q(slug="fachkraefte")),
                            ("event", Q(title__icontains="Fachkräfte")),
                            ("need", Q(kind__in=["skilled_workers", "training", "students"])),
                        ],
                        [
                            (
                                "output",
                                "Mitglieder der Fachgruppe",
                                "Personen",
                                "group_members",
                                (30, 40, 50),
                            ),
                            (
                                "result",
                                "Vermittelte Kontakte zu Bildungsangeboten",
                                "Kontakte",
                                "accepted_contacts",
                                (3, 5, 8),
                            ),
                        ],
                    ),
                ],
            ),
            (
                "Digitale Schulbildung stärken",
                "medium",
                "",
                [
                    (
                        "Unternehmen in Schulen",
                        "planned",
                        "Fachgruppe Digitale Schulbildung",
                        [("group", Q(slug="digitale-schule"))],
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        "Innovation und Forschungstransfer",
        "Hochschulen und Unternehmen zusammenbringen; Kooperationen anstoßen und dokumentieren.",
        [
            (
                "Kooperationen zwischen Wissenschaft und Wirtschaft",
                "high",
                "Der Anteil des Clusters an Kooperationen wird dokumentiert.",
                [
                    (
                        "Forschungspartner vermitteln",
                        "running",
                        "Clustermanagement",
                        [("need", Q(kind="research")), ("cooperation", Q())],
                        [
                            (
                                "result",
                                "Laufende Kooperationen",
                                "Kooperationen",
                                "cooperations",
                                (4, 6, 8),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    (
        "Sichtbarkeit und Internationalisierung",
        "Die Digitalwirtschaft des Landes sichtbar machen – im Land und darüber hinaus.",
        [
            (
                "Reichweite des Clusters erhöhen",
                "medium",
                "Newsletter, Digitalgipfel und Kampagnen erreichen mehr Menschen.",
                [
                    (
                        "Newsletter alle 14 Tage",
                        "running",
                        "Kommunikation",
                        [("mailing", Q(subject__icontains="Newsletter"))],
                        [
                            (
                                "output",
                                "Versandte Newsletter",
                                "Ausgaben",
                                "mailings_sent",
                                (24, 26, 26),
                            ),
                            (
                                "result",
                                "Erreichte Empfängerinnen und Empfänger",
                                "Zustellungen",
                                "recipients",
                                (5000, 6000, 7000),
                            ),
                        ],
                    ),
                    (
                        "Digitalgipfel Schleswig-Holstein",
                        "done",
                        "Clustermanagement und Vorstand",
                        [("event", Q(title__startswith="Digitalgipfel"))],
                        [("result", "Gäste am Gipfel", "Personen", "attendees", (500, 600, 650))],
                    ),
                ],
            ),
            (
                "Internationale Partnerschaften",
                "zero",
                "",
                [("Lernreise in die Bay Area", "stopped", "Vorstand", [], [])],
            ),
        ],
    ),
]

SWOT_LAST_YEAR = [
    ("strength", "Breites Netzwerk aus rund 250 Mitgliedern"),
    ("strength", "17 aktive Fachgruppen"),
    ("weakness", "Der Anteil des Clusters an Kooperationen ist kaum dokumentiert"),
    ("weakness", "Wenig Sichtbarkeit außerhalb des Landes"),
    ("opportunity", "Landesprogramm zur KI-Förderung"),
    ("threat", "Fachkräftemangel in der Region"),
    ("threat", "Unsichere Landesförderung ab dem übernächsten Jahr"),
]
# This year: started from last year; one item dropped, one rewritten, two new.
SWOT_DROPPED = "Unsichere Landesförderung ab dem übernächsten Jahr"
SWOT_REWRITTEN = (
    "Der Anteil des Clusters an Kooperationen ist kaum dokumentiert",
    "Kooperationen werden dokumentiert, der Anteil des Clusters aber noch selten",
)
SWOT_NEW = [
    ("strength", "One-Stop-Shop bringt Mitglieder und Verwaltungen zusammen"),
    ("opportunity", "Onlinezugangsgesetz 2.0 schafft Nachfrage bei Verwaltungen"),
]


def _link_all(activity, links, digital, rng) -> None:
    kinds = {kind.key: kind for kind in available_kinds()}
    for key, condition in links:
        kind = kinds.get(key)
        if kind is None:
            continue
        objects = _objects_of(key, kind.model, digital, condition)
        content_type = ContentType.objects.get_for_model(kind.model)
        chosen = list(objects[:12])
        rng.shuffle(chosen)
        ActivityLink.objects.bulk_create(
            [
                ActivityLink(activity=activity, content_type=content_type, object_id=obj.pk)
                for obj in chosen[:8]
            ],
            ignore_conflicts=True,
        )


def _objects_of(key, model, digital, condition):
    if key == "event":
        return Event.objects.filter(condition, clusters=digital).order_by("starts_at")
    if key == "group":
        return Group.objects.filter(condition, clusters=digital)
    if key == "mailing":
        return Mailing.objects.filter(condition, cluster=digital).order_by("created_at")
    if key == "need":
        return Need.objects.filter(condition, cluster=digital).order_by("created_at")
    if key == "offering":
        members = digital.memberships.values("organisation")
        return Offering.objects.filter(
            condition, provider__in=members, published__isnull=False
        ).order_by("slug")
    return model.objects.filter(condition, cluster=digital).order_by("pk")


def _kpis_for(goal_title: str) -> list[Kpi]:
    """KPIs of the installation that fit a goal, by words in their keys (if any exist)."""
    words = {
        "Reichweite des Clusters erhöhen": ("event", "mailing", "newsletter", "reach"),
        "Kooperationen zwischen Wissenschaft und Wirtschaft": ("cooperation",),
        "KI im Mittelstand verankern": ("knowledge",),
    }.get(goal_title, ())
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(key__icontains=word)
    return list(Kpi.objects.filter(condition, is_active=True)[:2])


def build_strategy_demo(seed: int = SEED) -> bool:
    """The digital cluster's strategy and two SWOTs; False if it has a tree already."""
    digital = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if digital is None or FieldOfAction.objects.filter(cluster=digital).exists():
        return False
    rng = Random(seed)
    year = clock.today().year
    years = (year - 1, year, year + 1)
    with transaction.atomic():
        goals_by_title = {}
        for f_order, (f_title, f_text, goals) in enumerate(STRATEGY):
            field = tree_services.save_field(
                None, digital, {"title": f_title, "description": f_text, "order": f_order}
            )
            for g_order, (g_title, priority, g_text, activities) in enumerate(goals):
                zero = priority == "zero"
                goal = tree_services.save_goal(
                    None,
                    field,
                    {
                        "title": g_title,
                        "description": g_text,
                        "priority": priority,
                        "start_year": years[0],
                        "end_year": years[0] if zero else years[2],
                        "order": g_order,
                    },
                    kpis=_kpis_for(g_title),
                )
                goals_by_title[g_title] = goal
                for a_order, (a_title, status, responsible, links, results) in enumerate(
                    activities
                ):
                    activity = tree_services.save_activity(
                        None,
                        goal,
                        {
                            "title": a_title,
                            "status": status,
                            "responsible": responsible,
                            "order": a_order,
                        },
                    )
                    _link_all(activity, links, digital, rng)
                    for r_order, (kind, r_title, unit, counted, targets) in enumerate(results):
                        tree_services.save_result(
                            None,
                            activity,
                            {
                                "kind": kind,
                                "title": r_title,
                                "unit": unit,
                                "status": "on_track" if status == "running" else "open",
                                "counted": counted,
                                "order": r_order,
                            },
                            {y: Decimal(t) for y, t in zip(years, targets, strict=True)},
                        )
        _build_swots(digital, year, goals_by_title)
    return True


def _build_swots(digital, year, goals) -> None:
    links = {
        "17 aktive Fachgruppen": "Fachkräfte für die Digitalwirtschaft gewinnen",
        "Landesprogramm zur KI-Förderung": "KI im Mittelstand verankern",
        "Wenig Sichtbarkeit außerhalb des Landes": "Reichweite des Clusters erhöhen",
        "Fachkräftemangel in der Region": "Fachkräfte für die Digitalwirtschaft gewinnen",
        "Der Anteil des Clusters an Kooperationen ist kaum dokumentiert": (
            "Kooperationen zwischen Wissenschaft und Wirtschaft"
        ),
    }
    for order, (quadrant, text) in enumerate(SWOT_LAST_YEAR):
        goal = goals.get(links.get(text, ""))
        swot_services.save_item(
            None,
            digital,
            year - 1,
            {"quadrant": quadrant, "text": text, "order": order},
            goals=[goal] if goal else [],
        )
    swot_services.copy_from_previous_year(None, digital, year)
    this_year = SwotItem.objects.filter(cluster=digital, year=year)
    swot_services.delete_item(None, this_year.get(text=SWOT_DROPPED))
    rewritten = this_year.get(text=SWOT_REWRITTEN[0])
    swot_services.save_item(
        None,
        digital,
        year,
        {"text": SWOT_REWRITTEN[1]},
        rewritten,
        goals=list(rewritten.goals.all()),
        kpis=list(rewritten.kpis.all()),
    )
    for order, (quadrant, text) in enumerate(SWOT_NEW, start=len(SWOT_LAST_YEAR)):
        swot_services.save_item(
            None, digital, year, {"quadrant": quadrant, "text": text, "order": order}
        )
