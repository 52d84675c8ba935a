"""Crosswalk: from a concept to a target vocabulary through mappings and the hierarchy."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import CatalogueDep, StoreDep
from registry.concepts import parse_iri
from registry.crosswalk import DEFAULT_HOPS, MAX_HOPS, Path, Step, crosswalk

router = APIRouter(prefix="/api", tags=["mappings"])


class StepPublic(BaseModel):
    source: str
    predicate: str
    target: str
    direction: str  # forward: <source> <predicate> <target> is asserted; inverse: <target> <predicate> <source>
    kind: str  # mapping | hierarchy
    target_label: str | None

    @classmethod
    def of(cls, step: Step, labels: dict[str, str]) -> StepPublic:
        return cls(source=step.source, predicate=step.predicate, target=step.target, direction=step.direction,
                   kind=step.kind, target_label=labels.get(step.target))


class PathPublic(BaseModel):
    end: str
    end_label: str | None
    hops: int
    relation: str  # exact | mapping | hierarchy
    steps: list[StepPublic]

    @classmethod
    def of(cls, path: Path, labels: dict[str, str]) -> PathPublic:
        return cls(end=path.end, end_label=labels.get(path.end), hops=len(path.steps), relation=path.relation,
                   steps=[StepPublic.of(step, labels) for step in path.steps])


class CrosswalkPublic(BaseModel):
    uri: str
    label: str | None
    target: str
    max_hops: int
    reached: list[str]
    truncated: bool
    paths: list[PathPublic]


@router.get("/crosswalk", response_model=CrosswalkPublic,
            summary="Paths from a concept to concepts of a target vocabulary through mappings and the hierarchy")
def crosswalk_api(
    store: StoreDep, catalogue: CatalogueDep,
    uri: Annotated[str, Query(max_length=2048, description="the concept to start from")],
    target: Annotated[str, Query(max_length=100, description="the target vocabulary id")],
    max_hops: Annotated[int, Query(description=f"longest path (1-{MAX_HOPS})")] = DEFAULT_HOPS,
    hierarchy: Annotated[bool, Query(description="also follow skos:broader/skos:narrower")] = True,
    lang: Annotated[str, Query(pattern="^(nl|en)$")] = "nl",
) -> CrosswalkPublic:
    result = crosswalk(store, catalogue, parse_iri(uri), target, max_hops=max_hops, hierarchy=hierarchy, language=lang)
    return CrosswalkPublic(uri=result.start, label=result.labels.get(result.start), target=target, max_hops=max_hops,
                           reached=result.reached, truncated=result.truncated,
                           paths=[PathPublic.of(path, result.labels) for path in result.paths])
