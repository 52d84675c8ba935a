"""A small read-only triple index over pyoxigraph terms, for reading a shapes graph.

Shapes graphs are small (hundreds of triples), and reading them means following links node by node
(shape -> sh:property -> sh:path -> rdf:first ...), which a dict does better than SPARQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode

from registry.errors import InvalidInput, RdfSyntaxError
from registry.namespaces import RDF

Node = NamedNode | BlankNode
Term = NamedNode | BlankNode | Literal

RDF_FIRST = NamedNode(RDF + "first")
RDF_REST = NamedNode(RDF + "rest")
RDF_NIL = NamedNode(RDF + "nil")
RDF_TYPE = NamedNode(RDF + "type")


class TripleIndex:
    """Subject -> predicate -> objects (in file order), and predicate -> (subject, object) pairs."""

    def __init__(self, triples: Iterable[pyoxigraph.Triple]) -> None:
        self._spo: dict[Node, dict[NamedNode, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self._by_predicate: dict[NamedNode, list[tuple[Node, Term]]] = defaultdict(list)
        self.triples: list[pyoxigraph.Triple] = []
        for triple in triples:
            subject, obj = triple.subject, triple.object
            if isinstance(subject, pyoxigraph.Triple) or isinstance(obj, pyoxigraph.Triple):
                continue  # RDF 1.2 triple terms: SHACL 1.0 has nothing to say about them
            objects = self._spo[subject][triple.predicate]
            if obj not in objects:
                objects.append(obj)
                self._by_predicate[triple.predicate].append((subject, obj))
                self.triples.append(triple)

    @classmethod
    def parse(cls, path: Path) -> TripleIndex:
        """Parse a Turtle (or any format pyoxigraph guesses from the extension) shapes file."""
        try:
            with path.open("rb") as source:
                # Fresh blank node ids, so that several files make one shapes graph without clashes.
                return cls(_triples(pyoxigraph.parse(source, format=_format_of(path), base_iri=path.resolve().as_uri(),
                                                     rename_blank_nodes=True)))
        except SyntaxError as error:
            raise RdfSyntaxError(f"{path}: not valid RDF: {error.msg}", location=str(path)) from None
        except FileNotFoundError:
            raise InvalidInput(f"{path}: no such shapes file", location=str(path)) from None

    def objects(self, subject: Node, predicate: NamedNode) -> list[Term]:
        found = self._spo.get(subject)
        return list(found.get(predicate, ())) if found is not None else []

    def value(self, subject: Node, predicate: NamedNode) -> Term | None:
        objects = self.objects(subject, predicate)
        return objects[0] if objects else None

    def predicates(self, subject: Node) -> list[NamedNode]:
        found = self._spo.get(subject)
        return list(found) if found is not None else []

    def pairs(self, predicate: NamedNode) -> list[tuple[Node, Term]]:
        return list(self._by_predicate.get(predicate, ()))

    def subjects(self, predicate: NamedNode, obj: Term | None = None) -> list[Node]:
        return [s for s, o in self._by_predicate.get(predicate, ()) if obj is None or o == obj]

    def items(self, head: Term) -> list[Term]:
        """The members of the RDF list starting at `head`; raises on a malformed list."""
        members: list[Term] = []
        seen: set[Term] = set()
        node = head
        while node != RDF_NIL:
            if isinstance(node, Literal) or node in seen:
                raise InvalidInput(f"malformed RDF list at {node}")
            seen.add(node)
            first = self.objects(node, RDF_FIRST)
            rest = self.objects(node, RDF_REST)
            if len(first) != 1 or len(rest) != 1:
                raise InvalidInput(f"malformed RDF list at {node}")
            members.append(first[0])
            node = rest[0]
        return members

    def describe(self, node: Term) -> Iterator[pyoxigraph.Triple]:
        """The triples of `node` and, recursively, of the blank nodes it points at (a path, a list)."""
        stack, seen = [node], set()
        while stack:
            current = stack.pop()
            if current in seen or isinstance(current, Literal):
                continue
            seen.add(current)
            for predicate, objects in self._spo.get(current, {}).items():
                for obj in objects:
                    yield pyoxigraph.Triple(current, predicate, obj)
                    if isinstance(obj, BlankNode):
                        stack.append(obj)


def _format_of(path: Path) -> pyoxigraph.RdfFormat:
    found = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl")
    return found if found is not None else pyoxigraph.RdfFormat.TURTLE


def _triples(quads: Iterable[pyoxigraph.Quad]) -> Iterator[pyoxigraph.Triple]:
    for quad in quads:
        yield quad.triple
