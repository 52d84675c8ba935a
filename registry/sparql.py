"""The public SPARQL query service: read-only, no SERVICE, a deadline and a result cap.

The default graph is the union of the current published versions (plus the ontology and the
catalogue), unless the request names graphs (SPARQL 1.1 Protocol `default-graph-uri` /
`named-graph-uri`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Triple

from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.errors import EduvocError, InvalidInput, QueryRefused, QueryTimeout
from registry.store import Store


class QueryForm(Enum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
# Strings, IRIs and comments are blanked out before looking for keywords, so that a keyword
# inside a literal or an IRI is not mistaken for one.
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def classify(query: str) -> QueryForm:
    """The query form; refuses updates and federated queries before anything runs."""
    words = [word.upper() for word in _WORD.findall(_NOISE.sub(" ", query))]
    if "SERVICE" in words:
        raise QueryRefused("SERVICE (federated query) is not allowed: this endpoint makes no outbound calls", location="query")
    for word in words:
        if word in ("PREFIX", "BASE"):
            continue
        if word in QueryForm.__members__:
            return QueryForm[word]
        if word in _UPDATE_KEYWORDS:
            raise QueryRefused("SPARQL Update is not accepted here; the endpoint is read-only", location="query")
    raise InvalidInput("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", location="query")


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[list]  # terms or None, in variable order
    truncated: bool


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
    query: str,
    limits: QueryLimits,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
) -> QueryOutcome:
    """Run a read-only query and collect at most `limits.result_cap` results before the deadline."""
    classify(query)
    deadline = time.monotonic() + limits.timeout_seconds
    public = catalogue.public_graphs()
    default_graph = _public_only([parse_iri(g, "default-graph-uri") for g in default_graph_uris], public, "default-graph-uri")
    named_graphs = _public_only([parse_iri(g, "named-graph-uri") for g in named_graph_uris], public, "named-graph-uri")
    default_graph = default_graph or catalogue.current_graphs()
    named_graphs = named_graphs or public  # GRAPH ?g never reaches drafts or the registry's private graphs
    try:
        result = store.query(query, default_graph=default_graph, named_graphs=named_graphs)
    except SyntaxError as error:
        raise InvalidInput(f"malformed SPARQL query: {error}", location="query") from None
    try:
        return _outcome(result, limits, deadline)
    except EduvocError as error:
        raise error.with_traceback(None) from None  # the traceback would keep `result` alive
    finally:
        del result  # pyoxigraph results must be dropped on the thread that made them


def _public_only(graphs: list, public: list, parameter: str) -> list:
    allowed = set(public)
    for graph in graphs:
        if graph not in allowed:
            raise InvalidInput(f"{graph.value} is not a public graph of this registry", location=parameter)
    return graphs


def _outcome(result, limits: QueryLimits, deadline: float) -> QueryOutcome:
    if isinstance(result, (bool, QueryBoolean)):
        return AskResult(bool(result))
    if isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, truncated = _collect(([solution[v] for v in variables] for solution in result), limits, deadline)
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
        if len(collected) % 256 == 0 and time.monotonic() > deadline:
            raise QueryTimeout(f"the query ran longer than {limits.timeout_seconds:g} s; narrow it or add a LIMIT")
    if time.monotonic() > deadline:
        raise QueryTimeout(f"the query ran longer than {limits.timeout_seconds:g} s; narrow it or add a LIMIT")
    return collected, False



