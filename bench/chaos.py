"""Chaos benchmark: random SIGKILLs over a ``--job`` crawl of the sample portal, then resume.

First an uninterrupted reference crawl of the sample portal's sites into a fresh archive (each
crawl of the benchmark gets a fresh portal, so its once-only failures happen every time). Then
``--kills`` trials, each on a fresh archive: the same ``nianbao crawl --job chaos`` command is
started and SIGKILLed at a random moment of the reference's wall-clock duration (so while
fetching, archiving or in the end-of-crawl parse pass, wherever the moment falls), then run once
more with nothing changed. Each trial is compared with the reference:

* lost: (url, kind) GET captures of the reference missing from the trial's archive;
* duplicated: (url, kind) GET captures stored more often than in the reference (POST list
  pages, such as Hanweb's dataproxy, are fetched again by a resumed job by design, and the
  exchanges of ``crawler.exchanges`` are recorded as they happen: both counted apart);
* unparsed: report and attachment documents with no ``texts`` row (stored, never parsed);
* resumed to finished: the run after the kill exited 0 with every crawl row of it ``finished``;
* survivors: processes of the killed crawl (parse workers, extraction children) still alive
  ``GRACE_S`` seconds after it.

A kill that would come after the crawl already ended is not counted: the trial starts again on
a fresh archive with an earlier moment.

    python bench/chaos.py [--kills 20] [--seed 1] [--size 30] [--sites demo-trs,demo-gkmlpt]

Prints one line per trial, then the totals. Exit status 1 if any figure is not zero or any
resume did not finish.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from crawler.sampleportal.process import running_portal

ROOT = Path(__file__).resolve().parents[1]
SITES = "demo-trs,demo-hanweb,demo-gkmlpt"
#: Seconds a killed crawl's children get to notice and exit (parse workers: at once; a sandbox
#: child finishing its document, the resource tracker: a moment later).
GRACE_S = 5.0
#: Exchanges recorded beside the spider's captures (crawler.exchanges): archived as they
#: happen, so every run that makes them records them again.
EXCHANGE_KINDS = frozenset({"robots", "redirect", "retry"})


@dataclass(frozen=True, slots=True)
class Trial:
    kill_at: float
    phase: str
    lost: int
    duplicated: int
    refetched_posts: int
    unparsed: int
    finished: bool
    survivors: int

    def line(self) -> str:
        return (
            f"kill at {self.kill_at:5.1f} s ({self.phase:8}): lost {self.lost}, "
            f"duplicated {self.duplicated}, unparsed {self.unparsed}, "
            f"resumed {'finished' if self.finished else 'NOT finished'}, "
            f"survivors {self.survivors}, "
            f"exchanges and POST pages recorded again {self.refetched_posts}"
        )


def command(base_url: str, archive_dir: Path, sites: list[str]) -> list[str]:
    site_args = [arg for site in sites for arg in ("--site", site)]
    return [
        sys.executable, "-m", "crawler.cli", "crawl", *site_args, "--base-url", base_url,
        "--archive", str(archive_dir), "--job", "chaos",
        "-s", "NIANBAO_PROGRESS_INTERVAL=0",
    ]  # fmt: skip


def captures(archive_dir: Path, method: str) -> Counter[tuple[str, str]]:
    """(path?query, kind) of the archive's captures; each trial has its own portal and port."""
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        rows = db.execute(
            "SELECT url, kind FROM captures WHERE method = ?", [method]
        ).fetchall()
    return Counter((_local(url), kind) for url, kind in rows)


def _is_exchange(key: tuple[str, str]) -> bool:
    path, kind = key
    # robots.txt answered 304 is stored as kind `not-modified`: an exchange all the same
    return kind in EXCHANGE_KINDS or path == "/robots.txt"


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl_counts(archive_dir: Path) -> tuple[Counter[tuple[str, str]], int]:
    """The spider's GET captures, and how many exchanges and POST captures there are.

    A resumed job fetches its POST list pages (not replayable by URL) again, and the exchanges
    (robots.txt, redirect hops, retried answers) are recorded as they happen; these are
    counted apart, not as duplicates.
    """
    got = captures(archive_dir, "GET")
    exchanges = sum(n for key, n in got.items() if _is_exchange(key))
    pages = Counter({key: n for key, n in got.items() if not _is_exchange(key)})
    posts = captures(archive_dir, "POST")
    return pages, exchanges + sum(posts.values())


def unparsed(archive_dir: Path) -> int:
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        return int(
            db.execute(
                "SELECT count(DISTINCT document_id) FROM captures"
                " WHERE kind IN ('report', 'attachment')"
                " AND document_id NOT IN (SELECT document_id FROM texts)"
            ).fetchone()[0]
        )


def last_statuses(archive_dir: Path, count: int) -> list[str]:
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        rows = db.execute(
            "SELECT status FROM crawls ORDER BY id DESC LIMIT ?", [count]
        ).fetchall()
    return [status for (status,) in rows]


def marked(mark: str) -> list[str]:
    """Command lines of live processes whose environment carries ``NIANBAO_CHAOS_MARK=mark``."""
    needle = f"NIANBAO_CHAOS_MARK={mark}".encode()
    alive = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if needle in environ.read_bytes().split(b"\0"):
                cmdline = (environ.parent / "cmdline").read_bytes()
                alive.append(
                    cmdline.replace(b"\0", b" ").decode(errors="replace")[:120]
                )
        except OSError:
            continue
    return alive


def survivors_after(mark: str, grace: float) -> list[str]:
    """The marked processes still alive ``grace`` seconds after the kill (polled)."""
    deadline = time.monotonic() + grace
    alive = marked(mark)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = marked(mark)
    return alive


def run_killed(cmd: list[str], kill_at: float, log: Path) -> tuple[str, int]:
    """Run ``cmd`` and SIGKILL it ``kill_at`` s in; the phase it was in and the survivors.

    The phase is read from Scrapy's log (``--log-file``): ``parsing`` once the parse pass
    started, ``fetching`` before, ``ended`` when the crawl finished before the kill.
    """
    mark = uuid.uuid4().hex
    process = subprocess.Popen(
        [*cmd, "--log-file", str(log)], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env={**os.environ, "NIANBAO_CHAOS_MARK": mark},
    )  # fmt: skip
    try:
        process.wait(timeout=kill_at)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        phase = "parsing" if "INFO: parsing " in text else "fetching"
    else:
        phase = "ended"
    alive = survivors_after(mark, GRACE_S)
    for line in alive:
        print(f"     survivor: {line}", flush=True)
    return phase, len(alive)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1, help="seed of the kill moments")
    parser.add_argument("--size", type=int, default=30, help="sample portal size")
    parser.add_argument("--sites", default=SITES, help="comma-separated demo site ids")
    args = parser.parse_args()
    sites = args.sites.split(",")
    rng = random.Random(args.seed)
    trials: list[Trial] = []
    with tempfile.TemporaryDirectory(prefix="nianbao-chaos-") as tmp:
        work = Path(tmp)
        reference_dir = work / "reference"
        # every crawl gets a fresh portal: its failures-once (the 500 that succeeds on retry)
        # must fail again for each trial as they did for the reference
        with running_portal(seed=7, size=args.size) as base_url:
            started = time.monotonic()
            done = subprocess.run(
                command(base_url, reference_dir, sites), cwd=ROOT,
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            duration = time.monotonic() - started
        if done.returncode != 0:
            sys.exit(f"reference crawl failed:\n{done.stderr[-3000:]}")
        reference, reference_again = crawl_counts(reference_dir)
        print(
            f"reference: {len(reference)} GET captures, {duration:.1f} s, "
            f"sites {', '.join(sites)}; {args.kills} kills, seed {args.seed}"
        )
        for number in range(args.kills):
            with running_portal(seed=7, size=args.size) as base_url:
                phase, attempt = "ended", 0
                while phase == "ended":  # the crawl outran the kill: again, earlier
                    attempt += 1
                    archive_dir = work / f"trial-{number}-{attempt}"
                    cmd = command(base_url, archive_dir, sites)
                    kill_at = rng.uniform(0.05, 1.0) * duration / attempt
                    log = work / f"trial-{number}-{attempt}.log"
                    phase, survivors = run_killed(cmd, kill_at, log)
                resumed = subprocess.run(
                    cmd, cwd=ROOT, capture_output=True, text=True, check=False
                )
            got, again = crawl_counts(archive_dir)
            trial = Trial(
                kill_at=kill_at,
                phase=phase,
                lost=len(set(reference) - set(got)),
                duplicated=sum(
                    1 for key, n in got.items() if n > reference.get(key, 1)
                ),
                refetched_posts=max(again - reference_again, 0),
                unparsed=unparsed(archive_dir),
                finished=resumed.returncode == 0
                and set(last_statuses(archive_dir, len(sites))) == {"finished"},
                survivors=survivors,
            )
            trials.append(trial)
            print(f"{number + 1:3}. {trial.line()}", flush=True)
    phases = Counter(t.phase for t in trials)
    totals = {
        "lost": sum(t.lost for t in trials),
        "duplicated": sum(t.duplicated for t in trials),
        "unparsed": sum(t.unparsed for t in trials),
        "survivors": sum(t.survivors for t in trials),
    }
    finished = sum(t.finished for t in trials)
    print(
        f"total: {args.kills} kills ({', '.join(f'{p} {n}' for p, n in sorted(phases.items()))}): "
        + ", ".join(f"{name} {n}" for name, n in totals.items())
        + f", resumed to finished {finished}/{args.kills}"
    )
    if any(totals.values()) or finished != args.kills:
        sys.exit(1)


if __name__ == "__main__":
    main()
