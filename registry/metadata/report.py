"""A metadata validation report for people and CI: per finding the record, the field with its human
label, the value, the severity, the message and the fix hint, in Dutch or English.

JSON (the SHACL-style fields of `registry.validation.serialise` plus the human ones), CSV (one row
per finding) and plain text (the CLI). SHACL Turtle is `registry.validation.to_turtle` as it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pyoxigraph import BlankNode, NamedNode

from registry.csv_cells import safe_writer
from registry.metadata.compiled import CompiledProfile, compiled_profile
from registry.metadata.labels import prefixed
from registry.metadata.service import MetadataValidation
from registry.validation import Finding, Severity
from registry.validation.model import Term
from registry.validation.serialise import finding_json

SH = "http://www.w3.org/ns/shacl#"
CSV_COLUMNS = ["record", "field", "field_label", "value", "severity", "message", "fix_hint", "check_id"]


def plain(term: Term | None) -> str:
    """IRIs bare, literals as their text, blank nodes as _:id."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return term.value
    return term.value if hasattr(term, "datatype") else str(term)


def human_finding(finding: Finding, compiled: CompiledProfile, language: str) -> dict[str, Any]:
    """The fields a person reads, in `language`. Shapes without sh:message (DCAT-AP's) get a
    message and hint per constraint component, naming the field and what the profile expects
    (the class, datatype, value list or pattern of the shape: `expected_of`)."""
    field_label = compiled.labels.label(finding.path, language) or None
    component = finding.constraint_component.value.rsplit("#", 1)[-1]
    generic = _GENERIC.get(component)
    expected = expected_of(finding, compiled)
    value = plain(finding.value) if finding.value is not None and finding.value != finding.focus_node else None
    own_message = finding.source_shape in compiled.with_messages or finding.check_id is not None
    message = finding.messages.get(language) if own_message else None
    values = {"field": field_label, "expected": expected.text if expected else "", "value": value or ""}
    if message is None and generic is not None and finding.path is not None:
        message = _pick(generic[language][0], expected is not None).format(**values)
    elif message is not None and expected is not None and expected.text not in message:
        message = f"{message} ({_EXPECTED[language]}: {expected.text})"
    hint = finding.fix_hints.get(language) or finding.fix_hints.get("en")
    if hint is None and generic is not None and finding.path is not None:
        literal_fix = component == "ClassConstraintComponent" and expected is not None and len(expected.iris) == 1 \
            and isinstance(finding.value, NamedNode)
        template = _CLASS_FIX[language] if literal_fix else _pick(generic[language][1], expected is not None)
        hint = template.format(**values, triple=f"<{value}> a <{expected.iris[0]}> ." if literal_fix and expected is not None else "")
    return {
        "record": plain(finding.focus_node),
        "field": str(finding.path) if finding.path is not None else None,
        "fieldLabel": field_label,
        "valueText": value,
        "expected": expected.text if expected else None,
        "message": message or finding.message(language),
        "fixHint": hint or next(iter(finding.fix_hints.values()), None),
    }


@dataclass(frozen=True)
class Expected:
    """What a shape asks of a value: as people read it (prefixed names) and the IRIs (classes)."""

    text: str
    iris: tuple[str, ...] = ()


#: constraint component -> the shape's parameter that says what is expected
_PARAMETER = {
    "ClassConstraintComponent": "class", "DatatypeConstraintComponent": "datatype",
    "InConstraintComponent": "in", "PatternConstraintComponent": "pattern", "NodeKindConstraintComponent": "nodeKind",
}
_IN_SHOWN = 12  # values of an sh:in list named in a message


def expected_of(finding: Finding, compiled: CompiledProfile) -> Expected | None:
    """The class, datatype, allowed values, pattern or node kind the finding's shape asks for."""
    parameter = _PARAMETER.get(finding.constraint_component.value.rsplit("#", 1)[-1])
    if parameter is None or not isinstance(finding.source_shape, (NamedNode, BlankNode)):
        return None
    index = compiled.shapes.graph.index
    found = index.objects(finding.source_shape, NamedNode(SH + parameter))
    if not found:
        return None
    if parameter == "in":
        members = index.items(found[0])
        shown = ", ".join(_short(m) for m in members[:_IN_SHOWN]) + (" …" if len(members) > _IN_SHOWN else "")
        return Expected(shown)
    if parameter == "pattern":
        return Expected(found[0].value)
    iris = tuple(term.value for term in found if isinstance(term, NamedNode))
    return Expected(" / ".join(prefixed(iri) for iri in iris), iris if parameter == "class" else ())


def _short(term: Term) -> str:
    return prefixed(term.value) if isinstance(term, NamedNode) else plain(term)


def _pick(texts: tuple[str, str], with_expected: bool) -> str:
    """The text naming what is expected when it is known, else the one without."""
    return texts[0] if with_expected else texts[1]


#: constraint component -> language -> (message, fix hint); each text as (naming what is expected, without)
_GENERIC: dict[str, dict[str, tuple[tuple[str, str], tuple[str, str]]]] = {
    "MinCountConstraintComponent": {
        "nl": (("", "Het veld '{field}' ontbreekt (of heeft te weinig waarden)."), ("", "Vul '{field}' in.")),
        "en": (("", "The field '{field}' is missing (or has too few values)."), ("", "Fill in '{field}'.")),
    },
    "MaxCountConstraintComponent": {
        "nl": (("", "Het veld '{field}' heeft te veel waarden."), ("", "Houd bij '{field}' alleen de toegestane aantal waarden over.")),
        "en": (("", "The field '{field}' has too many values."), ("", "Keep only the allowed number of values for '{field}'.")),
    },
    "ClassConstraintComponent": {
        "nl": (("De waarde van '{field}' is niet van het vereiste type {expected}.", "De waarde van '{field}' is niet van het vereiste type."),
               ("Geef de waarde van '{field}' het type {expected}, of kies een waarde uit de waardenlijst van dit veld.",
                "Beschrijf de waarde met het rdf:type dat het profiel voor '{field}' vraagt, of kies een waarde uit de waardenlijst van dit veld.")),
        "en": (("The value of '{field}' is not of the required type {expected}.", "The value of '{field}' is not of the required type."),
               ("Give the value of '{field}' the type {expected}, or pick a value of this field's value list.",
                "Describe the value with the rdf:type the profile asks for '{field}', or pick a value of this field's value list.")),
    },
    "DatatypeConstraintComponent": {
        "nl": (("De waarde van '{field}' heeft niet het vereiste datatype {expected}.", "De waarde van '{field}' heeft niet het vereiste datatype."),
               ("Schrijf '{field}' als {expected}, bijvoorbeeld \"…\"^^{expected}.", "Schrijf '{field}' met het juiste datatype (bijv. xsd:date).")),
        "en": (("The value of '{field}' does not have the required datatype {expected}.", "The value of '{field}' does not have the required datatype."),
               ("Write '{field}' as {expected}, e.g. \"…\"^^{expected}.", "Write '{field}' with the right datatype (e.g. xsd:date).")),
    },
    "NodeKindConstraintComponent": {
        "nl": (("De waarde van '{field}' is van de verkeerde soort; verwacht: {expected}.", "De waarde van '{field}' is van de verkeerde soort (IRI, blank node of tekst)."),
               ("Geef '{field}' als {expected}.", "Geef '{field}' als IRI of als tekst, zoals het profiel vraagt.")),
        "en": (("The value of '{field}' is of the wrong kind; expected: {expected}.", "The value of '{field}' is of the wrong kind (IRI, blank node or literal)."),
               ("Give '{field}' as {expected}.", "Give '{field}' as an IRI or as text, as the profile asks.")),
    },
    "InConstraintComponent": {
        "nl": (("De waarde van '{field}' is geen van de toegestane waarden ({expected}).", "De waarde van '{field}' is geen van de toegestane waarden."),
               ("Kies voor '{field}' een van: {expected}.", "Kies voor '{field}' een van de toegestane waarden.")),
        "en": (("The value of '{field}' is not one of the allowed values ({expected}).", "The value of '{field}' is not one of the allowed values."),
               ("Pick one of these for '{field}': {expected}.", "Pick one of the allowed values for '{field}'.")),
    },
    "PatternConstraintComponent": {
        "nl": (("De waarde van '{field}' heeft niet de vereiste vorm (patroon {expected}).", "De waarde van '{field}' heeft niet de vereiste vorm."),
               ("Schrijf '{field}' zo dat het aan het patroon {expected} voldoet.", "Schrijf '{field}' in de vorm die het profiel vraagt.")),
        "en": (("The value of '{field}' does not have the required form (pattern {expected}).", "The value of '{field}' does not have the required form."),
               ("Write '{field}' so that it matches the pattern {expected}.", "Write '{field}' in the form the profile asks for.")),
    },
}
#: the hint for a class finding on an IRI: the one triple that gives it the class, to paste in
_CLASS_FIX = {
    "nl": "Geef de waarde van '{field}' het type {expected}: voeg deze regel toe (Turtle): {triple} "
          "(waarden uit de waardenlijsten van het register hebben hun type al).",
    "en": "Give the value of '{field}' the type {expected}: add this line (Turtle): {triple} "
          "(values from the registry's value lists carry their type already).",
}
_EXPECTED = {"nl": "verwacht", "en": "expected"}


def to_json(validation: MetadataValidation, language: str = "nl") -> dict[str, Any]:
    """The report as JSON: profile, conformance, counts, and each finding with its human fields."""
    compiled = compiled_profile(validation.profile)
    report = validation.report
    profile = validation.profile
    return {
        "profile": {"name": profile.name, "version": profile.version, "title": profile.label(language)},
        "conforms": validation.conforms,
        "language": language,
        "records": len({f.focus_node for f in report.findings}),
        "severityCounts": report.severity_counts(),
        "checkCounts": report.counts(),
        "findings": [{**human_finding(f, compiled, language), **finding_json(f)} for f in _ordered(report.findings)],
    }


def to_csv(validation: MetadataValidation, language: str = "nl") -> str:
    compiled = compiled_profile(validation.profile)
    output = io.StringIO()
    writer = safe_writer(output, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for finding in _ordered(validation.report.findings):
        human = human_finding(finding, compiled, language)
        writer.writerow([human["record"], human["field"] or "", human["fieldLabel"] or "", human["valueText"] or "",
                         finding.severity.value, human["message"], human["fixHint"] or "", finding.check_id or ""])
    return output.getvalue()


def to_text(validation: MetadataValidation, language: str = "nl") -> str:
    """A short report for a terminal or CI log."""
    return text_of(to_json(validation, language))


def text_of(report: dict[str, Any]) -> str:
    """The text report from the JSON report (so the CLI renders a remote answer the same way)."""
    language = report.get("language", "nl")
    counts = report["severityCounts"]
    verdict = {True: {"nl": "voldoet", "en": "conforms"}, False: {"nl": "voldoet NIET", "en": "does NOT conform"}}
    lines = [(
        f"{report['profile']['name']} {report['profile']['version']}: {verdict[report['conforms']][language]} "
        f"({counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info)"
    )]
    for finding in report["findings"]:
        field = f"{finding['fieldLabel']} ({finding['field']})" if finding["field"] else "-"
        value = f" = {finding['valueText']}" if finding["valueText"] else ""
        lines.append(f"[{finding['severity']}] {finding['record']} · {field}{value}")
        lines.append(f"    {finding['message']}")
        if finding["fixHint"]:
            lines.append(f"    → {finding['fixHint']}")
    return "\n".join(lines) + "\n"


_RANK = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Violations first, then per record, in the engine's order otherwise."""
    return sorted(findings, key=lambda f: (_RANK[f.severity], plain(f.focus_node)))
