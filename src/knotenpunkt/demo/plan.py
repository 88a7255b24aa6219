"""The whole demo installation as plain data, computed from a seed without the database.

Two clusters: a state digital-economy cluster (about 250 active members, 62 % of them
with fewer than 10 employees, the actor mix the cluster reports) and a maritime cluster
(about 60 members, 20 of them also in the digital cluster), plus former members and
prospects. The same seed always gives the same plan.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from random import Random

from knotenpunkt.demo import history
from knotenpunkt.demo.archetypes import DIGITAL_BUSINESS_WEIGHTS, MARITIME_WEIGHTS
from knotenpunkt.demo.organisations import (
    DIGITAL_REGIONS,
    MARITIME_REGIONS,
    OrgSpec,
    load_regions,
    make_organisation,
    weighted,
)
from knotenpunkt.demo.people import PersonSpec, make_people, people_count

SEED = 20261124
# History is generated up to this fixed day, so that every run builds the same data.
AS_OF = date(2026, 11, 24)

DIGITAL = {
    "slug": "diwish",
    "name": "DiWiSH – Digitale Wirtschaft Schleswig-Holstein",
    "short_name": "DiWiSH",
    "description": (
        "Das Netzwerk der Digitalwirtschaft in Schleswig-Holstein: rund 250 Unternehmen, "
        "Hochschulen, Verbände und Verwaltungen – von der Ein-Personen-Agentur bis zum "
        "Rechenzentrum. 17 Fachgruppen, rund 60 Veranstaltungen im Jahr."
    ),
    "email": "kontakt@diwish.example",
    "phone": "+49431987650",
    "website": "https://www.diwish.example",
    "street": "Lorentzendamm 24",
    "postcode": "24103",
    "city": "Kiel",
}
MARITIME = {
    "slug": "maritim",
    "name": "Maritimes Cluster Norddeutschland",
    "short_name": "Maritimes Cluster",
    "description": (
        "Werften, Reedereien, Häfen, Zulieferer und Forschung an Nord- und Ostsee, "
        "vernetzt über Landesgrenzen hinweg."
    ),
    "email": "info@maritim.example",
    "phone": "+4940668890",
    "website": "https://www.maritim.example",
    "street": "Große Elbstraße 14",
    "postcode": "22767",
    "city": "Hamburg",
}

# Entries and exits per year: a dip in the pandemic, then +24, +33, +42.
DIGITAL_PLAN = {
    2019: (140, 1),
    2020: (12, 7),
    2021: (9, 11),
    2022: (31, 7),
    2023: (41, 8),
    2024: (50, 8),
    2025: (11, 9),
    2026: (14, 12),
}
DIGITAL_NOTICES = 5
DIGITAL_REJOINS = {2022: 1, 2023: 1, 2024: 2, 2025: 1, 2026: 1}
MARITIME_PLAN = {
    2019: (28, 0),
    2020: (5, 1),
    2021: (6, 0),
    2022: (7, 1),
    2023: (6, 1),
    2024: (5, 1),
    2025: (5, 0),
    2026: (2, 0),
}

# Active members of the digital cluster by actor type and size class: 189 business
# (75.6 %), 10 research (4.0 %), 38 intermediaries (15.2 %), 8 marketing (3.2 %),
# 5 public (2.0 %); 156 of 250 (62.4 %) micro. (archetype, size) -> count.
DIGITAL_MEMBERS = {
    ("maritime_digital", "micro"): 10,
    ("maritime_digital", "small"): 6,
    ("maritime_digital", "medium"): 2,
    ("business", "micro"): 130,
    ("business", "small"): 30,
    ("business", "medium"): 7,
    ("business", "large"): 4,
    ("agency", "micro"): 6,
    ("agency", "small"): 2,
    ("network", "micro"): 8,
    ("network", "small"): 10,
    ("tech_centre", "small"): 8,
    ("tech_centre", "medium"): 5,
    ("chamber", "medium"): 4,
    ("chamber", "large"): 3,
    ("student_initiative", "micro"): 2,
    ("institute", "small"): 1,
    ("academy", "small"): 1,
    ("institute", "medium"): 1,
    ("maritime_institute", "medium"): 1,
    ("academy", "medium"): 1,
    ("university", "large"): 2,
    ("institute", "large"): 1,
    ("municipality", "small"): 1,
    ("municipality", "medium"): 2,
    ("municipality", "large"): 2,
}
# Named members the logins use: (archetype, size, name, town).
SHOWCASE = [
    ("software", "small", "Fördewerk Digital GmbH", "Kiel"),
    ("software", "micro", "Nordlicht Software UG (haftungsbeschränkt)", "Flensburg"),
    ("data_ai", "micro", "Kieler Datenkontor GmbH", "Kiel"),
]
ORG_ADMIN_ORG, MEMBER_ORG = "Fördewerk Digital GmbH", "Kieler Datenkontor GmbH"
# Members of both clusters: the maritime software firms, one institute, one university.
SHARED_ARCHETYPES = {"maritime_digital": 18, "maritime_institute": 1, "university": 1}
MARITIME_ONLY_MEMBERS = {
    ("maritime", "micro"): 12,
    ("maritime", "small"): 12,
    ("maritime", "medium"): 6,
    ("maritime", "large"): 2,
    ("maritime_institute", "small"): 1,
    ("maritime_institute", "medium"): 2,
    ("maritime_network", "micro"): 3,
    ("maritime_network", "small"): 2,
}
PROSPECTS = {("business", "micro"): 3, ("business", "small"): 1, ("municipality", "medium"): 2}

FEES = {
    "diwish": {"micro": 360, "small": 720, "medium": 1500, "large": 3000},
    "maritim": {"micro": 300, "small": 600, "medium": 1200, "large": 2400},
}
# Business kinds that stay below 50 employees in the demo.
SMALL_ONLY = ("legal", "media_design", "ecommerce")
KIND_FEES = {"startup": 180, "student": 60, "compensating": 0, "free": 0}


@dataclass
class MembershipSpec:
    org: int  # index into DemoPlan.organisations
    cluster: str  # slug
    kind: str
    annual_fee: Decimal
    start_date: date
    end_date: date | None
    status: str


@dataclass
class DemoPlan:
    organisations: list[OrgSpec] = field(default_factory=list)
    memberships: list[MembershipSpec] = field(default_factory=list)

    @property
    def people(self) -> list[PersonSpec]:
        return [p for org in self.organisations for p in org.people]


class _Factory:
    """Keeps the random generator and what is taken (names, domains, e-mail addresses)."""

    def __init__(self, rng: Random, topics: dict[str, str], taken_names: set[str]):
        self.rng, self.topics, self.regions = rng, topics, load_regions()
        self.taken_names, self.taken_domains, self.taken_emails = taken_names, set(), set()

    def org(self, archetype: str, size: str, world: dict, **fixed) -> OrgSpec:
        rng = self.rng
        if archetype == "business":
            small = size in ("micro", "small")
            archetype = weighted(
                rng,
                {k: w for k, w in DIGITAL_BUSINESS_WEIGHTS.items() if small or k not in SMALL_ONLY},
            )
        elif archetype == "maritime":
            archetype = weighted(rng, MARITIME_WEIGHTS)
        return make_organisation(
            rng,
            archetype,
            size,
            regions=self.regions,
            region_weights=world,
            topics=self.topics,
            taken_names=self.taken_names,
            taken_domains=self.taken_domains,
            **fixed,
        )

    def orgs(self, quotas: dict[tuple[str, str], int], world: dict) -> list[OrgSpec]:
        return [
            self.org(archetype, size, world)
            for (archetype, size), n in quotas.items()
            for _ in range(n)
        ]


def membership_kind(rng: Random, org: OrgSpec, start: date) -> str:
    """Paying mostly; start-ups, student initiatives, in-kind partners and the
    necessary free memberships of public bodies get other terms."""
    key = org.archetype
    if key == "student_initiative":
        return "student"
    if org.actor_type == "public" or (key == "chamber" and rng.random() < 0.7):
        return "free"
    if key in ("university", "chamber"):
        return "compensating"
    if key in ("network", "tech_centre", "maritime_network") and rng.random() < 0.35:
        return "compensating"
    if key in ("institute", "maritime_institute") and rng.random() < 0.3:
        return "free"
    if key == "agency" and rng.random() < 0.15:
        return "compensating"
    if (
        org.actor_type == "business"
        and org.size_class == "micro"
        and org.legal_form in ("ug", "gmbh")
        and start >= date(2021, 1, 1)
        and rng.random() < 0.35
    ):
        return "startup"
    return "paying"


def _memberships(
    rng: Random, plan: DemoPlan, index: int, chain: history.Chain, cluster: str
) -> None:
    org = plan.organisations[index]
    for term in chain:
        kind = membership_kind(rng, org, term.start)
        fee = KIND_FEES.get(kind, FEES[cluster][org.size_class])
        plan.memberships.append(
            MembershipSpec(
                org=index,
                cluster=cluster,
                kind=kind,
                annual_fee=Decimal(fee),
                start_date=term.start,
                end_date=term.end,
                status=term.status,
            )
        )


def _assign_digital(
    rng: Random, current: list[history.Chain], members: list[OrgSpec]
) -> list[tuple[OrgSpec, history.Chain]]:
    """Institutions and the showcase firms tend to be founding members; the showcase
    firms get open memberships without notice, so the logins stay valid."""
    current = sorted(current, key=lambda c: c[0].start)
    early = range(int(len(current) * 0.6))
    showcase_names = {s[2] for s in SHOWCASE}
    institutional = [
        o
        for o in members
        if o.name in showcase_names or o.actor_type != "business" or o.size_class == "large"
    ]
    eligible = [i for i in early if current[i][-1].status == history.ACTIVE]
    slots = rng.sample(eligible, len(institutional))
    pairs = list(zip(institutional, (current[i] for i in slots), strict=True))
    taken = set(slots)
    rest_chains = [c for i, c in enumerate(current) if i not in taken]
    others = [o for o in members if o not in institutional]
    rng.shuffle(others)
    return pairs + list(zip(others, rest_chains, strict=True))


def plan_demo(
    topics: dict[str, str], *, seed: int = SEED, taken_names: set[str] | None = None
) -> DemoPlan:
    """The demo installation for `seed`; `topics` maps taxonomy slugs to German labels."""
    rng = Random(seed)
    make = _Factory(rng, topics, {n.lower() for n in taken_names or ()})
    plan = DemoPlan()

    def add(org: OrgSpec, *, is_member: bool) -> int:
        org.people = make_people(
            rng,
            org,
            people_count(rng, org, is_member=is_member),
            admin_share=0.9 if is_member else 0.5,
            as_of=AS_OF,
            taken_emails=make.taken_emails,
        )
        plan.organisations.append(org)
        return len(plan.organisations) - 1

    # The digital cluster: history first, then organisations that fit the quotas.
    chains = history.simulate(
        rng, DIGITAL_PLAN, as_of=AS_OF, notices=DIGITAL_NOTICES, rejoins=DIGITAL_REJOINS
    )
    current = [c for c in chains if c[-1].is_open]
    former = [c for c in chains if not c[-1].is_open]
    members = [make.org(a, s, DIGITAL_REGIONS, name=n, city=t) for a, s, n, t in SHOWCASE]
    quotas = dict(DIGITAL_MEMBERS)
    for _archetype, size, _name, _town in SHOWCASE:
        quotas[("business", size)] -= 1
    members += make.orgs(quotas, DIGITAL_REGIONS)
    digital_index = {}
    for org, chain in _assign_digital(rng, current, members):
        if org.name not in {s[2] for s in SHOWCASE} and rng.random() < 0.03:
            org.is_listed = False  # opted out of the public directory
        digital_index[id(org)] = index = add(org, is_member=True)
        _memberships(rng, plan, index, chain, "diwish")
    for chain in former:
        size = rng.choices(["micro", "small", "medium"], weights=[70, 25, 5])[0]
        archetype = rng.choices(["business", "agency", "network"], weights=[85, 10, 5])[0]
        if archetype == "network" and size == "medium":
            size = "small"
        org = make.org(archetype, size, DIGITAL_REGIONS)
        _memberships(rng, plan, add(org, is_member=False), chain, "diwish")

    # The maritime cluster: some digital members, its own firms, a few who left.
    chains = history.simulate(rng, MARITIME_PLAN, as_of=AS_OF)
    current = [c for c in chains if c[-1].is_open]
    former = [c for c in chains if not c[-1].is_open]
    shared = []
    for archetype, n in SHARED_ARCHETYPES.items():
        candidates = [o for o in members if o.archetype == archetype]
        shared += rng.sample(candidates, n)
    own = make.orgs(MARITIME_ONLY_MEMBERS, MARITIME_REGIONS)
    rng.shuffle(current)
    for org, chain in zip(shared, current, strict=False):
        _memberships(rng, plan, digital_index[id(org)], chain, "maritim")
    for org, chain in zip(own, current[len(shared) :], strict=True):
        _memberships(rng, plan, add(org, is_member=True), chain, "maritim")
    for chain in former:
        org = make.org("maritime", rng.choice(["micro", "small"]), MARITIME_REGIONS)
        _memberships(rng, plan, add(org, is_member=False), chain, "maritim")

    # Prospects: registered in the directory, never members.
    for org in make.orgs(PROSPECTS, DIGITAL_REGIONS):
        add(org, is_member=False)
    return plan
