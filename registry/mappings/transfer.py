"""A mapping set in and out: SSSOM TSV (and CSV) import and export, and the JSON form.

An import REPLACES the set's mappings with the file's rows in ONE SPARQL update, after every
row has been checked: a missing column or malformed cell is InvalidInput (400) naming row and
column, a concept outside the set's vocabularies is UnknownReference (422); either way nothing
is written. Exporting, importing and exporting again gives the same bytes (tests prove it).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time

from pyoxigraph import Literal, NamedNode

from registry.audit import record_audit
from registry.auth import Principal, require_principal
from registry.catalogue import Catalogue
from registry.errors import Conflict, Forbidden, InvalidInput, UnsupportedFormat
from registry.loading import WriteLock
from registry.mappings import rdf, sssom_tables
from registry.mappings.labels import concept_labels, pick
from registry.mappings.layout import MAPPING_BASE, MAPPINGS_GRAPH, M, mapping_set_iri
from registry.mappings.model import (
    Comment,
    Mapping,
    MappingSet,
    Status,
    curie,
    justification_iri,
    predicate_iri,
)
from registry.mappings.service import (
    check_concepts,
    get_mapping_set,
    list_mappings,
    now,
)
from registry.mappings.sssom_tables import SssomRow, SssomTable
from registry.store import Store

#: format name -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "sssom": ("text/tab-separated-values; charset=utf-8", "sssom.tsv"),
    "csv": ("text/csv; charset=utf-8", "sssom.csv"),
    "json": ("application/json", "json"),
}
SEPARATORS = {"sssom": "\t", "tsv": "\t", "csv": ","}


@dataclass(frozen=True)
class ImportReport:
    set_id: str
    mappings: int
    by_status: dict[str, int]
    ignored_columns: list[str]
    replaced: int


# ---------------------------------------------------------------- export


def export_set(store: Store, catalogue: Catalogue, set_id: str, format_name: str) -> bytes:
    """The set in `format_name` (sssom = TSV with its metadata block, csv, json)."""
    mapping_set = get_mapping_set(store, catalogue, set_id)
    mappings = list_mappings(store, set_id)
    labels = concept_labels(store, catalogue, [m.subject for m in mappings] + [m.object for m in mappings])
    if format_name == "json":
        return json.dumps(set_json(mapping_set, mappings, labels), ensure_ascii=False, indent=2).encode("utf-8")
    if format_name not in ("sssom", "csv"):
        raise UnsupportedFormat(f"unknown mapping set format {format_name!r} (use sssom, csv or json)", location="format")
    iris = {mapping_set.creator, mapping_set.source_scheme, mapping_set.target_scheme}
    for m in mappings:
        iris.update((m.subject, m.predicate, m.object, m.justification, m.iri, *m.author, *m.reviewer))
    for slot in mapping_set.extensions:
        iris.update(i for i in (slot.property, slot.type_hint) if i)
    named = {
        mapping_set.source: mapping_set.source_scheme.rstrip("/#") + "/",
        mapping_set.target: mapping_set.target_scheme.rstrip("/#") + "/",
        "eduvoc-mapping": MAPPING_BASE,
    }
    import curies  # ~15 ms; only an export needs it

    converter = curies.Converter.from_prefix_map(sssom_tables.prefix_map(iris, named))
    compress = lambda iri: converter.compress(iri) or iri  # noqa: E731 - an IRI no prefix covers stays whole
    metadata = {
        "mapping_set_id": mapping_set.iri,
        "mapping_set_title": mapping_set.title,
        "license": mapping_set.license or sssom_tables.UNSPECIFIED_LICENSE,
        "creator_id": [compress(mapping_set.creator)],
        "subject_source": compress(mapping_set.source_scheme),
        "object_source": compress(mapping_set.target_scheme),
        "extension_definitions": sssom_tables.extension_definitions() + [
            {"slot_name": slot.slot_name, "property": compress(slot.property), **({"type_hint": compress(slot.type_hint)} if slot.type_hint else {})}
            for slot in mapping_set.extensions
        ],
    }
    if mapping_set.description:
        metadata["mapping_set_description"] = mapping_set.description
    rows = [{**_row(m, labels, compress), **dict(m.extensions)} for m in mappings]
    return sssom_tables.write_table(metadata, rows, converter, SEPARATORS[format_name], tuple(slot.slot_name for slot in mapping_set.extensions))


def _row(m: Mapping, labels: dict, compress: Callable[[str], str]) -> dict[str, str]:
    row = {
        "record_id": compress(m.iri),
        "subject_id": compress(m.subject),
        "subject_label": pick(labels.get(m.subject)) or "",
        "predicate_id": compress(m.predicate),
        "object_id": compress(m.object),
        "object_label": pick(labels.get(m.object)) or "",
        "mapping_justification": compress(m.justification),
        "confidence": repr(m.confidence) if m.confidence is not None else "",
        "author_id": "|".join(compress(a) for a in m.author),
        "mapping_date": m.date.isoformat() if m.date else "",
        "comment": m.comment or "",
        "reviewer_id": "|".join(compress(r) for r in m.reviewer),
        "review_date": m.reviewed.date().isoformat() if m.reviewed else "",
        "status": m.status.value,
        "organisation": m.organisation or "",
    }
    if m.comments:
        comments = [
            {"author": c.author, "date": c.date.isoformat(), "text": c.text, **({"organisation": c.organisation} if c.organisation else {})}
            for c in m.comments
        ]
        row["review_comments"] = json.dumps(comments, ensure_ascii=False, sort_keys=True)
    return row


def set_json(mapping_set: MappingSet, mappings: list[Mapping], labels: dict[str, dict[str, str]]) -> dict:
    """The JSON form of a set with its mappings (the API's and `?format=json`)."""
    return {**mapping_set_json(mapping_set), "mappings": [mapping_json(m, labels) for m in mappings]}


def mapping_set_json(s: MappingSet) -> dict:
    return {
        "id": s.id, "iri": s.iri, "title": s.title, "description": s.description, "license": s.license,
        "source": s.source, "source_scheme": s.source_scheme, "target": s.target, "target_scheme": s.target_scheme,
        "owner": s.owner, "creator": s.creator, "created": s.created.isoformat(), "modified": s.modified.isoformat(),
        "counts": {status.value: s.counts.get(status.value, 0) for status in Status},
    }


def mapping_json(m: Mapping, labels: dict[str, dict[str, str]]) -> dict:
    return {
        "id": m.id, "iri": m.iri, "set": m.set_id,
        "subject": m.subject, "subject_labels": labels.get(m.subject, {}),
        "predicate": curie(m.predicate),
        "object": m.object, "object_labels": labels.get(m.object, {}),
        "confidence": m.confidence, "justification": curie(m.justification),
        "author": list(m.author), "organisation": m.organisation,
        "date": m.date.isoformat() if m.date else None, "comment": m.comment, "status": m.status.value,
        "reviewer": list(m.reviewer), "reviewed": m.reviewed.isoformat() if m.reviewed else None,
        "comments": [
            {"author": c.author, "organisation": c.organisation, "date": c.date.isoformat(), "text": c.text} for c in m.comments
        ],
    }


# ---------------------------------------------------------------- import


def import_sssom(
    store: Store,
    catalogue: Catalogue,
    set_id: str,
    data: bytes,
    principal: Principal | None,
    *,
    format_name: str = "sssom",
    default_status: Status = Status.PROPOSED,
    name: str = "file",
    before_switch: Callable[[], None] | None = None,
) -> ImportReport:
    """Replace the mappings of `set_id` with those of an SSSOM table (owners' editors only).

    Rows without a `status` get `default_status`. `before_switch` runs just before the one
    update; tests use it to inject a failure."""
    principal = require_principal(principal)
    if format_name not in SEPARATORS:
        raise UnsupportedFormat(f"cannot import {format_name!r} (use sssom or csv)", location="format")
    mapping_set = get_mapping_set(store, catalogue, set_id)
    if not principal.is_admin and principal.organisation != mapping_set.owner:
        raise Forbidden(f"only editors of {mapping_set.owner!r} may import into mapping set {set_id!r}")
    table = sssom_tables.read_table(data, SEPARATORS[format_name], name)
    _check_sources(table, mapping_set)
    when = now()
    records = [_record(table, row, mapping_set, principal, default_status, when) for row in table.rows]
    _check_unique(table, records)
    check_concepts(store, mapping_set, [(f"{name}:{row.line}", r.subject, r.object) for row, r in zip(table.rows, records)], catalogue,
                   columns=(":subject_id", ":object_id"))
    title = _text(table.metadata.get("mapping_set_title")) or mapping_set.title
    description = _text(table.metadata.get("mapping_set_description"))
    license = _text(table.metadata.get("license"))
    license = None if license in (None, sssom_tables.UNSPECIFIED_LICENSE) else license
    iri = mapping_set_iri(set_id)
    metadata = [(iri, M.title, Literal(title)), (iri, M.modified, rdf.timestamp(when))]
    if description:
        metadata.append((iri, M.description, Literal(description)))
    if license:
        metadata.append((iri, M.license, NamedNode(license)))
    with WriteLock(catalogue):
        replaced = sum(rdf.read_sets(store, set_id)[0][1].values())
        taken = rdf.existing_mapping_sets(store, [r.id for r in records])
        for row, record in zip(table.rows, records):
            if taken.get(record.id, set_id) != set_id:
                raise Conflict(f"row {row.row} (line {row.line}): record_id {record.iri} belongs to mapping set {taken[record.id]!r}")
        slots = {slot.slot_name: slot.property for slot in table.extensions}
        statements = metadata + rdf.extension_statements(iri, table.extensions) + [s for r in records for s in rdf.mapping_statements(r, slots)]
        update = (
            rdf.replace_values(iri, [M.title, M.description, M.license, M.modified]) + " "
            + rdf.delete_extension_definitions(iri) + " ; "
            + rdf.delete_set_mappings(set_id) + " ; "
            + rdf.insert_data(statements) + " ; "
            + rdf.rebuild_accepted()
        )
        if before_switch is not None:
            before_switch()
        store.update(update)
    by_status: dict[str, int] = {}
    for r in records:
        by_status[r.status.value] = by_status.get(r.status.value, 0) + 1
    record_audit(
        store, principal, "import-mappings", organisation=mapping_set.owner, graph=MAPPINGS_GRAPH.value,
        triples=len(statements), comment=f"mapping set {set_id}: {len(records)} mappings from {name} replaced {replaced}",
    )
    return ImportReport(set_id, len(records), by_status, table.ignored_columns, replaced)


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _check_sources(table: SssomTable, mapping_set: MappingSet) -> None:
    """subject_source/object_source, when the file gives them, must be the set's vocabularies."""
    prefixes = sssom_tables.prefixes_of(table.metadata, table.name)
    for slot, expected in (("subject_source", mapping_set.source_scheme), ("object_source", mapping_set.target_scheme)):
        value = table.metadata.get(slot)
        if value is None:
            continue
        cell = sssom_tables.Cell(table.name, 0, 1, slot)
        iri = sssom_tables.expand(cell, str(value), prefixes)
        if iri != expected:
            raise InvalidInput(f"{table.name}: {slot} is {iri}, but mapping set {mapping_set.id!r} maps {mapping_set.source_scheme} to {mapping_set.target_scheme}", location=f"{table.name}:{slot}")


def _record(table: SssomTable, row: SssomRow, mapping_set: MappingSet, principal: Principal, default_status: Status, when: datetime) -> Mapping:
    values = row.values

    def cell(column: str) -> sssom_tables.Cell:
        return table.cell(row, column)

    def value(column: str) -> str | None:
        v = values.get(column)
        return v if isinstance(v, str) else None

    for column in sssom_tables.REQUIRED_COLUMNS:
        if column not in values:
            raise cell(column).error("a value is required")
    predicate = _checked(cell("predicate_id"), lambda: predicate_iri(value("predicate_id") or ""))
    justification = _checked(cell("mapping_justification"), lambda: justification_iri(value("mapping_justification") or ""))
    status_text = value("status")
    if status_text is not None and status_text not in {s.value for s in Status}:
        raise cell("status").error(f"{status_text!r} is not one of proposed, accepted, rejected")
    comments = sssom_tables.parse_comments(cell("review_comments"), value("review_comments")) if value("review_comments") else []
    record_id = value("record_id")
    mapping_id = record_id[len(MAPPING_BASE):] if record_id and record_id.startswith(MAPPING_BASE) else ""
    if len(mapping_id) != 32 or any(c not in "0123456789abcdef" for c in mapping_id):
        mapping_id = uuid.uuid4().hex  # a record id of another registry is not ours to keep
    authors = values.get("author_id") or [principal.subject]
    reviewed = value("review_date")
    return Mapping(
        id=mapping_id,
        set_id=mapping_set.id,
        subject=value("subject_id") or "",
        predicate=predicate,
        object=value("object_id") or "",
        justification=justification,
        status=Status(status_text) if status_text else default_status,
        confidence=sssom_tables.parse_confidence(cell("confidence"), value("confidence")) if value("confidence") else None,
        author=tuple(authors if isinstance(authors, list) else [authors]),
        organisation=value("organisation"),
        date=sssom_tables.parse_date(cell("mapping_date"), value("mapping_date")) if value("mapping_date") else when.date(),
        comment=value("comment"),
        reviewer=tuple(values.get("reviewer_id") or ()),
        reviewed=datetime.combine(sssom_tables.parse_date(cell("review_date"), reviewed), time(), UTC) if reviewed else None,
        comments=tuple(Comment(c["author"], datetime.fromisoformat(c["date"]), c["text"], c.get("organisation")) for c in comments),
        extensions=tuple((slot.slot_name, v) for slot in table.extensions if (v := value(slot.slot_name)) is not None),
    )


def _checked(cell: sssom_tables.Cell, parse: Callable[[], str]) -> str:
    try:
        return parse()
    except InvalidInput as error:
        raise cell.error(error.message) from None


def _check_unique(table: SssomTable, records: list[Mapping]) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    ids: dict[str, int] = {}
    for row, r in zip(table.rows, records):
        key = (r.subject, r.predicate, r.object)
        if key in seen:
            raise InvalidInput(f"row {row.row} (line {row.line}) repeats the mapping of row {seen[key]}", location=f"{table.name}:{row.line}")
        if r.id in ids:
            raise InvalidInput(f"row {row.row} (line {row.line}) repeats the record_id of row {ids[r.id]}", location=f"{table.name}:{row.line}:record_id")
        seen[key] = row.row
        ids[r.id] = row.row
