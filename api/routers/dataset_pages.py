"""The dataset catalogue's pages: `/datasets` (free text, facet links that add or remove one
filter, works without JavaScript) and `/datasets/{id}` (one description). Dutch or English."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import CatalogueDep, StoreDep
from api.i18n import pick_label
from api.routers.pages import HtmlErrorRoute, Pager, render, request_language
from registry.datasets import FACETS, ValueLabel, browse, dataset_index
from registry.input_bounds import MAX_OFFSET

router = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)

PAGE_SIZE = 20
FilterValues = Annotated[list[str], Query(max_length=20)]


def _links(request: Request, q: str, filters: dict[str, list[str]]):
    """`link(name, value)`: this page with filter `name=value` toggled (and the offset reset);
    `link(offset=n)`: another page of the same results; `link(clear=True)`: no filters."""
    explicit = request.query_params.get("lang")

    def link(name: str | None = None, value: str | None = None, clear: bool = False, offset: int = 0) -> str:
        chosen = {} if clear else {n: list(v) for n, v in filters.items()}
        if name is not None and value is not None:
            values = chosen.setdefault(name, [])
            values.remove(value) if value in values else values.append(value)
        params: list[tuple[str, str]] = [("q", q)] if q and not clear else []
        params += [(n, v) for n in FACETS for v in chosen.get(n, [])]
        if offset:
            params.append(("offset", str(offset)))
        if explicit:
            params.append(("lang", explicit))
        return "/datasets" + ("?" + urlencode(params) if params else "")

    return link


@router.get("/datasets", response_class=HTMLResponse)
def datasets_page(
    request: Request, store: StoreDep, catalogue: CatalogueDep,
    q: Annotated[str, Query(max_length=500)] = "",
    theme: FilterValues = [], publisher: FilterValues = [], conforms_to: FilterValues = [],
    purpose: FilterValues = [], aggregation_level: FilterValues = [],
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    """Registered datasets with facets: each facet value is a link that adds (or removes) it."""
    filters = {"theme": theme, "publisher": publisher, "conforms_to": conforms_to, "purpose": purpose, "aggregation_level": aggregation_level}
    filters = {name: values for name, values in filters.items() if values}
    page = browse(dataset_index(store, catalogue), q, filters, offset, PAGE_SIZE)
    language = request_language(request)
    context = {
        "q": q, "page": page, "filters": filters, "facet_names": list(FACETS), "link": _links(request, q, filters),
        "value_label": lambda value: pick_label(page.labels.get(value, ValueLabel({})).labels, language, value),
        "pager": Pager(page.offset, page.limit, page.total, len(page.items)),
    }
    return render(request, "datasets.html", context)


@router.get("/datasets/{dataset_id}", response_class=HTMLResponse)
def dataset_page(request: Request, dataset_id: str, store: StoreDep, catalogue: CatalogueDep) -> HTMLResponse:
    """One registered dataset: what it is, who registered it, its facet values, downloads."""
    index = dataset_index(store, catalogue)
    summary = index.get(dataset_id)
    language = request_language(request)
    context = {
        "dataset": summary, "facet_names": list(FACETS),
        "value_label": lambda value: pick_label(index.labels.get(value, ValueLabel({})).labels, language, value),
        "value_vocabulary": lambda value: index.labels.get(value, ValueLabel({})).vocabulary,
        "formats": (("turtle", "Turtle"), ("jsonld", "JSON-LD"), ("rdfxml", "RDF/XML")),
    }
    return render(request, "dataset.html", context)
