"""Duplicate benchmark: generate noisy exports of 160,000 person records, run
`knotenpunkt find-duplicates` on them as a subprocess (timed), and score its pairs
against the truth beside two baselines measured in the same run (exact e-mail; exact
first + last name). Prints a table; the last line is one JSON object with the figures.

    make bench-dedupe
    .venv/bin/python bench/dedupe/run.py --records 20000 --keep /tmp/dedupe
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import Generator, write  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
KNOTENPUNKT = ROOT / ".venv" / "bin" / "knotenpunkt"


def pairs_of(groups) -> set[tuple[str, str]]:
    """All pairs (a < b) within each group of record ids."""
    result = set()
    for group in groups:
        members = sorted(group)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                result.add((a, b))
    return result


def true_pair_count(truth: dict[str, str]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(truth.values()).values())


def score_pairs(predicted: set[tuple[str, str]], truth: dict[str, str]) -> dict:
    true_positives = sum(1 for a, b in predicted if truth[a] == truth[b])
    return figures(true_positives, len(predicted), true_pair_count(truth))


def score_groups(key_of: dict[str, str], truth: dict[str, str]) -> dict:
    """Scores of "same key ⇒ same person" without listing every pair: per key, the
    pairs are all pairs of its records, and the true ones those of one person."""
    groups: dict[str, list[str]] = defaultdict(list)
    for record_id, key in key_of.items():
        if key:
            groups[key].append(record_id)
    predicted = true_positives = 0
    for members in groups.values():
        predicted += len(members) * (len(members) - 1) // 2
        per_person = Counter(truth[m] for m in members)
        true_positives += sum(n * (n - 1) // 2 for n in per_person.values())
    return figures(true_positives, predicted, true_pair_count(truth))


def reachable_recall(records, truth: dict[str, str]) -> float:
    """The share of true pairs joined by something besides the name (same e-mail,
    phone, employer or street address), directly or through the person's other
    records: the recall a linker reaches without trusting names alone."""
    from knotenpunkt.quality.linkage.pairs import LinkedPair, transitive_pairs
    from knotenpunkt.quality.linkage.people import agreements, prepare

    rows = {record["record_id"]: prepare(record) for record in records}
    by_person: dict[str, list[str]] = defaultdict(list)
    for record_id in rows:
        by_person[truth[record_id]].append(record_id)
    evidence = {"email", "phone", "organisation", "address"}
    joined = []
    for members in by_person.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if evidence & set(agreements(rows[a], rows[b])):
                    joined.append(LinkedPair(min(a, b), max(a, b), 1.0))
    return len(transitive_pairs(joined)) / true_pair_count(truth)


def figures(true_positives: int, predicted: int, actual: int) -> dict:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": predicted,
        "true_pairs": actual,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=160_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument(
        "--few-surnames",
        action="store_true",
        help="Draw surnames from 780 only: four times the German rate of namesakes.",
    )
    parser.add_argument("--keep", type=Path, default=None, help="Keep the files here.")
    args = parser.parse_args()

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-dedupe-"))
    workdir.mkdir(parents=True, exist_ok=True)
    people_csv, truth_csv, pairs_csv = (
        workdir / "people.csv",
        workdir / "truth.csv",
        workdir / "pairs.csv",
    )
    started = time.monotonic()
    records, truth = Generator(args.seed, args.few_surnames).exports(args.records)
    write(records, truth, people_csv, truth_csv)
    generated = time.monotonic() - started
    people = len(set(truth.values()))
    print(f"generated {len(records)} records of {people} people in {generated:.1f} s")

    command = [
        str(KNOTENPUNKT),
        "find-duplicates",
        "--csv",
        str(people_csv),
        "--out",
        str(pairs_csv),
    ]
    if args.threshold is not None:
        command += ["--threshold", str(args.threshold)]
    # The command must not need the application database: point it at one that is not there.
    environment = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/no_such_database"}
    started = time.monotonic()
    subprocess.run(command, check=True, env=environment, cwd=ROOT)
    seconds = time.monotonic() - started

    with pairs_csv.open(encoding="utf-8") as handle:
        predicted = {(row["record_id_a"], row["record_id_b"]) for row in csv.DictReader(handle)}
    engine = score_pairs(predicted, truth)

    email_of = {r["record_id"]: r["email"].strip().lower() for r in records}
    name_of = {
        r["record_id"]: f"{r['first_name'].strip()}\t{r['last_name'].strip()}"
        if r["first_name"].strip() and r["last_name"].strip()
        else ""
        for r in records
    }
    baselines = {
        "exact_email": score_groups(email_of, truth),
        "exact_name": score_groups(name_of, truth),
    }

    print()
    print(f"{'method':<22}{'pairs':>10}{'precision':>11}{'recall':>9}{'F1':>8}")
    for name, result in [("find-duplicates", engine), *baselines.items()]:
        print(
            f"{name:<22}{result['pairs']:>10}{result['precision']:>11.4f}"
            f"{result['recall']:>9.4f}{result['f1']:>8.4f}"
        )
    reachable = round(reachable_recall(records, truth), 4)
    print(f"true pairs: {engine['true_pairs']}; find-duplicates took {seconds:.1f} s")
    print(f"recall reachable without trusting names alone: {reachable:.4f}")
    print(
        json.dumps(
            {
                "records": len(records),
                "few_surnames": args.few_surnames,
                "people": len(set(truth.values())),
                "true_pairs": engine["true_pairs"],
                "seconds": round(seconds, 1),
                "precision": engine["precision"],
                "recall": engine["recall"],
                "f1": engine["f1"],
                "pairs": engine["pairs"],
                "reachable_recall": reachable,
                "baselines": baselines,
            }
        )
    )


if __name__ == "__main__":
    main()
