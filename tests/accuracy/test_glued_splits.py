"""The uniqueness check of glued dumps agrees with plain enumeration and never hides a reading."""

from __future__ import annotations

import random
from itertools import combinations, pairwise

import pytest

from tests.accuracy import glued_splits as G
from tests.accuracy.render_dumps import glued_body, report_blocks
from tests.accuracy.truth import make_truth


def _naive_summed(run: str, parts: int) -> set[tuple[int, ...]]:
    """Every cut of ``run`` into parts + 1 numbers without leading zeros, last = sum."""
    out = set()
    for cuts in combinations(range(1, len(run)), parts):
        bounds = (0, *cuts, len(run))
        pieces = [run[a:b] for a, b in pairwise(bounds)]
        if any(len(p) > 1 and p[0] == "0" for p in pieces):
            continue
        values = tuple(int(p) for p in pieces)
        if sum(values[:-1]) == values[-1]:
            out.add(values)
    return out


@pytest.mark.parametrize("seed", range(30))
def test_row_readings_match_plain_enumeration(seed):
    rng = random.Random(seed)
    parts = rng.randint(2, 6)
    counts = [
        rng.choice((0, 0, rng.randint(1, 9), rng.randint(10, 120)))
        for _ in range(parts)
    ]
    run = "".join(str(c) for c in counts) + str(sum(counts))
    fast = set(G._summed_rows(run, parts, G._Budget()))
    assert fast == _naive_summed(run, parts)
    assert (*counts, sum(counts)) in fast


def test_a_run_with_one_reading_is_unique_and_one_with_two_is_not():
    assert G._summed_rows("112", 2, G._Budget()) == [(1, 1, 2)]
    # 1 · 011 is no reading (a leading zero), 1 · 0 · 111 breaks the sum
    assert G._summed_rows("10111", 2, G._Budget()) == [(10, 1, 11)]
    # two readings: 1 · 12 · 13 and 11 · 2 · 13
    assert sorted(G._summed_rows("11213", 2, G._Budget())) == [(1, 12, 13), (11, 2, 13)]


def test_part_two_without_rules_is_unique_only_when_the_digits_force_it():
    truth = make_truth(3, fmt="2021")
    _, runs = glued_body(report_blocks(truth, short=False, chrome=False), truth)
    runs["active_disclosure.rules"] = "000"  # 0 · 0 · 0: the only reading
    runs["active_disclosure.normative_documents"] = (
        "33800"  # 338·0·0, 33·80·0, 3·3·800 …
    )
    ambiguous = G.ambiguous_cells(truth, runs)
    assert not {p for p in ambiguous if p.startswith("active_disclosure.rules.")}
    assert {
        "active_disclosure.normative_documents.issued",
        "active_disclosure.normative_documents.repealed",
        "active_disclosure.normative_documents.in_force",
    } <= ambiguous


def test_column_rules_decide_rows_their_own_sum_leaves_open():
    """A leaf row with several readings of its own is unique iff one fits the column sums.

    Checked against an independent count: the other rows held at their true values, how
    many of the row's readings make (一)…(六) sum to (七) in every column.
    """
    settled = listed = 0
    for seed in range(20):
        truth = make_truth(seed)
        _, runs = glued_body(report_blocks(truth, short=False, chrome=False), truth)
        ambiguous = G.ambiguous_cells(truth, runs)
        readings = {
            row: G._summed_rows(runs[f"applications.{row}"], 6, G._Budget())
            for row in G.application_rows(truth.fmt)
        }
        leaves = G.handled_rows(truth.fmt)
        for row in leaves:
            if len(readings[row]) == 1 or any(
                len(readings[other]) > 1 for other in readings if other != row
            ):
                continue
            fitting = sum(
                all(
                    sum(
                        reading[i]
                        if other == row
                        else truth.values[f"applications.{other}.{c}"]
                        for other in leaves
                    )
                    == truth.values[f"applications.total_handled.{c}"]
                    for i, c in enumerate(G.APPLICANTS)
                )
                for reading in readings[row]
            )
            cells = {f"applications.{row}.{c}" for c in G.APPLICANTS}
            if fitting == 1:
                settled += 1
                assert not cells & ambiguous, (seed, row)
            else:
                listed += 1
                assert cells & ambiguous, (seed, row)
    assert settled > 0  # the seeds exercise the column rules


@pytest.mark.parametrize("seed", range(12))
def test_the_true_reading_is_never_lost(seed):
    truth = make_truth(seed)
    _, runs = glued_body(report_blocks(truth, short=False, chrome=False), truth)
    for key, run in runs.items():
        if key.startswith("applications."):
            row = key.split(".", 1)[1]
            readings = G._summed_rows(run, 6, G._Budget())
            true = tuple(truth.values[f"{key}.{c}"] for c in G.APPLICANTS)
            assert true in readings, row


def test_an_exhausted_budget_proves_nothing_unique(monkeypatch):
    truth = make_truth(5)
    _, runs = glued_body(report_blocks(truth, short=False, chrome=False), truth)
    monkeypatch.setattr(G, "BUDGET", 50)
    ambiguous = G.ambiguous_cells(truth, runs)
    assert {p for p in truth.values if p.startswith("applications.")} <= ambiguous
