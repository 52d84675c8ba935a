"""The public SPARQL query service: read-only, no SERVICE, a deadline and a result cap.

Every query is parsed first (registry.sparql_parse) and the engine runs the canonical rendering
of the parsed tokens, never the text as sent. The dataset is always given to the engine
explicitly, default graph and named graphs both, and only ever holds public graphs:

- the request names graphs (SPARQL 1.1 Protocol `default-graph-uri` / `named-graph-uri`): those,
  overriding the query's FROM / FROM NAMED, as the Protocol says;
- else the query's FROM / FROM NAMED;
- else the union of the current published versions (plus the catalogue and the mapping graphs)
  as default graph, and every public graph as named graphs.

A graph that is not public (private, draft or unknown) is simply left out: it is empty to the
query, as an unknown graph would be. The result cap is counted on the results themselves.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, QueryTriples, Triple

from registry.catalogue import Catalogue
from registry.concepts import catalogue_derived, parse_iri
from registry.errors import EduvocError, InvalidInput, QueryTimeout
from registry.sparql_parse import ParsedQuery, QueryForm, parse_query
from registry.store import Store


def classify(query: str) -> QueryForm:
    """The query form; refuses updates and federated queries (parsed, see registry.sparql_parse)."""
    return parse_query(query).form


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[list]  # terms or None, in variable order (see `solutions`)
    truncated: bool

    def solutions(self) -> list[list]:
        return self.rows


@dataclass
class AskResult:
    value: bool


@dataclass
class GraphResult:
    triples: list[Triple]
    truncated: bool


QueryOutcome = SelectResult | AskResult | GraphResult


@dataclass(frozen=True)
class QueryLimits:
    timeout_seconds: float
    result_cap: int


def run_query(
    store: Store,
    catalogue: Catalogue,
    query: str | ParsedQuery,
    limits: QueryLimits,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
) -> QueryOutcome:
    """Run a read-only query and collect at most `limits.result_cap` results before the deadline.

    The default graph is the public one, its current releases read through the one materialised
    union graph when it is in step (registry/public_union.py): 10-25x faster on joins.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    deadline = time.monotonic() + limits.timeout_seconds
    default_graph, named_graphs = query_dataset(catalogue, parsed, default_graph_uris, named_graph_uris)
    try:
        result = store.query(parsed.canonical, default_graph=default_graph, named_graphs=named_graphs)
    except SyntaxError as error:
        raise InvalidInput(f"malformed SPARQL query: {_located(parsed, str(error))}", location="query") from None
    try:
        return _outcome(result, limits, deadline)
    except EduvocError as error:
        raise error.with_traceback(None) from None  # the traceback would keep `result` alive
    finally:
        del result  # pyoxigraph results must be dropped on the thread that made them


_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+)")


def _located(parsed: ParsedQuery, message: str) -> str:
    """The engine's message with its position (in the one-line canonical text) turned into the
    line and column of the query as sent."""
    match = _ENGINE_POSITION.match(message)
    if match is None or match.group(1) != "1":
        return message
    return f"at {parsed.source_position(int(match.group(2)) - 1)}{message[match.end():]}"


def query_dataset(
    catalogue: Catalogue, parsed: ParsedQuery, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = ()
) -> tuple[list[NamedNode], list[NamedNode]]:
    """The default graph and the named graphs `parsed` runs on: both explicit, public graphs only."""
    current, public, public_set = catalogue_derived(catalogue, "sparql dataset", _dataset)
    if default_graph_uris or named_graph_uris:  # the protocol's dataset overrides the query's
        return (
            _public_only([parse_iri(g, "default-graph-uri") for g in default_graph_uris], public_set),
            _public_only([parse_iri(g, "named-graph-uri") for g in named_graph_uris], public_set),
        )
    if parsed.has_dataset_clause:
        return (
            _public_only([NamedNode(g) for g in parsed.from_graphs], public_set),
            _public_only([NamedNode(g) for g in parsed.from_named_graphs], public_set),
        )
    # Named graphs are only reachable through GRAPH: without it, an empty list is as good and
    # cheaper than the list of every public graph.
    return catalogue.union.default_graph(current), public if parsed.uses_graph else []


def _dataset(catalogue: Catalogue) -> tuple[list[NamedNode], list[NamedNode], frozenset[NamedNode]]:
    """The default graph (current versions and the dataset catalogue) and the public named graphs,
    kept per catalogue write."""
    public = catalogue.public_graphs()
    return catalogue.query_graphs(), public, frozenset(public)


def _public_only(graphs: list[NamedNode], allowed: frozenset[NamedNode]) -> list[NamedNode]:
    """`graphs` without repeats and without any graph that is not public (they read as empty)."""
    return [graph for graph in dict.fromkeys(graphs) if graph in allowed]


def _outcome(result, limits: QueryLimits, deadline: float) -> QueryOutcome:
    if isinstance(result, (bool, QueryBoolean)):
        return AskResult(bool(result))
    if isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, truncated = _collect((list(solution) for solution in result), limits, deadline)
        return SelectResult(variables, rows, truncated)
    assert isinstance(result, QueryTriples)
    triples, truncated = _collect(iter(result), limits, deadline)
    return GraphResult(triples, truncated)


def _collect(results, limits: QueryLimits, deadline: float) -> tuple[list, bool]:
    collected = []
    for item in results:
        if len(collected) == limits.result_cap:
            return collected, True
        collected.append(item)
        if len(collected) % 256 == 0:
            _check_deadline(limits, deadline)
    _check_deadline(limits, deadline)
    return collected, False


def _check_deadline(limits: QueryLimits, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise QueryTimeout(f"the query ran longer than {limits.timeout_seconds:g} s; narrow it or add a LIMIT")
