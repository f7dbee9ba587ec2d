"""``python -m crawler.cli``: the same as the ``nianbao`` console script."""

from crawler.cli import main

main()
