"""Named SPARQL queries, one `.rq` file each, read once. Values are bound with substitutions,
never formatted into the text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DIRECTORY = Path(__file__).parent


@cache
def named_query(name: str) -> str:
    """The text of `queries/<name>.rq`."""
    return (_DIRECTORY / f"{name}.rq").read_text(encoding="utf-8")
