"""Every case of the accuracy suite, class by class, from fixed seeds (reproducible)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from tests.accuracy import corpus

if TYPE_CHECKING:
    from tests.accuracy.truth import Case

#: Seed of the generated classes; change it only together with floors.json.
SEED = 7
#: (module, cases per run) for the generated shapes
GENERATED = (
    ("tests.accuracy.render_html", 42),
    ("tests.accuracy.render_markdown", 40),
    ("tests.accuracy.render_dumps", 40),
    ("tests.accuracy.render_docx", 16),
    ("tests.accuracy.render_pdf", 12),
    ("tests.accuracy.render_columns", 64),
    ("tests.accuracy.render_stacked", 24),
    ("tests.accuracy.render_twice", 30),
    ("tests.accuracy.render_hidden", 12),
    ("tests.accuracy.render_captions", 16),
    ("tests.accuracy.render_review_rows", 16),
    ("tests.accuracy.render_year_columns", 16),
    ("tests.accuracy.render_period_rows", 12),
    ("tests.accuracy.render_numbering", 24),
    ("tests.accuracy.render_marked", 40),
    ("tests.accuracy.render_tables_twice", 24),
    ("tests.accuracy.render_glued_marks", 24),
    ("tests.accuracy.render_extra_column", 32),
    ("tests.accuracy.render_mixed_active", 24),
    ("tests.accuracy.render_hidden_text", 24),
    ("tests.accuracy.render_metadata", 24),
    ("tests.accuracy.render_office", 12),
    ("tests.accuracy.render_office_blanks", 12),
    ("tests.accuracy.render_print", 42),
    ("tests.accuracy.render_invisible", 42),
    ("tests.accuracy.render_glued_blank", 24),
    ("tests.accuracy.render_two_sheets", 8),
    ("tests.accuracy.render_number_forms", 48),
    ("tests.accuracy.render_sheets", 32),
    ("tests.accuracy.render_scan", 10),
    ("tests.accuracy.render_stacked_text", 24),
)


def all_cases() -> list[Case]:
    """The real corpus, then every generated class."""
    cases = [*corpus.golden_cases(), *corpus.pingtan_cases()]
    for module_name, n in GENERATED:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError:
            continue
        cases.extend(module.cases(SEED, n))
    try:
        metadata = import_module("tests.parsers.metadata_cases")
    except ModuleNotFoundError:
        return cases
    cases.extend(metadata.accuracy_cases())
    return cases
