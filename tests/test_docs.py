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
