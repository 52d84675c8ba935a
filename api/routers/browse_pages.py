"""Pages for browsing a vocabulary and its history: every concept A–Z with facets, the releases,
one release at its own URL, the diff between two releases, and the registry's changes by month.
Everything is read from data prepared once per release graph (registry/browse.py, registry/history.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import BrowseDep, CatalogueDep, StoreDep
from api.pages_templates import templates
from api.routers.pages import HtmlErrorRoute, OptionalText, Pager, render, request_language
from registry.browse import FACET_PROPERTIES, FACETS, LETTERS, Selection
from registry.errors import InvalidInput
from registry.history import registry_changes, release_diff
from registry.input_bounds import MAX_OFFSET

router = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)

BROWSE_PAGE_SIZE = 100
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Letter = Annotated[str | None, Query(max_length=1)]
Version = Annotated[str | None, Query(max_length=128)]


def facet_filters(request: Request) -> list[tuple[str, str]]:
    """The facet values a list is narrowed by: `?level=<iri>&subject=<iri>…` (several allowed)."""
    found = []
    for facet in FACETS:
        for value in request.query_params.getlist(facet):
            if len(value) > 2048:
                raise InvalidInput(f"{facet} is too long", location=facet, code="too_long", name=facet)
            if value:
                found.append((facet, value))
    return found


@router.get("/vocabularies/{vocabulary_id}/concepts", response_class=HTMLResponse)
def concepts_page(request: Request, vocabulary_id: str, catalogue: CatalogueDep, browse: BrowseDep,
                  offset: Offset = 0, letter: Letter = None, version: Version = None) -> HTMLResponse:
    """Every concept of a release in Dutch label order, with an A–Z index and facets with counts."""
    language = request_language(request)
    record = catalogue.vocabulary(vocabulary_id)
    release = record.release(version) if version else None
    filters = facet_filters(request)
    view = browse.release(catalogue, vocabulary_id, version).view(language, Selection.of(False, filters))
    if letter:
        offset = view.start_of(letter)
    items = view.items(offset, BROWSE_PAGE_SIZE)
    params: dict[str, object] = {"version": version}
    context = {
        "record": record, "release": release, "view": view, "items": items, "letters": LETTERS,
        "facets": view.facet_values(), "filters": filters, "facet_ids": FACETS, "params": params,
        "pager": Pager(offset, BROWSE_PAGE_SIZE, view.total, len(items)),
        "filter_params": _filter_params(filters), "facet_properties": {v: k for k, v in FACET_PROPERTIES.items()},
    }
    return render(request, "vocabulary_concepts.html", context)


def _filter_params(filters: list[tuple[str, str]]) -> dict[str, str]:
    """The active filters as query parameters (one value per facet is what the links carry)."""
    return dict(filters)


@router.get("/vocabularies/{vocabulary_id}/releases", response_class=HTMLResponse)
def releases_page(request: Request, vocabulary_id: str, catalogue: CatalogueDep) -> HTMLResponse:
    """Every release of a vocabulary, newest first, with links to each and to the diffs."""
    record = catalogue.vocabulary(vocabulary_id)
    releases = list(reversed(record.releases))
    return render(request, "releases.html", {"record": record, "releases": releases})


@router.get("/vocabularies/{vocabulary_id}/releases/{version}", response_class=HTMLResponse)
def release_page(request: Request, vocabulary_id: str, version: str, catalogue: CatalogueDep, browse: BrowseDep) -> HTMLResponse:
    """One release at its own URL: its version, date, change note, counts, top concepts and downloads."""
    language = request_language(request)
    record = catalogue.vocabulary(vocabulary_id)
    release = record.release(version)
    position = record.releases.index(release)
    previous = record.releases[position - 1] if position > 0 else None
    later = record.releases[position + 1] if position + 1 < len(record.releases) else None
    view = browse.release(catalogue, vocabulary_id, release.version).view(language, Selection(top_only=True))
    items = view.items(0, BROWSE_PAGE_SIZE)
    context = {"record": record, "release": release, "previous": previous, "later": later, "items": items, "view": view,
               "current": release.graph == record.graph}
    return render(request, "release.html", context)


@router.get("/vocabularies/{vocabulary_id}/diff", response_class=HTMLResponse)
def diff_page(request: Request, vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep, browse: BrowseDep,
              from_: Annotated[str | None, Query(alias="from", max_length=128)] = None,
              to: Annotated[str | None, Query(max_length=128)] = None) -> HTMLResponse:
    """What changed between two releases (default: the one before the latest, and the latest)."""
    language = request_language(request)
    record = catalogue.vocabulary(vocabulary_id)
    if len(record.releases) < 2:
        return render(request, "diff.html", {"record": record, "diff": None, "old": None, "new": None})
    new = record.release(to or "latest")
    old = record.release(from_) if from_ else record.releases[max(record.releases.index(new) - 1, 0)]
    if old.graph == new.graph:
        raise InvalidInput("choose two different releases", location="from", code="same_release")
    if old.issued > new.issued:
        old, new = new, old
    found = release_diff(store, browse, catalogue, vocabulary_id, old.version, new.version, language)
    return render(request, "diff.html", {"record": record, "diff": found, "old": old, "new": new})


@router.get("/changes", response_class=HTMLResponse)
def changes_page(request: Request, store: StoreDep, catalogue: CatalogueDep, browse: BrowseDep,
                 month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
                 vocabulary: OptionalText = None) -> HTMLResponse:
    """New, changed and deprecated concepts across the registry, per month, with replacements."""
    language = request_language(request)
    found = registry_changes(store, browse, catalogue, language, vocabulary=vocabulary or None)
    months = found.months()
    chosen = month or (months[0] if months else None)
    context = {"changes": found, "months": months, "month": chosen, "entries": found.in_month(chosen) if chosen else [],
               "vocabulary": vocabulary or "", "records": {r.slug: r for r in catalogue.vocabularies()}}
    return render(request, "changes.html", context)


def _without(params: dict[str, str], key: str) -> dict[str, str]:
    return {k: v for k, v in params.items() if k != key}


templates.env.filters["reject_key"] = _without
