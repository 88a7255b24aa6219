"""Invented contact persons of an organisation: names, titles, functions, e-mail
addresses and phone numbers."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from knotenpunkt.demo import names
from knotenpunkt.demo.archetypes import BY_KEY, HEAD_TITLES, JOB_TITLES, PUBLIC, RESEARCH
from knotenpunkt.demo.organisations import OrgSpec, ascii_fold, landline, mobile

# How many people the directory knows per organisation, by size class.
PEOPLE_PER_SIZE = {
    "micro": ((1, 25), (2, 45), (3, 30)),
    "small": ((2, 25), (3, 35), (4, 25), (5, 15)),
    "medium": ((3, 25), (4, 30), (5, 25), (6, 20)),
    "large": ((4, 25), (5, 30), (6, 25), (7, 20)),
}
PUBLIC_SHARE = 0.4


@dataclass
class PersonSpec:
    salutation: str
    title: str
    first_name: str
    last_name: str
    function: str
    job_title: str
    is_admin: bool
    is_public: bool
    start_date: date
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address, kind)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (E.164 number, kind)
    topics: list[str] = field(default_factory=list)


def people_count(rng: Random, org: OrgSpec, *, is_member: bool) -> int:
    if not is_member:
        return rng.choice([1, 2, 2])
    counts, weights = zip(*PEOPLE_PER_SIZE[org.size_class], strict=True)
    return rng.choices(counts, weights=weights)[0]


def _title(rng: Random, org: OrgSpec, is_head: bool) -> str:
    if org.actor_type == RESEARCH and org.archetype != "student_initiative":
        if is_head:
            return "Prof. Dr." if rng.random() < 0.7 else "Dr."
        return rng.choice(names.TITLES) if rng.random() < 0.35 else ""
    share = 0.05 if org.actor_type == PUBLIC else 0.07
    return rng.choice(names.TITLES[:-1]) if rng.random() < share else ""


def _local_part(first: str, last: str) -> str:
    return f"{ascii_fold(first)}.{ascii_fold(last)}".replace(" ", "-")


def make_people(
    rng: Random,
    org: OrgSpec,
    count: int,
    *,
    admin_share: float,
    as_of: date,
    taken_emails: set[str],
) -> list[PersonSpec]:
    """`count` people of `org`; the first holds the head function and, mostly, the
    organisation's admin right."""
    archetype = BY_KEY[org.archetype]
    people = []
    for i in range(count):
        is_head = i == 0
        roll = rng.random()
        if roll < 0.02:
            salutation, first = (
                "none",
                rng.choice(names.FIRST_NAMES_FEMALE + names.FIRST_NAMES_MALE),
            )
        elif roll < 0.51:
            salutation, first = "ms", rng.choice(names.FIRST_NAMES_FEMALE)
        else:
            salutation, first = "mr", rng.choice(names.FIRST_NAMES_MALE)
        last = rng.choice(names.LAST_NAMES)
        function = archetype.head if is_head else rng.choice(archetype.staff)
        titles = HEAD_TITLES.get(org.archetype) if is_head else None
        titles = titles or JOB_TITLES[function]
        job_title = titles[{"ms": 0, "mr": 1}.get(salutation, 2)]

        local = _local_part(first, last)
        work = f"{local}@{org.domain}"
        if work in taken_emails:
            work = f"{ascii_fold(first)[0]}.{ascii_fold(last)}{i}@{org.domain}".replace(" ", "-")
        taken_emails.add(work)
        emails = [(work, "work")]
        if rng.random() < 0.2:
            private = f"{local}{rng.randint(1, 99)}@{rng.choice(names.PRIVATE_MAIL_DOMAINS)}"
            if private not in taken_emails:
                taken_emails.add(private)
                emails.append((private, "private"))

        phones = []
        if rng.random() < 0.75:
            phones.append((landline(rng, org.address.city), "work"))
        if rng.random() < 0.3:
            phones.append((mobile(rng), "mobile"))

        interests = rng.sample(org.topics, min(len(org.topics), rng.randint(1, 3)))
        people.append(
            PersonSpec(
                salutation=salutation,
                title=_title(rng, org, is_head),
                first_name=first,
                last_name=last,
                function=function,
                job_title=job_title,
                is_admin=is_head and rng.random() < admin_share,
                is_public=rng.random() < PUBLIC_SHARE,
                start_date=as_of - timedelta(days=rng.randint(30, 15 * 365)),
                emails=emails,
                phones=phones,
                topics=interests if rng.random() < 0.5 else [],
            )
        )
    return people
