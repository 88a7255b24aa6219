"""PostgreSQL's GIN index for the directory search, and the seeded taxonomy and regions.

The GIN index exists only on PostgreSQL (SQLite has no tsvector), so it is created here
by vendor rather than declared in the model's Meta.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_organisation_search_gin "
        "ON directory_organisation USING gin (search_vector)"
    )
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_organisation_name_trgm "
        "ON directory_organisation USING gin (upper(name) gin_trgm_ops)"
    )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS directory_organisation_search_gin")
    schema_editor.execute("DROP INDEX IF EXISTS directory_organisation_name_trgm")


def seed(apps, schema_editor):
    Region = apps.get_model("directory", "Region")
    Topic = apps.get_model("directory", "Topic")
    for entry in json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8")):
        Region.objects.update_or_create(
            ags=entry["ags"], defaults={"name": entry["name"], "state": entry["state"]}
        )
    by_slug = {}
    for entry in json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8")):
        topic, _ = Topic.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "parent": by_slug.get(entry.get("parent")),
                "kind": entry["kind"],
                "label_de": entry["label_de"],
                "label_en": entry["label_en"],
                "synonyms": "\n".join(entry.get("synonyms", [])),
            },
        )
        by_slug[topic.slug] = topic


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
