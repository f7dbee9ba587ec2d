"""The real-layout accuracy suite: reports with known numbers in every shape organs publish.

Each class of ``truth.CLASSES`` renders generated reports (numbers known, consistent with the
format's rules) in one real-world shape; ``score.py`` parses them and counts every cell right,
wrong or null; ``test_accuracy.py`` gates CI on zero wrong numbers and on pinned floors
(``floors.json``, which only go up). ``python -m tests.accuracy`` prints the table.
"""
