"""Evaluate the matching engine on a judged dataset, in a throw-away database.

    knotenpunkt match-eval ../shared/data/matching-dev.json

Loads the organisations and needs into a fresh test database (never the application's),
indexes them with the real indexing code, ranks providers for every need with
`rank_providers` (what the web UI calls) and prints, as its last line, one JSON object:
nDCG@10 (graded gains 2^rel - 1, ideal ranking from all judged organisations), MRR and
p@1 (first result graded >= 2), query latency, and the same metrics for a plain TF-IDF
ranking measured in the same run.
"""

import json
import math
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils.text import slugify

ACTOR_TYPES = {
    "company": "business",
    "public": "public",
    "university": "research",
    "research": "research",
    "intermediary": "intermediary",
}
K = 10


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** grades.get(o, 0) - 1) / math.log2(i + 2) for i, o in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for i, o in enumerate(ranked):
        if grades.get(o, 0) >= 2:
            return 1.0 / (i + 1)
    return 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def metrics(rankings: dict[str, list[str]], judgements: dict[str, dict[str, int]]) -> dict:
    needs = list(rankings)
    return {
        "ndcg@10": round(
            statistics.fmean(ndcg(rankings[n], judgements.get(n, {})) for n in needs), 4
        ),
        "mrr": round(
            statistics.fmean(reciprocal_rank(rankings[n], judgements.get(n, {})) for n in needs), 4
        ),
        "p@1": round(
            statistics.fmean(
                1.0 if rankings[n] and judgements.get(n, {}).get(rankings[n][0], 0) >= 2 else 0.0
                for n in needs
            ),
            4,
        ),
    }


class Command(BaseCommand):
    help = "Evaluate the matching engine on a judged dataset (in a throw-away database)."

    def add_arguments(self, parser):
        parser.add_argument("dataset", help="JSON file in the format of matching-dev.json")
        parser.add_argument("--no-compounds", action="store_true", help="do not split compounds")
        parser.add_argument(
            "--no-lexicon", action="store_true", help="taxonomy concepts only, no curated lexicon"
        )
        parser.add_argument(
            "--scorers",
            default="",
            help="comma-separated dotted.path:weight, instead of settings.MATCHING_SCORERS",
        )

    def handle(self, *args, **options):
        path = Path(options["dataset"])
        if not path.is_file():
            raise CommandError(f"No such dataset: {path}")
        dataset = json.loads(path.read_text(encoding="utf-8"))
        overrides = {
            # A private cache, so the application's index generation is not touched either.
            "CACHES": {
                "default": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "knotenpunkt-match-eval",
                }
            },
            "MATCHING_SPLIT_COMPOUNDS": not options["no_compounds"],
            "MATCHING_CURATED_LEXICON": not options["no_lexicon"],
        }
        if options["scorers"]:
            overrides["MATCHING_SCORERS"] = [
                (item.rsplit(":", 1)[0], float(item.rsplit(":", 1)[1]))
                for item in options["scorers"].split(",")
            ]
        old_name = connection.settings_dict["NAME"]
        with override_settings(**overrides):
            connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False, keepdb=False
            )
            try:
                result = self.evaluate(dataset, options["verbosity"])
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def evaluate(self, dataset: dict, verbosity: int) -> dict:
        from knotenpunkt.directory.models import Cluster, Organisation, Topic
        from knotenpunkt.matching.engine.baseline import TfIdfBaseline
        from knotenpunkt.matching.models import CompetenceProfile, Need
        from knotenpunkt.matching.services import indexing
        from knotenpunkt.matching.services.ranking import rank_providers

        indexing.reset_index()
        cluster = Cluster.objects.create(name="Evaluation", slug="evaluation")
        key_of: dict[int, str] = {}
        texts: dict[int, str] = {}
        for entry in dataset["organisations"]:
            organisation = Organisation.objects.create(
                name=entry["name"],
                slug=slugify(f"{entry['id']}-{entry['name']}")[:200],
                actor_type=ACTOR_TYPES.get(entry.get("kind", ""), "business"),
                employees=entry.get("employees"),
                city=entry.get("city", ""),
                description=entry.get("description", ""),
            )
            profile = CompetenceProfile.objects.create(
                organisation=organisation, keywords="\n".join(entry.get("tags", []))
            )
            # Optional taxonomy topic slugs (the demo set has them; the dev set has none).
            profile.topics.set(Topic.objects.filter(slug__in=entry.get("topics", [])))
            key_of[organisation.pk] = entry["id"]
            texts[organisation.pk] = " ".join(
                [entry["name"], entry.get("description", ""), " ".join(entry.get("tags", []))]
            )
        needs = []
        for entry in dataset["needs"]:
            author = Organisation.objects.create(
                name=f"Author of {entry['id']}",
                slug=slugify(f"author-{entry['id']}"),
                actor_type=ACTOR_TYPES.get(entry.get("author_kind", ""), "business"),
            )
            need = Need.objects.create(
                cluster=cluster, organisation=author, title=entry["title"], text=entry["text"]
            )
            need.topics.set(Topic.objects.filter(slug__in=entry.get("topics", [])))
            needs.append((entry["id"], need))

        started = time.perf_counter()
        indexing.reindex_all()
        index_seconds = time.perf_counter() - started
        started = time.perf_counter()
        indexing.current_index()
        load_seconds = time.perf_counter() - started

        rankings: dict[str, list[str]] = {}
        latencies: list[float] = []
        for key, need in needs:
            started = time.perf_counter()
            matches = rank_providers(need, limit=K)
            latencies.append((time.perf_counter() - started) * 1000)
            rankings[key] = [key_of[m.organisation.pk] for m in matches]
            if verbosity > 1:
                grades = dataset["judgements"].get(key, {})
                shown = ", ".join(
                    f"{key_of[m.organisation.pk]}({grades.get(key_of[m.organisation.pk], 0)})"
                    for m in matches[:5]
                )
                self.stderr.write(f"{key} ndcg={ndcg(rankings[key], grades):.3f} {shown}")

        baseline = TfIdfBaseline(texts)
        baseline_rankings: dict[str, list[str]] = {}
        baseline_latencies: list[float] = []
        for key, need in needs:
            started = time.perf_counter()
            ranked = baseline.rank(f"{need.title} {need.text}", limit=K)
            baseline_latencies.append((time.perf_counter() - started) * 1000)
            baseline_rankings[key] = [key_of[pk] for pk, _score in ranked]

        return {
            "dataset": dataset.get("name", ""),
            **metrics(rankings, dataset["judgements"]),
            "p50_ms": round(statistics.median(latencies), 2),
            "p95_ms": round(percentile(latencies, 0.95), 2),
            "needs": len(needs),
            "organisations": len(dataset["organisations"]),
            "index_s": round(index_seconds + load_seconds, 3),
            "baseline": {
                **metrics(baseline_rankings, dataset["judgements"]),
                "p50_ms": round(statistics.median(baseline_latencies), 2),
                "p95_ms": round(percentile(baseline_latencies, 0.95), 2),
            },
        }
