"""The RDF serialization formats the registry reads and writes: one table, looked up by name,
media type or file extension."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat

from registry.errors import UnsupportedFormat


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extensions: tuple[str, ...]
    oxigraph: RdfFormat
    graph_aware: bool = False  # carries named graphs (TriG, N-Quads)


FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", (".ttl",), RdfFormat.TURTLE),
    Format("ntriples", "application/n-triples", (".nt",), RdfFormat.N_TRIPLES),
    Format("jsonld", "application/ld+json", (".jsonld", ".json"), RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", (".rdf", ".owl", ".xml"), RdfFormat.RDF_XML),
    Format("trig", "application/trig", (".trig",), RdfFormat.TRIG, graph_aware=True),
    Format("nquads", "application/n-quads", (".nq",), RdfFormat.N_QUADS, graph_aware=True),
)

_BY_NAME = {f.name: f for f in FORMATS}
_BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS}
_BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}


def format_named(name: str) -> Format:
    """The format called `name` (e.g. "turtle") or its media type."""
    found = _BY_NAME.get(name.lower()) or _BY_MEDIA_TYPE.get(name.lower())
    if found is None:
        raise UnsupportedFormat(
            f"unknown RDF format {name!r}; known: {', '.join(_BY_NAME)}", location="format"
        )
    return found


def format_for_media_type(media_type: str) -> Format | None:
    return _BY_MEDIA_TYPE.get(media_type.split(";")[0].strip().lower())


def format_of_file(path: Path) -> Format:
    """The format a file's extension stands for."""
    found = _BY_EXTENSION.get(path.suffix.lower())
    if found is None:
        raise UnsupportedFormat(
            f"cannot tell the RDF format of {path.name!r} from its extension; "
            f"known extensions: {', '.join(sorted(_BY_EXTENSION))}",
            location=str(path),
        )
    return found
