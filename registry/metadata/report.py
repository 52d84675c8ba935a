"""A metadata validation report for people and CI: per finding the record, the field with its human
label, the value, the severity, the message and the fix hint, in Dutch or English.

JSON (the SHACL-style fields of `registry.validation.serialise` plus the human ones), CSV (one row
per finding) and plain text (the CLI). SHACL Turtle is `registry.validation.to_turtle` as it is.
"""

from __future__ import annotations

import io
from typing import Any

from pyoxigraph import NamedNode

from registry.csv_cells import safe_writer
from registry.metadata.compiled import CompiledProfile, compiled_profile
from registry.metadata.service import MetadataValidation
from registry.validation import Finding, Severity
from registry.validation.model import Term
from registry.validation.serialise import finding_json

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
    message and hint per constraint component, naming the field."""
    field_label = compiled.labels.label(finding.path, language) or None
    generic = _GENERIC.get(finding.constraint_component.value.rsplit("#", 1)[-1])
    own_message = finding.source_shape in compiled.with_messages or finding.check_id is not None
    message = finding.messages.get(language) if own_message else None
    if message is None and generic is not None and finding.path is not None:
        message = generic[language][0].format(field=field_label)
    hint = finding.fix_hints.get(language) or finding.fix_hints.get("en")
    if hint is None and generic is not None and finding.path is not None:
        hint = generic[language][1].format(field=field_label)
    return {
        "record": plain(finding.focus_node),
        "field": str(finding.path) if finding.path is not None else None,
        "fieldLabel": field_label,
        "valueText": plain(finding.value) if finding.value is not None and finding.value != finding.focus_node else None,
        "message": message or finding.message(language),
        "fixHint": hint or next(iter(finding.fix_hints.values()), None),
    }


#: constraint component -> language -> (message, fix hint), for shapes that give neither
_GENERIC: dict[str, dict[str, tuple[str, str]]] = {
    "MinCountConstraintComponent": {
        "nl": ("Het veld '{field}' ontbreekt (of heeft te weinig waarden).", "Vul '{field}' in."),
        "en": ("The field '{field}' is missing (or has too few values).", "Fill in '{field}'."),
    },
    "MaxCountConstraintComponent": {
        "nl": ("Het veld '{field}' heeft te veel waarden.", "Houd bij '{field}' alleen de toegestane aantal waarden over."),
        "en": ("The field '{field}' has too many values.", "Keep only the allowed number of values for '{field}'."),
    },
    "ClassConstraintComponent": {
        "nl": ("De waarde van '{field}' is niet van het vereiste type.",
               "Beschrijf de waarde met het rdf:type dat het profiel voor '{field}' vraagt, of kies een waarde uit de waardenlijst van dit veld."),
        "en": ("The value of '{field}' is not of the required type.",
               "Describe the value with the rdf:type the profile asks for '{field}', or pick a value of this field's value list."),
    },
    "DatatypeConstraintComponent": {
        "nl": ("De waarde van '{field}' heeft niet het vereiste datatype.", "Schrijf '{field}' met het juiste datatype (bijv. xsd:date)."),
        "en": ("The value of '{field}' does not have the required datatype.", "Write '{field}' with the right datatype (e.g. xsd:date)."),
    },
    "NodeKindConstraintComponent": {
        "nl": ("De waarde van '{field}' is van de verkeerde soort (IRI, blank node of tekst).", "Geef '{field}' als IRI of als tekst, zoals het profiel vraagt."),
        "en": ("The value of '{field}' is of the wrong kind (IRI, blank node or literal).", "Give '{field}' as an IRI or as text, as the profile asks."),
    },
    "InConstraintComponent": {
        "nl": ("De waarde van '{field}' is geen van de toegestane waarden.", "Kies voor '{field}' een van de toegestane waarden."),
        "en": ("The value of '{field}' is not one of the allowed values.", "Pick one of the allowed values for '{field}'."),
    },
    "PatternConstraintComponent": {
        "nl": ("De waarde van '{field}' heeft niet de vereiste vorm.", "Schrijf '{field}' in de vorm die het profiel vraagt."),
        "en": ("The value of '{field}' does not have the required form.", "Write '{field}' in the form the profile asks for."),
    },
}


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
