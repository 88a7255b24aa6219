"""Print a year's key figures as JSON, from a dataset or from the installation's data.

    knotenpunkt kpi-report --dataset ../shared/data/kpi-sample.json --year 2024
    knotenpunkt kpi-report --year 2025 [--cluster SLUG]

With `--dataset` the data is loaded into a throw-away database (never the
application's) through the platform's models and computed by the same services as the
dashboard (docs/kpis.md has the format). The last line is one JSON object:
{"year": Y, "installation": {...}, "clusters": {"<cluster key>": {...}}}.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from knotenpunkt.core.database_ready import require_migrated_database


class Command(BaseCommand):
    help = "Print a year's key figures (members, entries, exits, fees, events) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--dataset", help="JSON file in the kpi-report dataset format")
        parser.add_argument("--cluster", help="only this cluster (without --dataset)")

    def handle(self, *args, **options):
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError(f"--year {year} is not a plausible year")
        if options["dataset"] is None:
            # A dataset needs no database of the application's; the installation's does.
            require_migrated_database()
            result = self.report_installation(year, options["cluster"])
        else:
            if options["cluster"]:
                raise CommandError("--cluster works on the installation's data, not a dataset")
            result = self.report_dataset(Path(options["dataset"]), year)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def report_installation(self, year: int, slug: str | None) -> dict:
        from knotenpunkt.directory.models import Cluster
        from knotenpunkt.kpis.services.report import figure_sets

        clusters = Cluster.objects.order_by("slug")
        if slug:
            clusters = clusters.filter(slug=slug)
            if not clusters:
                raise CommandError(f"No cluster with the short address {slug!r}")
        return figure_sets(clusters, year)

    def report_dataset(self, path: Path, year: int) -> dict:
        from knotenpunkt.kpis.services.dataset import DatasetError, check

        if not path.is_file():
            raise CommandError(f"No such dataset: {path}")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path} is not JSON: {error}") from None
        try:
            dataset = check(data)
        except DatasetError as error:
            raise CommandError(f"{path}: {error}") from None
        old_name = connection.settings_dict["NAME"]
        # A private cache as well, so nothing of the application's is touched.
        private_cache = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "knotenpunkt-kpi-report",
            }
        }
        with override_settings(CACHES=private_cache):
            connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False, keepdb=False
            )
            try:
                return self.compute(dataset, year)
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0)

    def compute(self, dataset, year: int) -> dict:
        from knotenpunkt.kpis.services.dataset import load
        from knotenpunkt.kpis.services.report import figure_sets

        clusters = load(dataset)
        result = figure_sets(clusters.values(), year)
        # Keyed as the dataset names its clusters.
        by_slug = {cluster.slug: key for key, cluster in clusters.items()}
        result["clusters"] = {
            by_slug[slug]: figures for slug, figures in result["clusters"].items()
        }
        return result
