"""What a search returns: hits, a page of hits, the filters asked for, and the label to show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import IntEnum

from registry.search.documents import Label


class Match(IntEnum):
    """How a label matched the query text; a lower value ranks first."""

    EXACT = 0  # the whole label
    PREFIX = 1  # the label starts with it
    WORD_PREFIX = 2  # a later word of the label starts with it
    FUZZY = 3  # a word is within an edit distance of it

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class SearchFilter:
    """Which labels may match: of these vocabularies and types (any of each, none = all), in this
    language (plus notations and untagged labels), and of deprecated concepts or not."""

    vocabularies: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    language: str | None = None
    include_deprecated: bool = False


@dataclass(frozen=True)
class SearchHit:
    iri: str
    vocabulary: str
    label: str | None  # the prefLabel in the asked language, else nl, else en, else any
    label_language: str | None
    matched_label: str
    matched_property: str  # prefLabel, altLabel, hiddenLabel or notation
    matched_language: str | None
    match: Match
    notation: str | None
    deprecated: bool
    types: tuple[str, ...]


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int  # matching concepts
    total_exact: bool  # False when `total` is an estimate (very many matches)
    offset: int
    limit: int


@dataclass(frozen=True)
class SearchFacets:
    """Counts of the matching concepts per vocabulary, type, matched label language ('' for
    none) and state (current/deprecated), over the best `counted` of them."""

    vocabularies: Counter[str]
    types: Counter[str]
    languages: Counter[str]
    deprecated: Counter[str]
    counted: int


def display_label(labels: list[Label], language: str | None) -> Label | None:
    """The prefLabel in `language`, else Dutch, else English, else any (then any label at all)."""
    preferred = [label for label in labels if label.property == "prefLabel"] or [
        label for label in labels if label.property != "notation"
    ]
    for wanted in (language, "nl", "en"):
        if wanted:
            for label in preferred:
                if label.language and _same_language(label.language, wanted):
                    return label
    return preferred[0] if preferred else None


def _same_language(tag: str, wanted: str) -> bool:
    tag, wanted = tag.lower(), wanted.lower()
    return tag == wanted or tag.startswith(wanted + "-")
