"""Fill the API benchmark's database: the directory benchmark's organisations (13,500, of
which most are listed, 40,000 people) and the catalogue benchmark's 5,000 listed
offerings, both seeded, so every run builds the same data. Skipped when present.

Run by bench/api/run.py with the benchmark's settings in the environment; prints one JSON
object last.
"""

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load(relative: str, name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def log(message: str) -> None:
    print(f"generate: {message}", file=sys.stderr, flush=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    from django.db import connection

    from knotenpunkt.directory.models import Cluster
    from knotenpunkt.procurement.models import OfferingVersion

    directory = load("bench/directory/generate.py", "bench_directory_generate")
    catalogue = load("bench/catalogue/generate.py", "bench_catalogue_generate")
    started = time.monotonic()
    generated = False
    if not Cluster.objects.filter(slug=directory.MARKER_SLUG).exists():
        directory.generate(directory.SEED, 13_500, 40_000, log)
        generated = True
    if not OfferingVersion.objects.exists():
        log(f"catalogue: {catalogue.generate()} listed offerings")
        generated = True
    directory.update_planner_statistics(vacuum=generated, log=log)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        json.dumps(
            {
                "generated": generated,
                "seconds": round(time.monotonic() - started, 1),
                **directory.counts(),
                "listed_offerings": OfferingVersion.objects.filter(status="published").count(),
            }
        )
    )


if __name__ == "__main__":
    main()
