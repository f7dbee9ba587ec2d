"""A scan's numbers that break a rule, and a scan's organ read once, are not certain.

Tesseract reads a speck as a leading digit (``953`` for ``53``) or loses a digit at a cell's
edge (``4`` for ``45``) with full confidence; such a number broke a rule of the format and was
kept (status ``inconsistent``), and an organ's name misread in the title (杞怜县 for 北岭县)
was taken as the organ. In a scan (``Document.extractor == "tesseract"``) the cells of a
broken rule are now null, solved again from the rules that hold where they determine them,
and the organ is kept only where its name is read alike twice. A text document keeps what it
prints (its broken rule is the organ's own error).
"""

from __future__ import annotations

from parsers import Document, parse_report
from parsers.model import OCR_EXTRACTOR
from parsers.report.vocabulary import APPLICANTS
from tests.accuracy import template as T
from tests.accuracy.render_twice import active_rows, application_table, render_text
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth

TRUTH = make_truth(21, fmt="2021")


def _misread_text(cells: dict[tuple[str, str], str]) -> str:
    """The truth's report as tab rows, the ``cells`` of part 三 printed otherwise."""
    printed = {
        (T.LABELS[row], APPLICANTS.index(col)): text
        for (row, col), text in cells.items()
    }
    apps = [
        (name, [printed.get((name, i), c) for i, c in enumerate(row)])
        for name, row in application_table(TRUTH)
    ]
    return render_text(TRUTH, active_rows(TRUTH), apps)


def _cell(path: str) -> int:
    return int(TRUTH.values[path])


def test_a_scan_number_breaking_a_rule_is_not_kept_and_the_rules_restore_it():
    path = "applications.disclosed.natural_person"
    misread = "9" + str(_cell(path))
    text = _misread_text({("disclosed", "natural_person"): misread})
    report = parse_report(Document(text=text, extractor=OCR_EXTRACTOR))
    values = flatten(report)
    assert values[path] != int(misread)
    wrong = {
        p: v for p, v in values.items() if v is not None and v != TRUTH.values.get(p)
    }
    assert wrong == {}
    assert report.status != "inconsistent"


def test_a_scan_number_no_rule_can_check_stays_null_with_the_reason():
    path = "applications.disclosed.natural_person"
    # the row's 总计, the column's (七)总计 and its 结转 read as nothing (low confidence):
    # no rule holding the misread cell can be checked, and none is broken
    unread = "\ufffd"
    text = _misread_text(
        {
            ("disclosed", "natural_person"): "9" + str(_cell(path)),
            ("disclosed", "total"): unread,
            ("total_handled", "natural_person"): unread,
            ("carried_forward", "natural_person"): unread,
        }
    )
    report = parse_report(Document(text=text, extractor=OCR_EXTRACTOR))
    values = flatten(report)
    assert values[path] is None
    assert any(
        p.where == path and p.kind == "unreadable" and "no rule" in p.detail
        for p in report.problems
    )
    wrong = {
        p: v for p, v in values.items() if v is not None and v != TRUTH.values.get(p)
    }
    assert wrong == {}


def test_a_text_document_keeps_the_number_it_prints_and_is_inconsistent():
    path = "applications.disclosed.natural_person"
    misread = "9" + str(_cell(path))
    report = parse_report(
        Document(text=_misread_text({("disclosed", "natural_person"): misread}))
    )
    assert flatten(report)[path] == int(misread)
    assert report.status == "inconsistent"


def _text_with_title_organ(organ: str) -> str:
    text = render_text(TRUTH, active_rows(TRUTH), application_table(TRUTH))
    return text.replace(TRUTH.agency, organ, 1)


def test_a_scan_organ_read_once_is_not_taken():
    text = _text_with_title_organ("杞怜县交通运输局")
    report = parse_report(Document(text=text, extractor=OCR_EXTRACTOR))
    assert report.agency is None
    assert any(
        p.kind == "agency_not_found" and "OCR" in p.detail for p in report.problems
    )


def test_a_scan_organ_read_alike_twice_is_kept():
    text = render_text(TRUTH, active_rows(TRUTH), application_table(TRUTH))
    report = parse_report(Document(text=text, extractor=OCR_EXTRACTOR))
    assert report.agency == TRUTH.agency


def test_a_text_document_organ_printed_once_is_kept_as_printed():
    text = _text_with_title_organ("杞怜县交通运输局")
    assert parse_report(Document(text=text)).agency == "杞怜县交通运输局"


def test_a_scan_organ_misread_alike_in_its_running_headers_is_not_taken():
    # a running header repeats one rendering on every page: OCR misreads it alike each time
    misread = "闻怜县交通运输局"
    header = T.title(TRUTH).replace(TRUTH.agency, misread)
    text = _text_with_title_organ(misread)
    lines = text.splitlines()
    text = "\n".join([*lines[:5], header, *lines[5:20], header, *lines[20:]]) + "\n"
    report = parse_report(Document(text=text, extractor=OCR_EXTRACTOR))
    assert report.agency is None
