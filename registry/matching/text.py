"""Label text made comparable for matching: the search index's normalisation (case folded, accents
and punctuation gone), then Dutch and English stop words dropped and each word stemmed with the
Snowball stemmer of the label's language, so "Digitale toetsen" and "digitale toets" meet."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from registry.search.text import normalise

STOP_WORDS = frozenset(
    # Dutch
    "de het een en of van in op te voor met aan bij door naar om over uit tot als die dat dit deze "
    "er is zijn wordt worden hun je jouw zich ook niet geen "
    # English
    "the a an and or of in on to for with at by from into as that this these is are be its your "
    "their not no".split()
)

_STEMMERS = {"nl": "dutch", "en": "english"}


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return snowballstemmer.stemmer(_STEMMERS.get(language, "english"))


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def words(text: str, language: str | None) -> list[str]:
    """The label's stemmed content words in order (all its words when every one is a stop word)."""
    tokens = normalise(text).split()
    kept = [token for token in tokens if token not in STOP_WORDS] or tokens
    primary = (language or "").split("-")[0].lower()
    return [_stem(token, primary) for token in kept]


def match_key(text: str, language: str | None) -> str:
    """The label as matching sees it: stemmed content words joined by single spaces."""
    return " ".join(words(text, language))
