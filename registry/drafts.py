"""Drafts: the one editable, private version of a vocabulary. Replaced by upload, or started from
the latest release and edited concept by concept; publishing turns it into an immutable release.
Every change is one transaction (or a fresh graph plus one catalogue switch) and is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Protocol

from pyoxigraph import NamedNode, Quad

from registry import rdf_text
from registry.audit import audit_update, new_audit_record
from registry.auth import Principal, require_editor_of
from registry.catalogue import Catalogue, RecordState, Release
from registry.errors import Conflict, NotFound, QualityViolations
from registry.formats import Format
from registry.loading import (
    WriteLock,
    check_scheme_belongs,
    check_slug,
    check_version,
    drop_unlinked_graph,
    load_fresh_graph,
    new_graph,
    summarise,
    the_scheme,
)
from registry.namespaces import CATALOGUE_GRAPH, RDF_TYPE
from registry.ownership import check_ownership
from registry.records import GraphSummary, R, publish_release, release_iri, set_draft
from registry.store import Store


class QualityReport(Protocol):
    """What publishing needs from a quality check (see registry.quality)."""

    @property
    def blocks_publication(self) -> bool: ...


QualityCheck = Callable[[Store, NamedNode], QualityReport]


@dataclass(frozen=True)
class DraftReport:
    slug: str
    graph: str
    scheme: str
    summary: GraphSummary


def _owner_for_write(catalogue: Catalogue, slug: str, principal: Principal | None) -> tuple[str, Principal]:
    """Who owns `slug` (a new vocabulary belongs to the writer's organisation), checked."""
    state = catalogue.state(slug)
    owner = state.owner if state and state.owner else None
    if state is not None and owner is None:
        owner = "eduvoc"  # registered before ownership existed: only administrators may write it
    if owner is None:
        owner = (principal.organisation if principal else "")
    return owner, require_editor_of(principal, owner)


def require_may_edit(catalogue: Catalogue, slug: str, principal: Principal | None) -> Principal:
    """`principal` may write `slug` (a new id: any signed-in editor, for their own organisation)."""
    return _owner_for_write(catalogue, slug, principal)[1]


def draft_graph(catalogue: Catalogue, slug: str) -> NamedNode:
    state = catalogue.state(slug)
    if state is None or state.draft_graph is None:
        raise NotFound(f"vocabulary {slug!r} has no draft; upload one or start one from the latest release")
    return NamedNode(state.draft_graph)


def upload_draft(
    store: Store,
    catalogue: Catalogue,
    slug: str,
    source: Path | IO[bytes],
    rdf_format: Format,
    principal: Principal | None,
    *,
    source_name: str,
    base_iri: str | None = None,
    before_switch: Callable[[], None] | None = None,
) -> DraftReport:
    """Replace (or create) the draft of `slug` with the uploaded RDF; registers a new vocabulary,
    owned by the uploader's organisation, when `slug` is unknown."""
    check_slug(slug)
    owner, principal = _owner_for_write(catalogue, slug, principal)
    with WriteLock(catalogue):
        graph = new_graph(slug)
        try:
            load_fresh_graph(store, source, rdf_format, graph, base_iri, source_name)
            scheme = the_scheme(store, graph, source_name)
            check_scheme_belongs(catalogue, scheme, slug)
            check_ownership(store, catalogue, graph, scheme, slug)
            summary = summarise(store, graph)
            if before_switch is not None:
                before_switch()
            previous = catalogue.state(slug)
            audit = new_audit_record(principal, "upload-draft", organisation=owner, vocabulary=slug, graph=graph.value,
                                     triples=summary.triples, comment=f"uploaded {source_name}")
            set_draft(store, slug, scheme, owner, graph, source_name, also=audit_update(audit))
        except BaseException:
            store.drop_graph(graph)
            raise
        store.flush()
    if previous is not None and previous.draft_graph:
        drop_unlinked_graph(store, NamedNode(previous.draft_graph))  # off the lock: nobody points to it any more
    return DraftReport(slug, graph.value, scheme.value, summary)


def start_draft(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None) -> DraftReport:
    """A new draft holding a copy of the latest release (any existing draft is replaced)."""
    owner, principal = _owner_for_write(catalogue, slug, principal)
    record = catalogue.vocabulary(slug)
    latest = record.release("latest")
    with WriteLock(catalogue):
        graph = new_graph(slug)
        try:
            store.copy_graph(NamedNode(latest.graph), graph)
            previous = catalogue.state(slug)
            audit = new_audit_record(principal, "start-draft", organisation=owner, vocabulary=slug, graph=graph.value,
                                     triples=store.count(graph), comment=f"from release {latest.version}")
            set_draft(store, slug, NamedNode(record.scheme), owner, graph, f"release {latest.version}", also=audit_update(audit))
        except BaseException:
            store.drop_graph(graph)
            raise
    if previous is not None and previous.draft_graph:
        drop_unlinked_graph(store, NamedNode(previous.draft_graph))
    summary = summarise(store, graph)
    return DraftReport(slug, graph.value, record.scheme, summary)


def discard_draft(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None) -> None:
    owner, principal = _owner_for_write(catalogue, slug, principal)
    graph = draft_graph(catalogue, slug)
    state = catalogue.state(slug)
    assert state is not None
    with WriteLock(catalogue):
        if (now := catalogue.state(slug)) is None or now.draft_graph != graph.value:  # gone meanwhile: replaced too
            raise Conflict(f"the draft of {slug!r} was replaced or published meanwhile; nothing was discarded")
        audit = new_audit_record(principal, "discard-draft", organisation=owner, vocabulary=slug, graph=graph.value)
        set_draft(store, slug, NamedNode(state.scheme), owner, None, None, also=audit_update(audit))
    drop_unlinked_graph(store, graph)  # off the lock: a large draft takes minutes to drop


def publish_draft(
    store: Store,
    catalogue: Catalogue,
    slug: str,
    principal: Principal | None,
    version: str,
    change_note: str,
    check: QualityCheck | None,
    before_switch: Callable[[], None] | None = None,
) -> Release:
    """Release the draft as `version` once it passes the quality check (violations block it). The
    catalogue switch and its audit record are one SPARQL update. `before_switch`: tests inject failures."""
    owner, principal = _owner_for_write(catalogue, slug, principal)
    check_version(version)
    state = _publishable(store, catalogue, slug, version)
    assert state.draft_graph is not None  # _publishable refuses a record without a draft
    graph = NamedNode(state.draft_graph)
    if check is not None:
        report = check(store, graph)
        if report.blocks_publication:
            raise QualityViolations(f"the draft of {slug!r} has quality violations; fix them before publishing", report)
    with WriteLock(catalogue):
        if _publishable(store, catalogue, slug, version).draft_graph != graph.value:  # another write came first
            raise Conflict(f"the draft of {slug!r} was replaced or published while this publication was checked; try again")
        check_ownership(store, catalogue, graph, NamedNode(state.scheme), slug)  # under the lock: no claim lands meanwhile
        summary = summarise(store, graph)
        audit = new_audit_record(principal, "publish", organisation=owner, vocabulary=slug, graph=graph.value,
                                 triples=summary.triples, comment=f"release {version}: {change_note}")
        if before_switch is not None:
            before_switch()
        publish_release(store, slug, NamedNode(state.scheme), owner, graph, version, change_note or None,
                        summary, state.draft_source, datetime.now(UTC), clear_draft=True, also=audit_update(audit))
        store.flush()
    catalogue.written()
    return catalogue.vocabulary(slug).release(version)


def _publishable(store: Store, catalogue: Catalogue, slug: str, version: str) -> RecordState:
    """The record of `slug`, read from the store, which must have a draft and no release `version`.
    An unknown vocabulary is NotFound; a missing draft or a taken version is a Conflict (typically
    a concurrent publication that came first)."""
    state = catalogue.state(slug)
    if state is None:
        raise NotFound(f"no vocabulary {slug!r} is registered")
    if store.quads(release_iri(slug, version), RDF_TYPE, R.Release, CATALOGUE_GRAPH):
        raise Conflict(f"vocabulary {slug!r} already has a release {version!r}; releases are immutable")
    if state.draft_graph is None:
        raise Conflict(f"vocabulary {slug!r} has no draft to publish (was it just published?); upload or start one")
    return state


def apply_to_draft(
    store: Store,
    catalogue: Catalogue,
    slug: str,
    principal: Principal | None,
    action: str,
    removals: list[Quad],
    additions: list[Quad],
    comment: str,
) -> None:
    """Remove and add statements in the draft graph in one transaction, and audit it."""
    owner, principal = _owner_for_write(catalogue, slug, principal)
    graph = draft_graph(catalogue, slug)
    if any(q.graph_name != graph for q in removals + additions):
        raise ValueError("edits must target the draft graph")
    deletes = rdf_text.quad_statements(removals)
    inserts = rdf_text.quad_statements(additions)
    audit = new_audit_record(principal, action, organisation=owner, vocabulary=slug, graph=graph.value,
                             triples=len(removals) + len(additions), comment=comment)
    with WriteLock(catalogue):
        if (now := catalogue.state(slug)) is None or now.draft_graph != graph.value:  # gone meanwhile: replaced too
            raise Conflict(f"the draft of {slug!r} was replaced or published meanwhile; the edit was not applied")
        store.update(f"DELETE DATA {{ GRAPH {graph} {{ {deletes} }} }} ; INSERT DATA {{ GRAPH {graph} {{ {inserts} }} }}"
                     + audit_update(audit))
