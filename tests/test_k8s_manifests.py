"""The Kubernetes manifests of docs/k8s run command lines the ``nianbao`` CLI accepts.

Each manifest is parsed as YAML; every container's command and args are expanded the way the
kubelet expands ``$(SHARD)`` for each index of the Indexed Job, then parsed by the click group
itself (options, types, the ``--shard`` check). The crawl's is also run with ``--dry-run``
against the bundled registry, so a manifest drifting from the CLI fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from crawler.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = sorted((ROOT / "docs" / "k8s").glob("*.yaml"))
ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']"


def job_spec(document):
    if document["kind"] == "CronJob":
        return document["spec"]["jobTemplate"]["spec"]
    assert document["kind"] == "Job"
    return document["spec"]


def command_lines(path):
    """(job spec, container, argv per index) for every container of the manifest."""
    for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        spec = job_spec(document)
        indexes = range(spec.get("completions", 1))
        for container in spec["template"]["spec"]["containers"]:
            argv = [*container["command"], *container["args"]]
            expanded = [
                [arg.replace("$(SHARD)", str(index)) for arg in argv]
                for index in indexes
            ]
            yield spec, container, expanded


def test_there_are_manifests_for_a_job_a_cronjob_and_the_merge():
    assert {p.name for p in MANIFESTS} >= {
        "crawl-shards-job.yaml",
        "crawl-shards-cronjob.yaml",
        "merge-cronjob.yaml",
    }


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_every_command_line_parses_with_the_cli(path, tmp_path):
    for _spec, _container, argvs in command_lines(path):
        for argv in argvs:
            assert argv[0] == "nianbao"
            local = [
                str(ROOT / "crawler" / "sites.toml")
                if a == "/etc/nianbao/sites.toml"
                else a.replace("/data/", f"{tmp_path}/")
                for a in argv[1:]
            ]
            name, *rest = local
            command = cli.commands[name]
            command.make_context(name, rest)  # raises on a bad option or value
            if name == "crawl":
                result = CliRunner().invoke(cli, [*local, "--dry-run"])
                assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "path", [p for p in MANIFESTS if "crawl" in p.name], ids=lambda p: p.name
)
def test_indexed_crawl_jobs_give_each_pod_its_shard_and_its_own_archive(path):
    for spec, container, argvs in command_lines(path):
        assert spec["completionMode"] == "Indexed"
        count = spec["completions"]
        env = {e["name"]: e for e in container["env"]}
        assert env["SHARD"]["valueFrom"]["fieldRef"]["fieldPath"] == ANNOTATION
        shards, archives = set(), set()
        for argv in argvs:
            shards.add(argv[argv.index("--shard") + 1])
            archives.add(argv[argv.index("--archive") + 1])
        assert shards == {f"{i}/{count}" for i in range(count)}
        assert len(archives) == count  # one archive per shard: one writer each


def test_the_merge_reads_every_shard_archive_the_crawl_writes():
    crawl = next(command_lines(ROOT / "docs/k8s/crawl-shards-cronjob.yaml"))
    merge = next(command_lines(ROOT / "docs/k8s/merge-cronjob.yaml"))
    written = {argv[argv.index("--archive") + 1] for argv in crawl[2]}
    argv = merge[2][0]
    read = set(argv[argv.index("merge") + 1 : argv.index("--into")])
    assert read == written
