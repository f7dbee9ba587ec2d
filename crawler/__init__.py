"""The Scrapy project and the application shell (CLI, sample portal).

Top of the import chain: ``crawler`` may import ``archive`` and ``parsers``, never the reverse.
"""
