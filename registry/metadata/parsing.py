"""Reading a metadata document into triples: RDF by media type, plain JSON through a JSON-LD context.

Plain JSON (`application/json` without `@context`) gets the profile's published context, so that
vendors without RDF tooling can send `{"learner": "…", "learningGoal": "…"}`. A document that
names the published context by URL gets the bundled copy: nothing is fetched at run time.
Parse errors say where (line and column).
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat, Triple

from registry.errors import InvalidInput, RdfSyntaxError, UnsupportedFormat
from registry.input_bounds import check_json_depth, check_rdf_input
from registry.metadata.profiles import Profile

#: media type -> reader; plain JSON and NL-LOM XML are handled before these
RDF_MEDIA_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
JSON_MEDIA_TYPE = "application/json"
XML_MEDIA_TYPES = ("application/xml", "text/xml")
ACCEPTED_MEDIA_TYPES = (*RDF_MEDIA_TYPES, JSON_MEDIA_TYPE, *XML_MEDIA_TYPES)
DEFAULT_BASE = "https://w3id.org/eduvoc/validate/input/"


def media_type_of(value: str) -> str:
    """The bare media type of a Content-Type header value (parameters dropped, lower case)."""
    return value.split(";")[0].strip().lower()


def media_type_of_file(path: Path) -> str:
    """The media type a file's extension stands for, as the CLI sends it."""
    by_suffix = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
                 ".json": JSON_MEDIA_TYPE, ".rdf": "application/rdf+xml", ".owl": "application/rdf+xml",
                 ".xml": "application/xml"}
    found = by_suffix.get(path.suffix.lower())
    if found is None:
        raise UnsupportedFormat(f"cannot tell the format of {path.name!r} from its extension; known: "
                                f"{', '.join(sorted(by_suffix))} (or pass --format)", location=str(path))
    return found


def sniff_media_type(data: bytes) -> str:
    """The format of pasted text, from its first characters: JSON-LD (`{` with "@context"), plain
    JSON (`{`, `[`), RDF/XML (`<` with rdf:RDF), NL-LOM or other XML (`<`), else Turtle (which
    N-Triples also is)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if head.startswith((b"{", b"[")):
        return "application/ld+json" if b'"@context"' in data[:65536] else JSON_MEDIA_TYPE
    if head.startswith(b"<") and not head.startswith((b"<http", b"<urn:", b"<mailto:", b"<#", b"<>")):
        return "application/rdf+xml" if b"rdf:RDF" in head or b"/22-rdf-syntax-ns#" in head and b"RDF" in head else "application/xml"
    return "text/turtle"


def parse_document(data: bytes, media_type: str, profile: Profile, base_iri: str | None = None) -> list[Triple]:
    """The triples of `data`; RdfSyntaxError / InvalidInput with line and column when it does not parse."""
    kind = media_type_of(media_type)
    base = base_iri or DEFAULT_BASE
    if not data.strip():
        raise InvalidInput("the document is empty", location="body")
    if kind == JSON_MEDIA_TYPE:
        return _parse_json_ld(_with_context(data, profile), base)
    if kind == "application/ld+json":
        return _parse_json_ld(_with_context(data, profile, plain=False), base)
    if kind in XML_MEDIA_TYPES:
        from registry.metadata.nl_lom import (
            read_nl_lom,  # XML is NL-LOM: the one XML format a profile reads
        )

        return read_nl_lom(data)
    rdf_format = RDF_MEDIA_TYPES.get(kind)
    if rdf_format is None:
        raise UnsupportedFormat(
            f"cannot validate {kind or 'a body without Content-Type'}; send one of: {', '.join(ACCEPTED_MEDIA_TYPES)}",
            location="Content-Type",
        )
    return _parse_rdf(data, rdf_format, base)


def _parse_rdf(data: bytes, rdf_format: RdfFormat, base: str) -> list[Triple]:
    check_rdf_input(data, {RdfFormat.RDF_XML: "rdfxml", RdfFormat.JSON_LD: "jsonld"}.get(rdf_format, ""))
    try:
        return [q.triple if hasattr(q, "triple") else q for q in pyoxigraph.parse(data, format=rdf_format, base_iri=base)]
    except SyntaxError as error:
        line, column = getattr(error, "lineno", None), getattr(error, "offset", None)
        where = f"line {line}, column {column}" if line else "body"
        raise RdfSyntaxError(f"the {rdf_format.name} document does not parse: {error.msg if hasattr(error, 'msg') else error}",
                             location=where) from None
    except ValueError as error:  # e.g. an IRI that does not resolve against the base
        raise InvalidInput(f"the {rdf_format.name} document has an invalid IRI: {error}", location="body") from None


def _parse_json_ld(document: dict | list, base: str) -> list[Triple]:
    return _parse_rdf(json.dumps(document).encode("utf-8"), RdfFormat.JSON_LD, base)


def _with_context(data: bytes, profile: Profile, plain: bool = True) -> dict | list:
    """The JSON document with the profile's context inlined: added when missing (plain JSON), or
    put in place of a reference to the published context."""
    check_json_depth(data)
    try:
        document = json.loads(data)
    except UnicodeDecodeError as error:
        raise InvalidInput(f"the JSON document is not UTF-8: {error.reason}", location=f"byte {error.start}") from None
    except json.JSONDecodeError as error:
        raise RdfSyntaxError(f"the JSON document does not parse: {error.msg}",
                             location=f"line {error.lineno}, column {error.colno}") from None
    context = _bundled_context(profile)
    records = document if isinstance(document, list) else [document]
    if not all(isinstance(r, dict) for r in records):
        raise InvalidInput("a JSON document must be an object, or a list of objects", location="line 1, column 1")
    for number, record in enumerate(records, start=1):
        given = record.get("@context")
        if given is None:
            if not plain:
                continue  # JSON-LD in expanded form needs no context
            if context is None:
                raise InvalidInput(
                    f"profile {profile.name!r} has no JSON-LD context: send RDF (Turtle, JSON-LD with @context, RDF/XML)",
                    location="Content-Type",
                )
            if profile.record_class is not None:
                _name_plain_record(record, number, profile.record_class)
            record["@context"] = context
        elif isinstance(given, str) and context is not None and profile.context is not None and given.endswith("/" + profile.context.name):
            record["@context"] = context
        elif _remote(given):
            raise InvalidInput(
                f"the @context {given!r} is not loaded from the web; inline it, or use the published context "
                f"({profile.context_url_path or 'none for this profile'})",
                location="@context",
            )
    return document


def _name_plain_record(record: dict, number: int, record_class: str) -> None:
    """A plain JSON record is a record of the profile's kind; without an id it is named by its
    position (`#record-1`, relative to the base), so that findings can say which record."""
    if not any(key in record for key in ("type", "@type")):
        record["@type"] = record_class
    if not any(key in record for key in ("id", "@id")):
        record["@id"] = f"#record-{number}"


def _remote(context: object) -> bool:
    if isinstance(context, str):
        return True
    if isinstance(context, list):
        return any(isinstance(c, str) for c in context)
    return False


def _bundled_context(profile: Profile) -> dict | None:
    if profile.context is None:
        return None
    return copy.deepcopy(_read_context(profile.context, profile.context.stat().st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _read_context(path: Path, version: int) -> dict:
    """The context file's @context, read once per file version."""
    return json.loads(path.read_text(encoding="utf-8"))["@context"]
