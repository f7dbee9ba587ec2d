from __future__ import annotations

import hashlib
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archive import Archive, Capture, verify

T0 = datetime(2026, 1, 1, tzinfo=UTC)

fetches = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c"]), st.binary(max_size=64)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(fetches=fetches, max_bytes=st.sampled_from([300, 1_000_000]))
def test_any_fetch_sequence_gives_one_document_per_payload_and_verifies(
    fetches, max_bytes
):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "arch"
        with Archive.open(root, software_version="t", warc_max_bytes=max_bytes) as arch:
            new = [
                arch.store(
                    Capture(
                        url=f"http://d.test/{path}",
                        status=200,
                        fetched_at=T0 + timedelta(seconds=i),
                        body=body,
                        kind="report",
                        site_id="s",
                    )
                ).is_new_document
                for i, (path, body) in enumerate(fetches)
            ]
            documents = {r["sha256"]: r for r in arch.db.table("documents").rows}
        bodies = [body for _, body in fetches]
        assert set(documents) == {hashlib.sha256(b).hexdigest() for b in bodies}
        assert sum(new) == len(documents)
        assert sum(d["capture_count"] for d in documents.values()) == len(fetches)
        result = verify(root)
        assert result.ok, result.problems
