"""``python -m tests.accuracy [--json]``: print the suite's per-class scores and wrong cells."""

from __future__ import annotations

import sys

from tests.accuracy.score import dump, score, table
from tests.accuracy.suite import all_cases


def main() -> None:
    """Score every case and print the table (or JSON with ``--json``)."""
    scores = score(all_cases())
    if "--json" in sys.argv:
        print(dump(scores))
        return
    print(table(scores))
    wrong = scores["overall"].wrong_cells
    if wrong:
        print(f"\n{len(wrong)} wrong cells and metadata:")
        for line in wrong[:60]:
            print("  " + line)


if __name__ == "__main__":
    main()
