"""Dutch sort order without the C library's locales: the same order on every machine.

Accents are ignored (NFKD, combining marks dropped), case is folded, punctuation does not count
at the first level, and numbers sort as numbers ("doel 9" before "doel 10"). Ties are broken by
the folded text itself, so the order is total and stable.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _number(match: re.Match[str]) -> str:
    digits = match.group().lstrip("0") or "0"
    return f"{len(digits):03d}{digits}"  # the length first: 9 < 10 as strings


def sort_key(text: str) -> str:
    """A string that orders like a Dutch reader expects; compare keys with `<`."""
    folded = _fold(text)
    primary = _SPACES.sub(" ", _NOT_WORD.sub(" ", folded)).strip()
    return _DIGITS.sub(_number, primary) + "\x00" + folded


def initial(key: str) -> str:
    """The A–Z index letter of a sort key: a–z, else `#` (digits, other scripts, empty)."""
    first = key[:1]
    return first.upper() if "a" <= first <= "z" else "#"


def same_label_key(text: str) -> str:
    """Labels that people cannot tell apart map to the same string (case, accents, spacing)."""
    return _SPACES.sub(" ", _fold(text)).strip()
