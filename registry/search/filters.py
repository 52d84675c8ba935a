"""Checking what a caller asks of a search (text, filters, paging) before it reaches the index."""

from __future__ import annotations

import re
from collections.abc import Iterable

from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.errors import InvalidInput
from registry.search.results import SearchFilter
from registry.search.text import normalise

MAX_QUERY_LENGTH = 200
MAX_SEARCH_LIMIT = 50
MAX_AUTOCOMPLETE_LIMIT = 20
MAX_WINDOW = 1000  # offset + limit: search ranks, it does not export
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def check_text(text: str, parameter: str = "q") -> str:
    """The normalised query text, or InvalidInput when there is nothing to search for."""
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"{parameter} is longer than {MAX_QUERY_LENGTH} characters", location=parameter)
    normalised = normalise(text)
    if not normalised:
        raise InvalidInput(f"{parameter} must contain at least one letter or digit", location=parameter)
    return normalised


def check_window(offset: int, limit: int, max_limit: int) -> tuple[int, int]:
    """Validated paging: a negative offset or a limit below 1 is refused, an oversize limit capped,
    and pages beyond the first MAX_WINDOW results refused."""
    if offset < 0:
        raise InvalidInput("offset must be 0 or more", location="offset")
    if limit < 1:
        raise InvalidInput("limit must be 1 or more", location="limit")
    limit = min(limit, max_limit)
    if offset + limit > MAX_WINDOW:
        raise InvalidInput(f"only the first {MAX_WINDOW} results can be paged through; narrow the search", location="offset")
    return offset, limit


def search_filter(
    catalogue: Catalogue,
    *,
    vocabularies: Iterable[str] = (),
    types: Iterable[str] = (),
    language: str | None = None,
    include_deprecated: bool = False,
) -> SearchFilter:
    """A SearchFilter of registered vocabularies, absolute type IRIs and a well-formed language tag."""
    wanted = tuple(dict.fromkeys(vocabularies))
    registered = {record.slug for record in catalogue.vocabularies()}
    unknown = [slug for slug in wanted if slug not in registered]
    if unknown:
        raise InvalidInput(f"no vocabulary {', '.join(map(repr, unknown))} is registered", location="vocabulary")
    language = language or None
    type_iris = tuple(dict.fromkeys(parse_iri(iri, "type").value for iri in types))
    if language is not None and not _LANGUAGE_TAG.match(language):
        raise InvalidInput(f"{language!r} is not a language tag (e.g. nl, en, en-GB)", location="lang")
    return SearchFilter(wanted, type_iris, language.lower() if language else None, include_deprecated)
