"""Suggested mappings between two vocabularies: the JSON/CSV API, the review page, and the editor
form that proposes (and, for the set's owner, accepts) chosen suggestions into a mapping set
through the mapping store (`registry.mappings.service`)."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.formparsers import FormParser

from api.deps import CatalogueDep, StoreDep
from api.i18n import pick_label
from api.negotiation import negotiate
from api.routers.editor_forms import EditorDep, EditorRoute, PageError, _location
from api.routers.pages import HtmlErrorRoute, render, request_language
from registry.catalogue import Catalogue
from registry.csv_cells import safe_writer
from registry.errors import Forbidden, InvalidInput
from registry.mappings.model import NewMapping, Status
from registry.mappings.service import (
    get_mapping_set,
    list_mapping_sets,
    propose_mappings,
    review_mapping,
)
from registry.matching.suggestions import (
    FLOOR_SCORE,
    MAPPING_PREDICATES,
    MAX_LIMIT,
    PER_SOURCE,
    SEMAPV_LEXICAL_MATCHING,
    Suggestion,
    SuggestionCache,
    SuggestionSet,
    suggest,
)
from registry.store import Store

router = APIRouter(prefix="/api", tags=["mappings"])
pages = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)
editor = APIRouter(include_in_schema=False, route_class=EditorRoute)

PAGE_LIMIT = 200
FORM_MAX_FIELDS = 5 * PAGE_LIMIT + 16
CSV_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label", "confidence",
               "mapping_justification", "subject_match", "object_match", "existing")


def _cache(request: Request) -> SuggestionCache:
    """One cache per app (created on first use)."""
    cache = getattr(request.app.state, "suggestion_cache", None)
    if cache is None:
        cache = request.app.state.suggestion_cache = SuggestionCache()
    return cache


CacheDep = Annotated[SuggestionCache, Depends(_cache)]


class SuggestionPublic(BaseModel):
    subject_id: str
    subject_label: str | None
    predicate_id: str
    object_id: str
    object_label: str | None
    confidence: float
    mapping_justification: str
    subject_match: str
    object_match: str
    existing: list[str]

    @classmethod
    def of(cls, s: Suggestion) -> SuggestionPublic:
        return cls(subject_id=s.subject, subject_label=s.subject_label, predicate_id=s.predicate, object_id=s.object,
                   object_label=s.object_label, confidence=s.score, mapping_justification=s.justification,
                   subject_match=s.subject_match, object_match=s.object_match, existing=list(s.existing))


class SuggestionsPublic(BaseModel):
    source: str
    target: str
    source_concepts: int
    target_concepts: int
    count: int
    total: int
    seconds: float
    data: list[SuggestionPublic]


def _csv(result: SuggestionSet) -> Response:
    out = io.StringIO()
    writer = safe_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in result.suggestions:
        row = SuggestionPublic.of(s).model_dump()
        row["existing"] = " ".join(row["existing"])
        writer.writerow([row[column] for column in CSV_COLUMNS])
    name = f"suggestions-{result.source}-{result.target}.csv"
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Vary": "Accept"})


@router.get("/suggestions", response_model=SuggestionsPublic,
            summary="Candidate mappings from one vocabulary to another, by lexical similarity of their labels",
            responses={200: {"content": {"text/csv": {}}}})
def suggestions(
    request: Request, store: StoreDep, catalogue: CatalogueDep, cache: CacheDep,
    source: Annotated[str, Query(max_length=100, description="the source vocabulary id")],
    target: Annotated[str, Query(max_length=100, description="the target vocabulary id")],
    limit: Annotated[int, Query(description=f"suggestions at most (1-{MAX_LIMIT})")] = 100,
    min_score: Annotated[float, Query(description=f"lowest score ({FLOOR_SCORE}-1)")] = 0.7,
    per_concept: Annotated[int, Query(description=f"suggestions per source concept (1-{PER_SOURCE})")] = 3,
    existing: Annotated[bool, Query(description="include pairs that are already mapped")] = True,
    format: Annotated[Literal["json", "csv"] | None, Query(description="overrides Accept")] = None,
) -> Response | SuggestionsPublic:
    result = suggest(store, catalogue, source, target, limit=limit, min_score=min_score, per_source=per_concept,
                     cache=cache, include_existing=existing, language="nl")
    chosen = format or ("csv" if negotiate(request.headers.get("accept"), ["application/json", "text/csv"]) == "text/csv" else "json")
    if chosen == "csv":
        return _csv(result)
    return SuggestionsPublic(source=result.source, target=result.target, source_concepts=result.source_concepts,
                             target_concepts=result.target_concepts, count=len(result.suggestions), total=result.total,
                             seconds=round(result.seconds, 3), data=[SuggestionPublic.of(s) for s in result.suggestions])


# --- the review page --------------------------------------------------------------------------------

def _sets_for(store: Store, catalogue: Catalogue, source: str, target: str) -> list:
    return [s for s in list_mapping_sets(store, catalogue) if s.source == source and s.target == target]


@pages.get("/suggestions", response_class=HTMLResponse)
def suggestions_page(
    request: Request, store: StoreDep, catalogue: CatalogueDep, cache: CacheDep,
    source: Annotated[str | None, Query(max_length=100)] = None,
    target: Annotated[str | None, Query(max_length=100)] = None,
    min_score: Annotated[float, Query(ge=FLOOR_SCORE, le=1)] = 0.7,
    existing: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    """Choose a source and target vocabulary, review the candidates, send chosen ones to a mapping set."""
    language = request_language(request)
    records = sorted(catalogue.vocabularies(), key=lambda r: pick_label(r.title, language, r.slug).text.lower())
    result = None
    if source and target:
        result = suggest(store, catalogue, source, target, limit=PAGE_LIMIT, min_score=min_score, per_source=PER_SOURCE,
                         cache=cache, include_existing=existing, language=language)
    context = {
        "records": records, "source": source or "", "target": target or "", "min_score": min_score, "existing": existing,
        "result": result, "sets": _sets_for(store, catalogue, source, target) if result else [],
        "predicates": MAPPING_PREDICATES, "done": request.query_params.get("done"), "done_set": request.query_params.get("set", ""),
        "page_limit": PAGE_LIMIT,
    }
    return render(request, "suggestions.html", context)


# --- proposing chosen suggestions (editors) -------------------------------------------------------------

@editor.post("/editor/suggestions")
async def propose_suggestions(request: Request, principal: EditorDep) -> Response:
    """Propose the ticked suggestions into a mapping set; `accept=1` also accepts them (owners)."""
    parser = FormParser(request.headers, request.stream(), max_fields=FORM_MAX_FIELDS, max_part_size=16 * 1024)
    form = await parser.parse()
    text = {name: value.strip() for name, value in form.multi_items() if isinstance(value, str)}
    set_id = text.get("set", "")
    if not set_id:
        raise PageError(400, "sg_no_set", "set")
    picked = [value for name, value in form.multi_items() if name == "pick" and isinstance(value, str)]
    if not picked:
        raise PageError(400, "sg_none_picked", "pick")
    comment = text.get("comment") or None
    mappings = []
    for index in picked:
        subject, obj, predicate = text.get(f"s.{index}"), text.get(f"o.{index}"), text.get(f"p.{index}")
        if not subject or not obj or predicate not in MAPPING_PREDICATES:
            raise InvalidInput(f"suggestion {index} is incomplete", location="pick")
        try:
            confidence = float(text.get(f"c.{index}", ""))
        except ValueError:
            confidence = None
        mappings.append(NewMapping(subject, predicate, obj, confidence, SEMAPV_LEXICAL_MATCHING, comment))
    store, catalogue = request.app.state.store, request.app.state.catalogue
    if text.get("accept") == "1":  # refuse before writing anything, not after the proposals
        owner = (await run_in_threadpool(get_mapping_set, store, catalogue, set_id)).owner
        if not principal.is_admin and principal.organisation != owner:
            raise Forbidden(f"only editors of {owner!r} may accept mappings of set {set_id!r}; propose them without accepting")
    ids = await run_in_threadpool(propose_mappings, store, catalogue, set_id, mappings, principal)
    if text.get("accept") == "1":
        for mapping_id in ids:
            await run_in_threadpool(review_mapping, store, catalogue, mapping_id, Status.ACCEPTED, principal, comment)
    done = "accepted" if text.get("accept") == "1" else "proposed"
    return RedirectResponse(_location(request, "/suggestions", source=text.get("source"), target=text.get("target"),
                                      done=f"{done}:{len(ids)}", set=set_id), status_code=303)
