"""``nianbao reparse --workers N`` and ``--no-cache``: the cap and the cache switch.

The second run of the same parser version parses everything again (``--all``); without
``--no-cache`` it reads the extraction cache, with it nothing is read from there, but the texts
it extracts are still written there (the store holds the archive's texts).
"""

from __future__ import annotations

from click.testing import CliRunner

from archive import Archive
from archive.extract_cache import FILENAME
from crawler.cli import cli

PAGE = (
    "<html><head><title>示范区人民政府2022年政府信息公开工作年度报告</title></head>"
    "<body><p>示范区人民政府2022年政府信息公开工作年度报告</p></body></html>"
)


def _archive(archive_dir, make_capture):
    from archive import Archive

    with Archive.open(archive_dir, software_version="test") as archive:
        for n in range(3):
            archive.store(
                make_capture(
                    url=f"http://demo.test/r{n}.html",
                    body=(PAGE + f"<!-- {n} -->").encode(),
                )
            )


def test_reparse_with_one_worker_and_no_cache_still_keeps_the_texts(
    archive_dir, make_capture
):
    _archive(archive_dir, make_capture)
    assert not (archive_dir / FILENAME).exists()  # stored, not parsed yet
    result = CliRunner().invoke(
        cli,
        [
            "reparse",
            "--all",
            "--workers",
            "1",
            "--no-cache",
            "--archive",
            str(archive_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 documents, 3 parsed" in result.output
    with Archive.open(archive_dir, readonly=True) as arch:
        texts = arch.query(
            "SELECT nianbao_text(x.value) AS text FROM texts t"
            " JOIN documents d ON d.id = t.document_id JOIN extracted.extracted x"
            " ON x.sha256 = d.sha256 AND x.key = t.extraction_key"
        )
    assert len(texts) == 3
    assert all("年度报告" in row["text"] for row in texts)


def test_reparse_keeps_extractions_for_the_next_run(archive_dir, make_capture):
    _archive(archive_dir, make_capture)
    for _ in range(2):
        result = CliRunner().invoke(
            cli, ["reparse", "--all", "--archive", str(archive_dir)]
        )
        assert result.exit_code == 0, result.output
        assert "3 documents, 3 parsed" in result.output
    assert (archive_dir / FILENAME).is_file()


def test_reparse_refuses_zero_workers_as_a_usage_error(archive_dir):
    result = CliRunner().invoke(
        cli, ["reparse", "--workers", "0", "--archive", str(archive_dir)]
    )
    assert result.exit_code == 2
    assert "--workers" in result.output
