"""How label text and query text are made comparable: lower case, diacritics stripped, anything
that is not a letter or digit treated as a word break. Index and query go through the same
function, so "geintegreerd" finds "geïntegreerd" and "een" finds "één"."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case-folded, NFKD with combining marks removed, words joined by single spaces."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def word_starts(normalised: str, max_length: int | None = None) -> list[str]:
    """The tails of a normalised label that begin at its second, third, ... word ("taal en
    literatuur", "en literatuur", "literatuur" for "nederlandse taal en literatuur"), each cut to
    `max_length` characters."""
    tails = []
    space = normalised.find(" ")
    while space >= 0:
        start = space + 1
        tails.append(normalised[start : start + max_length] if max_length else normalised[start:])
        space = normalised.find(" ", start)
    return tails
