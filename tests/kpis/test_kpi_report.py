"""`kpi-report` reproduces the shared sample's expected figures, through the same
services as the dashboard, and the dashboard shows the same numbers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.services.dataset import DatasetError, check, load
from knotenpunkt.kpis.services.report import figure_sets

# The sample (../shared/data/kpi-sample*.json) with its expected figures, copied
# into the repository so that every checkout tests them.
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "kpi-sample.json"
EXPECTED = DATA / "kpi-sample-expected.json"


@pytest.fixture
def sample_loaded(db):
    return load(check(json.loads(SAMPLE.read_text(encoding="utf-8"))))


def test_every_year_and_cluster_of_the_sample_is_reproduced_exactly(sample_loaded):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    clusters = list(Cluster.objects.order_by("slug"))
    key_of = {cluster.slug: key for key, cluster in sample_loaded.items()}
    for year, figures in expected.items():
        result = figure_sets(clusters, int(year))
        assert result["installation"] == figures["installation"], year
        assert {key_of[s]: f for s, f in result["clusters"].items()} == figures["clusters"], year


def test_the_dashboard_shows_the_numbers_of_the_report(sample_loaded, client, django_user_model):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["2024"]
    admin = django_user_model.objects.create_superuser("root@example.org", "pw")
    client.force_login(admin)
    page = client.get(reverse("kpis:dashboard"), {"year": 2024}, HTTP_ACCEPT_LANGUAGE="en")
    cells = cells_of(page.content.decode())
    for key, cluster in sample_loaded.items():
        for figure in ("members_start", "entries", "exits", "members_end", "events_held"):
            assert cells[(figure, cluster.slug)] == str(expected["clusters"][key][figure])
    assert cells[("participants", "all")] == "2,218"
    assert cells[("fee_revenue", "all")] == "103,505.16 €"
    assert cells[("net", "all")] == str(expected["installation"]["net"])


def cells_of(html: str) -> dict:
    """{(kpi key, column slug or "all"): the figure's text} of the dashboard's table."""
    import re

    pattern = re.compile(
        r'data-kpi="([a-z_]+)" data-column="([a-z0-9-]+)">\s*'
        r'<a [^>]*><span class="kpi-figure">([^<]*)</span>',
        re.S,
    )
    return {(kpi, column): text.strip() for kpi, column, text in pattern.findall(html)}


def test_the_command_prints_the_figures_as_its_last_line_without_touching_the_application(
    tmp_path,
):
    app_db = tmp_path / "application.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{app_db}",
        "VAR_DIR": str(tmp_path / "var"),
        "CACHE_URL": "locmemcache://",
    }
    knotenpunkt = Path(sys.executable).parent / "knotenpunkt"
    completed = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(knotenpunkt), "kpi-report", "--dataset", str(SAMPLE), "--year", "2025"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["2025"]
    assert result == {"year": 2025, **expected}
    assert not app_db.exists()


def write(tmp_path, data) -> str:
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


BASE = {
    "clusters": [{"key": "digital", "name": "Digitalcluster"}],
    "organisations": [{"key": "o1", "name": "Nordlicht GmbH", "actor_type": "business"}],
    "memberships": [
        {
            "organisation": "o1",
            "cluster": "digital",
            "kind": "paying",
            "start": "2024-01-01",
            "end": None,
        }
    ],
    "fee_lines": [],
    "events": [],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"memberships": [{**BASE["memberships"][0], "organisation": "o9"}]},
            "memberships[0] (o9 in digital): unknown organisation 'o9'",
        ),
        (
            {"memberships": [{**BASE["memberships"][0], "end": "2023-12-31"}]},
            "memberships[0] (o1 in digital): end 2023-12-31 is before start 2024-01-01",
        ),
        (
            {"organisations": [{**BASE["organisations"][0], "actor_type": "startup"}]},
            "organisations[0] (o1): unknown actor type 'startup'",
        ),
        (
            {
                "events": [
                    {
                        "key": "e1",
                        "clusters": ["medien"],
                        "start": "2024-05-01T10:00:00+02:00",
                        "checked_in": 3,
                    }
                ]
            },
            "events[0] (e1): unknown cluster 'medien'",
        ),
        (
            {
                "events": [
                    {
                        "key": "e1",
                        "clusters": ["digital"],
                        "start": "2024-05-01T10:00:00",
                        "checked_in": 3,
                    }
                ]
            },
            "events[0] (e1): start '2024-05-01T10:00:00' has no UTC offset",
        ),
        (
            {
                "fee_lines": [
                    {
                        "organisation": "o1",
                        "cluster": "digital",
                        "net": "12,50",
                        "service_start": "2024-01-01",
                        "service_end": "2024-12-31",
                        "cancelled": False,
                    }
                ]
            },
            "fee_lines[0] (o1 in digital): net '12,50' is not an amount",
        ),
    ],
)
def test_a_bad_dataset_is_refused_naming_the_record(tmp_path, change, message):
    with pytest.raises(DatasetError) as refused:
        check({**BASE, **change})
    assert message in str(refused.value)
    # The command says the same before it creates any database.
    with pytest.raises(
        CommandError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")
    ):
        call_command(
            "kpi_report", "--dataset", write(tmp_path, {**BASE, **change}), "--year", "2024"
        )


def test_a_missing_dataset_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="No such dataset"):
        call_command("kpi_report", "--dataset", str(tmp_path / "nope.json"), "--year", "2024")
