"""Crosswalks: from a concept to the concepts of a target vocabulary (or a given set of concepts)
through mapping triples (skos:exactMatch, closeMatch, broadMatch, narrowMatch, relatedMatch) and
the hierarchy (skos:broader, skos:narrower), up to a number of hops.

The walk reads the public SPARQL default graph (`Catalogue.query_graphs()`: every current
vocabulary version, and the graph of accepted mappings that the mapping store publishes there), so bundled curated mappings and
accepted mappings count alike. Every triple is followed both ways: a step says which predicate was
asserted and whether the walk went along it (`forward`: the step's source is the triple's subject)
or against it (`inverse`). The walk is breadth-first, one SPARQL query per hop with the frontier as
VALUES, and stops at target concepts: the paths returned are the shortest ones to each target
concept reached. Frontiers and path counts are capped, so a walk into a large hierarchy stays
bounded; `truncated` says when a cap cut it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from registry.catalogue import Catalogue
from registry.errors import InvalidInput, NotFound
from registry.namespaces import SKOS
from registry.store import Store

DEFAULT_HOPS = 3
MAX_HOPS = 6
MAX_FRONTIER = 5000  # concepts expanded per hop
MAX_PATHS = 200
MAPPING_PREDICATES = tuple(SKOS + name for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"))
HIERARCHY_PREDICATES = (SKOS + "broader", SKOS + "narrower")
EXACT = SKOS + "exactMatch"


@dataclass(frozen=True)
class Step:
    source: str  # where the walk came from
    target: str  # where it went
    predicate: str  # the predicate of the triple followed
    direction: str  # "forward": <source> <predicate> <target> is asserted; "inverse": <target> <predicate> <source>

    @property
    def kind(self) -> str:
        return "hierarchy" if self.predicate in HIERARCHY_PREDICATES else "mapping"


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]

    @property
    def end(self) -> str:
        return self.steps[-1].target

    @property
    def relation(self) -> str:
        """How strong the path is: `exact` (only exactMatch), `mapping` (mappings only) or
        `hierarchy` (a broader or narrower step on the way)."""
        if any(step.kind == "hierarchy" for step in self.steps):
            return "hierarchy"
        return "exact" if all(step.predicate == EXACT for step in self.steps) else "mapping"


@dataclass
class Crosswalk:
    start: str
    target: str | None  # the target vocabulary id (None: a given set of concepts)
    max_hops: int
    paths: list[Path] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # every concept on a path -> its label
    truncated: bool = False

    @property
    def reached(self) -> list[str]:
        """The target concepts reached, in the order of their first path."""
        return list(dict.fromkeys(path.end for path in self.paths))


def _values(iris: Iterable[str]) -> str:
    return " ".join(str(NamedNode(iri)) for iri in iris)


def _edges(store: Store, graphs: Sequence[NamedNode], frontier: Sequence[str], predicates: Sequence[str]) -> list[Step]:
    query = f"""SELECT ?from ?p ?to ?dir WHERE {{
  VALUES ?from {{ {_values(frontier)} }}
  VALUES ?p {{ {_values(predicates)} }}
  {{ ?from ?p ?to BIND("forward" AS ?dir) }} UNION {{ ?to ?p ?from BIND("inverse" AS ?dir) }}
  FILTER(isIRI(?to))
}}"""
    steps: dict[tuple[str, str, str], Step] = {}
    for row in store.query(query, default_graph=list(graphs)):
        step = Step(row["from"].value, row["to"].value, row["p"].value, row["dir"].value)
        key = (step.source, step.target, step.kind)
        known = steps.get(key)
        if known is None or (known.direction == "inverse" and step.direction == "forward"):
            steps[key] = step
    return sorted(steps.values(), key=lambda s: (s.source, s.target, s.predicate, s.direction))


def in_scheme(store: Store, graphs: Sequence[NamedNode], scheme: str) -> Callable[[Sequence[str]], set[str]]:
    """Which of some concepts are in `scheme` (skos:inScheme)."""

    def members(concepts: Sequence[str]) -> set[str]:
        if not concepts:
            return set()
        query = f"SELECT ?c WHERE {{ VALUES ?c {{ {_values(concepts)} }} ?c <{SKOS}inScheme> {NamedNode(scheme)} }}"
        return {row["c"].value for row in store.query(query, default_graph=list(graphs))}

    return members


def _climb(step: Step) -> str | None:
    """`up` for a step to a broader concept, `down` to a narrower one, None for a mapping."""
    if step.kind != "hierarchy":
        return None
    to_broader = (step.predicate == SKOS + "broader") == (step.direction == "forward")
    return "up" if to_broader else "down"


State = tuple[str, str | None]  # a concept, and the way the path has gone in a hierarchy so far


def walk(store: Store, graphs: Sequence[NamedNode], start: str, is_target: Callable[[Sequence[str]], set[str]], *,
         max_hops: int = DEFAULT_HOPS, hierarchy: bool = True, max_paths: int = MAX_PATHS) -> tuple[list[Path], bool]:
    """The shortest paths (at most `max_hops` steps) from `start` to each target concept, and
    whether a cap cut the walk. A path goes up or down a hierarchy, never up then down: a
    sibling of a concept is not a crosswalk to it."""
    predicates = MAPPING_PREDICATES + (HIERARCHY_PREDICATES if hierarchy else ())
    arrived_by: dict[State, list[tuple[State, Step]]] = {(start, None): []}
    seen_nodes = {start}
    frontier: list[State] = [(start, None)]
    reached: list[State] = []
    truncated = False
    for _ in range(max_hops):
        if not frontier:
            break
        if len(frontier) > MAX_FRONTIER:
            frontier, truncated = frontier[:MAX_FRONTIER], True
        states_of: dict[str, list[State]] = {}
        for state in frontier:
            states_of.setdefault(state[0], []).append(state)
        fresh: dict[State, list[tuple[State, Step]]] = {}
        for step in _edges(store, graphs, sorted(states_of), predicates):
            climb = _climb(step)
            for state in states_of[step.source]:
                if climb is not None and state[1] not in (None, climb):
                    continue
                following = (step.target, climb or state[1])
                if following in arrived_by or step.target == start:
                    continue
                fresh.setdefault(following, []).append((state, step))
        arrived_by.update(fresh)
        new_nodes = sorted({node for node, _ in fresh} - seen_nodes)
        found = is_target(new_nodes)
        seen_nodes.update(node for node, _ in fresh)
        reached.extend(sorted((s for s in fresh if s[0] in found), key=lambda s: (s[0], s[1] or "")))
        frontier = sorted((s for s in fresh if s[0] not in found and s[0] in new_nodes), key=lambda s: (s[0], s[1] or ""))
    paths: list[Path] = []
    ended: set[str] = set()
    for state in reached:
        if state[0] in ended:
            continue
        ended.add(state[0])
        for steps in _paths_to(state, arrived_by, max_paths - len(paths)):
            paths.append(Path(tuple(steps)))
        if len(paths) >= max_paths:
            truncated = True
            break
    return paths, truncated


def _paths_to(state: State, arrived_by: dict[State, list[tuple[State, Step]]], cap: int) -> list[list[Step]]:
    """Every shortest path from the start to `state`, at most `cap`."""
    if not arrived_by[state]:
        return [[]]
    found: list[list[Step]] = []
    for previous, step in arrived_by[state]:
        for head in _paths_to(previous, arrived_by, cap - len(found)):
            found.append(head + [step])
            if len(found) >= cap:
                return found
    return found


def concept_labels(store: Store, graphs: Sequence[NamedNode], concepts: Iterable[str], language: str = "nl") -> dict[str, str]:
    """A prefLabel per concept: in `language`, else nl, else en, else any."""
    concepts = sorted(set(concepts))
    if not concepts:
        return {}
    query = f"SELECT ?c ?label WHERE {{ VALUES ?c {{ {_values(concepts)} }} ?c <{SKOS}prefLabel> ?label }}"
    ranked: dict[str, tuple[int, str]] = {}
    order = {language: 0, "nl": 1, "en": 2}
    for row in store.query(query, default_graph=list(graphs)):
        label = row["label"]
        rank = order.get((label.language or "").split("-")[0], 3) if isinstance(label, Literal) else 4
        known = ranked.get(row["c"].value)
        if known is None or rank < known[0] or (rank == known[0] and label.value < known[1]):
            ranked[row["c"].value] = (rank, label.value)
    return {iri: text for iri, (_, text) in ranked.items()}


def check_hops(max_hops: int) -> int:
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_HOPS}", location="max_hops")
    return max_hops


def crosswalk(store: Store, catalogue: Catalogue, start: NamedNode, target: str, *, max_hops: int = DEFAULT_HOPS,
              hierarchy: bool = True, language: str = "nl") -> Crosswalk:
    """Paths from the concept `start` to concepts of the registered vocabulary `target`."""
    check_hops(max_hops)
    try:
        record = catalogue.vocabulary(target)
    except NotFound:
        raise InvalidInput(f"no vocabulary {target!r} is registered", location="target") from None
    graphs = catalogue.query_graphs()
    known = store.query(f"ASK {{ {start} ?p ?o }}", default_graph=graphs)
    if not known:
        raise NotFound(f"no concept {start.value} in the registered vocabularies")
    paths, truncated = walk(store, graphs, start.value, in_scheme(store, graphs, record.scheme), max_hops=max_hops, hierarchy=hierarchy)
    result = Crosswalk(start.value, target, max_hops, paths, truncated=truncated)
    nodes = {start.value} | {step.target for path in paths for step in path.steps}
    result.labels = concept_labels(store, graphs, nodes, language)
    return result
