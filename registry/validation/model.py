"""Validation findings and reports: what the engine returns and the serialisers read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

from registry.validation.shapes import PropertyPath, Severity

Term = NamedNode | BlankNode | Literal


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result (https://www.w3.org/TR/shacl/#results-validation-result).

    `messages` and `fix_hints` map a language tag ('' for none) to text; `check_id` is the shape's
    eduvoc:checkId (None for shapes that declare none).
    """

    focus_node: Term
    path: PropertyPath | None
    value: Term | None
    severity: Severity
    source_shape: NamedNode | BlankNode
    check_id: str | None
    messages: dict[str, str]
    fix_hints: dict[str, str]
    constraint_component: NamedNode
    source_constraint: Term | None = None

    def message(self, language: str = "en") -> str:
        """The message in `language`, else English, else any."""
        return self.messages.get(language) or self.messages.get("en") or next(iter(self.messages.values()), "")


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating data graphs against a shapes graph.

    `conforms` is SHACL's: no results at all. `blocks_publication` is eduvoc's: any sh:Violation
    (NL-SBB H5: warnings and info do not make a vocabulary non-conformant).
    """

    conforms: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocks_publication(self) -> bool:
        return any(f.severity is Severity.VIOLATION for f in self.findings)

    def by_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity is severity]

    def counts(self) -> dict[str, int]:
        """Findings per check id (the shape IRI for shapes without one), most frequent first."""
        counted = Counter(f.check_id or str(f.source_shape) for f in self.findings)
        return dict(counted.most_common())

    def severity_counts(self) -> dict[str, int]:
        counted = Counter(f.severity.value for f in self.findings)
        return {s.value: counted.get(s.value, 0) for s in Severity}
