"""`knotenpunkt match-eval` evaluates in a throw-away database and prints JSON last."""

import json
import os
import subprocess
import sys
from pathlib import Path

DATASET = {
    "name": "tiny",
    "organisations": [
        {
            "id": "o1",
            "name": "Zeitwerk",
            "kind": "company",
            "description": "Mobile Zeiterfassung per App für Handwerksbetriebe.",
            "tags": ["Zeiterfassung", "Stundenzettel"],
        },
        {
            "id": "o2",
            "name": "Webkontor",
            "kind": "company",
            "description": "Homepages und Onlineshops für kleine Betriebe.",
            "tags": ["Webdesign", "Onlineshop"],
        },
        {
            "id": "o3",
            "name": "Hochschule Nord",
            "kind": "university",
            "description": "Forschung zu Sensorik und Datenanalyse.",
            "tags": ["Forschung"],
        },
    ],
    "needs": [
        {
            "id": "n1",
            "author_kind": "company",
            "title": "Zettelwirtschaft",
            "text": "Unsere Stundenzettel gehen verloren.",
        },
        {
            "id": "n2",
            "author_kind": "public",
            "title": "Im Internet verkaufen",
            "text": "Wir wollen unsere Produkte online verkaufen.",
        },
    ],
    "judgements": {"n1": {"o1": 3}, "n2": {"o2": 3}},
}


def test_match_eval_prints_metrics_and_never_creates_the_application_database(tmp_path):
    dataset = tmp_path / "tiny.json"
    dataset.write_text(json.dumps(DATASET), encoding="utf-8")
    app_db = tmp_path / "application.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{app_db}",
        "VAR_DIR": str(tmp_path / "var"),
        "CACHE_URL": "locmemcache://",
    }
    knotenpunkt = Path(sys.executable).parent / "knotenpunkt"
    completed = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(knotenpunkt), "match-eval", str(dataset)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["needs"] == 2
    assert result["organisations"] == 3
    assert result["ndcg@10"] == 1.0
    assert {"mrr", "p@1", "p50_ms", "p95_ms"} <= set(result)
    assert {"ndcg@10", "mrr", "p@1"} <= set(result["baseline"])
    assert not app_db.exists()
