"""Time the as-you-type duplicate warning at the directory benchmark's size (13,500
organisations, 40,000 people): 200 person and 200 organisation lookups, each typed as
a user would (umlauts spelled out, a typo, another phone format, …).

Usage:

    .venv/bin/python bench/similar/run.py                    # SQLite (var/bench-similar.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/knotenpunkt_bench_similar \
        .venv/bin/python bench/similar/run.py

The data comes from bench/directory/generate.py (seeded, generated once per database).
Prints one JSON object: median and 95th percentile in milliseconds, of the service call
and of the HTTP endpoint as the browser calls it, and how often the intended record was
among the five shown.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"
LOOKUPS = 200
SEED = 20261124


def log(message: str) -> None:
    print(f"bench-similar: {message}", file=sys.stderr, flush=True)


def prepare(env: dict[str, str]) -> None:
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "knotenpunkt"), "migrate", "--noinput"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log("generating data (skipped when present)")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "directory" / "generate.py")],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def typo(rng: random.Random, word: str) -> str:
    """One slip of the keyboard: a doubled, dropped or swapped letter."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(["double", "drop", "swap"])
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def spelled_out(text: str) -> str:
    return text.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))


def person_queries(rng, people) -> list[tuple[int, dict]]:
    queries = []
    for person in people:
        email = person.primary_email
        style = rng.choice(["umlauts", "typo", "email", "initial"])
        if style == "umlauts":
            typed = {
                "first_name": spelled_out(person.first_name),
                "last_name": spelled_out(person.last_name),
            }
        elif style == "typo":
            typed = {"first_name": person.first_name, "last_name": typo(rng, person.last_name)}
        elif style == "email":
            typed = {"first_name": person.first_name[:2], "emails": [email.upper()]}
        else:
            typed = {"first_name": person.first_name[0] + ".", "last_name": person.last_name}
        queries.append((person.pk, typed))
    return queries


def organisation_queries(rng, organisations) -> list[tuple[int, dict]]:
    queries = []
    for org in organisations:
        words = org.name.split()
        style = rng.choice(["umlauts", "first_words", "website"])
        if style == "umlauts":
            typed = {"name": spelled_out(org.name)}
        elif style == "first_words":
            typed = {"name": " ".join(words[:2])}
        else:
            typed = {"name": words[0], "website": org.website}
        queries.append((org.pk, typed))
    return queries


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "max_ms": round(ordered[-1], 2),
    }


def main() -> None:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'bench-similar.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "knotenpunkt.settings",
        "LOG_LEVEL": "WARNING",
        # The Django test client speaks as "testserver".
        "ALLOWED_HOSTS": "testserver",
    }
    os.environ.update(env)
    VAR.mkdir(exist_ok=True)
    prepare(env)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from knotenpunkt.accounts.models import User
    from knotenpunkt.directory.models import Organisation, Person
    from knotenpunkt.quality.services.lookup import similar_organisations, similar_people
    from knotenpunkt.quality.services.similarity_keys import rebuild_keys

    seconds, keys = timed(rebuild_keys)
    log(f"{keys} keys rebuilt in {seconds / 1000:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE quality_similaritykey")

    user, _ = User.objects.get_or_create(
        email="bench-similar@example.org", defaults={"is_staff": True, "is_superuser": True}
    )
    rng = random.Random(SEED)
    person_ids = sorted(Person.objects.values_list("pk", flat=True))
    org_ids = sorted(Organisation.objects.values_list("pk", flat=True))
    people = Person.objects.filter(pk__in=rng.sample(person_ids, LOOKUPS)).prefetch_related(
        "emails"
    )
    organisations = Organisation.objects.filter(pk__in=rng.sample(org_ids, LOOKUPS))
    names = {("people", p.pk): str(p) for p in people}
    names |= {("organisations", o.pk): str(o) for o in organisations}
    kinds = {
        "people": (person_queries(rng, people), similar_people, "quality:similar_people"),
        "organisations": (
            organisation_queries(rng, organisations),
            similar_organisations,
            "quality:similar_organisations",
        ),
    }
    client = Client()
    client.force_login(user)
    result = {
        "database": connection.vendor,
        "records": {
            "people": Person.objects.count(),
            "organisations": Organisation.objects.count(),
        },
        "keys": keys,
        "lookups": LOOKUPS,
    }
    for name, (queries, lookup, url_name) in kinds.items():
        service_times, endpoint_times, found, namesake = [], [], 0, 0
        url = reverse(url_name)
        for wanted, typed in queries:
            ms, matches = timed(lambda typed=typed, lookup=lookup: lookup(user, **typed))
            service_times.append(ms)
            found += any(m.record.pk == wanted for m in matches)
            # The generated data has true namesakes (two "Paul Brandt" at different
            # firms); typed by name alone, either is a right answer.
            namesake += any(str(m.record) == names[name, wanted] for m in matches)
            params = {k: v for k, v in typed.items() if k != "emails"}
            if typed.get("emails"):
                params["email"] = typed["emails"][0]
            ms, response = timed(lambda params=params, url=url: client.get(url, params))
            assert response.status_code == 200
            endpoint_times.append(ms)
        result[name] = {
            "service": summary(service_times),
            "endpoint": summary(endpoint_times),
            "intended_record_in_top_5": f"{found}/{len(queries)}",
            "record_of_that_name_in_top_5": f"{namesake}/{len(queries)}",
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
