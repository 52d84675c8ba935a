"""Gap analysis: demanded skills against an offer, as JSON, CSV, or a page with a chart."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from api.deps import CatalogueDep, SearchIndexDep, StoreDep
from api.i18n import pick_label
from api.negotiation import negotiate
from api.routers.crosswalk import PathPublic
from api.routers.pages import HtmlErrorRoute, render, request_language
from registry.crosswalk import DEFAULT_HOPS, MAX_HOPS, concept_labels
from registry.csv_cells import safe_writer
from registry.errors import InvalidInput
from registry.gaps import (
    COVERED,
    MAX_DEMANDS,
    STATUSES,
    GapReport,
    analyse,
    resolve_demand,
)
from registry.occupation_demand import MAX_OCCUPATIONS, OccupationDemand, expand_occupations, skill_demand

router = APIRouter(prefix="/api", tags=["mappings"])
pages = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)

CSV_COLUMNS = ("demand", "skill", "skill_label", "status", "covered_by", "covered_by_labels")
EXAMPLE_DEMAND = "\n".join([
    "solve technical problems", "manage digital identity", "computer programming", "protect personal data and privacy",
    "digital competencies", "speak Dutch", "http://data.europa.eu/esco/skill/1d6c7de4-350e-4868-a47b-333b4b0d9650",
])


class GapRequest(BaseModel):
    demand: list[str] = Field(default_factory=list, description="demanded skills: IRIs, or labels reconciled against demand_vocabulary", max_length=MAX_DEMANDS)
    occupations: list[str] = Field(default_factory=list, max_length=MAX_OCCUPATIONS,
                                   description="or occupations (IRIs, or labels such as 'procesoperator' reconciled against occupation_vocabulary): each stands for its essential skills")
    occupation_vocabulary: str | None = Field("esco-occupations", description="where occupation labels are reconciled")
    demand_vocabulary: str | None = Field("esco-skills", description="where labels are reconciled (null: every vocabulary)")
    offer_vocabulary: str | None = Field(None, description="the offer as a vocabulary id, e.g. learning-outcomes")
    offer_concepts: list[str] = Field(default_factory=list, description="or the offer as concept IRIs (learning outcomes, modules)")
    max_hops: int = Field(DEFAULT_HOPS, ge=1, le=MAX_HOPS)


class GapItem(BaseModel):
    demand: str
    skill: str | None
    skill_label: str | None
    reconciliation_score: float | None
    status: str
    covered_by: list[str]
    covered_by_labels: list[str | None]
    paths: list[PathPublic]


class OccupationItem(BaseModel):
    given: str
    occupation: str | None
    occupation_label: str | None
    reconciliation_score: float | None
    essential_skills: int


class GapReportPublic(BaseModel):
    offer: str
    total: int
    covered: int
    coverage: float
    counts: dict[str, int]
    items: list[GapItem]
    occupations: list[OccupationItem] = Field(default_factory=list, description="the occupations given, as resolved")


def public(report: GapReport) -> GapReportPublic:
    labels = report.labels
    items = [GapItem(demand=item.demand.given, skill=item.demand.iri, skill_label=labels.get(item.demand.iri or ""),
                     reconciliation_score=item.demand.score, status=item.status, covered_by=list(item.covered_by),
                     covered_by_labels=[labels.get(c) for c in item.covered_by], paths=[PathPublic.of(p, labels) for p in item.paths])
             for item in report.items]
    return GapReportPublic(offer=report.offer, total=len(report.items), covered=report.covered, coverage=round(report.coverage, 4),
                           counts=report.counts, items=items)


def _csv(report: GapReportPublic) -> Response:
    out = io.StringIO()
    writer = safe_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in report.items:
        writer.writerow([item.demand, item.skill or "", item.skill_label or "", item.status, " ".join(item.covered_by),
                         " | ".join(label or "" for label in item.covered_by_labels)])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="gaps.csv"', "Vary": "Accept"})


def run(store, catalogue, index, body: GapRequest, language: str = "nl") -> GapReportPublic:
    occupations: list[OccupationDemand] = []
    given = list(body.demand)
    if body.occupations:
        occupations = expand_occupations(store, catalogue, index, body.occupations, body.occupation_vocabulary)
        given += [skill for skill in skill_demand(occupations) if skill not in given]
        if not given:
            raise InvalidInput("none of the occupations was recognised or has essential skills", location="occupations")
    demands = resolve_demand(store, catalogue, index, given, body.demand_vocabulary)
    report = public(analyse(store, catalogue, demands, offer_vocabulary=body.offer_vocabulary, offer_concepts=body.offer_concepts,
                            max_hops=body.max_hops, language=language))
    labels = concept_labels(store, catalogue.query_graphs(), {o.occupation.iri for o in occupations if o.occupation.iri}, language)
    report.occupations = [OccupationItem(given=o.occupation.given, occupation=o.occupation.iri, occupation_label=labels.get(o.occupation.iri or ""),
                                         reconciliation_score=o.occupation.score, essential_skills=len(o.skills)) for o in occupations]
    return report


@router.post("/gaps", response_model=GapReportPublic, responses={200: {"content": {"text/csv": {}}}},
             summary="Which demanded skills an offer covers (and by what), and which it does not")
def gaps_api(request: Request, body: GapRequest, store: StoreDep, catalogue: CatalogueDep, index: SearchIndexDep,
             format: Annotated[Literal["json", "csv"] | None, Query(description="overrides Accept")] = None) -> Response | GapReportPublic:
    report = run(store, catalogue, index, body)
    chosen = format or ("csv" if negotiate(request.headers.get("accept"), ["application/json", "text/csv"]) == "text/csv" else "json")
    return _csv(report) if chosen == "csv" else report


# --- the page ------------------------------------------------------------------------------------------

def _bars(report: GapReportPublic) -> list[dict]:
    """The chart's bars: one per status that occurs, widths in percent of the demanded skills."""
    bars, offset = [], 0.0
    for status in STATUSES:
        n = report.counts.get(status, 0)
        if not n:
            continue
        width = 100.0 * n / report.total
        bars.append({"status": status, "n": n, "x": round(offset, 3), "width": round(width, 3), "covered": status in COVERED})
        offset += width
    return bars


@pages.get("/gaps", response_class=HTMLResponse)
def gaps_page(
    request: Request, store: StoreDep, catalogue: CatalogueDep, index: SearchIndexDep,
    demand: Annotated[str | None, Query(max_length=100_000)] = None,
    occupations: Annotated[str, Query(max_length=20_000)] = "",
    occupation_vocabulary: Annotated[str, Query(max_length=100)] = "esco-occupations",
    demand_vocabulary: Annotated[str, Query(max_length=100)] = "esco-skills",
    offer: Annotated[str, Query(max_length=100)] = "learning-outcomes",
    offer_concepts: Annotated[str, Query(max_length=500_000)] = "",
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = DEFAULT_HOPS,
) -> HTMLResponse:
    """A form (skills, one per line; the offer) and the report with a stacked bar chart (SVG)."""
    language = request_language(request)
    records = sorted(catalogue.vocabularies(), key=lambda r: pick_label(r.title, language, r.slug).text.lower())
    report, problem = None, None
    lines = [line.strip() for line in (demand or "").splitlines() if line.strip()]
    occupation_lines = [line.strip() for line in occupations.splitlines() if line.strip()]
    concepts = [line.strip() for line in offer_concepts.split() if line.strip()]
    if lines or occupation_lines:
        body = GapRequest(demand=lines[:MAX_DEMANDS], occupations=occupation_lines[:MAX_OCCUPATIONS],
                          occupation_vocabulary=occupation_vocabulary or None, demand_vocabulary=demand_vocabulary or None,
                          offer_vocabulary=None if concepts else offer, offer_concepts=concepts, max_hops=max_hops)
        try:
            report = run(store, catalogue, index, body, language)
        except InvalidInput as error:
            problem = error.message
    context = {
        "records": records, "demand": demand if demand is not None else ("" if occupation_lines else EXAMPLE_DEMAND),
        "demand_vocabulary": demand_vocabulary, "occupations": occupations, "occupation_vocabulary": occupation_vocabulary,
        "offer": offer, "offer_concepts": offer_concepts, "max_hops": max_hops, "max_hops_limit": MAX_HOPS,
        "report": report, "bars": _bars(report) if report and report.total else [], "problem": problem, "statuses": STATUSES,
    }
    return render(request, "gaps.html", context, 400 if problem else 200)
