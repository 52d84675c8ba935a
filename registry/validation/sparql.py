"""Compiling SHACL-SPARQL constraints (https://www.w3.org/TR/shacl/#sparql-constraints) for all focus nodes at once.

SHACL pre-binds `$this` to one focus node per query run. Running the query once per focus node is
what makes pySHACL slow on large vocabularies; here the query runs once:

    SELECT DISTINCT <projection, plus ?this> WHERE {
        { SELECT DISTINCT ?this WHERE { <targets> } }
        LATERAL { <the constraint's WHERE group> }
    }

LATERAL (SPARQL SEP-0006, supported by Oxigraph and Jena) evaluates the group once per focus node
with `?this` substituted, which is exactly pre-binding, also inside nested groups, OPTIONALs and
sub-SELECTs; DISTINCT matches pySHACL's de-duplication of identical rows. `$PATH` is replaced by
the shape's path and `$currentShape` by the shape's IRI, as in pySHACL. What cannot be pre-bound
this way (MINUS, VALUES, SERVICE, $shapesGraph, re-binding a pre-bound variable, aggregation or
LIMIT at the top level) is refused with `UnsupportedShapeError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal

from registry.namespaces import OWL, RDF, RDFS
from registry.validation.core import (
    CompiledConstraint,
    FocusSpec,
    SparqlResultRules,
    focus_pattern,
)
from registry.validation.graph import Node, Term, TripleIndex
from registry.validation.shapes import Shape, UnsupportedShapeError, sh

# The prefixes pySHACL always declares before a constraint's own.
DEFAULT_PREFIXES = {"rdf": RDF, "rdfs": RDFS, "owl": OWL}

_TOKEN = re.compile(
    r'''(?P<comment>\#[^\n]*)
    |(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
    |(?P<word>[A-Za-z_][A-Za-z0-9_\-.]*(?::[A-Za-z0-9_\-.:%]*)?|:[A-Za-z0-9_\-.:%]*)
    |(?P<open>\{)|(?P<close>\})
    |(?P<other>\S)''',
    re.VERBOSE,
)
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
_PREBOUND = {"this", "currentShape", "shapesGraph"}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""

    @property
    def variable(self) -> str | None:
        return self.text[1:] if self.kind == "var" else None


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "comment":
            found.append(_Token(kind, match.group(), match.start(), match.end()))
    return found


def prefix_declarations(index: TripleIndex, constraint: Node) -> dict[str, str]:
    """The prefixes a SPARQL constraint declares with sh:prefixes (https://www.w3.org/TR/shacl/#sparql-prefixes)."""
    prefixes = dict(DEFAULT_PREFIXES)
    for holder in index.objects(constraint, sh("prefixes")):
        if isinstance(holder, Literal):
            raise UnsupportedShapeError(f"sh:prefixes of {constraint} must be an IRI or blank node")
        for declaration in index.objects(holder, sh("declare")):
            prefix = index.objects(declaration, sh("prefix"))  # type: ignore[arg-type]
            namespace = index.objects(declaration, sh("namespace"))  # type: ignore[arg-type]
            if len(prefix) != 1 or len(namespace) != 1 or not isinstance(prefix[0], Literal) or not isinstance(namespace[0], Literal):
                raise UnsupportedShapeError(f"malformed sh:declare in the prefixes of {constraint}")
            prefixes[prefix[0].value] = namespace[0].value
    return prefixes


def compile_sparql(shape: Shape, constraint: Term, focus: FocusSpec, index: TripleIndex) -> CompiledConstraint | None:
    """Compile one sh:sparql value of `shape`; None when the constraint is deactivated."""
    if isinstance(constraint, Literal):
        raise UnsupportedShapeError(f"shape {shape.node}: sh:sparql must point at a sh:SPARQLConstraint")
    deactivated = index.value(constraint, sh("deactivated"))
    if isinstance(deactivated, Literal) and deactivated.value.lower() in ("true", "1"):
        return None
    selects = index.objects(constraint, sh("select"))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        raise UnsupportedShapeError(f"SPARQL constraint {constraint} of {shape.node} needs exactly one sh:select string")
    prefixes = prefix_declarations(index, constraint)
    query, rules = rewrite_select(selects[0].value, shape, focus, prefixes, where=f"{shape.node} / {constraint}")
    messages = tuple(m for m in index.objects(constraint, sh("message")) if isinstance(m, Literal))
    rules = SparqlResultRules(rules.projected, rules.star, messages)
    return CompiledConstraint(shape.info, sh("SPARQLConstraintComponent"), query, shape.path is not None, constraint, rules, focus=focus)


def rewrite_select(text: str, shape: Shape, focus: FocusSpec, prefixes: dict[str, str], where: str = "") -> tuple[str, SparqlResultRules]:
    """Rewrite a SHACL-SPARQL SELECT so that it validates every focus node of `focus` in one run."""
    tokens = _tokens(text)
    select_at = next((i for i, t in enumerate(tokens) if t.keyword == "SELECT"), None)
    if select_at is None:
        raise UnsupportedShapeError(f"{where}: sh:select is not a SELECT query")
    prologue = text[: tokens[select_at].start]
    open_at = next((i for i in range(select_at, len(tokens)) if tokens[i].kind == "open"), None)
    if open_at is None:
        raise UnsupportedShapeError(f"{where}: the SELECT query has no WHERE group")
    close_at = _matching_close(tokens, open_at, where)
    head = tokens[select_at + 1 : open_at]
    if head and head[-1].keyword == "WHERE":
        head = head[:-1]
    if head and head[0].keyword in ("DISTINCT", "REDUCED"):
        head = head[1:]
    body_tokens = tokens[open_at + 1 : close_at]
    _refuse(body_tokens, head, tokens[close_at + 1 :], where)
    projected, star = _projection(head, where)
    projection = text[head[0].start : head[-1].end] if head else ""
    if not star and "this" not in projected:
        projection = "?this " + projection
    filters_only = _filters_only(body_tokens)
    if filters_only:
        text = _not_exists_as_minus(text, body_tokens)
    body = _substitute(text, body_tokens, shape, where)
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
    # A WHERE group of FILTERs only sees ?this exactly as pre-bound without LATERAL.
    joined = f"{focus_pattern(focus)}\n{body}" if filters_only else f"{focus_pattern(focus)}\nLATERAL {{ {body} }}"
    query = f"{declared}{prologue}SELECT DISTINCT {projection} WHERE {{\n{joined}\n}}"
    return query, SparqlResultRules(frozenset(projected), star, ())


def _filters_only(body: list[_Token]) -> bool:
    """True when the group holds nothing but FILTER constraints at its top level (no triple
    patterns, OPTIONAL, BIND, sub-groups, ...)."""
    braces = parens = 0
    previous: _Token | None = None
    for token in body:
        if token.kind == "open":
            if braces == 0 and parens == 0 and not (previous is not None and previous.keyword == "EXISTS"):
                return False
            braces += 1
        elif token.kind == "close":
            braces -= 1
        elif braces == 0:
            if token.text == "(":
                parens += 1
            elif token.text == ")":
                parens -= 1
            elif parens == 0 and token.keyword not in ("FILTER", "NOT", "EXISTS") and not (
                    token.kind == "word" and ":" not in token.text and _next_is_paren(body, token)):
                return False
        previous = token
    return bool(body)


def _not_exists_as_minus(text: str, body: list[_Token]) -> str:
    """`text` with each top-level `FILTER NOT EXISTS { P }` of a filters-only group written as
    `MINUS { P }` (padded to the same length, so token offsets stay valid), where that means the same.

    With ?this the only variable bound outside, and P a flat group that binds ?this in a triple
    pattern, removing the focus nodes P matches (MINUS) is what NOT EXISTS does; Oxigraph runs
    MINUS as one anti-join, but NOT EXISTS with a path or join inside once per focus node over the
    whole pattern, which made DCAT-AP-sized batches quadratic.
    """
    pieces: list[str] = []
    cursor = 0
    i = 0
    while i + 3 < len(body):
        first, second, third, group = body[i : i + 4]
        if (first.keyword, second.keyword, third.keyword, group.kind) == ("FILTER", "NOT", "EXISTS", "open"):
            close = _matching_close(body, i + 3, "")
            if _binds_this(body[i + 4 : close]):
                pieces.append(text[cursor : first.start])
                pieces.append("MINUS".ljust(third.end - first.start))
                cursor = third.end
            i = close + 1
            continue
        i += 1
    pieces.append(text[cursor:])
    return "".join(pieces)


def _binds_this(group: list[_Token]) -> bool:
    """A flat group (no nested groups) with ?this/$this in a triple pattern (outside FILTER's parentheses)."""
    parens = 0
    found = False
    for token in group:
        if token.kind in ("open", "close"):
            return False
        if token.text == "(":
            parens += 1
        elif token.text == ")":
            parens -= 1
        elif parens == 0 and token.variable == "this":
            found = True
    return found


def _next_is_paren(body: list[_Token], token: _Token) -> bool:
    at = body.index(token)
    return at + 1 < len(body) and body[at + 1].text == "("


def _matching_close(tokens: list[_Token], open_at: int, where: str) -> int:
    depth = 0
    for i in range(open_at, len(tokens)):
        if tokens[i].kind == "open":
            depth += 1
        elif tokens[i].kind == "close":
            depth -= 1
            if depth == 0:
                return i
    raise UnsupportedShapeError(f"{where}: unbalanced braces in sh:select")


def _projection(head: list[_Token], where: str) -> tuple[set[str], bool]:
    """Variables the SELECT clause projects; '*' projects every in-scope variable."""
    if len(head) == 1 and head[0].text == "*":
        return set(), True
    if any(t.keyword in _AGGREGATES for t in head):
        raise UnsupportedShapeError(f"{where}: aggregates in the top-level SELECT cannot be evaluated per focus node here")
    names: set[str] = set()
    depth = 0
    for i, token in enumerate(head):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.kind == "var" and (depth == 0 or (i > 0 and head[i - 1].keyword == "AS")):
            names.add(token.text[1:])
    if not names:
        raise UnsupportedShapeError(f"{where}: cannot read the projection of sh:select")
    return names, False


def _refuse(body: list[_Token], head: list[_Token], tail: list[_Token], where: str) -> None:
    """Refuse what SHACL forbids in constraint queries, or what pre-binding per focus node needs."""
    for token in body:
        if token.keyword in ("MINUS", "VALUES", "SERVICE"):
            raise UnsupportedShapeError(f"{where}: a SPARQL constraint must not use {token.keyword}")
        if token.variable == "shapesGraph":
            raise UnsupportedShapeError(f"{where}: $shapesGraph is not supported")
    for tokens in (head, body):
        for i, token in enumerate(tokens[:-1]):
            if token.keyword == "AS" and tokens[i + 1].variable in (_PREBOUND | {"value"}):
                raise UnsupportedShapeError(f"{where}: cannot re-bind the pre-bound variable {tokens[i + 1].text} with AS")
    for i, token in enumerate(body):
        if token.keyword == "SELECT":
            nested = []
            for follower in body[i + 1 :]:
                if follower.kind == "open" or follower.keyword == "WHERE":
                    break
                nested.append(follower)
            names = {t.variable for t in nested if t.kind == "var"}
            if any(t.text == "*" for t in nested) or "this" not in names:
                raise UnsupportedShapeError(f"{where}: a nested SELECT must project $this (https://www.w3.org/TR/shacl/#pre-binding)")
    for token in tail:
        if token.keyword in ("GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES"):
            raise UnsupportedShapeError(f"{where}: {token.keyword} after the WHERE group cannot be evaluated per focus node here")


def _substitute(text: str, body: list[_Token], shape: Shape, where: str) -> str:
    """The WHERE group's text with $PATH and $currentShape replaced (and ORDER BY dropped by construction)."""
    if not body:
        return ""
    pieces: list[str] = []
    cursor = body[0].start
    for token in body:
        replacement = None
        if token.variable == "PATH":
            if shape.path is None:
                raise UnsupportedShapeError(f"{where}: $PATH used in a node shape")
            replacement = shape.path.sparql
        elif token.variable == "currentShape":
            if isinstance(shape.node, BlankNode):
                raise UnsupportedShapeError(f"{where}: $currentShape of a blank node shape cannot be bound")
            replacement = str(shape.node)
        if replacement is not None:
            pieces.append(text[cursor : token.start])
            pieces.append(replacement)
            cursor = token.end
    pieces.append(text[cursor : body[-1].end])
    return "".join(pieces)
