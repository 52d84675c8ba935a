"""Loading RDF into the registry atomically.

Every load goes into a fresh named graph (bulk loading is fast but not transactional — which is
why the graph is fresh), is checked and summarised, and only then becomes a draft or a release
by one small transactional update of the catalogue (`registry.records`). Whatever fails before
that switch leaves everything as it was; the fresh graph is dropped (and a graph orphaned by a
crash is dropped by `collect_orphan_graphs`).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from pyoxigraph import NamedNode, Variable

from registry.audit import audit_update, new_audit_record
from registry.catalogue import Catalogue, VocabularyRecord
from registry.errors import Conflict, InvalidInput, NotFound, RdfSyntaxError
from registry.formats import Format, format_named
from registry.input_bounds import check_literal_lengths, check_rdf_input, excerpt
from registry.namespaces import CATALOGUE_GRAPH, EDUVOC_BASE, ONTOLOGY_SLUG, VERSION_GRAPH_PREFIX, version_graph
from registry.organisations import ensure_organisation
from registry.ownership import check_ownership
from registry.queries import named_query
from registry.records import GraphSummary, publish_release
from registry.skos_entailment import materialise
from registry.store import Store

SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # whole string (fullmatch): `$` would let "x\n" through
#: a release version: ASCII letters, digits and . - _ +, so that it is one path segment of the
#: release IRI and one cell of any export (no `/`, no space, no newline, no other script)
VERSION_SYNTAX = r"^[0-9A-Za-z][0-9A-Za-z.\-_+]{0,63}$"
VERSION_PATTERN = re.compile(VERSION_SYNTAX.removeprefix("^").removesuffix("$"))
ONTOLOGY_IRI = "https://w3id.org/eduvoc/def/"
WRITE_WAIT_SECONDS = 60.0
#: formats whose parser must not see a document unchecked (entity expansion, deep nesting)
GUARDED_FORMATS = frozenset({"rdfxml", "jsonld"})
LONGEST_LITERAL = "SELECT (MAX(STRLEN(?o)) AS ?longest) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadReport:
    slug: str
    scheme: str
    graph: str
    triples: int
    concepts: int
    replaced_graph: str | None
    version: str | None = None
    unchanged: bool = False


def check_slug(slug: str) -> str:
    if not SLUG_PATTERN.fullmatch(slug):
        raise InvalidInput(
            f"{slug!r} is not a valid vocabulary identifier: use 1-64 lower-case letters, digits and hyphens",
            location="slug",
        )
    return slug


def check_version(version: str) -> str:
    if not VERSION_PATTERN.fullmatch(version):
        raise InvalidInput(f"{excerpt(repr(version), 80)} is not a valid version: 1-64 ASCII letters, digits, '.', '-', '_' "
                           "or '+', starting with a letter or digit", location="version")
    return version


def version_from_declared(declared: str | None) -> str | None:
    """A release version from a file's owl:versionInfo, which is free text ("2025.1 (498320f…)",
    "adlnet/xapi@2381…"): kept when it is a valid version, else its runs of other characters
    become one "-" (cut to 64 characters); None when nothing is left."""
    if declared is None or VERSION_PATTERN.fullmatch(declared):
        return declared
    cleaned = re.sub(r"[^0-9A-Za-z.\-_+]+", "-", declared).strip("-._+")[:64].rstrip("-._+")
    return cleaned if cleaned and VERSION_PATTERN.fullmatch(cleaned) else None


class WriteLock:
    """Context manager over the catalogue's write lock: writes are serialised; one that cannot get
    its turn within a minute is refused with Conflict (HTTP 409) rather than queued forever."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._lock = catalogue.write_lock

    def __enter__(self) -> None:
        if not self._lock.acquire(timeout=WRITE_WAIT_SECONDS):
            raise Conflict("another write to the registry is in progress; try again")

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def new_graph(slug: str) -> NamedNode:
    return version_graph(slug, datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8])


def load_fresh_graph(store: Store, source: Path | IO[bytes], rdf_format: Format, graph: NamedNode, base_iri: str | None, name: str) -> None:
    """Bulk-load into `graph` (which must be new), turning parser errors into InvalidInput with
    file:line:column, then add the SKOS statements that follow (`registry.skos_entailment`).
    The caller drops the graph on failure. RDF/XML and JSON-LD are checked first (no DTD, bounded
    nesting: registry/input_bounds.py); so is every literal's length after."""
    if rdf_format.name in GUARDED_FORMATS:
        data = source.read_bytes() if isinstance(source, Path) else source.read()
        check_rdf_input(data, rdf_format.name, name)
        source = io.BytesIO(data)
    try:
        store.bulk_load(source, rdf_format, graph, base_iri)
    except SyntaxError as error:
        line = getattr(error, "lineno", None)
        column = getattr(error, "offset", None)
        where = name + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        raise RdfSyntaxError(f"{where}: not valid {rdf_format.name}: {error.msg}", location=where, file=name,
                             line=line or None, column=column if line and column else None) from None
    except ValueError as error:  # e.g. a relative IRI without a base
        raise InvalidInput(f"{name}: {error}", location=name) from None
    except FileNotFoundError:
        raise InvalidInput(f"{name}: no such file", location=name) from None
    longest = next(iter(store.query(LONGEST_LITERAL, default_graph=[graph])))["longest"]
    check_literal_lengths(int(longest.value) if longest is not None else 0, name)
    materialise(store, graph)


def the_scheme(store: Store, graph: NamedNode, name: str) -> NamedNode:
    """The one skos:ConceptScheme a vocabulary graph must declare."""
    schemes = [row["scheme"] for row in store.query(named_query("schemes_in_graph"), default_graph=[graph])]
    if len(schemes) != 1:
        found = ", ".join(s.value for s in schemes) or "none"
        raise InvalidInput(f"{name}: a vocabulary file must declare exactly one skos:ConceptScheme (found: {found})", location=name)
    if not isinstance(schemes[0], NamedNode):
        raise InvalidInput(f"{name}: the skos:ConceptScheme must have an IRI, not a blank node", location=name)
    return schemes[0]


def check_scheme_belongs(catalogue: Catalogue, scheme: NamedNode, slug: str) -> None:
    """A scheme is registered under one id only, and an id keeps its scheme."""
    existing = catalogue.vocabulary_of_scheme(scheme.value)
    if existing is not None and existing.slug != slug:
        raise Conflict(f"scheme {scheme.value} is already registered as vocabulary {existing.slug!r}")
    state = catalogue.state(slug)
    if state is not None and state.scheme != scheme.value:
        raise Conflict(f"vocabulary {slug!r} is the scheme {state.scheme}; this file declares {scheme.value}")


class _Digest:
    """A binary sink that only hashes what is written to it."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return len(data)

    def flush(self) -> None:
        pass


def summarise(store: Store, graph: NamedNode) -> GraphSummary:
    """Counts, label languages and a content hash of one graph.

    The hash is SHA-256 over the graph serialised as N-Triples by the store itself, in the store's
    index order: the same content gives the same hash in this store (blank nodes excepted, which
    get fresh ids on every load), at native speed rather than formatting every triple in Python.
    """
    row = next(iter(store.query(named_query("graph_counts"), default_graph=[graph])))
    languages = tuple(
        r["language"].value for r in store.query(named_query("label_languages"), default_graph=[graph]) if r["language"].value
    )
    digest = _Digest()
    store.serialize(digest, format_named("ntriples"), [graph])
    return GraphSummary(
        concepts=int(row["concepts"].value),
        collections=int(row["collections"].value),
        deprecated_concepts=int(row["deprecatedConcepts"].value),
        triples=store.count(graph),
        languages=languages,
        content_hash=digest.hash.hexdigest(),
    )


def declared_version(store: Store, graph: NamedNode, scheme: NamedNode) -> str | None:
    """The scheme's own owl:versionInfo, if it has one."""
    query = "SELECT ?scheme ?version WHERE { ?scheme <http://www.w3.org/2002/07/owl#versionInfo> ?version }"
    for row in store.query(query, substitutions={Variable("scheme"): scheme}, default_graph=[graph]):
        return row["version"].value
    return None


def publisher_organisation(store: Store, graph: NamedNode, scheme: NamedNode) -> str | None:
    """The registered organisation for the scheme's dct:publisher when that is an eduvoc
    organisation IRI (the bundled files' publishers), registering it on first sight."""
    query = """PREFIX dct: <http://purl.org/dc/terms/>
    PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    SELECT ?scheme ?publisher ?name WHERE { ?scheme dct:publisher ?publisher . OPTIONAL { ?publisher foaf:name ?name } }"""
    for row in list(store.query(query, substitutions={Variable("scheme"): scheme}, default_graph=[graph])):
        iri = row["publisher"].value
        prefix = EDUVOC_BASE + "org/"
        if iri.startswith(prefix) and SLUG_PATTERN.fullmatch(iri[len(prefix):]):
            slug = iri[len(prefix):]
            ensure_organisation(store, slug, row["name"].value if row["name"] is not None else slug)
            return slug
    return None


def register_vocabulary(
    store: Store,
    catalogue: Catalogue,
    source: Path | IO[bytes],
    rdf_format: Format,
    *,
    slug: str,
    source_name: str,
    base_iri: str | None = None,
    owner: str | None = None,
    version: str | None = None,
    change_note: str | None = None,
    before_switch: Callable[[], None] | None = None,
) -> LoadReport:
    """Import `source` straight as a new release of `slug` and make it current (the bundled set
    and `eduvoc load` work this way; editors go through a draft instead).

    The version is `version`, else the scheme's owl:versionInfo, else "1". Importing content
    identical to the latest release changes nothing; different content under a version that is
    already released gets the next free `<version>.rN`. `before_switch` runs just before the
    catalogue switch; tests use it to inject a failure half-way.
    """
    check_slug(slug)
    with WriteLock(catalogue):
        graph = new_graph(slug)
        try:
            load_fresh_graph(store, source, rdf_format, graph, base_iri, source_name)
            scheme = the_scheme(store, graph, source_name) if slug != ONTOLOGY_SLUG else NamedNode(ONTOLOGY_IRI)
            check_scheme_belongs(catalogue, scheme, slug)
            if slug != ONTOLOGY_SLUG:  # the ontology defines terms, it has no concepts to own
                check_ownership(store, catalogue, graph, scheme, slug)
            summary = summarise(store, graph)
            previous = _current(catalogue, slug)
            latest = previous.releases[-1] if previous and previous.releases else None
            if latest is not None and latest.content_hash == summary.content_hash:
                store.drop_graph(graph)
                return LoadReport(slug, scheme.value, latest.graph, summary.triples, summary.concepts, None, latest.version, unchanged=True)
            chosen = _free_version(previous, check_version(version or version_from_declared(declared_version(store, graph, scheme)) or "1"))
            if before_switch is not None:
                before_switch()
            state = catalogue.state(slug)
            owner = owner or (state.owner if state else None) or publisher_organisation(store, graph, scheme)
            audit = new_audit_record(None, "load", organisation=owner, vocabulary=slug, graph=graph.value,
                                     triples=summary.triples, comment=f"version {chosen} from {source_name}")
            publish_release(
                store, slug, scheme, owner, graph, chosen, change_note,
                summary, source_name, datetime.now(UTC), clear_draft=False, also=audit_update(audit),
            )
        except BaseException:
            store.drop_graph(graph)
            catalogue.refresh()
            raise
        store.flush()
    catalogue.written()
    return LoadReport(slug, scheme.value, graph.value, summary.triples, summary.concepts, previous.graph if previous else None, chosen)


def _current(catalogue: Catalogue, slug: str) -> VocabularyRecord | None:
    try:
        return catalogue.vocabulary(slug)
    except NotFound:  # not released yet
        return None


def _free_version(record: VocabularyRecord | None, wanted: str) -> str:
    taken = {r.version for r in record.releases} if record else set()
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}.r{n}" in taken:
        n += 1
    return f"{wanted}.r{n}"


def collect_orphan_graphs(store: Store, catalogue: Catalogue, background: bool = False) -> list[str]:
    """Drop version graphs no catalogue record points to (left by a crash mid-load, or by a drop
    that a stop interrupted). They are found under the write lock (a load in progress holds it, so
    its fresh graph is never taken for an orphan) and dropped after it, in the background when
    `background` (a large one takes minutes; `serve` must not wait for it)."""
    with WriteLock(catalogue):
        referenced = {row["graph"] for row in store.query(named_query("graph_references"), default_graph=[CATALOGUE_GRAPH])}
        orphans = [g for g in store.named_graphs() if g.value.startswith(VERSION_GRAPH_PREFIX) and g not in referenced]
    for graph in orphans:
        if background:
            drop_unlinked_graph(store, graph)
        else:
            store.drop_graph(graph)
    return [g.value for g in orphans]


_DROPS: list[threading.Thread] = []


def drop_unlinked_graph(store: Store, graph: NamedNode) -> threading.Thread:
    """Drop `graph`, which the catalogue no longer points to, in a background thread: off the write
    lock, so a large draft (a 1M-triple graph takes minutes to drop) never holds up other writes.
    Nobody reads an unlinked graph; if the process stops first, `collect_orphan_graphs` finishes it."""
    thread = threading.Thread(target=_drop_quietly, args=(store, graph), name=f"drop {graph.value}", daemon=True)
    _DROPS[:] = [t for t in _DROPS if t.is_alive()] + [thread]
    thread.start()
    return thread


def wait_for_drops(timeout: float | None = None) -> None:
    """Wait for the background drops started so far (tests; a clean shutdown)."""
    for thread in list(_DROPS):
        thread.join(timeout)


def _drop_quietly(store: Store, graph: NamedNode) -> None:
    try:
        store.drop_graph(graph)
    except Exception:  # e.g. disk full, or the store closed at shutdown: the next start collects it
        logger.warning("could not drop the unlinked graph %s; it is collected at the next start", graph.value, exc_info=True)
