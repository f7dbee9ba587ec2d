"""Crawl benchmark: the full pipeline against a plain Scrapy crawl of the same requests.

For each ``--sizes`` value it starts the sample portal with that many reports (attachments
included) and crawls its three sites, each round in a new subprocess:

- **plain**: ``bench/plain_crawl.py``, a small Scrapy spider that is not the project's (no
  project settings, middlewares, pipelines or extensions) fetching exactly the requests the
  project's crawl made (read from a priming crawl's WARC ``request`` records), one crawler per
  site in one process, with the same concurrency and politeness;
- **project**: ``nianbao crawl --site … --base-url … --archive NEW_DIR`` with the default parse
  mode, timed to the end of the process: archiving and parsing of every new document included.

Rounds alternate (plain, project, plain, project …) so that the load of the shared machine
hits both alike. A priming project crawl, untimed, first renders every page of the portal
(the portal caches what it rendered) and gives the request list. Each round prints its wall
time and its crawl phase (process start to the last spider's Scrapy ``finish_time``: the
download part); each size prints medians, ranges and the ratios project ÷ plain (time ratios:
1.30 means the pipeline takes 30 % longer). The bench checks that each project round parsed
every report and attachment document it stored, and says so when one did not.

Each round also prints the CPU seconds of its whole process tree (the crawl, its forkservers,
parse workers and their extraction sandboxes: the bench makes itself their subreaper, so
every descendant is waited for and counted) with the crawl process's own share, and each size
the median CPU ratio: on a shared machine, where the niced parse workers wait behind other
users' processes, that ratio says what the pipeline costs when the wall clock cannot.

Before the first round, the bytecode of each measured tree's packages is brought up to date
(``compile_tree``), so the project starts as an installed program does, like the plain
spider's Scrapy, even where ``PYTHONDONTWRITEBYTECODE`` keeps Python from caching it.

    python bench/crawl_bench.py [--sizes 500 2000] [--rounds 3] [--seed 7] [-s NAME=VALUE …]
                                [--against DIR]

``-s`` passes a setting to the project's crawls (``-s ARCHIVE_PARSE=off`` measures archiving
alone); the goal is measured without any.

``--against DIR`` also crawls with another checkout of the project (say ``git worktree add
../before REV``) in each round, in alternating order with this tree's crawl, and prints the
ratios this tree ÷ that one: the speed of one machine drifts by a tenth between runs minutes
apart, so two trees are compared in one window, not from two runs. The other tree's crawl runs
in its directory with it first on ``PYTHONPATH`` (Scrapy puts the project directory it runs
in first on ``sys.path``, so its parse workers import that tree's code, not this one's).
"""

from __future__ import annotations

import argparse
import compileall
import ctypes
import json
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from crawler.sampleportal.process import running_portal

ROOT = Path(__file__).resolve().parents[1]
SITES = ("demo-trs", "demo-hanweb", "demo-gkmlpt")
#: The project's packages, compiled to bytecode before any round (``compile_tree``).
PACKAGES = ("crawler", "archive", "parsers")
_FINISH = re.compile(
    r"'finish_time': datetime\.datetime\((\d+), (\d+), (\d+), (\d+), (\d+), (\d+), (\d+)"
)
_RESPONSES = re.compile(r"'response_received_count': (\d+)")
Requests = dict[str, list[tuple[str, str, str]]]


def requests_from_archive(archive_dir: Path) -> Requests:
    """Each site's distinct requests (method, URL, body) from an archive's WARC files.

    The site of a request is the site of its URL's capture in the index; robots.txt is left
    out (Scrapy fetches it itself), so is a URL the index does not know.
    """
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        sites = dict(db.execute("SELECT url, site_id FROM captures").fetchall())
    seen: set[tuple[str, str, str]] = set()
    requests: Requests = {}
    for path in sorted((archive_dir / "warc").glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "request":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                method = record.http_headers.protocol
                body = record.content_stream().read().decode()
                key = (method, url, body)
                if url.endswith("/robots.txt") or url not in sites or key in seen:
                    continue
                seen.add(key)
                requests.setdefault(sites[url], []).append(key)
    return requests


#: prctl(2) option: orphaned descendants are re-parented to this process, not to init.
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Make this process the reaper of its orphans (Linux), so their CPU time reaches it.

    The crawl's forkserver, parse workers and extraction children outlive their parents by a
    moment; re-parented to init, their CPU seconds would be lost to ``RUSAGE_CHILDREN``.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit(f"prctl(PR_SET_CHILD_SUBREAPER): {os.strerror(ctypes.get_errno())}")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reap_descendants(timeout: float = 30.0) -> None:
    """Wait for every descendant left (orphans re-parented here); the portal is not one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            # only the portal (still running) may be left: stop when nothing else exits
            if _only_portal_left():
                return
            time.sleep(0.05)


def _only_portal_left() -> bool:
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[1] == me and b"sampleportal" not in cmdline:
            return False
    return True


def _nianbao() -> list[str]:
    script = Path(sys.executable).with_name("nianbao")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]


def _run(command: list[str], log: Path, *, tree: Path = ROOT) -> dict[str, float]:
    """Run one crawl process; wall seconds, crawl-phase seconds and responses from its log.

    Also its CPU seconds: ``cpu`` for the whole process tree, ``cpu_main`` for the crawl
    process alone (``_reap_descendants`` waits for the rest).
    """
    cpu_before = _children_cpu()
    started_epoch = time.time()
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as output:
        env = None
        if tree != ROOT:
            env = {
                **os.environ,
                "PYTHONPATH": os.pathsep.join([str(tree), *_pythonpath()]),
            }
        child = subprocess.Popen(
            command, cwd=tree, stdout=output, stderr=output, env=env
        )
        # waited for here, not by Popen: wait4 gives the crawl process's own CPU
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        output.seek(0)
        printed = output.read()
    cpu_main = usage.ru_utime + usage.ru_stime
    _reap_descendants()
    text = log.read_text() if log.exists() else printed
    if child.returncode != 0:
        sys.exit(f"{command[:3]} failed ({child.returncode}):\n{text[-3000:]}")
    finishes = [
        datetime(*(int(g) for g in m.groups()), tzinfo=UTC).timestamp()
        for m in _FINISH.finditer(text)
    ]
    if len(finishes) != len(SITES):
        sys.exit(f"expected {len(SITES)} crawls in {log}, found {len(finishes)}")
    return {
        "wall": wall,
        "cpu": _children_cpu() - cpu_before,
        "cpu_main": cpu_main,
        "crawl": max(finishes) - started_epoch,
        "responses": float(sum(int(n) for n in _RESPONSES.findall(text))),
    }


def compile_tree(tree: Path) -> None:
    """Write the bytecode of ``tree``'s packages, as a project run once or installed has it.

    Python compiles a module from source when its cached bytecode is missing or older than
    the source, and writes the cache only where it may: on a machine that sets
    ``PYTHONDONTWRITEBYTECODE`` (some CI images do), every process of every round compiled the
    project's ~230 modules again (0.65 CPU-s a round at size 500, 0.25 of them in the crawl
    process, measured in interleaved pairs), while the plain spider's Scrapy comes with the
    bytecode pip wrote at install. Both sides start as an installed program starts.
    """
    for package in PACKAGES:
        compileall.compile_dir(tree / package, quiet=1)
    print(f"bytecode of {', '.join(PACKAGES)} in {tree} up to date", flush=True)


def _pythonpath() -> list[str]:
    return [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]


def project_crawl(
    base_url: str, archive: Path, settings: list[str], *, tree: Path = ROOT
) -> dict[str, float]:
    log = archive.with_suffix(".log")
    command = [*_nianbao(), "crawl"]
    for site in SITES:
        command += ["--site", site]
    command += [
        "--base-url", base_url, "--archive", str(archive), "--log-file", str(log),
        "-s", "PORTAL_MAX_LIST_PAGES=1000",
    ]  # fmt: skip
    for setting in settings:
        command += ["-s", setting]
    stats = _run(command, log, tree=tree)
    stats["unparsed"] = float(_unparsed(archive))
    return stats


def plain_crawl(requests: Path, log: Path) -> dict[str, float]:
    command = [sys.executable, str(ROOT / "bench" / "plain_crawl.py"), str(requests)]
    return _run(command, log)


def _unparsed(archive: Path) -> int:
    """Report and attachment documents of the archive with no extraction row.

    An archive crawled by an ``--against`` tree older than index schema 8 names documents by
    their sha256 (``captures.sha256``, ``texts.document_sha256``): the query follows its columns.
    """
    with sqlite3.connect(archive / "index.sqlite") as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(captures)")}
        capture, text = (
            ("document_id", "document_id")
            if "document_id" in columns
            else ("sha256", "document_sha256")
        )
        row = db.execute(
            f"SELECT count(DISTINCT c.{capture}) FROM captures c"
            " WHERE c.kind IN ('report', 'attachment') AND c.warc_record_type = 'response'"
            f" AND NOT EXISTS (SELECT 1 FROM texts t WHERE t.{text} = c.{capture})"
        ).fetchone()
    return int(row[0])


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s [{min(values):.2f}-{max(values):.2f}]"


def bench_size(
    size: int,
    *,
    seed: int,
    rounds: int,
    tmp: Path,
    settings: list[str],
    against: Path | None = None,
) -> None:
    with running_portal(seed=seed, size=size, start_timeout=300) as base_url:
        prime = tmp / f"prime-{size}"
        project_crawl(
            base_url, prime, settings
        )  # renders the portal's pages; the request list
        requests = requests_from_archive(prime)
        planned = tmp / f"requests-{size}.json"
        planned.write_text(json.dumps(requests))
        count = sum(len(r) for r in requests.values())
        print(f"size {size}: {base_url}, {count} requests (seed {seed})", flush=True)
        plain: list[dict[str, float]] = []
        project: list[dict[str, float]] = []
        other: list[dict[str, float]] = []
        for index in range(rounds):
            plain_log = tmp / f"plain-{size}-{index}.log"
            plain.append(plain_crawl(planned, plain_log))
            # this tree's crawl and the other tree's, first one then the other
            trees = [("project", ROOT, project)]
            if against is not None:
                trees.append(("against", against, other))
            for name, tree, results in trees if index % 2 == 0 else trees[::-1]:
                archive = tmp / f"{name}-{size}-{index}"
                results.append(project_crawl(base_url, archive, settings, tree=tree))
            a, b = plain[-1], project[-1]
            print(
                f"  round {index + 1}: plain {a['wall']:6.2f} s ({a['responses']:.0f} responses,"
                f" crawl {a['crawl']:.2f} s)  project {b['wall']:6.2f} s"
                f" ({b['responses']:.0f} responses, crawl {b['crawl']:.2f} s,"
                f" unparsed {b['unparsed']:.0f})  ratio {b['wall'] / a['wall']:.2f}",
                flush=True,
            )
            print(
                f"           CPU: plain {a['cpu']:5.2f} s  project {b['cpu']:5.2f} s"
                f" (crawl process {b['cpu_main']:.2f} s, its parse workers and"
                f" forkservers {b['cpu'] - b['cpu_main']:.2f} s)",
                flush=True,
            )
            if against is not None:
                c = other[-1]
                print(
                    f"           {against.name}: {c['wall']:6.2f} s, CPU {c['cpu']:5.2f} s"
                    f" (crawl process {c['cpu_main']:.2f} s, unparsed {c['unparsed']:.0f})",
                    flush=True,
                )
    ratios = [b["wall"] / a["wall"] for a, b in zip(plain, project, strict=True)]
    crawl_ratios = [
        b["crawl"] / a["crawl"] for a, b in zip(plain, project, strict=True)
    ]
    print(f"  plain   wall {_spread([r['wall'] for r in plain])}")
    print(f"  project wall {_spread([r['wall'] for r in project])}")
    print(
        f"  size {size}: project ÷ plain wall time: median {statistics.median(ratios):.2f}"
        f" [{min(ratios):.2f}-{max(ratios):.2f}]; crawl phase: median"
        f" {statistics.median(crawl_ratios):.2f} [{min(crawl_ratios):.2f}-{max(crawl_ratios):.2f}]"
    )
    cpu_ratios = [b["cpu"] / a["cpu"] for a, b in zip(plain, project, strict=True)]
    print(
        f"  size {size}: project ÷ plain CPU time: median {statistics.median(cpu_ratios):.2f}"
        f" [{min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}]; project CPU median"
        f" {statistics.median(r['cpu'] for r in project):.2f} s (crawl process"
        f" {statistics.median(r['cpu_main'] for r in project):.2f} s)"
    )
    if against is not None:
        _print_against(size, project, other, against)
    if any(r["unparsed"] for r in [*project, *other]):
        print("  WARNING: a project round left documents unparsed")


def _print_against(
    size: int,
    project: list[dict[str, float]],
    other: list[dict[str, float]],
    tree: Path,
) -> None:
    for key, label in (("wall", "wall time"), ("cpu", "CPU time")):
        ratios = [b[key] / c[key] for b, c in zip(project, other, strict=True)]
        print(
            f"  size {size}: this tree ÷ {tree.name}, {label}: median"
            f" {statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]"
            f" ({statistics.median(b[key] for b in project):.2f} s against"
            f" {statistics.median(c[key] for c in other):.2f} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the project's crawls (to compare modes: -s ARCHIVE_PARSE=off)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="DIR",
        help="another checkout of the project, crawled in each round too (see above)",
    )
    args = parser.parse_args()
    if args.against is not None and not (args.against / "scrapy.cfg").is_file():
        sys.exit(
            f"--against {args.against}: not a checkout of the project (no scrapy.cfg)"
        )
    become_subreaper()
    for tree in [ROOT, *([args.against.resolve()] if args.against else [])]:
        compile_tree(tree)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            bench_size(
                size,
                seed=args.seed,
                rounds=args.rounds,
                tmp=Path(tmp),
                settings=args.settings,
                against=args.against.resolve() if args.against else None,
            )
    print(f"wall clock of the whole benchmark: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
