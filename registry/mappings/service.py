"""What may be done with mapping sets and by whom: create a set, propose mappings, accept or
reject them, comment, read. Every change is ONE SPARQL update (atomic in the store) made under
the catalogue's write lock, then recorded in the audit trail."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode

from registry.audit import SYSTEM_AGENT, record_audit
from registry.auth import Principal, Role, require_principal
from registry.catalogue import Catalogue, VocabularyRecord
from registry.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    UnknownReference,
)
from registry.input_bounds import excerpt
from registry.loading import WriteLock
from registry.mappings import rdf
from registry.mappings.labels import concept_labels
from registry.mappings.layout import MAPPINGS_GRAPH, M, mapping_iri, mapping_set_iri
from registry.mappings.model import (
    Comment,
    Mapping,
    MappingSet,
    NewMapping,
    Status,
    check_confidence,
    justification_iri,
    predicate_iri,
)
from registry.namespaces import RDF_TYPE, Skos
from registry.organisations import get_organisation
from registry.store import Store

SET_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAPPING_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_TEXT = 10_000

#: who acts for the local command line (`eduvoc mappings import` on a local store)
SYSTEM_PRINCIPAL = Principal(subject=SYSTEM_AGENT, organisation="system", role=Role.ADMIN)


def now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------- reading


def list_mapping_sets(store: Store, catalogue: Catalogue) -> list[MappingSet]:
    return [_resolve(catalogue, fields, counts) for fields, counts in rdf.read_sets(store)]


def get_mapping_set(store: Store, catalogue: Catalogue, set_id: str) -> MappingSet:
    if not SET_ID.fullmatch(set_id):  # not an id we could have made: not found (and never a bad IRI)
        raise NotFound(f"no mapping set {excerpt(repr(set_id), 80)}")
    found = rdf.read_sets(store, set_id)
    if not found:
        raise NotFound(f"no mapping set {set_id!r}")
    return _resolve(catalogue, *found[0])


def list_mappings(store: Store, set_id: str, status: Status | None = None) -> list[Mapping]:
    mappings = rdf.read_mappings(store, set_id=set_id)
    return [m for m in mappings if status is None or m.status is status]


def get_mapping(store: Store, mapping_id: str) -> Mapping:
    found = rdf.read_mappings(store, mapping_id=mapping_id) if MAPPING_ID.fullmatch(mapping_id) else []
    if not found:
        raise NotFound(f"no mapping {mapping_id!r}")
    return found[0]


def mappings_of_concept(store: Store, concept: str) -> list[Mapping]:
    """Every mapping (any status, any set) with `concept` as subject or object."""
    return rdf.read_mappings(store, concept=concept)


@dataclass(frozen=True)
class LabelledMappings:
    mappings: list[Mapping]
    labels: dict[str, dict[str, str]]  # IRI -> {language: prefLabel}


def labelled_mappings_of_concept(store: Store, catalogue: Catalogue, concept: str) -> LabelledMappings:
    """`mappings_of_concept` with the labels of the concepts on both sides (for the concept page)."""
    mappings = mappings_of_concept(store, concept)
    return LabelledMappings(mappings, concept_labels(store, catalogue, [m.subject for m in mappings] + [m.object for m in mappings]))


def _resolve(catalogue: Catalogue, fields: dict, counts: dict[str, int]) -> MappingSet:
    def slug(scheme: str) -> str:
        record = catalogue.vocabulary_of_scheme(scheme)
        return record.slug if record is not None else scheme

    return MappingSet(source=slug(fields["source_scheme"]), target=slug(fields["target_scheme"]), counts=counts, **fields)


# ---------------------------------------------------------------- checks


def vocabulary_ref(catalogue: Catalogue, ref: str, location: str) -> VocabularyRecord:
    """A registered vocabulary by id or scheme IRI."""
    try:
        return catalogue.vocabulary(ref)
    except NotFound:
        record = catalogue.vocabulary_of_scheme(ref)
        if record is None:
            raise UnknownReference(f"no vocabulary {ref!r} is registered (give its id or scheme IRI)", location=location) from None
        return record


def unknown_concepts(store: Store, record: VocabularyRecord, iris: Sequence[str]) -> set[str]:
    """Those of `iris` that are not a concept of `record`'s current release (one index lookup
    each: cheaper than parsing and joining a VALUES block of thousands of IRIs)."""
    graph = NamedNode(record.graph)
    unknown = set()
    for iri in set(iris):
        try:
            node = NamedNode(iri)
        except ValueError:
            unknown.add(iri)  # not an IRI at all
            continue
        if not store.quads(node, RDF_TYPE, Skos.Concept, graph):
            unknown.add(iri)
    return unknown


def check_concepts(
    store: Store,
    mapping_set: MappingSet,
    pairs: Sequence[tuple[str, str, str]],
    catalogue: Catalogue,
    columns: tuple[str, str] = (".subject", ".object"),
) -> None:
    """Every subject is a concept of the set's source and every object one of its target;
    otherwise UnknownReference (422) naming the first unknown concept and where it is
    (`location` of its pair + the column suffix)."""
    source = vocabulary_ref(catalogue, mapping_set.source_scheme, "source")
    target = vocabulary_ref(catalogue, mapping_set.target_scheme, "target")
    unknown_subjects = unknown_concepts(store, source, [s for _, s, _ in pairs])
    unknown_objects = unknown_concepts(store, target, [o for _, _, o in pairs])
    for location, subject, obj in pairs:
        for iri, unknown, record, side, column in ((subject, unknown_subjects, source, "source", columns[0]),
                                                   (obj, unknown_objects, target, "target", columns[1])):
            if iri in unknown:
                where = location + column
                raise UnknownReference(f"{where}: {iri} is not a concept of the {side} vocabulary {record.slug!r}", location=where)


def check_text(text: str | None, location: str, required: bool = False) -> str | None:
    if text is None or not text.strip():
        if required:
            raise InvalidInput(f"{location} must not be empty", location=location)
        return None
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"{location} is longer than {MAX_TEXT} characters", location=location)
    return text.strip()


def check_iri(text: str, location: str) -> str:
    try:
        NamedNode(text)
    except ValueError as error:
        raise InvalidInput(f"{text!r} is not a valid IRI: {error}", location=location) from None
    if ":" not in text:
        raise InvalidInput(f"{text!r} is not an absolute IRI", location=location)
    return text


# ---------------------------------------------------------------- writing


def create_mapping_set(
    store: Store,
    catalogue: Catalogue,
    principal: Principal | None,
    *,
    set_id: str,
    source: str,
    target: str,
    title: str,
    description: str | None = None,
    license: str | None = None,
    owner: str | None = None,
) -> MappingSet:
    """A new, empty set owned by the principal's organisation (an admin may name another owner)."""
    principal = require_principal(principal)
    if not SET_ID.fullmatch(set_id):
        raise InvalidInput(f"{set_id!r} is not a valid mapping set id: 1-64 lower-case letters, digits, hyphens", location="id")
    owner = owner or principal.organisation
    if owner != principal.organisation and not principal.is_admin:
        raise Forbidden(f"organisation {principal.organisation!r} may not create a mapping set owned by {owner!r}")
    if principal.subject != SYSTEM_AGENT:
        try:
            get_organisation(store, owner)
        except NotFound:
            raise UnknownReference(f"no organisation {owner!r}", location="owner") from None
    source_record = vocabulary_ref(catalogue, source, "source")
    target_record = vocabulary_ref(catalogue, target, "target")
    when = now()
    mapping_set = MappingSet(
        id=set_id,
        iri=mapping_set_iri(set_id).value,
        source=source_record.slug,
        source_scheme=source_record.scheme,
        target=target_record.slug,
        target_scheme=target_record.scheme,
        owner=owner,
        title=check_text(title, "title", required=True) or "",
        description=check_text(description, "description"),
        license=check_iri(license, "license") if license else None,
        creator=principal.subject,
        created=when,
        modified=when,
    )
    with WriteLock(catalogue):
        if rdf.read_sets(store, set_id):
            raise Conflict(f"mapping set {set_id!r} already exists")
        store.update(rdf.insert_data(rdf.set_statements(mapping_set)))
    record_audit(store, principal, "create-mapping-set", organisation=owner, graph=MAPPINGS_GRAPH.value, comment=f"mapping set {set_id}")
    return mapping_set


def new_mapping_records(
    mapping_set: MappingSet, mappings: Sequence[NewMapping], principal: Principal, when: datetime
) -> list[Mapping]:
    """Validated Mapping records (status proposed) for `mappings`, locations `mappings[i]`."""
    records = []
    for i, new in enumerate(mappings):
        where = f"mappings[{i}]"
        comment = check_text(new.comment, f"{where}.comment")
        records.append(
            Mapping(
                id=uuid.uuid4().hex,
                set_id=mapping_set.id,
                subject=check_iri(new.subject, f"{where}.subject"),
                predicate=predicate_iri(new.predicate, f"{where}.predicate"),
                object=check_iri(new.object, f"{where}.object"),
                justification=justification_iri(new.justification, f"{where}.justification"),
                status=Status.PROPOSED,
                confidence=check_confidence(new.confidence, f"{where}.confidence"),
                author=(principal.subject,),
                organisation=principal.organisation,
                date=when.date(),
                comment=comment,
            )
        )
    return records


def propose_mappings(
    store: Store, catalogue: Catalogue, set_id: str, mappings: list[NewMapping], principal: Principal | None
) -> list[str]:
    """Add `mappings` to the set as proposals (any authenticated organisation may propose) and
    return their ids, in order. All or nothing: an unknown concept (UnknownReference, 422), a bad
    value (InvalidInput, 400) or a triple the set already holds (Conflict, 409) writes nothing."""
    principal = require_principal(principal)
    if not mappings:
        raise InvalidInput("no mappings to propose", location="mappings")
    mapping_set = get_mapping_set(store, catalogue, set_id)
    when = now()
    records = new_mapping_records(mapping_set, mappings, principal, when)
    check_concepts(store, mapping_set, [(f"mappings[{i}]", r.subject, r.object) for i, r in enumerate(records)], catalogue)
    seen: dict[tuple[str, str, str], int] = {}
    for i, r in enumerate(records):
        key = (r.subject, r.predicate, r.object)
        if key in seen:
            raise InvalidInput(f"mappings[{i}] repeats mappings[{seen[key]}]", location=f"mappings[{i}]")
        seen[key] = i
    with WriteLock(catalogue):
        existing = {(m.subject, m.predicate, m.object): m for m in rdf.read_mappings(store, set_id=set_id)}
        for i, r in enumerate(records):
            if (r.subject, r.predicate, r.object) in existing:
                other = existing[(r.subject, r.predicate, r.object)]
                raise Conflict(f"mappings[{i}]: the set already has this mapping ({other.id}, {other.status.value})")
        statements = [s for r in records for s in rdf.mapping_statements(r)]
        store.update(_touch(set_id, when) + " " + rdf.insert_data(statements))
    record_audit(
        store, principal, "propose-mappings", organisation=principal.organisation, graph=MAPPINGS_GRAPH.value,
        triples=len(statements), comment=f"mapping set {set_id}: {len(records)} proposed",
    )
    return [r.id for r in records]


def review_mapping(
    store: Store, catalogue: Catalogue, mapping_id: str, status: Status, principal: Principal | None, comment: str | None = None
) -> Mapping:
    """Accept or reject a mapping (the set's owner organisation, or an admin). A rejection needs a
    comment. Accepting puts `<s> skos:…Match <o>` in the public SKOS graph; rejecting takes it
    out unless another accepted mapping states the same triple — in the same update."""
    if status is Status.PROPOSED:
        raise InvalidInput("a mapping can be accepted or rejected, not proposed again", location="status")
    principal = require_principal(principal)
    text = check_text(comment, "comment", required=status is Status.REJECTED)
    with WriteLock(catalogue):
        mapping = get_mapping(store, mapping_id)
        owner = get_mapping_set(store, catalogue, mapping.set_id).owner
        if not principal.is_admin and principal.organisation != owner:
            raise Forbidden(f"only editors of {owner!r} may accept or reject mappings of set {mapping.set_id!r}")
        if mapping.status is status:
            raise Conflict(f"mapping {mapping_id} is already {status.value}")
        when = now()
        iri = mapping_iri(mapping_id)
        statements = [
            (iri, M.status, Literal(status.value)),
            (iri, M.reviewed, rdf.timestamp(when)),
            (iri, M.reviewer, NamedNode(principal.subject)),
        ]
        if text:
            note = Comment(principal.subject, when, text, principal.organisation)
            statements += rdf.comment_statements(iri, NamedNode(f"{iri.value}/comment/{len(mapping.comments) + 1}"), note)
        store.update(
            rdf.replace_values(iri, [M.status, M.reviewed, M.reviewer])
            + " " + _touch(mapping.set_id, when) + " " + rdf.insert_data(statements) + " ; "
            + rdf.rematerialise(mapping.subject, mapping.predicate, mapping.object)
        )
    record_audit(
        store, principal, f"{'accept' if status is Status.ACCEPTED else 'reject'}-mapping", organisation=owner,
        graph=MAPPINGS_GRAPH.value, comment=f"mapping {mapping_id} in set {mapping.set_id}" + (f": {text}" if text else ""),
    )
    return get_mapping(store, mapping_id)


def add_comment(store: Store, catalogue: Catalogue, mapping_id: str, principal: Principal | None, text: str) -> Mapping:
    """Any authenticated organisation may comment on any mapping."""
    principal = require_principal(principal)
    body = check_text(text, "text", required=True) or ""
    with WriteLock(catalogue):
        mapping = get_mapping(store, mapping_id)
        iri = mapping_iri(mapping_id)
        note = Comment(principal.subject, now(), body, principal.organisation)
        statements = rdf.comment_statements(iri, NamedNode(f"{iri.value}/comment/{len(mapping.comments) + 1}"), note)
        store.update(_touch(mapping.set_id, note.date) + " " + rdf.insert_data(statements))
    record_audit(store, principal, "comment-mapping", graph=MAPPINGS_GRAPH.value, comment=f"mapping {mapping_id} in set {mapping.set_id}")
    return get_mapping(store, mapping_id)


def _touch(set_id: str, when: datetime) -> str:
    """Update operations setting the set's dct:modified (ends with ';')."""
    iri = mapping_set_iri(set_id)
    return rdf.replace_values(iri, [M.modified]) + " " + rdf.insert_data([(iri, M.modified, rdf.timestamp(when))]) + " ;"
