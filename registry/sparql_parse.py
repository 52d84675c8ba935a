"""A bounded SPARQL 1.1 query lexer and structural parser, so the endpoint decides on parsed tokens.

pyoxigraph (0.5) exposes no query parser, and a keyword scan over the raw text can be fooled by
any escape it does not know (`ex:a\\#`, `\\u` in an IRI, a comment). So the query is tokenised here
with the terminals of the SPARQL 1.1 grammar (https://www.w3.org/TR/sparql11-query/#terminals),
its outer structure is checked (prologue, query form, dataset clauses, SERVICE, nesting depth,
size), and the engine is then handed a *canonical re-rendering of these tokens*: every string and
IRI re-escaped from its decoded value, every prefixed name expanded to a full IRI, comments
dropped, one space between tokens. Whatever the engine's own tokeniser does, it sees the token
boundaries decided here, so what is refused here (SERVICE, updates, FROM/FROM NAMED, which are
applied by the caller) cannot reach it in disguise.

Everything is bounded before any work that grows with nesting: the text length, the number of
tokens, and the depth of `{` `(` `[` (pyoxigraph recurses on nesting and a few thousand levels
overflow its stack and kill the process).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import cast

from registry.errors import InvalidInput, QueryRefused

MAX_QUERY_CHARS = 100_000
MAX_TOKENS = 20_000
MAX_DEPTH = 64  # `{` `(` `[` together; real queries stay far below, the engine overflows in the thousands
# The engine turns chains into trees as deep as the chain is long (a+b+c+…, {…} UNION {…} UNION …,
# BIND after BIND, MINUS after MINUS): 3,000 of them overflow its stack, 1,500 were measured safe.
# Every token that can add a level to the query's algebra counts against one bound for the query.
MAX_OPERATORS = 1_000

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


class QueryForm(Enum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


class Kind(Enum):
    IRI = "iri"  # IRIREF, value decoded (\\u escapes applied)
    PNAME = "pname"  # PNAME_NS / PNAME_LN, value = (prefix, decoded local)
    STRING = "string"  # any of the four string forms, value decoded
    VAR = "var"
    BNODE = "bnode"
    LANGTAG = "langtag"
    NUMBER = "number"
    WORD = "word"  # a keyword, `a`, true/false or a built-in function name
    PUNCT = "punct"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str  # as written
    value: object  # decoded value (see Kind)
    offset: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind is Kind.WORD else ""

    @property
    def pname(self) -> tuple[str, str]:
        """The (prefix, local name) of a PNAME token, as `_token` decodes it."""
        return cast("tuple[str, str]", self.value)


# --- terminals -----------------------------------------------------------------------------------

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_HEX = "0-9A-Fa-f"
_UCHAR = rf"\\u[{_HEX}]{{4}}|\\U[{_HEX}]{{8}}"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = rf"%[{_HEX}]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_VARNAME = rf"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_EXPONENT = r"[eE][+-]?[0-9]+"
_ECHAR = r"\\[tbnrf\\\"']"

_TERMINALS = [
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"),
    ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'),
    ("string", rf"'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'"),
    ("string", rf'"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"'),
    ("iri", rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>"),
    ("var", rf"[?$]{_VARNAME}"),
    ("bnode", rf"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("pname", rf"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", rf"[+-]?(?:[0-9]+\.[0-9]*{_EXPONENT}|\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}|[0-9]*\.[0-9]+|[0-9]+)"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.=<>!+\-*/^?|]"),
]
_MASTER = re.compile("|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(_TERMINALS)))
_KINDS = [kind for kind, _ in _TERMINALS]
_UCHAR_RE = re.compile(_UCHAR)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "\\": "\\", '"': '"', "'": "'"}
_STRING_ESCAPE = re.compile(rf"{_ECHAR}|{_UCHAR}")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_IRI_FORBIDDEN = re.compile(r"[<>\"{}|^`\\\x00-\x20]")


def position(text: str, offset: int) -> str:
    """`line L, column C` (1-based) of `offset` in `text`, for messages."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _syntax(text: str, offset: int, message: str) -> InvalidInput:
    return InvalidInput(f"malformed SPARQL query at {position(text, offset)}: {message}", location="query")


def _codepoint(text: str, offset: int, escape: str) -> str:
    value = int(escape[2:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF or value == 0:
        raise _syntax(text, offset, f"{escape} is not a character")
    return chr(value)


def _decode_string(text: str, offset: int, body: str) -> str:
    def replace(match: re.Match) -> str:
        escape = match.group(0)
        if escape[1] in "uU":
            return _codepoint(text, offset, escape)
        return _ECHARS[escape[1]]

    return _STRING_ESCAPE.sub(replace, body)


def _decode_iri(text: str, offset: int, body: str) -> str:
    value = _UCHAR_RE.sub(lambda m: _codepoint(text, offset, m.group(0)), body)
    bad = _IRI_FORBIDDEN.search(value)
    if bad:
        raise _syntax(text, offset, f"an IRI may not contain {bad.group(0)!r}")
    return value


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` (comments and whitespace dropped), bounded in length and count."""
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(f"the query is longer than {MAX_QUERY_CHARS} characters", location="query")
    tokens: list[Token] = []
    offset = 0
    end = len(text)
    while offset < end:
        match = _MASTER.match(text, offset)
        if match is None:
            raise _syntax(text, offset, f"unexpected {text[offset]!r}")
        assert match.lastgroup is not None  # every alternative of _MASTER is a named group
        kind = _KINDS[int(match.lastgroup[1:])]
        raw = match.group(0)
        if kind not in ("ws", "comment"):
            tokens.append(_token(text, offset, kind, raw))
            if len(tokens) > MAX_TOKENS:
                raise InvalidInput(f"the query has more than {MAX_TOKENS} tokens", location="query")
        offset = match.end()
    return tokens


def _token(text: str, offset: int, kind: str, raw: str) -> Token:
    if kind == "string":
        quote = 3 if raw[:3] in ('"""', "'''") else 1
        return Token(Kind.STRING, raw, _decode_string(text, offset, raw[quote:-quote]), offset)
    if kind == "iri":
        return Token(Kind.IRI, raw, _decode_iri(text, offset, raw[1:-1]), offset)
    if kind == "pname":
        prefix, _, local = raw.partition(":")
        return Token(Kind.PNAME, raw, (prefix, _LOCAL_ESCAPE.sub(r"\1", local)), offset)
    return Token(Kind(kind), raw, raw, offset)


# --- structure -----------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    """A query as the endpoint understands it, and the text handed to the engine."""

    form: QueryForm
    canonical: str  # the re-rendered query, without its dataset clauses
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)
    uses_graph: bool = False  # a GRAPH keyword: the named graphs are read
    source: str = ""  # the query as sent
    origins: list[tuple[int, int]] = field(default_factory=list)  # (offset in canonical, offset in source) per token

    def source_position(self, canonical_offset: int) -> str:
        """`line L, column C` in the query as sent of the token at `canonical_offset` of the canonical text."""
        origin = 0
        for start, offset in self.origins:
            if start > canonical_offset:
                break
            origin = offset
        return position(self.source, origin)

    @property
    def has_dataset_clause(self) -> bool:
        return bool(self.from_graphs or self.from_named_graphs)


_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_OPERATORS = frozenset({"{", "(", "[", "+", "-", "*", "/", "|", "||", "&&", "!", "^", "=", "!=", "<", ">", "<=", ">="})
_OPERATOR_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "VALUES", "GRAPH", "EXISTS", "IN"})


def parse_query(text: str, base_iri: str | None = None) -> ParsedQuery:
    """Tokenise and check `text`: refuses updates and SERVICE (QueryRefused), malformed or
    oversized input (InvalidInput); returns the canonical text and the dataset clauses.

    `base_iri` is the service's base for relative IRIs when the query declares no BASE (the
    Protocol lets it be the endpoint's own IRI)."""
    tokens = tokenize(text)
    _check_nesting(text, tokens)
    index = 0
    base: Token | None = None
    prefixes: dict[str, str] = {}
    while index < len(tokens) and tokens[index].upper in ("BASE", "PREFIX"):
        keyword = tokens[index]
        if keyword.upper == "BASE":
            iri = _expect(text, tokens, index + 1, Kind.IRI, "an IRI after BASE")
            if base is not None:
                raise _syntax(text, keyword.offset, "one BASE declaration at most")
            base = iri
            index += 2
        else:
            name = _expect(text, tokens, index + 1, Kind.PNAME, "a prefix name after PREFIX")
            prefix, local = name.pname
            if local:
                raise _syntax(text, name.offset, f"a prefix declaration names a prefix ending in ':', not {name.text}")
            prefixes[prefix] = _expect(text, tokens, index + 2, Kind.IRI, "an IRI after the prefix name").value  # type: ignore[assignment]
            index += 3
    if index == len(tokens):
        raise InvalidInput("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", location="query")
    first = tokens[index]
    if first.upper in UPDATE_KEYWORDS:
        raise QueryRefused("SPARQL Update is not accepted here; the endpoint is read-only", location="query")
    if first.upper not in QueryForm.__members__:
        raise InvalidInput(f"not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at {position(text, first.offset)}", location="query")
    parsed = ParsedQuery(QueryForm[first.upper], "")
    if base is None and base_iri is not None:
        base = Token(Kind.IRI, f"<{base_iri}>", _decode_iri(base_iri, 0, base_iri), 0)
    out: list[str] = [f"BASE {_render_iri(base.value)}"] if base is not None else []  # type: ignore[arg-type]
    offsets: list[int] = [0] * len(out)
    depth = 0
    rest = tokens[index:]
    skip = 0
    for position_, token in enumerate(rest):
        if skip:
            skip -= 1
            continue
        word = token.upper
        if word == "SERVICE":
            raise QueryRefused(
                f"SERVICE (federated query) is not allowed: this endpoint makes no outbound calls ({position(text, token.offset)})",
                location="query",
            )
        if word in UPDATE_KEYWORDS and word not in ("ADD", "WITH"):  # not keywords of a query
            raise QueryRefused(f"SPARQL Update is not accepted here; the endpoint is read-only ({position(text, token.offset)})", location="query")
        if word == "FROM":
            if depth:
                raise _syntax(text, token.offset, "FROM only belongs to the outer query")
            named = position_ + 1 < len(rest) and rest[position_ + 1].upper == "NAMED"
            graph_token = rest[position_ + 2] if named and position_ + 2 < len(rest) else rest[position_ + 1] if position_ + 1 < len(rest) else None
            if graph_token is None or graph_token.kind not in (Kind.IRI, Kind.PNAME):
                raise _syntax(text, token.offset, "expected an IRI after FROM" + (" NAMED" if named else ""))
            graph = _absolute(text, graph_token, base, prefixes)
            (parsed.from_named_graphs if named else parsed.from_graphs).append(graph)
            skip = 2 if named else 1
            continue
        if word == "GRAPH":
            parsed.uses_graph = True
        if token.kind is Kind.PUNCT and token.text in _OPEN:
            depth += 1
        elif token.kind is Kind.PUNCT and token.text in _CLOSE:
            depth -= 1
        out.append(_render(text, token, prefixes))
        offsets.append(token.offset)
    parsed.canonical, starts = _join(out)
    parsed.source = text
    parsed.origins = list(zip(starts, offsets, strict=False))
    return parsed


def _expect(text: str, tokens: list[Token], index: int, kind: Kind, what: str) -> Token:
    if index >= len(tokens) or tokens[index].kind is not kind:
        offset = tokens[index].offset if index < len(tokens) else len(text)
        raise _syntax(text, offset, f"expected {what}")
    return tokens[index]


def _check_nesting(text: str, tokens: list[Token]) -> None:
    """Brackets balanced and at most MAX_DEPTH deep; at most MAX_OPERATORS tree-building tokens."""
    stack: list[tuple[str, int]] = []
    operators = 0
    values_depth = -1  # the depth of an open VALUES block: its rows are a flat table, not operators
    after_values = False
    for token in tokens:
        if after_values and token.text == "{":
            values_depth = len(stack)
        after_values = token.upper == "VALUES" or (after_values and token.text != "{")
        in_values = values_depth >= 0 and len(stack) > values_depth
        if in_values:
            pass
        elif token.kind is Kind.PUNCT and token.text in _OPERATORS or token.upper in _OPERATOR_WORDS or token.kind is Kind.NUMBER and token.text[0] in "+-":
            operators += 1
            if operators > MAX_OPERATORS:
                raise InvalidInput(
                    f"the query has more than {MAX_OPERATORS} operators, groups and brackets (at {position(text, token.offset)})", location="query"
                )
        if token.kind is Kind.PUNCT and token.text in _OPEN:
            stack.append((token.text, token.offset))
            if len(stack) > MAX_DEPTH:
                raise InvalidInput(
                    f"the query nests brackets more than {MAX_DEPTH} deep (at {position(text, token.offset)})", location="query"
                )
        elif token.kind is Kind.PUNCT and token.text in _CLOSE:
            if not stack or stack[-1][0] != _CLOSE[token.text]:
                raise _syntax(text, token.offset, f"unbalanced {token.text!r}")
            stack.pop()
            if len(stack) == values_depth:
                values_depth = -1
    if stack:
        raise _syntax(text, stack[-1][1], f"{stack[-1][0]!r} is never closed")


def _absolute(text: str, token: Token, base: Token | None, prefixes: dict[str, str]) -> str:
    """The IRI a dataset-clause token names (relative IRIs resolved against BASE)."""
    from urllib.parse import urljoin

    iri = _expand(text, token, prefixes) if token.kind is Kind.PNAME else token.value
    assert isinstance(iri, str)
    if base is not None and ":" not in iri.split("/")[0]:
        iri = urljoin(cast(str, base.value), iri)  # an IRI token's value is its decoded text
    return iri


def _expand(text: str, token: Token, prefixes: dict[str, str]) -> str:
    prefix, local = token.pname
    if prefix not in prefixes:
        raise _syntax(text, token.offset, f"the prefix {prefix}: is not declared")
    iri = prefixes[prefix] + local
    bad = _IRI_FORBIDDEN.search(iri)
    if bad:
        raise _syntax(text, token.offset, f"an IRI may not contain {bad.group(0)!r}")
    return iri


def _render_iri(value: str) -> str:
    return f"<{value}>"  # decoded values were checked for the characters an IRIREF may not hold


def _render_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _render(text: str, token: Token, prefixes: dict[str, str]) -> str:
    if token.kind is Kind.IRI:
        return _render_iri(token.value)  # type: ignore[arg-type]
    if token.kind is Kind.PNAME:
        return _render_iri(_expand(text, token, prefixes))
    if token.kind is Kind.STRING:
        return _render_string(token.value)  # type: ignore[arg-type]
    return token.text


def _join(parts: list[str]) -> tuple[str, list[int]]:
    """One space between tokens, except that a language tag and `^^` stay glued to their string;
    and where each part starts."""
    out: list[str] = []
    starts: list[int] = []
    length = 0
    glue = False
    for part in parts:
        if out and not glue and not part.startswith("@") and part != "^^":
            out.append(" ")
            length += 1
        starts.append(length)
        out.append(part)
        length += len(part)
        glue = part == "^^"
    return "".join(out), starts
