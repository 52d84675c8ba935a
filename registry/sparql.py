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
from typing import cast

import pyoxigraph
from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, Triple

from registry.catalogue import Catalogue
from registry.concepts import catalogue_derived, parse_iri
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
    return _classify(_words(_NOISE.sub(" ", query)))


def _words(text: str) -> list[str]:
    return [word.upper() for word in _WORD.findall(text)]


def _classify(words: list[str]) -> QueryForm:
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


# The solution modifiers of the outermost query follow its last closing brace (subqueries live
# inside braces; a trailing VALUES block ends in a brace and so hides the LIMIT: no harm).
_TOP_LEVEL_LIMIT = re.compile(r"\bLIMIT\s+(\d+)", re.IGNORECASE)


def _top_level_limit(text: str) -> int | None:
    match = _TOP_LEVEL_LIMIT.search(text, text.rfind("}") + 1)
    return int(match.group(1)) if match else None


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[list]  # terms or None, in variable order (see `solutions`)
    truncated: bool
    # SPARQL JSON results written by pyoxigraph itself, when the query's own LIMIT kept it under
    # the cap; `rows` is then left empty and read back from them only if another format is asked.
    native_json: bytes | None = None

    def solutions(self) -> list[list]:
        if self.native_json is not None and not self.rows:
            # native_json only ever holds SELECT results
            parsed = cast(QuerySolutions, pyoxigraph.parse_query_results(self.native_json, format=QueryResultsFormat.JSON))
            by_name = {v.value: i for i, v in enumerate(parsed.variables)}
            order = [by_name.get(name) for name in self.variables]
            self.rows = [[row[i] if i is not None else None for i in order] for row in (list(s) for s in parsed)]
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
    query: str,
    limits: QueryLimits,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
) -> QueryOutcome:
    """Run a read-only query and collect at most `limits.result_cap` results before the deadline.

    The default graph is the public one, its current releases read through the one materialised
    union graph when it is in step (registry/public_union.py): 10-25x faster on joins.

    A SELECT whose own top-level LIMIT is within the cap is serialised by pyoxigraph (SPARQL JSON)
    in one go; others are collected here row by row, so the cap and the deadline hold.
    """
    text = _NOISE.sub(" ", query)
    words = _words(text)
    _classify(words)
    deadline = time.monotonic() + limits.timeout_seconds
    current, public, public_set = catalogue_derived(catalogue, "sparql dataset", _dataset)
    default_graph = _public_only([parse_iri(g, "default-graph-uri") for g in default_graph_uris], public_set, "default-graph-uri")
    named_graphs: list[NamedNode] | None = _public_only([parse_iri(g, "named-graph-uri") for g in named_graph_uris], public_set, "named-graph-uri")
    if not default_graph:
        default_graph = catalogue.union.default_graph(current)
    # Named graphs are only reachable through GRAPH: without it, handing pyoxigraph the list of
    # public graphs costs time and changes nothing. With it, GRAPH ?g never reaches drafts or
    # the registry's private graphs.
    named_graphs = named_graphs or (public if "GRAPH" in words else None)
    try:
        result = store.query(query, default_graph=default_graph, named_graphs=named_graphs)
    except SyntaxError as error:
        raise InvalidInput(f"malformed SPARQL query: {error}", location="query") from None
    try:
        limit = _top_level_limit(text)
        return _outcome(result, limits, deadline, native=limit is not None and limit <= limits.result_cap)
    except EduvocError as error:
        raise error.with_traceback(None) from None  # the traceback would keep `result` alive
    finally:
        del result  # pyoxigraph results must be dropped on the thread that made them


def _dataset(catalogue: Catalogue) -> tuple[list[NamedNode], list[NamedNode], frozenset[NamedNode]]:
    """The default graph (current versions and the dataset catalogue) and the public named graphs,
    kept per catalogue write."""
    public = catalogue.public_graphs()
    return catalogue.query_graphs(), public, frozenset(public)


def _public_only(graphs: list, allowed: frozenset, parameter: str) -> list:
    for graph in graphs:
        if graph not in allowed:
            raise InvalidInput(f"{graph.value} is not a public graph of this registry", location=parameter)
    return graphs


def _outcome(result, limits: QueryLimits, deadline: float, native: bool = False) -> QueryOutcome:
    if isinstance(result, (bool, QueryBoolean)):
        return AskResult(bool(result))
    if isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        if native:  # at most `limit` <= cap solutions: pyoxigraph writes them all
            body = result.serialize(format=QueryResultsFormat.JSON)
            _check_deadline(limits, deadline)
            return SelectResult(variables, [], False, native_json=body)
        rows, truncated = _collect((list(solution) for solution in result), limits, deadline)
        return SelectResult(variables, rows, truncated)
    assert isinstance(result, QueryTriples)
    triples, truncated = _collect(iter(result), limits, deadline)
    return GraphResult(triples, truncated)


def _collect(results, limits: QueryLimits, deadline: float) -> tuple[list, bool]:
    collected: list = []
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
