"""The datatypes Oxigraph's store does not keep: literals of types derived from xsd:integer.

Oxigraph stores "5"^^xsd:nonNegativeInteger (and xsd:int, xsd:long, ... xsd:unsignedByte) as
"5"^^xsd:integer. To check sh:datatype on them as pySHACL does, the document loader notes each
such literal's datatype in the side graph ORIGINALS_GRAPH, as `<ORIGINAL> <datatype> "5"^^xsd:integer`
(or `<ORIGINAL> <ILL_TYPED> ...` when its value is outside the datatype's range, which rdflib
reports as ill-typed), and registry.validation.core's datatype test reads that graph. Without a
note (data validated in the registry store), a derived-integer literal matches only xsd:integer.

The note is per value, not per triple: a document that writes the same number both as, say,
xsd:long and as plain xsd:integer has both judged as xsd:long (pySHACL keeps them apart).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import overload

from pyoxigraph import Literal, NamedNode, Quad, Triple

from registry.namespaces import XSD
from registry.store import Store
from registry.validation.graph import Term
from registry.validation.model import ValidationReport

ORIGINALS_GRAPH = NamedNode("urn:eduvoc:validation:original-datatypes")
ORIGINAL = NamedNode("urn:eduvoc:validation:original")
ILL_TYPED = NamedNode("urn:eduvoc:validation:ill-typed")
INTEGER = NamedNode(XSD + "integer")

# The value range of each derived type (None: unbounded), as rdflib checks it.
RANGES: dict[str, tuple[int | None, int | None]] = {
    "int": (-2**31, 2**31 - 1), "long": (-2**63, 2**63 - 1), "short": (-2**15, 2**15 - 1), "byte": (-128, 127),
    "unsignedInt": (0, 2**32 - 1), "unsignedLong": (0, 2**64 - 1), "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
    "nonNegativeInteger": (0, None), "positiveInteger": (1, None), "negativeInteger": (None, -1), "nonPositiveInteger": (None, 0),
}
DERIVED_INTEGER = {NamedNode(XSD + local) for local in RANGES}
# A cheap test on the raw document: does it mention one of these datatypes at all?
DERIVED_INTEGER_MENTION = re.compile(rb"[:#](?:" + "|".join(RANGES).encode() + rb")\b")
_INTEGER_LEXICAL = re.compile(r"[+-]?[0-9]+")
# In Turtle, TriG, N-Triples and N-Quads, an integer literal with a derived datatype; any prefix is
# taken for xsd: (a prefix bound elsewhere with these local names would only add a harmless note).
TYPED_INTEGER = re.compile(rb"""["']([+-]?[0-9]+)["']\^\^(?:<http://www\.w3\.org/2001/XMLSchema#|[A-Za-z][\w.-]*:)("""
                           + "|".join(RANGES).encode() + rb")\b")


class OriginalDatatypes:
    """Notes the derived-integer literals of a document while it is loaded."""

    def __init__(self) -> None:
        self._notes: dict[tuple[NamedNode, Literal], None] = {}
        self._written: dict[Literal, Literal] = {}

    @property
    def changed(self) -> bool:
        return bool(self._written)

    def note(self, quads: Iterable[Quad]) -> Iterator[Quad]:
        """Pass `quads` through, noting each derived-integer literal the store will rewrite."""
        for quad in quads:
            obj = quad.object
            if isinstance(obj, Literal) and obj.datatype in DERIVED_INTEGER:
                self._note(obj)
            yield quad

    def note_text(self, raw: bytes) -> None:
        """Note the derived-integer literals of a Turtle/TriG/N-Triples/N-Quads document by its text."""
        for match in TYPED_INTEGER.finditer(raw):
            self._note(Literal(match.group(1).decode("ascii"), datatype=NamedNode(XSD + match.group(2).decode("ascii"))))

    def _note(self, written: Literal) -> None:
        if not _INTEGER_LEXICAL.fullmatch(written.value):
            return  # kept as written by the store (and ill-typed for both engines)
        stored = Literal(str(int(written.value)), datatype=INTEGER)
        low, high = RANGES[written.datatype.value[len(XSD):]]
        value = int(written.value)
        in_range = (low is None or value >= low) and (high is None or value <= high)
        self._notes[(written.datatype if in_range else ILL_TYPED, stored)] = None
        self._written.setdefault(stored, written)

    def quads(self) -> Iterator[Quad]:
        for datatype, stored in self._notes:
            yield Quad(ORIGINAL, datatype, stored, ORIGINALS_GRAPH)

    def restore(self, report: ValidationReport) -> ValidationReport:
        """`report` with every rewritten literal (focus node or value) shown as the document wrote it."""
        if not self._written:
            return report
        findings = [dataclasses.replace(f, focus_node=self.written(f.focus_node), value=self.written(f.value)) for f in report.findings]
        return dataclasses.replace(report, findings=findings)

    @overload
    def written(self, term: Term) -> Term: ...

    @overload
    def written(self, term: None) -> None: ...

    def written(self, term: Term | None) -> Term | None:
        """The literal as the document wrote it, for a literal as the store holds it."""
        if isinstance(term, Literal) and term.datatype == INTEGER:
            return self._written.get(term, term)
        return term


def add_triples(store: Store, triples: Iterable[Triple], graph: NamedNode) -> OriginalDatatypes:
    """Add `triples` to `graph` of `store` with the notes the datatype checks need; validate, then
    `restore` the report (for callers that parse documents themselves)."""
    originals = OriginalDatatypes()
    store.add_quads(originals.note(Quad(t.subject, t.predicate, t.object, graph) for t in triples))
    store.add_quads(originals.quads())
    return originals


def derived_integer_test(datatype: NamedNode, v: str) -> str:
    """A derived-integer `datatype`: an xsd:integer the document wrote with that datatype, in range."""
    return f"(datatype({v}) = {INTEGER} && EXISTS {{ GRAPH {ORIGINALS_GRAPH} {{ {ORIGINAL} {datatype} {v} }} }})"


def plain_integer_test(v: str) -> str:
    """xsd:integer itself: not one the document wrote with a derived datatype."""
    return f"NOT EXISTS {{ GRAPH {ORIGINALS_GRAPH} {{ {ORIGINAL} ?eduvoc_written {v} }} }}"
