"""Validating one document without touching the registry store.

The document is parsed straight into a fresh in-memory Oxigraph store (one named graph) and the
compiled shapes run over it; nothing is written anywhere else. This is what the validate-only
service, the CLI and the dataset catalogue use, and what bench/validate_datasets.py measures.

Oxigraph stores every literal of a type derived from xsd:integer (xsd:int, xsd:nonNegativeInteger,
...) as an xsd:integer, so `sh:datatype xsd:nonNegativeInteger` (DCAT-AP's dcat:byteSize) could
not be checked on what is stored. When a document has such literals, they are loaded one by one
and their original datatypes noted in a side graph (registry.validation.datatypes); the datatype
checks read it, and findings report the literal as written.
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from registry.errors import InvalidInput, RdfSyntaxError
from registry.formats import Format, format_named
from registry.input_bounds import check_rdf_input
from registry.oxigraph_store import OxigraphStore
from registry.validation.datatypes import DERIVED_INTEGER_MENTION, OriginalDatatypes
from registry.validation.engine import Shapes, validate
from registry.validation.model import ValidationReport

DOCUMENT_GRAPH = NamedNode("urn:eduvoc:validation:document")
TEXT_NOTED = {"turtle", "ntriples", "trig", "nquads"}


def load_document(data: bytes | str | Path, rdf_format: Format | str, base_iri: str | None = None,
                  name: str = "input") -> OxigraphStore:
    """A new in-memory store holding `data` in DOCUMENT_GRAPH.

    Raises RdfSyntaxError naming `name:line:column` when the data does not parse.
    """
    return _load(data, rdf_format, base_iri, name)[0]


def _load(data: bytes | str | Path, rdf_format: Format | str, base_iri: str | None, name: str) -> tuple[OxigraphStore, OriginalDatatypes | None]:
    fmt = format_named(rdf_format) if isinstance(rdf_format, str) else rdf_format
    if isinstance(data, Path):
        data = data.read_bytes()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_rdf_input(raw, fmt.name, name)
    store = OxigraphStore()
    originals = None
    try:
        if DERIVED_INTEGER_MENTION.search(raw) is None:
            store.bulk_load(io.BytesIO(raw), fmt, DOCUMENT_GRAPH, base_iri)
        elif fmt.name in TEXT_NOTED:  # the literals are found in the text; the parser stays native
            originals = OriginalDatatypes()
            store.bulk_load(io.BytesIO(raw), fmt, DOCUMENT_GRAPH, base_iri)
            originals.note_text(raw)
            store.add_quads(originals.quads())
        else:
            originals = OriginalDatatypes()
            parsed = pyoxigraph.parse(raw, format=fmt.oxigraph, base_iri=base_iri)
            store.add_quads(originals.note(Quad(q.subject, q.predicate, q.object, DOCUMENT_GRAPH) for q in parsed))
            store.add_quads(originals.quads())
    except SyntaxError as error:
        line = getattr(error, "lineno", None)
        column = getattr(error, "offset", None)
        where = name + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        raise RdfSyntaxError(f"{where}: not valid {fmt.name}: {error.msg}", location=where) from None
    except ValueError as error:  # e.g. a relative IRI without a base IRI
        raise InvalidInput(f"{name}: {error}", location=name) from None
    return store, originals


def validate_document(data: bytes | str | Path, rdf_format: Format | str, shapes: Shapes,
                      base_iri: str | None = None, name: str = "input") -> ValidationReport:
    """Parse `data` (Turtle, JSON-LD, RDF/XML, ... by `rdf_format` name, media type or Format) into
    an in-memory store and validate it against `shapes`."""
    store, originals = _load(data, rdf_format, base_iri, name)
    report = validate(store, [DOCUMENT_GRAPH], shapes)
    return originals.restore(report) if originals is not None else report
