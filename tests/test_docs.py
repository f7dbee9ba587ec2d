"""The docs match the code: every CLI command and every custom setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler import settings as crawler_settings
from crawler.cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_cli_md(command):
    assert f"## `nianbao {command}" in (ROOT / "docs" / "cli.md").read_text(
        encoding="utf-8"
    )


def test_every_custom_setting_is_documented():
    documented = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    ours = [
        name
        for name in dir(crawler_settings)
        if re.match(r"(ARCHIVE|PORTAL|NIANBAO)_", name)
    ]
    assert ours, "crawler.settings defines no nianbao settings"
    missing = [name for name in ours if f"`{name}`" not in documented]
    assert missing == []


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_line = next(
        line
        for line in readme.splitlines()
        if "pytest" in line and line.startswith("python3")
    )
    assert test_line in ci.splitlines()


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_the_cron_and_systemd_recipes_agree_and_take_a_lock():
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    cron = {line for path in docs for block in _blocks(path.read_text(), "cron")
            for line in block.splitlines() if line and not line.startswith("#")}  # fmt: skip
    # the several-machines recipes (docs/scale.md) run a shard or a merge, each under a lock too
    scaled = {line for line in cron if "--shard" in line or "nianbao merge" in line}
    assert all("flock -n" in s and "/.venv/bin/nianbao " in s for s in scaled), scaled
    cron -= scaled
    assert len(cron) == 1, cron  # one recipe, wherever it is shown
    (line,) = cron
    assert "flock -n" in line
    assert "/.venv/bin/nianbao crawl" in line  # cron's PATH has no virtualenv
    starts = {line for path in docs for block in _blocks(path.read_text(), "ini")
              for line in block.splitlines() if line.startswith("ExecStart=")}  # fmt: skip
    starts = {s for s in starts if "nianbao crawl" in s}
    assert len(starts) == 1, starts
    (start,) = starts
    assert "flock -n" in start
    assert start.removeprefix("ExecStart=") in line


def test_no_code_test_or_doc_cites_a_tracker_number():
    # readers of the repository never see the tracker: say what the behaviour is instead
    pattern = re.compile(r"\bissue\s*#?\d+|\bissue#", re.IGNORECASE)
    offenders = []
    for folder in ("crawler", "archive", "parsers", "tests", "bench", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".md"} and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}"
                              for m in pattern.finditer(text)]  # fmt: skip
    offenders += [f"README.md: {m.group(0)}"
                  for m in pattern.finditer((ROOT / "README.md").read_text())]  # fmt: skip
    assert offenders == []
