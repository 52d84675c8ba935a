"""Registry-aware value checks: a value that must come from list X is checked against the registry's
live vocabularies, not against a copy in the shapes.

A property shape declares its list with `eduvoc:valueList <scheme IRI>` (several = any of them;
`<https://w3id.org/eduvoc/catalogue>` = any vocabulary registered here). SHACL engines ignore the
annotation, so pySHACL still validates the same shapes. For each value the registry says:
  - not a concept of X (nor of any registered list)  -> violation naming X;
  - a concept of X that is deprecated                 -> violation naming the replacement (always a
                                                          violation, whatever the shape's severity);
  - a concept of another registered list Y            -> violation naming Y and X.
The vocabularies are looked up, never validated as data (DCAT-AP#125, #248): a lookup with
VALUES over the current graphs (registry/metadata/lookup.py), whatever the number of records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from registry.metadata.value_sources import ValueLists
from registry.namespaces import CATALOGUE, DCT, EDUVOC_DEF, OWL, RDFS, SKOS
from registry.store import Store
from registry.validation import Finding, PropertyPath, Severity
from registry.validation.graph import RDF_TYPE, Node, TripleIndex
from registry.validation.shapes import CHECK_ID, sh, to_property_path

VALUE_LIST = NamedNode(EDUVOC_DEF + "valueList")
IN_COMPONENT = sh("InConstraintComponent")  # "must be one of the list's concepts": sh:in, with live members
ADMS_STATUS = "http://www.w3.org/ns/adms#status"
IN_SCHEME, TOP_CONCEPT_OF, PREF_LABEL = SKOS + "inScheme", SKOS + "topConceptOf", SKOS + "prefLabel"
OWL_DEPRECATED, IS_REPLACED_BY = OWL + "deprecated", DCT + "isReplacedBy"
RETIRED_STATUSES = {"http://purl.org/adms/status/Deprecated", "http://purl.org/adms/status/Withdrawn"}

CHECK_UNKNOWN = "value-list-unknown"
CHECK_DEPRECATED = "value-list-deprecated"
CHECK_OTHER_LIST = "value-list-other-list"
CHECK_UNCHECKED = "value-list-not-loaded"


@dataclass(frozen=True)
class ValueListRule:
    """Values at `path` of the shape's focus nodes must be concepts of one of `lists`."""

    shape: Node
    focus: tuple[str, ...]  # SPARQL patterns binding ?this, one per target (class, objects of, subjects of)
    path: PropertyPath
    lists: tuple[NamedNode, ...]
    severity: Severity
    check_id: str | None


@dataclass
class ConceptFacts:
    """What the registry knows about one value."""

    schemes: set[str] = field(default_factory=set)
    deprecated: bool = False
    replacements: dict[str, dict[str, str]] = field(default_factory=dict)  # IRI -> labels by language
    labels: dict[str, str] = field(default_factory=dict)


def read_rules(paths: tuple[Path, ...]) -> list[ValueListRule]:
    """The value-list rules declared in the shape files (eduvoc:valueList on property shapes)."""
    rules: list[ValueListRule] = []
    for path in paths:
        index = TripleIndex.parse(path)
        for shape in dict.fromkeys(s for s, _ in index.pairs(VALUE_LIST)):
            path_node = index.value(shape, sh("path"))
            if path_node is None:
                continue
            focus = _focus_patterns(index, shape)
            for parent in index.subjects(sh("property"), shape):
                focus += _focus_patterns(index, parent)
            severity = index.value(shape, sh("severity"))
            check = index.value(shape, CHECK_ID)
            rules.append(ValueListRule(
                shape=shape,
                focus=tuple(dict.fromkeys(focus)),
                path=to_property_path(index, path_node),
                lists=tuple(v for v in index.objects(shape, VALUE_LIST) if isinstance(v, NamedNode)),
                severity=Severity.of(severity) if severity is not None else Severity.VIOLATION,
                check_id=check.value if isinstance(check, Literal) else None,
            ))
    return rules


def _focus_patterns(index: TripleIndex, shape: Node) -> list[str]:
    """SPARQL patterns for the shape's targets (https://www.w3.org/TR/shacl/#targets)."""
    patterns = [f"?this {RDF_TYPE}/<{RDFS}subClassOf>* {c} ." for c in index.objects(shape, sh("targetClass")) if isinstance(c, NamedNode)]
    patterns += [f"?eduvoc_s {p} ?this ." for p in index.objects(shape, sh("targetObjectsOf")) if isinstance(p, NamedNode)]
    patterns += [f"?this {p} ?eduvoc_o ." for p in index.objects(shape, sh("targetSubjectsOf")) if isinstance(p, NamedNode)]
    return patterns


def check_values(data: Store, graph: NamedNode, lists: ValueLists, rules: list[ValueListRule]) -> list[Finding]:
    """Findings for every value in `graph` of `data` that breaks a value-list rule."""
    uses: list[tuple[ValueListRule, Node, NamedNode]] = []
    for rule in rules:
        for focus, value in _values(data, graph, rule):
            uses.append((rule, focus, value))
    if not uses:
        return []
    facts = lookup(lists, {value for _, _, value in uses})
    findings: list[Finding] = []
    for rule, focus, value in uses:
        finding = _judge(rule, focus, value, facts.get(value.value, ConceptFacts()), lists)
        if finding is not None:
            findings.append(finding)
    return findings


def _values(data: Store, graph: NamedNode, rule: ValueListRule) -> list[tuple[Node, NamedNode]]:
    focus = " UNION ".join(f"{{ {pattern} }}" for pattern in rule.focus)
    if not focus:
        return []
    query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {rule.path.sparql} ?value FILTER (isIRI(?value)) }}"
    return [(row["this"], row["value"]) for row in data.query(query, default_graph=[graph])]  # type: ignore[union-attr]


def lookup(lists: ValueLists, values: set[NamedNode]) -> dict[str, ConceptFacts]:
    """Scheme membership, deprecation and replacements (with their labels) of `values` in the
    current vocabularies: two lookups, whatever the number of values."""
    described = lists.describe(values)
    replacements = {r for d in described.values() for r in d.get(IS_REPLACED_BY, ()) if isinstance(r, NamedNode)}
    replacement_labels = lists.describe(replacements) if replacements else {}
    facts: dict[str, ConceptFacts] = {}
    for iri, description in described.items():
        fact = facts[iri] = ConceptFacts()
        fact.schemes = {s.value for p in (IN_SCHEME, TOP_CONCEPT_OF) for s in description.get(p, ())}
        fact.deprecated = any(d.value in ("true", "1") for d in description.get(OWL_DEPRECATED, ())) or any(
            s.value in RETIRED_STATUSES for s in description.get(ADMS_STATUS, ()))
        for replacement in description.get(IS_REPLACED_BY, ()):
            fact.replacements[replacement.value] = _labels(replacement_labels.get(replacement.value, {}))
        fact.labels = _labels(description)
    return facts


def _labels(description: dict) -> dict[str, str]:
    labels: dict[str, str] = {}
    for label in description.get(PREF_LABEL, ()):
        if isinstance(label, Literal):
            labels.setdefault(label.language or "", label.value)
    return labels


def _judge(rule: ValueListRule, focus: Node, value: NamedNode, fact: ConceptFacts, lists: ValueLists) -> Finding | None:
    wanted = [s.value for s in rule.lists]
    if CATALOGUE.value in wanted:
        if lists.list_of_scheme(value.value) is not None:
            return None
        if len(wanted) == 1:
            return _finding(rule, focus, value, CHECK_UNKNOWN, _NOT_REGISTERED, {"value": value.value})
    names = {lang: " / ".join(_list_name(lists, s, lang) for s in wanted if s != CATALOGUE.value) for lang in ("nl", "en")}
    registered = [s for s in wanted if lists.list_of_scheme(s) is not None]
    if not registered:
        return _finding(rule, focus, value, CHECK_UNCHECKED, _NOT_LOADED, {"lists": names}, Severity.INFO)
    matching = fact.schemes & set(wanted)
    value_text = _value_text(value, fact)
    if matching:
        if not fact.deprecated:
            return None
        names = {lang: " / ".join(_list_name(lists, s, lang) for s in sorted(matching)) for lang in ("nl", "en")}
        if fact.replacements:
            replacement = {lang: ", ".join(_value_text(NamedNode(iri), ConceptFacts(labels=labels), lang)
                                           for iri, labels in sorted(fact.replacements.items())) for lang in ("nl", "en")}
            return _finding(rule, focus, value, CHECK_DEPRECATED, _DEPRECATED,
                            {"value": value_text, "lists": names, "replacement": replacement}, Severity.VIOLATION)
        return _finding(rule, focus, value, CHECK_DEPRECATED, _DEPRECATED_NO_REPLACEMENT, {"value": value_text, "lists": names},
                        Severity.VIOLATION)
    other = sorted(s for s in fact.schemes if lists.list_of_scheme(s) is not None)
    if other:
        found_in = {lang: " / ".join(_list_name(lists, s, lang) for s in other) for lang in ("nl", "en")}
        return _finding(rule, focus, value, CHECK_OTHER_LIST, _OTHER_LIST, {"value": value_text, "lists": names, "other": found_in})
    return _finding(rule, focus, value, CHECK_UNKNOWN, _UNKNOWN, {"value": value.value, "lists": names})


def _list_name(lists: ValueLists, scheme: str, language: str) -> str:
    record = lists.list_of_scheme(scheme)
    return f"{record.label(language)} ({record.slug})" if record is not None else scheme


def _value_text(value: NamedNode, fact: ConceptFacts, language: str = "nl") -> str:
    label = fact.labels.get(language) or fact.labels.get("nl") or fact.labels.get("en") or next(iter(fact.labels.values()), None)
    return f"{value.value} ({label})" if label else value.value


# (message, fix hint) per language, with {value}, {lists}, {replacement}, {other} filled in
_Text = dict[str, tuple[str, str]]
_UNKNOWN: _Text = {
    "nl": ("{value} is geen begrip uit de waardenlijst {lists}.",
           "Kies een begrip uit {lists}; zoek het op in de registry (/search) en gebruik zijn IRI."),
    "en": ("{value} is not a concept of the value list {lists}.",
           "Pick a concept of {lists}; look it up in the registry (/search) and use its IRI."),
}
_DEPRECATED: _Text = {
    "nl": ("{value} uit {lists} is vervallen; gebruik de opvolger {replacement}.",
           "Vervang de waarde door {replacement}."),
    "en": ("{value} of {lists} is deprecated; use its replacement {replacement}.",
           "Replace the value with {replacement}."),
}
_DEPRECATED_NO_REPLACEMENT: _Text = {
    "nl": ("{value} uit {lists} is vervallen en heeft geen opvolger.",
           "Kies een ander, geldig begrip uit {lists}."),
    "en": ("{value} of {lists} is deprecated and has no replacement.",
           "Pick another, current concept of {lists}."),
}
_OTHER_LIST: _Text = {
    "nl": ("{value} is een begrip uit {other}, niet uit de gevraagde waardenlijst {lists}.",
           "Gebruik hier een begrip uit {lists}; een begrip uit {other} hoort bij een ander veld."),
    "en": ("{value} is a concept of {other}, not of the required value list {lists}.",
           "Use a concept of {lists} here; a concept of {other} belongs in another field."),
}
_NOT_REGISTERED: _Text = {
    "nl": ("{value} is geen waardenlijst die in deze registry is geregistreerd.",
           "Verwijs naar het begrippenkader (skos:ConceptScheme) van een geregistreerde waardenlijst, zie /."),
    "en": ("{value} is not a value list registered in this registry.",
           "Point to the concept scheme (skos:ConceptScheme) of a registered value list, see /."),
}
_NOT_LOADED: _Text = {
    "nl": ("De waardenlijst {lists} is niet geladen in deze registry; de waarde is niet gecontroleerd.",
           "Laad de gebundelde waardenlijsten (eduvoc load) om ook de waarden te controleren."),
    "en": ("The value list {lists} is not loaded in this registry; the value was not checked.",
           "Load the bundled vocabularies (eduvoc load) to check the values too."),
}


def _finding(rule: ValueListRule, focus: Node, value: NamedNode, check_id: str, texts: _Text,
             fields: dict[str, object], severity: Severity | None = None) -> Finding:
    messages: dict[str, str] = {}
    hints: dict[str, str] = {}
    for language, (message, hint) in texts.items():
        filled = {k: (v[language] if isinstance(v, dict) else v) for k, v in fields.items()}
        messages[language] = message.format(**filled)
        hints[language] = hint.format(**filled)
    return Finding(
        focus_node=focus, path=rule.path, value=value, severity=severity or rule.severity, source_shape=rule.shape,
        check_id=check_id, messages=messages, fix_hints=hints, constraint_component=IN_COMPONENT,
    )

