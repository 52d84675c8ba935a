"""From a vocabulary's triples to the template's cells, so that importing them gives the graph back.

Each triple goes to the one place the import turns back into exactly that triple: a template
column when it fits (one prefLabel per language, a broader whose narrower is there too, …), the
derived set when the import adds it by itself (inScheme, narrower, top concepts, …), and
otherwise a property column (`prefix:name`, `@lang`, `^^datatype`). What has no place at all —
blank nodes, and statements about resources that are neither the scheme, its publisher, a
concept nor a collection — is returned as `not_covered`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from registry.errors import InvalidInput
from registry.namespaces import FOAF, RDF_TYPE, Dct, Owl, Skos
from registry.spreadsheet.columns import (
    CONCEPT_FIELDS,
    HAS_TOP_CONCEPT,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    TEMPLATE_COLUMNS,
    TEMPLATE_KEYS,
    VOCABULARY_FIELDS,
    XSD_BOOLEAN,
    XSD_STRING,
    Role,
    compact,
    heading_text,
    join_values,
)

FOAF_NAME = NamedNode(FOAF + "name")
FOAF_ORGANIZATION = NamedNode(FOAF + "Organization")
TEXT_FIELDS = {f.predicate: f.name for f in CONCEPT_FIELDS if f.role is Role.TEXT}
LINK_FIELDS = {Skos.related: "related", Dct.isReplacedBy: "replacedBy"}
MAPPING_FIELDS = {f.predicate: f.name for f in CONCEPT_FIELDS if f.role is Role.MAPPING}
SCHEME_LITERALS = {Dct.identifier: "id", Owl.versionInfo: "version"}
SCHEME_TEXTS = {Dct.title: "title", Dct.description: "description", Skos.prefLabel: "prefLabel"}
SCHEME_IRIS = {Dct.publisher: "publisher", Dct.license: "licence", Dct.source: "source"}
# Cells that hold one value as it stands (no | splitting, no escapes).
SINGLE = {"id", "uri", "base", "prefLabel", "title", "description", "publisher", "publisherName", "licence",
          "source", "version", "deprecated", "topConcept"}  # fmt: skip
LOCAL_NAME = re.compile(r"^(.*[/#])([^/#]+)$")
WIDE = {"uri": 45, "definition": 60, "scopeNote": 50, "prefLabel": 32, "altLabel": 32, "broader": 24}


@dataclass(frozen=True)
class Table:
    """A vocabulary as the template's cells."""

    vocabulary: list[tuple[str, str, str]]  # key, value, comment
    header: list[str]
    rows: list[list[str]]
    not_covered: list[Triple]

    def widths(self) -> dict[str, int]:
        return {h: WIDE.get(_name(h), 18) for h in self.header}

    def notes(self) -> dict[str, str]:
        """What each known column means, in Dutch and English (shown as a note on its heading)."""
        explanations = {f.name: f.explanation for f in CONCEPT_FIELDS}
        return {h: explanations[_name(h)] for h in self.header if _name(h) in explanations}


Term = NamedNode | BlankNode | Literal | Triple


@dataclass
class _Exporter:
    scheme: NamedNode
    statements: dict[NamedNode | BlankNode | Triple, dict[NamedNode, dict[Term, None]]]  # ordered sets
    cells: dict[NamedNode, dict[str, list[str]]] = field(default_factory=dict)
    meta: dict[str, list[str]] = field(default_factory=dict)
    not_covered: list[Triple] = field(default_factory=list)
    base: str | None = None
    ids: dict[NamedNode, str] = field(default_factory=dict)

    def has(self, s: Term, p: NamedNode, o: Term) -> bool:
        if isinstance(s, Literal):  # never a subject
            return False
        return o in self.statements.get(s, {}).get(p, ())

    def run(self) -> Table:
        if self.scheme not in self.statements:
            raise InvalidInput(f"scheme: no statements about the scheme {self.scheme.value}", location="scheme")
        concepts = {s: None for s, props in self.statements.items() if Skos.Concept in props.get(RDF_TYPE, ())}
        collections = {s: None for s, props in self.statements.items()
                       if Skos.Collection in props.get(RDF_TYPE, ()) and s not in concepts}  # fmt: skip
        rows = [r for r in [*concepts, *collections] if isinstance(r, NamedNode)]
        self._choose_ids(rows)
        for row in rows:
            self.cells[row] = {}
        for row in rows:
            self._row(row, is_collection=row not in concepts)
        publisher = self._scheme()
        for subject, props in self.statements.items():
            if subject not in self.cells and subject not in (self.scheme, publisher):
                self.not_covered += [Triple(subject, p, o) for p, objs in props.items() for o in objs]
        header = self._header()
        table = [[_cell(h, self.cells[r].get(h, [])) for h in header] for r in self._order(rows, set(collections))]
        return Table(self._vocabulary_entries(), header, table, self.not_covered)

    # --- ids: the most common namespace of the rows becomes the base ---

    def _choose_ids(self, rows: list[NamedNode]) -> None:
        """Rows in the most common namespace get an id (base + id); the others keep their IRI in
        `uri`, with its last segment as a short id for references where that is unambiguous."""
        local_names = [(r, m.group(1), m.group(2)) for r in rows
                       if (m := LOCAL_NAME.match(r.value)) and ID_PATTERN.match(m.group(2))]  # fmt: skip
        if not local_names:
            return
        self.base = Counter(namespace for _, namespace, _ in local_names).most_common(1)[0][0]
        for row in rows:
            local = row.value[len(self.base) :]
            if row.value.startswith(self.base) and ID_PATTERN.match(local):
                self.ids[row] = local
        taken = Counter(self.ids.values()) + Counter(name for row, _, name in local_names if row not in self.ids)
        for row, _, name in local_names:
            if row not in self.ids and taken[name] == 1:
                self.ids[row] = name

    def ref(self, iri: NamedNode) -> str:
        return self.ids.get(iri, iri.value)

    # --- one row ---

    def put(self, row: NamedNode, heading: str, value: str) -> None:
        self.cells[row].setdefault(heading, []).append(value)

    def _row(self, row: NamedNode, is_collection: bool) -> None:
        props = self.statements[row]
        if row in self.ids:
            self.put(row, "id", self.ids[row])
        if row not in self.ids or row.value != f"{self.base}{self.ids[row]}":
            self.put(row, "uri", row.value)
        self._types(row, props.get(RDF_TYPE, {}), is_collection)
        for predicate, objects in props.items():
            if predicate != RDF_TYPE:
                for obj in objects:
                    self._statement(row, predicate, obj, is_collection)
        if not is_collection:
            self._top_concept(row)

    def _types(self, row: NamedNode, classes: Iterable[Term], is_collection: bool) -> None:
        implied = Skos.Collection if is_collection else Skos.Concept
        if is_collection:
            self.put(row, "type", "collection")
        for cls in classes:
            if cls == implied:
                continue
            if not isinstance(cls, NamedNode):
                self.not_covered.append(Triple(row, RDF_TYPE, cls))
            elif cls == Skos.Collection:  # a concept that is a collection too
                self.put(row, "type", "concept")
                self.put(row, "type", "collection")
            else:
                self.put(row, "type", compact(cls.value))

    def _statement(self, row: NamedNode, p: NamedNode, o: Term, is_collection: bool) -> None:
        """Put one statement about a row where the import gives exactly it back."""
        rows = self.cells
        concept = not is_collection
        if isinstance(o, BlankNode | Triple):
            self.not_covered.append(Triple(row, p, o))
        elif concept and p in (Skos.inScheme, Skos.topConceptOf) and o == self.scheme:
            if p == Skos.topConceptOf and not self.has(self.scheme, HAS_TOP_CONCEPT, row):
                self.put(row, heading_text(p.value), o.value)
        elif p == Skos.prefLabel and isinstance(o, Literal) and self._plain_or_tagged(o) and self._only_label(row, o):
            self.put(row, _with_language("prefLabel", o), o.value)
        elif p in TEXT_FIELDS and isinstance(o, Literal) and self._plain_or_tagged(o):
            self.put(row, _with_language(TEXT_FIELDS[p], o), o.value)
        elif p == Skos.broader and isinstance(o, NamedNode) and o in rows and self.has(o, Skos.narrower, row):
            self.put(row, "broader", self.ref(o))
        elif p == Skos.narrower and o in rows and self.has(o, Skos.broader, row):
            pass  # written as o's broader; the import adds this narrower
        elif p in LINK_FIELDS and isinstance(o, NamedNode) and o in rows:
            self.put(row, LINK_FIELDS[p], self.ref(o))
        elif p in MAPPING_FIELDS and isinstance(o, NamedNode):
            self.put(row, MAPPING_FIELDS[p], self.ref(o))
        elif p == Owl.deprecated and o in (_boolean(True), _boolean(False)) and len(self.statements[row][p]) == 1:
            self.put(row, "deprecated", o.value)
        elif p == Skos.member and is_collection and isinstance(o, NamedNode) and o in rows:
            self.put(o, "collection", self.ref(row))
        else:
            self.put(row, _property_heading(p, o), o.value)

    def _only_label(self, row: NamedNode, label: Literal) -> bool:
        same = [x for x in self.statements[row][Skos.prefLabel] if isinstance(x, Literal) and x.language == label.language]
        return len(same) == 1

    @staticmethod
    def _plain_or_tagged(literal: Literal) -> bool:
        return literal.language is not None or literal.datatype == XSD_STRING

    def _top_concept(self, row: NamedNode) -> None:
        """Written only where it differs from what the import derives (no broader, not deprecated)."""
        top = self.has(row, Skos.topConceptOf, self.scheme) and self.has(self.scheme, HAS_TOP_CONCEPT, row)
        derived = Skos.broader not in self.statements[row] and not self.has(row, Owl.deprecated, _boolean(True))
        if top != derived:
            self.put(row, "topConcept", "true" if top else "false")

    # --- the scheme ---

    def _scheme(self) -> NamedNode | None:
        props = self.statements[self.scheme]
        titles = {o for o in props.get(Dct.title, []) if isinstance(o, Literal) and self._plain_or_tagged(o)}
        labels = set(props.get(Skos.prefLabel, []))
        publisher = self._publisher(props.get(Dct.publisher, {}))
        for p, objects in props.items():
            for o in objects:
                single = len(objects) == 1
                if isinstance(o, BlankNode | Triple):
                    self.not_covered.append(Triple(self.scheme, p, o))
                elif (p == RDF_TYPE and o == Skos.ConceptScheme) or (p == Skos.prefLabel and labels == titles):
                    pass  # the import adds these: the type, and the title as prefLabel
                elif p == HAS_TOP_CONCEPT and self.has(o, Skos.topConceptOf, self.scheme) and o in self.cells:
                    pass  # derived from the row
                elif p in SCHEME_LITERALS and single and isinstance(o, Literal) and o.datatype == XSD_STRING:
                    self.meta[SCHEME_LITERALS[p]] = [o.value]
                elif p in SCHEME_TEXTS and isinstance(o, Literal) and self._one_per_language(objects, o):
                    self.meta[_with_language(SCHEME_TEXTS[p], o)] = [o.value]
                elif p in SCHEME_IRIS and single and isinstance(o, NamedNode) and (p != Dct.publisher or publisher):
                    self.meta[SCHEME_IRIS[p]] = [o.value]
                elif p == Dct.language and isinstance(o, Literal) and o.datatype == XSD_STRING and _is_language(o.value):
                    self.meta.setdefault("languages", []).append(o.value)
                else:
                    self.meta.setdefault(_property_heading(p, o), []).append(o.value)
        return publisher

    def _one_per_language(self, objects: Iterable[Term], o: Term) -> bool:
        if not isinstance(o, Literal) or not self._plain_or_tagged(o):
            return False
        return sum(1 for x in objects if isinstance(x, Literal) and x.language == o.language) == 1

    def _publisher(self, publishers: Iterable[Term]) -> NamedNode | None:
        """The publisher, when the import can give back all its statements: a type and a name."""
        publishers = list(publishers)
        if len(publishers) != 1 or not isinstance(publishers[0], NamedNode):
            return None
        publisher = publishers[0]
        props = self.statements.get(publisher, {})
        if not props:
            return publisher
        names = list(props.get(FOAF_NAME, ()))
        if props.keys() == {RDF_TYPE, FOAF_NAME} and list(props[RDF_TYPE]) == [FOAF_ORGANIZATION] and len(names) == 1 \
                and isinstance(names[0], Literal) and names[0].datatype == XSD_STRING:  # fmt: skip
            self.meta["publisherName"] = [names[0].value]
            return publisher
        return None

    def _vocabulary_entries(self) -> list[tuple[str, str, str]]:
        values = {"uri": [self.scheme.value], **({"base": [self.base]} if self.base else {}), **self.meta}
        explanations = {f.name: f.explanation for f in VOCABULARY_FIELDS}
        keys = list(TEMPLATE_KEYS) + sorted(k for k in values if k not in TEMPLATE_KEYS)
        return [(k, _cell(k, values.get(k, [])), explanations.get(_name(k), "")) for k in keys]

    # --- the table ---

    def _header(self) -> list[str]:
        used = {h for cells in self.cells.values() for h in cells}
        order = {f.name: i for i, f in enumerate(CONCEPT_FIELDS)}

        def key(heading: str) -> tuple:
            name = _name(heading)
            return (0, order[name], heading) if name in order else (1, 0, heading)

        return list(TEMPLATE_COLUMNS) + sorted(used - set(TEMPLATE_COLUMNS), key=key)

    def _order(self, rows: list[NamedNode], collections: set) -> list[NamedNode]:
        """Depth first along broader, siblings by notation and label; collections last."""
        children: dict[NamedNode | None, list[NamedNode]] = {}
        for row in rows:
            if row in collections:
                continue
            parents: list[NamedNode | None] = [
                p for p in self.statements[row].get(Skos.broader, []) if isinstance(p, NamedNode) and p in self.cells and p not in collections]
            for parent in parents or [None]:
                children.setdefault(parent, []).append(row)
        ordered: dict[NamedNode, None] = {}
        stack = sorted(children.get(None, []), key=self._sort_key, reverse=True)
        while stack:
            row = stack.pop()
            if row not in ordered:
                ordered[row] = None
                stack += sorted(children.get(row, []), key=self._sort_key, reverse=True)
        rest = sorted((r for r in rows if r not in ordered and r not in collections), key=self._sort_key)
        return [*ordered, *rest, *sorted(collections & set(rows), key=self._sort_key)]

    def _sort_key(self, row: NamedNode) -> tuple:
        notation = self.cells[row].get("notation", [""])[0]
        label = next((v[0] for h, v in self.cells[row].items() if h.startswith("prefLabel")), "")
        return (_natural(notation), label.lower(), row.value)


def export_table(triples: Iterable[Triple | Quad], scheme: str | NamedNode) -> Table:
    """The template's cells for the vocabulary `scheme`, from all its triples (quads: graph ignored)."""
    statements: dict = {}
    for t in triples:
        statements.setdefault(t.subject, {}).setdefault(t.predicate, {})[t.object] = None
    return _Exporter(scheme if isinstance(scheme, NamedNode) else NamedNode(scheme), statements).run()


def _name(heading: str) -> str:
    return re.split(r"[@^]", heading)[0]


def _cell(heading: str, values: list[str]) -> str:
    """One value as it stands for single-valued columns; otherwise escaped and joined by |."""
    if not values:
        return ""
    if _name(heading) in SINGLE and len(values) == 1:
        return values[0]
    return join_values(sorted(values, key=_natural))


def _with_language(name: str, literal: Literal) -> str:
    return f"{name}@{literal.language}" if literal.language else name


def _property_heading(predicate: NamedNode, obj: Term) -> str:
    if isinstance(obj, Literal):
        return heading_text(predicate.value, obj.language, None if obj.language else obj.datatype.value)
    return heading_text(predicate.value)


def _boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD_BOOLEAN)


def _is_language(value: str) -> bool:
    return bool(LANGUAGE_PATTERN.match(value)) and value == value.lower()


def _natural(text: str) -> tuple:
    """'2' before '10': digits compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", text) if part)

