"""From the template's cells to SKOS triples, checking as it goes.

What the sheet leaves out is derived, so that the result passes the registry's SKOS sanity
rules: `skos:inScheme` on every concept, `skos:narrower` from `broader` (and back), top concepts
both ways (a concept without broader that is not deprecated, unless `topConcept` says otherwise),
and the publisher as a `foaf:Organization`. Every problem is an `InvalidInput` whose location
names the cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

import pyoxigraph
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple

from registry.errors import InvalidInput
from registry.loading import SLUG_PATTERN
from registry.namespaces import FOAF, RDF_TYPE, Owl, Skos
from registry.spreadsheet.cells import Entry, Grid, Workbook
from registry.spreadsheet.columns import (
    CONCEPT_FIELDS,
    HAS_TOP_CONCEPT,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    REQUIRED_KEYS,
    VOCABULARY_FIELDS,
    XSD_BOOLEAN,
    Heading,
    HeadingError,
    Role,
    expand,
    is_absolute_iri,
    parse_heading,
    split_values,
)

FOAF_ORGANIZATION = NamedNode(FOAF + "Organization")
TRUE = Literal("true", datatype=XSD_BOOLEAN)
BOOLEANS = {"true": True, "false": False, "waar": True, "onwaar": False, "ja": True, "nee": False,
            "yes": True, "no": False, "1": True, "0": False}  # fmt: skip
TYPE_WORDS = {"concept": Skos.Concept, "collection": Skos.Collection}


@dataclass(frozen=True)
class ImportedVocabulary:
    """A vocabulary read from a spreadsheet, ready for `register_vocabulary` as N-Triples."""

    slug: str
    scheme: NamedNode
    triples: list[Triple]

    def ntriples(self) -> bytes:
        return pyoxigraph.serialize(self.triples, format=RdfFormat.N_TRIPLES)


@dataclass
class _Row:
    number: int
    iri: NamedNode
    is_collection: bool
    cells: list[tuple[int, Heading, str]]  # (column index, heading, text) of non-empty cells
    top: bool | None = None


@dataclass
class _Importer:
    book: Workbook
    base_iri: str | None
    triples: dict[Triple, None] = field(default_factory=dict)  # an ordered set
    rows: list[_Row] = field(default_factory=list)
    ids: dict[str, NamedNode] = field(default_factory=dict)
    row_of: dict[NamedNode, _Row] = field(default_factory=dict)
    headings: list[Heading | None] = field(default_factory=list)

    @property
    def grid(self) -> Grid:
        return self.book.concepts

    def run(self) -> ImportedVocabulary:
        header = self._header()  # first: it tells whether this is the template at all
        scheme, slug = self._vocabulary()
        self._rows(header)
        for row in self.rows:
            self._row_triples(row, scheme)
        self._derive(scheme)
        return ImportedVocabulary(slug, scheme, list(self.triples))

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.triples[Triple(subject, predicate, obj)] = None

    # --- the vocabulary sheet (or the `#key,value` rows of a CSV) ---

    def _vocabulary(self) -> tuple[NamedNode, str]:
        entries: dict[str, tuple[Heading, Entry]] = {}
        seen: dict[str, Entry] = {}
        for entry in self.book.vocabulary:
            try:
                heading = parse_heading(entry.key, VOCABULARY_FIELDS)
            except HeadingError as error:
                known = ", ".join(f.name for f in VOCABULARY_FIELDS)
                fail(entry.key_at, f"unknown vocabulary key {entry.key!r} ({error}); known keys: {known}, or prefix:name")
            key = _key(heading)
            if key in seen:
                fail(entry.key_at, f"vocabulary key {entry.key!r} appears twice (also at {seen[key].key_at})")
            seen[key] = entry
            if entry.value:
                entries[key] = (heading, entry)
        missing = [k for k in ("id", "uri") if k not in entries]
        if not any(k.startswith(("title", "preflabel")) for k in entries):
            missing.append(REQUIRED_KEYS[2])
        if missing:
            fail(self.book.vocabulary_at, f"missing vocabulary key(s): {', '.join(missing)}")
        slug = entries["id"][1].value
        if not SLUG_PATTERN.fullmatch(slug):
            fail(entries["id"][1].value_at, f"id {slug!r} is not a registry id: use 1-64 of a-z, 0-9 and '-'")
        if "base" in entries:
            self.base_iri = _iri(entries["base"][1].value, entries["base"][1].value_at, "base").value
        scheme = _iri(entries["uri"][1].value, entries["uri"][1].value_at, "uri")
        self.add(scheme, RDF_TYPE, Skos.ConceptScheme)
        has_pref_label = any(h.name == "prefLabel" for h, _ in entries.values())
        for heading, entry in entries.values():
            self._vocabulary_entry(scheme, heading, entry, entries, has_pref_label)
        return scheme, slug

    def _vocabulary_entry(
        self, scheme: NamedNode, heading: Heading, entry: Entry, entries: dict, has_pref_label: bool
    ) -> None:
        role, value, at = heading.role, entry.value, entry.value_at
        if role is Role.LABEL:
            self.add(scheme, heading.predicate, _literal(value, heading, at))
            if heading.name == "title" and not has_pref_label:
                self.add(scheme, Skos.prefLabel, _literal(value, heading, at))
        elif role is Role.IRI:
            self.add(scheme, heading.predicate, _iri(value, at, heading.text))
        elif role is Role.NAME:
            if "publisher" not in entries:
                fail(at, "publisherName needs the key 'publisher' (the publisher's IRI)")
            publisher = _iri(entries["publisher"][1].value, entries["publisher"][1].value_at, "publisher")
            self.add(publisher, RDF_TYPE, FOAF_ORGANIZATION)
            self.add(publisher, heading.predicate, Literal(value))
        elif role is Role.LANGUAGES:
            for language in split_values(value):
                if not LANGUAGE_PATTERN.match(language):
                    fail(at, f"{language!r} is not a language code (like nl, en, fy)")
                self.add(scheme, heading.predicate, Literal(language.lower()))
        elif role in (Role.IRIS, Role.TEXT):
            for item in split_values(value):
                self.add(scheme, heading.predicate, self._property_value(item, heading, at))

    # --- the concepts sheet ---

    def _header(self) -> tuple[int, list[Heading | None]]:
        rows = [(n, c) for n, c in self.grid.rows if any(x.strip() for x in c)]
        if not rows:
            fail(self.grid.where(1), "no concepts: the concepts table is empty (not even a header row)")
        number, cells = rows[0]
        headings: list[Heading | None] = []
        unknown: list[tuple[int, str, str]] = []
        for index, text in enumerate(cells):
            if not text.strip():
                headings.append(None)
                continue
            try:
                headings.append(parse_heading(text, CONCEPT_FIELDS))
            except HeadingError as error:
                headings.append(None)
                unknown.append((index, text, str(error)))
        known = [h for h in headings if h is not None]
        if not known:
            fail(self.grid.where(number), "this is not the eduvoc spreadsheet template: the header row names none "
                 "of its columns (id, uri, prefLabel@nl, …); see docs/spreadsheet-template.md")  # fmt: skip
        if unknown:
            index, text, why = unknown[0]
            others = "".join(f", {t!r}" for _, t, _ in unknown[1:])
            fail(self.grid.where(number, index), f"unknown column {text!r} ({why}){others}; see docs/spreadsheet-template.md")
        seen: dict[str, int] = {}
        for index, heading in enumerate(headings):
            if heading is not None:
                if _key(heading) in seen:
                    fail(self.grid.where(number, index), f"column {heading.text!r} appears twice")
                seen[_key(heading)] = index
        missing = []
        if "id" not in seen and "uri" not in seen:
            missing.append("id or uri")
        if not any(k.startswith("preflabel") for k in seen):
            missing.append("prefLabel@<language> (e.g. prefLabel@nl)")
        if missing:
            fail(self.grid.where(number), f"missing required column(s): {', '.join(missing)}")
        self.headings = headings
        return number, headings

    def _rows(self, header: tuple[int, list[Heading | None]]) -> None:
        header_number, headings = header
        for number, cells in self.grid.rows:
            if number <= header_number or not any(c.strip() for c in cells):
                continue
            filled: list[tuple[int, Heading, str]] = []
            for index, text in enumerate(cells):
                if not text.strip():
                    continue
                heading = headings[index] if index < len(headings) else None
                if heading is None:
                    fail(self.grid.where(number, index), "a value in a column without a heading")
                filled.append((index, heading, text.strip()))
            self._add_row(number, filled)
        if not self.rows:
            fail(self.grid.where(header_number), "no concepts: the concepts table has a header row but no rows")

    def _add_row(self, number: int, cells: list[tuple[int, Heading, str]]) -> None:
        by_name = {h.name: (i, v) for i, h, v in cells if h.field is not None}
        local_id = by_name.get("id")
        if local_id is not None:
            index, value = local_id
            if not ID_PATTERN.match(value):
                fail(self.grid.where(number, index), f"{value!r} is not a valid id: use letters, digits and . _ - ~ / "
                     "(no spaces, ':' or '|'), or put a full IRI in the uri column")  # fmt: skip
            if value in self.ids:
                fail(self.grid.where(number, index), f"duplicate id {value!r} (also on row {self.row_of[self.ids[value]].number})")
        if "uri" in by_name:
            index, value = by_name["uri"]
            iri = _iri(value, self.grid.where(number, index), "uri")
        elif local_id is not None:
            index, value = local_id
            if self.base_iri is None:
                fail(self.grid.where(number, index), f"id {value!r} needs a base IRI to become an IRI: fill in the "
                     "vocabulary key 'base', or give the full IRI in the uri column")  # fmt: skip
            iri = _iri(self.base_iri + value, self.grid.where(number, index), "base + id")
        else:
            fail(self.grid.where(number, cells[0][0]), "a row needs an id or a uri")
        if iri in self.row_of:
            fail(self.grid.where(number, by_name.get("uri", local_id)[0]),
                 f"{iri.value} is on row {self.row_of[iri].number} already")  # fmt: skip
        is_collection = False
        if "type" in by_name:
            index, value = by_name["type"]
            types = [self._class(t, self.grid.where(number, index)) for t in split_values(value)]
            is_collection = Skos.Collection in types and Skos.Concept not in types
        row = _Row(number, iri, is_collection, cells)
        self.rows.append(row)
        self.row_of[iri] = row
        if local_id is not None:
            self.ids[local_id[1]] = iri

    def _row_triples(self, row: _Row, scheme: NamedNode) -> None:
        subject = row.iri
        if row.is_collection:
            self.add(subject, RDF_TYPE, Skos.Collection)
        else:
            self.add(subject, RDF_TYPE, Skos.Concept)
            self.add(subject, Skos.inScheme, scheme)
        for index, heading, text in row.cells:
            at = self.grid.where(row.number, index)
            role = heading.role
            if role is Role.TYPE:
                for token in split_values(text):
                    self.add(subject, RDF_TYPE, self._class(token, at))
            elif role is Role.LABEL:
                self.add(subject, heading.predicate, _literal(text, heading, at))
            elif role is Role.TEXT and heading.field is not None:
                for value in split_values(text):
                    self.add(subject, heading.predicate, _literal(value, heading, at))
            elif role in (Role.LINK, Role.MAPPING):
                for token in split_values(text):
                    target = self._reference(token, at, heading, internal=role is Role.LINK)
                    self.add(subject, heading.predicate, target)
                    if heading.name == "broader":
                        self.add(target, Skos.narrower, subject)
                    elif heading.name == "narrower":
                        self.add(target, Skos.broader, subject)
            elif role is Role.BOOLEAN:
                self.add(subject, heading.predicate, Literal("true" if _boolean(text, at) else "false", datatype=XSD_BOOLEAN))
            elif role is Role.TOP_CONCEPT:
                if row.is_collection:
                    fail(at, "topConcept is for concepts, not collections")
                row.top = _boolean(text, at)
            elif role is Role.COLLECTION:
                for token in split_values(text):
                    collection = self._reference(token, at, heading, internal=True)
                    if not self.row_of[collection].is_collection:
                        fail(at, f"{token!r} is not a collection (give its row the type 'collection')")
                    self.add(collection, Skos.member, subject)
            elif role in (Role.IRIS, Role.TEXT):
                for value in split_values(text):
                    self.add(subject, heading.predicate, self._property_value(value, heading, at))

    def _derive(self, scheme: NamedNode) -> None:
        """Top concepts both ways; then check labels and that broader has no cycles."""
        with_broader = {t.subject for t in self.triples if t.predicate == Skos.broader}
        deprecated = {t.subject for t in self.triples if t.predicate == Owl.deprecated and t.object == TRUE}
        labelled = {t.subject for t in self.triples if t.predicate == Skos.prefLabel}
        for row in self.rows:
            if row.iri not in labelled:
                index = next(i for i, h in enumerate(self.headings) if h is not None and h.name == "prefLabel")
                fail(self.grid.where(row.number, index), f"missing prefLabel: every row needs a prefLabel ({row.iri.value})")
            if row.is_collection:
                continue
            top = row.top if row.top is not None else row.iri not in with_broader and row.iri not in deprecated
            if top:
                self.add(row.iri, Skos.topConceptOf, scheme)
                self.add(scheme, HAS_TOP_CONCEPT, row.iri)
        self._check_cycles()

    def _check_cycles(self) -> None:
        """Walk broader depth-first; meeting a concept already on the path is a cycle."""
        parents: dict[NamedNode, list[NamedNode]] = {}
        for t in self.triples:
            if t.predicate == Skos.broader:
                parents.setdefault(t.subject, []).append(t.object)
        state: dict[NamedNode, int] = {}  # 1: on the current path, 2: done
        for start, its_parents in parents.items():
            if start in state:
                continue
            path, stack = [start], [iter(its_parents)]
            state[start] = 1
            while stack:
                child = next(stack[-1], None)
                if child is None:
                    stack.pop()
                    state[path.pop()] = 2
                elif state.get(child) == 1:
                    self._cycle([*path[path.index(child) :], child])
                elif child not in state:
                    state[child] = 1
                    path.append(child)
                    stack.append(iter(parents.get(child, ())))

    def _cycle(self, cycle: list[NamedNode]) -> NoReturn:
        row = self.row_of.get(cycle[-2])
        if row is None:
            fail(self.grid.where(1), "broader goes round in a circle: " + " → ".join(c.value for c in cycle))
        index = next((i for i, h, _ in row.cells if h.name in ("broader", "narrower")), row.cells[0][0])
        fail(self.grid.where(row.number, index), "broader goes round in a circle: " + " → ".join(map(self._label, cycle)))

    def _label(self, iri: NamedNode) -> str:
        return next((i for i, v in self.ids.items() if v == iri), iri.value)

    # --- values ---

    def _reference(self, token: str, at: str, heading: Heading, internal: bool) -> NamedNode:
        """An id of a row, or an IRI; links inside the vocabulary must point at one of its rows."""
        if token in self.ids:
            return self.ids[token]
        if not is_absolute_iri(token):
            if ID_PATTERN.match(token):
                fail(at, f"{heading.name} points to {token!r}, an id that no row of this sheet has")
            fail(at, f"{token!r} in {heading.name} is neither an id of a row nor a full IRI")
        target = _iri(token, at, heading.name)
        if internal and target not in self.row_of:
            fail(at, f"{heading.name} points to {token}, which is not a row of this sheet")
        return target

    def _class(self, token: str, at: str) -> NamedNode:
        if token.lower() in TYPE_WORDS:
            return TYPE_WORDS[token.lower()]
        found = expand(token)
        if found is None and ("://" in token or token.startswith("urn:")):
            found = _iri(token, at, "type")
        if found is None:
            fail(at, f"type {token!r}: write 'concept', 'collection', prefix:Class or a full IRI")
        return found

    def _property_value(self, value: str, heading: Heading, at: str) -> NamedNode | Literal:
        if heading.role is Role.IRIS:
            if not is_absolute_iri(value):
                fail(at, f"{heading.text} holds full IRIs; {value!r} is not one")
            return _iri(value, at, heading.text)
        return _literal(value, heading, at)


def read(book: Workbook, base_iri: str | None) -> ImportedVocabulary:
    return _Importer(book, base_iri).run()


def fail(location: str, message: str) -> NoReturn:
    raise InvalidInput(f"{location}: {message}", location=location)


def _key(heading: Heading) -> str:
    """Headings that mean the same column compare equal (case of the name does not matter)."""
    suffix = f"@{heading.language}" if heading.language else f"^^{heading.datatype.value}" if heading.datatype else ""
    base = heading.field.name if heading.field else heading.predicate.value
    return base.lower() + suffix


def _iri(value: str, at: str, what: str) -> NamedNode:
    if not is_absolute_iri(value):
        fail(at, f"{what}: {value!r} is not a full IRI (it should start like https://)")
    try:
        return NamedNode(value)
    except ValueError as error:
        fail(at, f"{what}: malformed IRI {value!r}: {error}")


def _literal(value: str, heading: Heading, at: str) -> Literal:
    try:
        if heading.language:
            return Literal(value, language=heading.language)
        if heading.datatype is not None:
            return Literal(value, datatype=heading.datatype)
        return Literal(value)
    except ValueError as error:
        fail(at, f"{heading.text}: {error}")


def _boolean(text: str, at: str) -> bool:
    value = BOOLEANS.get(text.strip().lower())
    if value is None:
        fail(at, f"{text!r} is not true or false")
    return bool(value)
