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

from api.deps import BrowseDep, CatalogueDep, SearchIndexDep, StoreDep
from api.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    STRINGS,
    Label,
    format_number,
    negotiate_language,
    pick_label,
    translate,
    translate_plural,
)
from api.pages_templates import templates
from registry import rdf_text
from registry.browse import COLLECTION_FACET, LETTERS, Selection
from registry.catalogue import VocabularyRecord
from registry.concepts import Concept, LinkedConcept, get_concept, parse_iri
from registry.errors import EduvocError, InvalidInput, NotFound
from registry.hierarchy import (
    Collection,
    ConceptSummary,
    ancestry,
    collections_of_concept,
)
from registry.impact import impact_of
from registry.input_bounds import MAX_OFFSET
from registry.linked_values import concept_labels, contact_address
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
        "plural": partial(translate_plural, language),
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


def localised(request: Request, error: EduvocError) -> tuple[str, str]:
    """A domain error's message in the page language when it carries a code with a translation
    (`err_<code>` in api/i18n), else its English message; with the language it is in."""
    language = request_language(request)
    if error.code and f"err_{error.code}" in STRINGS:
        return translate(language, f"err_{error.code}", **error.params), language
    return error.message, "en"


class HtmlErrorRoute(APIRoute):
    """Turns the domain's NotFound / InvalidInput and invalid parameters into HTML error pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except NotFound as error:
                return error_page(request, 404, *localised(request, error))
            except InvalidInput as error:
                return error_page(request, 400, *localised(request, error))
            except RequestValidationError as error:
                detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
                return error_page(request, 400, detail)

        return route


router = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
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
    request: Request, vocabulary_id: str, catalogue: CatalogueDep, browse: BrowseDep,
    offset: Offset = 0, collection: OptionalText = None,
) -> HTMLResponse:
    """A vocabulary's metadata, its top concepts as a tree (or one collection's members), its
    collections and facets, an A–Z index; all from the release's prepared browse data."""
    language = request_language(request)
    record = catalogue.vocabulary(vocabulary_id)
    prepared = browse.release(catalogue, vocabulary_id)
    if collection and collection not in prepared.facets.get(COLLECTION_FACET, {}):
        raise NotFound(f"no collection {collection} in the vocabulary {vocabulary_id!r}", code="no_collection", collection=collection, vocabulary=vocabulary_id)
    filters = [(COLLECTION_FACET, collection)] if collection else []
    view = prepared.view(language, Selection.of(not collection, filters))
    items = view.items(offset, PAGE_SIZE)
    everything = prepared.view(language, Selection())
    facets = everything.facet_values()
    found = [Collection(v.value, {v.label_language: v.label}, v.count) for v in facets.pop(COLLECTION_FACET, [])]
    chosen = next((c for c in found if c.iri == collection), None)
    current = next((r for r in record.releases if r.graph == record.graph), None)
    context = {"record": record, "items": items, "view": view, "everything": everything, "facets": facets,
               "pager": Pager(offset, PAGE_SIZE, view.total, len(items)), "collections": found, "collection": chosen,
               "current_release": current, "letters": LETTERS}
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
        "linked_labels": concept_labels(store, catalogue, [v for values in concept.other.values() for v in values]
                                        + [c.iri for links in concept.links.values() for c in links.values() if not c.labels]),
        "contact": next(filter(None, (contact_address(store, catalogue, slug) for slug in concept.vocabularies)), None)
                   or request.app.state.settings.contact_email or None,
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
    type_: Annotated[str | None, Query(alias="type", max_length=2048)] = None, label_lang: Annotated[str | None, Query(max_length=35)] = None,
    deprecated: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    """The search form and, for `q`, one page of hits with filters (vocabulary, type, label
    language, deprecated) that show how many matches each would leave. Labels of every language
    match unless a label language is chosen."""
    language = request_language(request)
    query = (q or "").strip()
    results: SearchPage | None = None
    facets = None
    problem: str | None = None
    if query:
        try:
            filters = search_filter(catalogue, vocabularies=[vocabulary] if vocabulary else [], types=[type_] if type_ else [],
                                    language=label_lang or None, include_deprecated=deprecated)
            results = index.search(query, filters, offset=offset, limit=SEARCH_PAGE_SIZE)
            facets = index.facet_counts(query, filters)
        except InvalidInput as error:
            problem = localised(request, error)[0]
    records = catalogue.vocabularies()
    context = {
        "q": query, "vocabulary": vocabulary or "", "results": results, "problem": problem, "facets": facets,
        "type": type_ or "", "label_lang": label_lang or "", "deprecated": deprecated,
        "filter_params": {"q": query, "vocabulary": vocabulary or None, "type": type_ or None, "label_lang": label_lang or None,
                          "deprecated": "true" if deprecated else None},
        "pager": Pager(results.offset, results.limit, min(results.total, MAX_WINDOW), len(results.hits)) if results else None,
        "vocabularies": sorted(records, key=lambda r: pick_label(r.title, language, r.slug).text.lower()),
        "records_by_slug": {r.slug: r for r in records},
    }
    return render(request, "search.html", context, 400 if problem else 200)
