from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from archive import Archive, Capture

T0 = datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC)


@pytest.fixture
def make_capture():
    counter = iter(range(10_000))

    def make(
        url="http://demo.test/zfxxgknb/t1.html", body=b"<html>report</html>", **kw
    ):
        kw.setdefault("status", 200)
        kw.setdefault("fetched_at", T0 + timedelta(seconds=next(counter)))
        kw.setdefault("kind", "report")
        kw.setdefault("site_id", "demo-trs")
        kw.setdefault(
            "response_headers", (("Content-Type", "text/html; charset=utf-8"),)
        )
        kw.setdefault("request_headers", (("User-Agent", "nianbao-test"),))
        return Capture(url=url, body=body, **kw)

    return make


@pytest.fixture
def archive_dir(tmp_path):
    return tmp_path / "arch"


@pytest.fixture
def archive(archive_dir):
    with Archive.open(archive_dir, software_version="0.1.0-test") as arch:
        yield arch
