"""SSSOM tables (TSV, or CSV) with their YAML metadata block: read strictly, written by sssom-py.

Reading is our own (csv + yaml + the `curies` converter, with the slot lists of sssom-py's schema
view) because the import must say which row and column is wrong, must keep the eduvoc extension
columns (sssom-py 0.4 drops undeclared and declared extension columns alike when it parses), and
must never half-import. Writing goes through `sssom.writers.write_table`, so what we emit is what
the reference implementation emits. Nothing here touches the network: sssom-py's built-in prefix
map and schema ship inside the packages.

The columns we read and write (https://mapping-commons.github.io/sssom/):
record_id, subject_id, subject_label, predicate_id, object_id, object_label,
mapping_justification, confidence, author_id, mapping_date, comment, reviewer_id, review_date,
and three declared extension slots: status, organisation, review_comments (JSON).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import yaml
from pyoxigraph import NamedNode

from registry.csv_cells import neutralise, restore
from registry.errors import InvalidInput
from registry.mappings.model import ExtensionSlot
from registry.namespaces import EDUVOC_DEF

if TYPE_CHECKING:  # curies and sssom (-> linkml -> pandas) cost ~1 s to import: only where used
    import curies

REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
UNSPECIFIED_LICENSE = "https://w3id.org/sssom/license/unspecified"

#: eduvoc's extension slots: name -> property (declared in the file's extension_definitions)
EXTENSIONS: dict[str, str] = {
    "status": EDUVOC_DEF + "mappingStatus",
    "organisation": EDUVOC_DEF + "organisation",
    "review_comments": EDUVOC_DEF + "reviewComment",
}
COLUMNS: tuple[str, ...] = (
    "record_id", "subject_id", "subject_label", "predicate_id", "object_id", "object_label",
    "mapping_justification", "confidence", "author_id", "mapping_date", "comment", "reviewer_id",
    "review_date", *EXTENSIONS,
)
#: columns whose cells hold CURIEs or IRIs (expanded on reading)
ENTITY_COLUMNS = {"record_id", "subject_id", "predicate_id", "object_id", "mapping_justification", "author_id", "reviewer_id"}
MULTIVALUED = {"author_id", "reviewer_id"}
STRING_TYPE = "http://www.w3.org/2001/XMLSchema#string"
SLOT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
#: namespaces an extension slot may not store its values under (they hold the mapping model's own terms)
RESERVED_NAMESPACES = ("https://w3id.org/sssom/", EDUVOC_DEF, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2002/07/owl#")


class Cell:
    """Where a value came from, for error messages: row n (file line), column."""

    def __init__(self, name: str, row: int, line: int, column: str) -> None:
        self.name, self.row, self.line, self.column = name, row, line, column

    def error(self, message: str) -> InvalidInput:
        return InvalidInput(f"row {self.row} (line {self.line}), column {self.column}: {message}", location=f"{self.name}:{self.line}:{self.column}",
                            file=self.name, line=self.line, column=self.column, row=self.row or None)


@dataclass
class SssomRow:
    """One mapping row with CURIEs expanded; values not yet checked against the model."""

    row: int
    line: int
    values: dict[str, str | list[str]] = field(default_factory=dict)


@dataclass
class SssomTable:
    metadata: dict
    rows: list[SssomRow]
    ignored_columns: list[str]
    name: str
    #: the extension slots the metadata block declares (other than eduvoc's own), in file order
    extensions: list[ExtensionSlot] = field(default_factory=list)

    def cell(self, row: SssomRow, column: str) -> Cell:
        return Cell(self.name, row.row, row.line, column)


# ---------------------------------------------------------------- reading


def read_table(data: bytes, separator: str = "\t", name: str = "file") -> SssomTable:
    """Parse an SSSOM table; InvalidInput (400) names the line, row and column of the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{name}: not UTF-8 text (byte {error.start})", location=name) from None
    lines = text.splitlines(keepends=True)
    block = 0
    while block < len(lines) and lines[block].startswith("#"):
        block += 1
    metadata = _metadata(lines[:block], name)
    prefixes = prefixes_of(metadata, name)
    reader = csv.reader(io.StringIO("".join(lines[block:])), delimiter=separator)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(f"{name}: no header row after the metadata block", location=f"{name}:{block + 1}") from None
    except csv.Error as error:
        raise InvalidInput(f"{name}: line {block + 1}: {error}", location=f"{name}:{block + 1}") from None
    header = [column.strip() for column in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise InvalidInput(f"{name}: missing required SSSOM columns: {', '.join(missing)}", location=f"{name}:{block + 1}")
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise InvalidInput(f"{name}: columns named twice: {', '.join(repeated)}", location=f"{name}:{block + 1}")
    extensions = extension_slots(metadata, prefixes, name)
    known = set(COLUMNS) | {slot.slot_name for slot in extensions}
    from sssom.constants import SSSOMSchemaView  # sssom (and linkml) only when a table is read
    standard = set(SSSOMSchemaView().mapping_slots)
    for column in header:
        if column not in known and column not in standard:
            raise InvalidInput(f"{name}: column {column!r} is not an SSSOM slot and not declared in the metadata block's extension_definitions",
                               location=f"{name}:{block + 1}:{column}")
    ignored = [column for column in header if column not in known]
    table = SssomTable(metadata, [], ignored, name, extensions)
    defaults = _propagated(metadata, header)
    previous_line = reader.line_num
    try:
        for number, fields in enumerate(reader, start=1):
            line = block + previous_line + 1
            previous_line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                raise InvalidInput(
                    f"row {number} (line {line}): {len(fields)} fields, but the header has {len(header)} columns",
                    location=f"{name}:{line}",
                )
            row = SssomRow(number, line)
            if separator == ",":
                fields = [restore(field) for field in fields]
            for column, value in [*zip(header, fields, strict=True), *defaults.items()]:
                if column in known and value.strip():
                    row.values[column] = _value(table.cell(row, column), value.strip(), prefixes)
            table.rows.append(row)
    except csv.Error as error:
        raise InvalidInput(f"{name}: line {block + reader.line_num}: {error}", location=f"{name}:{block + reader.line_num}") from None
    return table


def _metadata(lines: list[str], name: str) -> dict:
    text = "".join(line.lstrip("#").rstrip() + "\n" for line in lines)
    try:
        metadata = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise InvalidInput(f"{name}: line {line}: the metadata block is not valid YAML: {getattr(error, 'problem', error)}", location=f"{name}:{line}") from None
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise InvalidInput(f"{name}: the metadata block must be a YAML mapping of SSSOM slots", location=f"{name}:1")
    from sssom.constants import SSSOMSchemaView

    unknown = sorted(str(key) for key in metadata if key not in SSSOMSchemaView().mapping_set_slots)
    if unknown:
        raise InvalidInput(f"{name}: unknown mapping set metadata: {', '.join(unknown)}", location=f"{name}:1")
    return metadata


def extension_slots(metadata: dict, prefixes: dict[str, str], name: str) -> list[ExtensionSlot]:
    """The extension slots declared in the metadata block (SSSOM "non-standard slots"), checked:
    a name that is neither an SSSOM slot nor taken twice, a property IRI outside the namespaces of
    the mapping model. eduvoc's own slots (status, organisation, review_comments) are accepted when
    declared with their own property and not returned (they are columns of every set)."""
    declared = metadata.get("extension_definitions") or []
    where = f"{name}:extension_definitions"
    if not isinstance(declared, list):
        raise InvalidInput(f"{name}: extension_definitions must be a list of {{slot_name, property, type_hint}}", location=where)
    from sssom.constants import SSSOMSchemaView  # sssom (and linkml) only when a table is read
    standard = set(SSSOMSchemaView().mapping_slots) | set(SSSOMSchemaView().mapping_set_slots)
    slots: list[ExtensionSlot] = []
    seen: set[str] = set()
    for n, item in enumerate(declared, start=1):
        cell = Cell(name, n, 1, f"extension_definitions[{n}]")
        if not isinstance(item, dict) or not isinstance(item.get("slot_name"), str) or not isinstance(item.get("property"), str):
            raise cell.error("an extension definition needs slot_name and property (strings)")
        unknown = sorted(set(map(str, item)) - {"slot_name", "property", "type_hint"})
        if unknown:
            raise cell.error(f"unknown keys {', '.join(unknown)} (use slot_name, property, type_hint)")
        slot_name = item["slot_name"]
        if not SLOT_NAME.match(slot_name):
            raise cell.error(f"{slot_name!r} is not a slot name (letters, digits and _, starting with a letter or _)")
        if slot_name in seen:
            raise cell.error(f"the extension slot {slot_name!r} is declared twice")
        seen.add(slot_name)
        prop = expand(cell, item["property"], prefixes)
        if slot_name in EXTENSIONS:
            if prop != EXTENSIONS[slot_name]:
                raise cell.error(f"{slot_name!r} is eduvoc's own slot; its property is {EXTENSIONS[slot_name]}")
            continue
        if slot_name in standard:
            raise cell.error(f"{slot_name!r} is a standard SSSOM slot, not an extension")
        if prop.startswith(RESERVED_NAMESPACES):
            raise cell.error(f"the property {prop} of extension slot {slot_name!r} is in a namespace the mapping model uses")
        hint = item.get("type_hint")
        if hint is not None and not isinstance(hint, str):
            raise cell.error("type_hint must be a CURIE or an IRI")
        slots.append(ExtensionSlot(slot_name, prop, expand(cell, hint, prefixes) if hint else None))
    return slots


def prefixes_of(metadata: dict, name: str) -> dict[str, str]:
    """Prefix -> namespace: SSSOM's built-ins (which win, as the spec says) and the file's curie_map,
    checked by `curies` once; expansion is then a dictionary lookup per cell."""
    import curies
    from sssom.context import _get_built_in_prefix_map  # the six prefixes SSSOM fixes (no download)

    prefix_map = metadata.get("curie_map") or {}
    if not isinstance(prefix_map, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in prefix_map.items()):
        raise InvalidInput(f"{name}: curie_map must map prefixes to IRI namespaces", location=f"{name}:curie_map")
    try:
        return dict(curies.chain([_get_built_in_prefix_map(), curies.Converter.from_prefix_map(prefix_map)]).prefix_map)
    except (ValueError, curies.DuplicatePrefixes, curies.DuplicateURIPrefixes) as error:
        raise InvalidInput(f"{name}: curie_map: {error}", location=f"{name}:curie_map") from None


def _propagated(metadata: dict, header: list[str]) -> dict[str, str]:
    """Set-level values of propagatable slots we keep (SSSOM's condensed form) for absent columns."""
    from sssom.constants import SSSOMSchemaView

    slots = set(SSSOMSchemaView().propagatable_slots) & set(COLUMNS)
    values = {}
    for slot in slots:
        if slot in metadata and slot not in header:
            value = metadata[slot]
            values[slot] = "|".join(map(str, value)) if isinstance(value, list) else str(value)
    return values


def expand(cell: Cell, value: str, prefixes: dict[str, str]) -> str:
    """A CURIE (through the curie_map) or an absolute IRI, as an IRI."""
    if "://" in value or value.startswith("urn:"):
        iri = value
    else:
        prefix, colon, local = value.partition(":")
        if not colon:
            raise cell.error(f"{value!r} is not a CURIE or an IRI")
        namespace = prefixes.get(prefix)
        if namespace is None:
            raise cell.error(f"{value!r}: the prefix {prefix!r} is not in the curie_map")
        iri = namespace + local
    try:
        NamedNode(iri)
    except ValueError as error:
        raise cell.error(f"{value!r} is not a valid IRI: {error}") from None
    return iri


def _value(cell: Cell, value: str, prefixes: dict[str, str]) -> str | list[str]:
    if cell.column in MULTIVALUED:
        return [expand(cell, part.strip(), prefixes) for part in value.split("|") if part.strip()]
    if cell.column in ENTITY_COLUMNS:
        return expand(cell, value, prefixes)
    return value


def parse_confidence(cell: Cell, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise cell.error(f"{value!r} is not a number") from None
    if not 0.0 <= number <= 1.0:
        raise cell.error(f"{value!r} is not between 0 and 1")
    return number


def parse_date(cell: Cell, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise cell.error(f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_comments(cell: Cell, value: str) -> list[dict]:
    try:
        comments = json.loads(value)
    except json.JSONDecodeError as error:
        raise cell.error(f"not valid JSON: {error.msg} at character {error.pos}") from None
    if not isinstance(comments, list):
        raise cell.error("must be a JSON list of {author, date, text} objects")
    for i, comment in enumerate(comments):
        if not isinstance(comment, dict) or not all(isinstance(comment.get(k), str) for k in ("author", "date", "text")):
            raise cell.error(f"comment {i + 1} must have author, date and text strings")
        try:
            datetime.fromisoformat(comment["date"])
            NamedNode(comment["author"])
        except ValueError as error:
            raise cell.error(f"comment {i + 1}: {error}") from None
    return comments


# ---------------------------------------------------------------- writing


def prefix_map(iris: set[str], named: dict[str, str]) -> dict[str, str]:
    """A deterministic curie_map for `iris`: SSSOM's built-ins, the `named` namespaces
    (prefix -> namespace, e.g. vocabulary ids), then one prefix per other namespace, named after
    its last path segment."""
    from sssom.context import _get_built_in_prefix_map

    builtin = dict(_get_built_in_prefix_map().prefix_map)
    result = dict(builtin)
    taken = set(result) | set(named)
    covered = set(result.values())
    for prefix, namespace in sorted(named.items()):
        if namespace not in covered and any(iri.startswith(namespace) for iri in iris):
            result[prefix] = namespace
            covered.add(namespace)
    for namespace in sorted({_namespace(iri) for iri in iris} - covered - {""}):
        base = _prefix_name(namespace)
        prefix, n = base, 2
        while prefix in taken:
            prefix, n = f"{base}{n}", n + 1
        taken.add(prefix)
        result[prefix] = namespace
    return result


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1] if cut > iri.find("://") + 2 else ""


def _prefix_name(namespace: str) -> str:
    segment = namespace.rstrip("/#").rsplit("/", 1)[-1]
    name = "".join(c if c.isalnum() or c in "_-" else "_" for c in segment).strip("_-") or "ns"
    return name if name[0].isalpha() else "ns_" + name


def write_table(metadata: dict, rows: list[dict[str, str]], converter: curies.Converter, separator: str = "\t",
                extra_columns: tuple[str, ...] = ()) -> bytes:
    """The table through sssom-py's writer (metadata block + rows), not condensed; `extra_columns`
    are the set's declared extension slots, written after eduvoc's own columns."""
    import pandas as pd
    from sssom.util import MappingSetDataFrame
    from sssom.writers import write_table as sssom_write_table

    order = (*COLUMNS, *extra_columns)
    used = [column for column in order if any(row.get(column) for row in rows)]
    for column in REQUIRED_COLUMNS:
        if column not in used:
            used.append(column)
    used.sort(key=order.index)
    cell = neutralise if separator == "," else str  # CSV is opened in spreadsheet programs: no formulas
    frame = pd.DataFrame([[cell(row.get(column, "")) for column in used] for row in rows], columns=used, dtype=str)
    metadata = dict(metadata)
    extensions = [e for e in metadata.pop("extension_definitions", []) if e["slot_name"] in used]
    if extensions:
        metadata["extension_definitions"] = extensions
    msdf = MappingSetDataFrame(df=frame, converter=converter, metadata=metadata)
    output = io.StringIO()
    sssom_write_table(msdf, output, serialisation="csv" if separator == "," else "tsv", condense=False)
    return output.getvalue().encode("utf-8")


def extension_definitions() -> list[dict[str, str]]:
    return [{"slot_name": name, "property": iri, "type_hint": STRING_TYPE} for name, iri in EXTENSIONS.items()]
