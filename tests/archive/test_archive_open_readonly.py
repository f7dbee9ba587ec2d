"""``Archive.open(path, readonly=True)``: the read-only API, beside a writer that holds the lock."""

from __future__ import annotations

import pytest

from archive import Archive, ArchiveError
from archive.api import ReadOnlyArchive


def test_readonly_open_reads_while_the_writer_holds_the_archive(tmp_path):
    with Archive.open(tmp_path / "a", software_version="test") as writer:
        with Archive.open(tmp_path / "a", readonly=True) as reader:
            assert isinstance(reader, ReadOnlyArchive)
            assert list(reader.documents()) == []
        # the writer still holds its lock and works
        assert writer.db["crawls"].count == 0


def test_readonly_open_of_a_directory_without_an_archive_creates_nothing(tmp_path):
    with pytest.raises(ArchiveError):
        Archive.open(tmp_path / "none", readonly=True)
    assert not (tmp_path / "none").exists()
