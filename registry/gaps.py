"""Gap analysis: which demanded skills an offer covers, by what, and which it does not.

Demand: skills as IRIs, or as labels that are reconciled first (`registry.reconciliation`, against
a vocabulary such as esco-skills; a label without a confident match stays `unresolved`). Offer: a
registered vocabulary (e.g. learning-outcomes) or a list of concept IRIs (learning outcomes,
modules). A skill is covered when it is itself in the offer (`identical`), or when a crosswalk
(`registry.crosswalk`) reaches the offer from it: through exactMatch only (`exact`), through other
mappings (`mapping`), or through the hierarchy (`hierarchy`: the offer teaches a broader or
narrower skill). The best kind found counts; every path is kept as evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.crosswalk import (
    DEFAULT_HOPS,
    Path,
    check_hops,
    concept_labels,
    in_scheme,
    walk,
)
from registry.errors import InvalidInput
from registry.namespaces import SKOS
from registry.reconciliation import ReconciliationQuery, reconcile
from registry.search import SearchIndex
from registry.store import Store

MAX_DEMANDS = 1000
MAX_OFFER = 5000
COVERED = ("identical", "exact", "mapping", "hierarchy")
STATUSES = COVERED + ("uncovered", "unknown", "unresolved")
PATHS_KEPT = 5  # evidence paths per skill


@dataclass(frozen=True)
class Demand:
    given: str  # as the caller wrote it
    iri: str | None  # the skill (reconciled when a label was given)
    score: float | None = None  # the reconciliation score (labels only)


@dataclass(frozen=True)
class Coverage:
    demand: Demand
    status: str  # one of STATUSES
    covered_by: tuple[str, ...] = ()  # offer concepts reached
    paths: tuple[Path, ...] = ()


@dataclass
class GapReport:
    offer: str  # the vocabulary id, or "n concepts"
    items: list[Coverage]
    labels: dict[str, str] = field(default_factory=dict)
    max_hops: int = DEFAULT_HOPS

    @property
    def counts(self) -> dict[str, int]:
        return {status: sum(1 for item in self.items if item.status == status) for status in STATUSES}

    @property
    def covered(self) -> int:
        return sum(1 for item in self.items if item.status in COVERED)

    @property
    def coverage(self) -> float:
        """Share of the demanded skills covered (0..1)."""
        return self.covered / len(self.items) if self.items else 0.0


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://", "urn:"))


def _known(store: Store, graphs: Sequence[NamedNode], iris: Sequence[str]) -> set[str]:
    if not iris:
        return set()
    values = " ".join(str(NamedNode(iri)) for iri in iris)
    query = f"SELECT DISTINCT ?c WHERE {{ VALUES ?c {{ {values} }} ?c <{SKOS}inScheme> ?scheme }}"
    return {row["c"].value for row in store.query(query, default_graph=list(graphs))}


def resolve_demand(store: Store, catalogue: Catalogue, index: SearchIndex, given: Sequence[str], vocabulary: str | None) -> list[Demand]:
    """IRIs as they are; labels reconciled against `vocabulary` (any vocabulary when None)."""
    if not given:
        raise InvalidInput("give at least one demanded skill (an IRI or a label)", location="demand")
    if len(given) > MAX_DEMANDS:
        raise InvalidInput(f"at most {MAX_DEMANDS} demanded skills", location="demand")
    types = (vocabulary,) if vocabulary else ()
    if vocabulary and vocabulary not in {r.slug for r in catalogue.vocabularies()}:
        raise InvalidInput(f"no vocabulary {vocabulary!r} is registered", location="demand_vocabulary")
    labels = {f"d{i}": ReconciliationQuery(text.strip(), types, 3) for i, text in enumerate(given) if not _is_iri(text.strip())}
    for i, text in enumerate(given):
        if f"d{i}" in labels and not any(c.isalnum() for c in text):
            raise InvalidInput(f"demanded skill {i + 1} is empty", location=f"demand[{i}]")
    answers = reconcile(store, catalogue, index, labels) if labels else {}
    demands = []
    for i, text in enumerate(given):
        text = text.strip()
        if _is_iri(text):
            demands.append(Demand(text, parse_iri(text, f"demand[{i}]").value))
            continue
        candidates = answers.get(f"d{i}", [])
        best = candidates[0] if candidates and candidates[0].match else None
        demands.append(Demand(text, best.id if best else None, best.score if best else (candidates[0].score if candidates else None)))
    return demands


def analyse(store: Store, catalogue: Catalogue, demands: Sequence[Demand], *, offer_vocabulary: str | None = None,
            offer_concepts: Sequence[str] = (), max_hops: int = DEFAULT_HOPS, language: str = "nl") -> GapReport:
    """Coverage of each demanded skill by the offer (a vocabulary or a list of concepts)."""
    check_hops(max_hops)
    graphs = catalogue.query_graphs()
    if bool(offer_vocabulary) == bool(offer_concepts):
        raise InvalidInput("give the offer as a vocabulary id or as a list of concept IRIs (one of the two)", location="offer")
    if offer_vocabulary:
        if offer_vocabulary not in {r.slug for r in catalogue.vocabularies()}:
            raise InvalidInput(f"no vocabulary {offer_vocabulary!r} is registered", location="offer_vocabulary")
        record = catalogue.vocabulary(offer_vocabulary)
        is_offered = in_scheme(store, graphs, record.scheme)
        offer_name = offer_vocabulary
    else:
        if len(offer_concepts) > MAX_OFFER:
            raise InvalidInput(f"at most {MAX_OFFER} offered concepts", location="offer_concepts")
        offered = {parse_iri(iri, f"offer_concepts[{i}]").value for i, iri in enumerate(offer_concepts)}
        unknown = sorted(offered - _known(store, graphs, sorted(offered)))
        if unknown:
            raise InvalidInput(f"unknown offered concepts: {', '.join(unknown[:10])}", location="offer_concepts")

        def is_offered(concepts: Sequence[str]) -> set[str]:
            return {c for c in concepts if c in offered}

        offer_name = f"{len(offered)} concepts"
    known = _known(store, graphs, sorted({d.iri for d in demands if d.iri}))
    items = []
    for demand in demands:
        if demand.iri is None:
            items.append(Coverage(demand, "unresolved"))
        elif demand.iri not in known:
            items.append(Coverage(demand, "unknown"))
        elif is_offered([demand.iri]):
            items.append(Coverage(demand, "identical", (demand.iri,)))
        else:
            paths, _ = walk(store, graphs, demand.iri, is_offered, max_hops=max_hops)
            if not paths:
                items.append(Coverage(demand, "uncovered"))
                continue
            status = min((path.relation for path in paths), key=COVERED.index)
            ranked = sorted(paths, key=lambda p: (COVERED.index(p.relation), len(p.steps)))
            items.append(Coverage(demand, status, tuple(dict.fromkeys(p.end for p in ranked)), tuple(ranked[:PATHS_KEPT])))
    nodes = {d.iri for d in demands if d.iri} | {s.target for item in items for p in item.paths for s in p.steps}
    return GapReport(offer_name, items, concept_labels(store, graphs, nodes, language), max_hops)
