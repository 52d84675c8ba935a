"""Full-text search and autocomplete over the labels and notations of every vocabulary."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import CatalogueDep, SearchIndexDep
from registry.search import SearchHit, search_filter
from registry.search.filters import (
    MAX_AUTOCOMPLETE_LIMIT,
    MAX_QUERY_LENGTH,
    MAX_SEARCH_LIMIT,
)

router = APIRouter(prefix="/api", tags=["search"])

Text = Annotated[str, Query(min_length=1, max_length=MAX_QUERY_LENGTH, description="the text; case and diacritics do not matter")]
Vocabularies = Annotated[list[str] | None, Query(alias="vocabulary", description="only these vocabulary ids (repeatable)")]
Language = Annotated[
    str | None,
    Query(max_length=35, description="only labels in this language (notations always match); labels are shown in it, else nl, else en"),
]


class SearchHitPublic(BaseModel):
    uri: str
    vocabulary: str
    label: str | None
    label_language: str | None
    matched_label: str
    matched_property: str
    matched_language: str | None
    match: str
    notation: str | None
    deprecated: bool
    types: list[str]

    @classmethod
    def of(cls, hit: SearchHit) -> SearchHitPublic:
        return cls(
            uri=hit.iri,
            vocabulary=hit.vocabulary,
            label=hit.label,
            label_language=hit.label_language,
            matched_label=hit.matched_label,
            matched_property=hit.matched_property,
            matched_language=hit.matched_language,
            match=hit.match.label,
            notation=hit.notation,
            deprecated=hit.deprecated,
            types=list(hit.types),
        )


class SearchResults(BaseModel):
    data: list[SearchHitPublic]
    count: int
    count_exact: bool
    offset: int
    limit: int


class AutocompleteResults(BaseModel):
    data: list[SearchHitPublic]
    count: int


@router.get(
    "/search",
    response_model=SearchResults,
    summary="Concepts whose labels or notations match, ranked exact > prefix > word prefix > fuzzy",
)
def search(
    q: Text,
    index: SearchIndexDep,
    catalogue: CatalogueDep,
    vocabulary: Vocabularies = None,
    types: Annotated[list[str] | None, Query(alias="type", description="only concepts of this rdf:type IRI (repeatable)")] = None,
    lang: Language = None,
    deprecated: Annotated[bool, Query(description="include deprecated concepts")] = False,
    offset: Annotated[int, Query(description="results to skip")] = 0,
    limit: Annotated[int, Query(description=f"results per page (at most {MAX_SEARCH_LIMIT})")] = 20,
) -> SearchResults:
    filters = search_filter(catalogue, vocabularies=vocabulary or (), types=types or (), language=lang, include_deprecated=deprecated)
    page = index.search(q, filters, offset=offset, limit=limit)
    return SearchResults(
        data=[SearchHitPublic.of(hit) for hit in page.hits], count=page.total, count_exact=page.total_exact, offset=page.offset, limit=page.limit
    )


@router.get("/autocomplete", response_model=AutocompleteResults, summary="The best few concepts for a label being typed")
def autocomplete(
    q: Text,
    index: SearchIndexDep,
    catalogue: CatalogueDep,
    vocabulary: Vocabularies = None,
    lang: Language = None,
    limit: Annotated[int, Query(description=f"suggestions (at most {MAX_AUTOCOMPLETE_LIMIT})")] = 10,
) -> AutocompleteResults:
    filters = search_filter(catalogue, vocabularies=vocabulary or (), language=lang)
    hits = index.autocomplete(q, filters, limit=limit)
    return AutocompleteResults(data=[SearchHitPublic.of(hit) for hit in hits], count=len(hits))
