"""Walking vocabularies: paged concepts, top concepts, children, descendants, ancestors,
collections and their members."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import BrowseDep, CatalogueDep, StoreDep
from api.models import VocabularyPublic
from registry.browse import Item, Selection
from registry.changes import changed_since
from registry.concepts import parse_iri
from registry.hierarchy import MAX_PAGE_SIZE, Page, ancestry, collections, concept_page
from registry.input_bounds import MAX_OFFSET

router = APIRouter(prefix="/api", tags=["hierarchy"])

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="index of the first result")]
Limit = Annotated[int, Query(ge=1, description=f"page size (capped at {MAX_PAGE_SIZE})")]
Language = Annotated[str, Query(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$", description="label language; falls back to nl, en, any")]
Iri = Annotated[str, Query(min_length=1, max_length=2048, description="a concept or collection IRI")]


class ConceptSummaryPublic(BaseModel):
    uri: str
    label: str | None
    label_language: str | None
    notation: str | None
    deprecated: bool
    has_children: bool


class ConceptPage(BaseModel):
    data: list[ConceptSummaryPublic]
    count: int
    offset: int
    limit: int


class CollectionPublic(BaseModel):
    uri: str
    labels: dict[str, str]
    members: int


class CollectionList(BaseModel):
    data: list[CollectionPublic]
    count: int


class AncestryPublic(BaseModel):
    uri: str
    paths: list[list[str]]
    labels: dict[str, dict[str, str]]


def _page(page: Page) -> ConceptPage:
    items = [ConceptSummaryPublic(uri=c.iri, **{k: v for k, v in vars(c).items() if k != "iri"}) for c in page.items]
    return ConceptPage(data=items, count=page.total, offset=page.offset, limit=page.limit)


def _prepared_page(items: list[Item], total: int, offset: int, limit: int) -> ConceptPage:
    data = [ConceptSummaryPublic(uri=i.iri, label=i.label if i.label != i.iri else None, label_language=i.label_language or None,
                                 notation=i.notation, deprecated=i.deprecated, has_children=i.has_children) for i in items]
    return ConceptPage(data=data, count=total, offset=offset, limit=min(limit, MAX_PAGE_SIZE))


@router.get("/vocabularies/{vocabulary_id}/concepts", response_model=ConceptPage,
            summary="A vocabulary's concepts in Dutch label order, paged (prepared once per release)")
def vocabulary_concepts(vocabulary_id: str, catalogue: CatalogueDep, browse: BrowseDep, lang: Language = "nl", offset: Offset = 0, limit: Limit = 100) -> ConceptPage:
    view = browse.release(catalogue, vocabulary_id).view(lang, Selection())
    return _prepared_page(view.items(offset, limit), view.total, offset, limit)


@router.get("/vocabularies/{vocabulary_id}/top-concepts", response_model=ConceptPage, summary="A vocabulary's top concepts")
def top_concepts(vocabulary_id: str, catalogue: CatalogueDep, browse: BrowseDep, lang: Language = "nl", offset: Offset = 0, limit: Limit = 100) -> ConceptPage:
    view = browse.release(catalogue, vocabulary_id).view(lang, Selection(top_only=True))
    return _prepared_page(view.items(offset, limit), view.total, offset, limit)


@router.get("/vocabularies/{vocabulary_id}/collections", response_model=CollectionList, summary="A vocabulary's collections")
def vocabulary_collections(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep) -> CollectionList:
    found = collections(store, catalogue, vocabulary_id)
    return CollectionList(data=[CollectionPublic(uri=c.iri, labels=c.labels, members=c.members) for c in found], count=len(found))


@router.get("/concepts/children", response_model=ConceptPage, summary="The narrower concepts of a concept, paged")
def children(uri: Iri, store: StoreDep, catalogue: CatalogueDep, lang: Language = "nl", offset: Offset = 0, limit: Limit = 100) -> ConceptPage:
    return _page(concept_page(store, catalogue.read_graphs(), "children", parse_iri(uri), lang, offset, limit))


@router.get("/concepts/descendants", response_model=ConceptPage, summary="All concepts below a concept (transitive), paged")
def descendants(uri: Iri, store: StoreDep, catalogue: CatalogueDep, lang: Language = "nl", offset: Offset = 0, limit: Limit = 100) -> ConceptPage:
    return _page(concept_page(store, catalogue.read_graphs(), "descendants", parse_iri(uri), lang, offset, limit))


@router.get("/concepts/ancestors", response_model=AncestryPublic, summary="A concept's ancestors and every path to the top")
def ancestors(uri: Iri, store: StoreDep, catalogue: CatalogueDep) -> AncestryPublic:
    found = ancestry(store, catalogue, parse_iri(uri))
    return AncestryPublic(uri=found.concept, paths=found.paths, labels=found.labels)


class ChangedConceptPublic(BaseModel):
    uri: str
    modified: str


class ChangesPublic(BaseModel):
    since: datetime
    vocabularies: list[VocabularyPublic]
    concepts: list[ChangedConceptPublic]
    concept_count: int
    offset: int
    limit: int


@router.get("/changes", response_model=ChangesPublic, summary="Vocabularies and concepts changed since a date or time")
def changes(since: Annotated[datetime, Query(description="ISO 8601 date or date-time, e.g. 2026-01-01")], store: StoreDep, catalogue: CatalogueDep, offset: Offset = 0, limit: Limit = 100) -> ChangesPublic:
    found = changed_since(store, catalogue, since, offset, limit)
    return ChangesPublic(
        since=found.since,
        vocabularies=[VocabularyPublic.of(r) for r in found.vocabularies],
        concepts=[ChangedConceptPublic(uri=c.iri, modified=c.modified) for c in found.concepts.items],
        concept_count=found.concepts.total,
        offset=found.concepts.offset,
        limit=found.concepts.limit,
    )


@router.get("/collections/members", response_model=ConceptPage, summary="The members of a collection, paged")
def collection_members(uri: Iri, store: StoreDep, catalogue: CatalogueDep, lang: Language = "nl", offset: Offset = 0, limit: Limit = 100) -> ConceptPage:
    return _page(concept_page(store, catalogue.read_graphs(), "members", parse_iri(uri), lang, offset, limit))
