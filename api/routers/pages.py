"""HTML pages for people: home, a vocabulary, a concept, search. Dutch or English (`?lang=`,
else Accept-Language, else Dutch). Unknown things and bad input give an HTML error page."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from markupsafe import Markup, escape
from pyoxigraph import NamedNode

from api.deps import CatalogueDep, SearchIndexDep, StoreDep
from api.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    Label,
    format_number,
    negotiate_language,
    pick_label,
    translate,
)
from api.pages_templates import templates
from registry import rdf_text
from registry.catalogue import VocabularyRecord
from registry.concepts import Concept, LinkedConcept, get_concept, parse_iri
from registry.errors import InvalidInput, NotFound
from registry.hierarchy import (
    ConceptSummary,
    Page,
    ancestry,
    collections,
    collections_of_concept,
    concept_page,
)
from registry.impact import impact_of
from registry.mappings.service import labelled_mappings_of_concept
from registry.search import SearchPage, search_filter
from registry.search.filters import MAX_WINDOW
from registry.vocabularies import stats

PAGE_SIZE = 100
SEARCH_PAGE_SIZE = 20
MAX_BREADCRUMB_PATHS = 5
DOWNLOAD_FORMATS = (("turtle", "Turtle"), ("jsonld", "JSON-LD"), ("rdfxml", "RDF/XML"), ("ntriples", "N-Triples"))
NOTE_KINDS = ("definition", "scope_note", "note", "editorial_note", "example")
RELATION_KINDS = ("broader", "narrower", "related")
MAPPING_KINDS = ("exact_match", "close_match", "broad_match", "narrow_match", "related_match")
PREFIXES = rdf_text.prefixes("eduvoc", "skos", "dct", "owl", "rdfs", "adms", "dcat", "euvoc", "esco")


# --- language and template helpers ------------------------------------------------------------

def request_language(request: Request) -> str:
    """The page language: `?lang=nl|en`, else Accept-Language, else nl."""
    return negotiate_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def page_context(request: Request) -> dict[str, Any]:
    """What every page template can use: the language, UI strings, link and label helpers."""
    language = request_language(request)
    explicit = (request.query_params.get("lang") or "").lower() in LANGUAGES

    def href(path: str, **params: object) -> str:
        query = {name: str(value) for name, value in params.items() if value not in (None, "")}
        if explicit:
            query["lang"] = language
        return path + ("?" + urlencode(query) if query else "")

    def switch_language(code: str) -> str:
        query = {**request.query_params, "lang": code}
        return request.url.path + "?" + urlencode(query)

    def lang_attr(label_language: str | None) -> Markup:
        if not label_language or label_language == language:
            return Markup("")
        return Markup(' lang="{}"').format(escape(label_language))

    def in_order(by_language: Mapping[str, Any]) -> list[tuple[str, Any]]:
        return sorted(by_language.items(), key=lambda item: _language_rank(item[0], language))

    def label_languages(concept: Concept) -> list[str]:
        found = {*concept.pref_labels, *concept.alt_labels, *concept.hidden_labels}
        return sorted(found, key=lambda code: _language_rank(code, language))

    def by_label(linked: Mapping[str, LinkedConcept]) -> list[LinkedConcept]:
        return sorted(linked.values(), key=lambda c: (pick_label(c.labels, language, c.iri).text.lower(), c.iri))

    return {
        "lang": language,
        "explicit_lang": language if explicit else None,
        "languages": LANGUAGES,
        "language_names": LANGUAGE_NAMES,
        "t": partial(translate, language),
        "number": partial(format_number, language),
        "href": href,
        "switch_language": switch_language,
        "label": lambda labels, default="": pick_label(labels, language, default),
        "lang_attr": lang_attr,
        "in_order": in_order,
        "label_languages": label_languages,
        "by_label": by_label,
        "curie": curie,
    }


def _language_rank(code: str, language: str) -> tuple[int, str]:
    """Sort key: the page language, then Dutch, English, the rest alphabetically, none last."""
    order = {"nl": 1, "en": 2, language: 0}
    return (order.get(code, 4 if code == "" else 3), code)


def curie(iri: str) -> str:
    """A property IRI written short with a well-known prefix, when one fits."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


if page_context not in templates.context_processors:
    templates.context_processors.append(page_context)
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page; the answer depends on Accept-Language when `?lang=` is not given."""
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers={"Vary": "Accept-Language"})


def error_page(request: Request, status: int, message: str, message_language: str | None = "en") -> HTMLResponse:
    """The HTML error page (the JSON API keeps its RFC 9457 problems). Domain messages are English."""
    asked = request.query_params.get("uri") or ""
    external = asked if asked.startswith(("http://", "https://")) and status == 404 else None
    context = {"status": status, "message": message, "message_language": message_language, "external": external}
    return render(request, "error.html", context, status)


class HtmlErrorRoute(APIRoute):
    """Turns the domain's NotFound / InvalidInput and invalid parameters into HTML error pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except NotFound as error:
                return error_page(request, 404, error.message)
            except InvalidInput as error:
                return error_page(request, 400, error.message)
            except RequestValidationError as error:
                detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
                return error_page(request, 400, detail)

        return route


router = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)

Offset = Annotated[int, Query(ge=0)]
OptionalText = Annotated[str | None, Query(max_length=2048)]


# --- view data ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pager:
    """Previous/next offsets of a paged list."""

    offset: int
    limit: int
    total: int
    shown: int

    @property
    def previous(self) -> int | None:
        return max(self.offset - self.limit, 0) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def _pager(page: Page[ConceptSummary]) -> Pager:
    return Pager(page.offset, page.limit, page.total, len(page.items))


def _grouped(records: list[VocabularyRecord], language: str) -> list[tuple[str | None, list[VocabularyRecord]]]:
    """Vocabularies grouped by publisher, groups and members alphabetical."""
    ordered = sorted(records, key=lambda r: ((r.publisher_name or "~").lower(), r.label(language).lower()))
    return [(publisher, list(members)) for publisher, members in groupby(ordered, key=lambda r: r.publisher_name)]


# --- pages -------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request, catalogue: CatalogueDep) -> HTMLResponse:
    """Every vocabulary, grouped by publisher, with counts and a search box."""
    language = request_language(request)
    return render(request, "home.html", {"groups": _grouped(catalogue.vocabularies(), language), "stats": stats(catalogue)})


@router.get("/vocabularies/{vocabulary_id}", response_class=HTMLResponse)
def vocabulary_page(
    request: Request, vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep,
    offset: Offset = 0, collection: OptionalText = None,
) -> HTMLResponse:
    """A vocabulary's metadata, its top concepts as a tree (or one collection's members), its collections."""
    language = request_language(request)
    record = catalogue.vocabulary(vocabulary_id)
    found = collections(store, catalogue, vocabulary_id)
    chosen = next((c for c in found if c.iri == collection), None)
    if collection and chosen is None:
        raise NotFound(f"no collection {collection} in the vocabulary {vocabulary_id!r}")
    if chosen is not None:
        page = concept_page(store, [NamedNode(record.graph)], "members", NamedNode(chosen.iri), language, offset, PAGE_SIZE)
    else:
        page = concept_page(store, [NamedNode(record.graph)], "top_of_scheme", NamedNode(record.scheme), language, offset, PAGE_SIZE)
    context = {"record": record, "page": page, "pager": _pager(page), "collections": found, "collection": chosen}
    return render(request, "vocabulary.html", context)


@router.get("/concepts", response_class=HTMLResponse)
def concept_html(request: Request, store: StoreDep, catalogue: CatalogueDep, uri: OptionalText = None) -> HTMLResponse:
    """One concept: labels, notes, breadcrumbs, relations, mappings, deprecation, downloads."""
    language = request_language(request)
    if not uri:
        return error_page(request, 400, translate(language, "missing_uri"), None)
    iri = parse_iri(uri)
    try:
        concept = get_concept(store, catalogue, iri)
    except NotFound:
        return error_page(request, 404, translate(language, "unknown_concept", iri=uri), None)
    context = {
        "concept": concept,
        "ancestry": ancestry(store, catalogue, iri),
        "member_of": collections_of_concept(store, catalogue, iri),
        "records": [catalogue.vocabulary(slug) for slug in concept.vocabularies],
        "max_paths": MAX_BREADCRUMB_PATHS,
        "note_kinds": NOTE_KINDS,
        "relation_kinds": RELATION_KINDS,
        "mapping_kinds": MAPPING_KINDS,
        "formats": DOWNLOAD_FORMATS,
        "impact": impact_of(store, catalogue, uri=iri.value),
        "concept_mappings": labelled_mappings_of_concept(store, catalogue, iri.value),
    }
    return render(request, "concept.html", context)


def label_of(summary: ConceptSummary) -> Label:
    """A concept summary's label for display (its IRI when it has none)."""
    return Label(summary.label or summary.iri, summary.label_language or "")


templates.env.globals["summary_label"] = label_of


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, catalogue: CatalogueDep, index: SearchIndexDep,
    q: OptionalText = None, vocabulary: OptionalText = None, offset: Offset = 0,
) -> HTMLResponse:
    """The search form (with a vocabulary filter) and, for `q`, one page of hits. Labels of every
    language match (the index's language filter would hide Dutch-only or English-only lists)."""
    language = request_language(request)
    query = (q or "").strip()
    results: SearchPage | None = None
    problem: str | None = None
    if query:
        try:
            filters = search_filter(catalogue, vocabularies=[vocabulary] if vocabulary else [])
            results = index.search(query, filters, offset=offset, limit=SEARCH_PAGE_SIZE)
        except InvalidInput as error:
            problem = error.message
    records = catalogue.vocabularies()
    context = {
        "q": query, "vocabulary": vocabulary or "", "results": results, "problem": problem,
        "pager": Pager(results.offset, results.limit, min(results.total, MAX_WINDOW), len(results.hits)) if results else None,
        "vocabularies": sorted(records, key=lambda r: pick_label(r.title, language, r.slug).text.lower()),
        "records_by_slug": {r.slug: r for r in records},
    }
    return render(request, "search.html", context, 400 if problem else 200)
