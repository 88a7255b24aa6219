"""Running a Splink model on DuckDB: register the prepared records, train the model
without labels (or keep its fixed prior parameters when the input is too small to
learn from), predict the pairs above a threshold.

The models (which columns, comparisons and blocking rules) live in `people.py` and
`organisations.py`; this module knows nothing about persons or firms.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, SettingsCreator

from knotenpunkt.quality.linkage.pairs import LinkedPair, ordered

logger = logging.getLogger(__name__)
# Splink reports every blocking and prediction step at INFO; a scan is one line to us.
logging.getLogger("splink").setLevel(logging.WARNING)

# Below this many records EM sees too few matching pairs to estimate m-probabilities
# and random sampling too few non-matching ones for u; the priors in the model are
# better than anything learnt from a test's five records.
MIN_RECORDS_FOR_TRAINING = 2_000

# Fixed seed: the same export gives the same pairs on every run.
SEED = 20261124


@dataclass(frozen=True)
class LinkageModel:
    """What one kind of record is compared on.

    `comparisons` are Splink comparison dicts whose levels carry prior m/u
    probabilities; `agreements` names the fields on which two prepared records agree
    (for `LinkedPair.agreements`; computed from the keys, since one comparison may
    cover several fields).
    """

    columns: tuple[str, ...]
    comparisons: tuple[dict, ...]
    blocking_rules: tuple[str, ...]
    training_rules: tuple[str, ...]
    deterministic_rules: tuple[str, ...]
    deterministic_recall: float
    agreements: Callable[[dict, dict], tuple[str, ...]]
    # Prior share of random pairs that match, used when not trained.
    prior_match_probability: float = 1e-4


def _arrow_table(rows: Sequence[dict], columns: tuple[str, ...]) -> pa.Table:
    """A table of strings with "" as NULL, which is what Splink's null levels expect."""
    data = {
        "unique_id": [row["unique_id"] for row in rows],
        **{name: [row.get(name) or None for row in rows] for name in columns},
    }
    return pa.table({name: pa.array(values, type=pa.string()) for name, values in data.items()})


def predict(
    rows: Sequence[dict],
    model: LinkageModel,
    threshold: float,
    threads: int | None = None,
) -> list[LinkedPair]:
    """The pairs of `rows` (dicts with "unique_id" and the model's columns, already
    normalised) whose match probability is at least `threshold`."""
    if len(rows) < 2:
        return []
    ids = [row["unique_id"] for row in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("record ids must be unique")

    connection = duckdb.connect(":memory:")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    db_api = DuckDBAPI(connection=connection)
    table = db_api.register(_arrow_table(rows, model.columns), table_name="records")
    trained = len(rows) >= MIN_RECORDS_FOR_TRAINING
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=list(model.comparisons) if trained else _without_term_frequencies(model),
        blocking_rules_to_generate_predictions=list(model.blocking_rules),
        probability_two_random_records_match=model.prior_match_probability,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )
    linker = Linker(table, settings, log_level=None)
    if trained:
        _train(linker, model, len(rows))

    predictions = linker.inference.predict(
        threshold_match_probability=threshold, warning_mode="never"
    )
    result = predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_probability")
    by_id = {row["unique_id"]: row for row in rows}
    pairs = []
    for left, right, probability in result.fetchall():
        a, b = ordered(str(left), str(right))
        agreements = model.agreements(by_id[a], by_id[b])
        pairs.append(LinkedPair(a, b, round(float(probability), 6), agreements))
    connection.close()
    return pairs


def _without_term_frequencies(model: LinkageModel) -> list[dict]:
    """The comparisons without term-frequency adjustments: in five records "Müller"
    may be four of them, which says nothing about how common the name is."""
    return [
        {
            **comparison,
            "comparison_levels": [
                {key: value for key, value in level.items() if not key.startswith("tf_")}
                for level in comparison["comparison_levels"]
            ],
        }
        for comparison in model.comparisons
    ]


def _train(linker: Linker, model: LinkageModel, record_count: int) -> None:
    """Unsupervised training: the share of matches from deterministic rules, u by random
    sampling, m by expectation maximisation on each training blocking rule. A step
    that fails (a column that is empty throughout, a block without pairs) leaves the
    prior parameters in place rather than stopping the run."""
    try:
        linker.training.estimate_probability_two_random_records_match(
            list(model.deterministic_rules), recall=model.deterministic_recall
        )
    except Exception:  # noqa: BLE001 - Splink raises plain Exceptions on degenerate data
        logger.warning("Keeping the prior match probability.", exc_info=True)
    try:
        linker.training.estimate_u_using_random_sampling(
            max_pairs=min(2e6, record_count * 20), seed=SEED
        )
    except Exception:  # noqa: BLE001
        logger.warning("Keeping the prior u-probabilities.", exc_info=True)
    for rule in model.training_rules:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        except Exception:  # noqa: BLE001
            logger.warning("EM on %s failed; keeping the priors it would set.", rule)
