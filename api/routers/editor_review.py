"""What the editor pages show of a draft: the changes publishing it would make (against the latest
release) and its quality report, with concepts named in the page language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from pyoxigraph import Literal, NamedNode

from api.i18n import Label, pick_label
from api.routers.pages import curie
from registry.catalogue import Catalogue, Release, VocabularyRecord
from registry.diff import VocabularyDiff, concept_labels, diff_graphs
from registry.errors import NotFound
from registry.loading import summarise
from registry.records import GraphSummary
from registry.store import Store

PREVIEW_CAP = 20  # changes of each kind on the vocabulary page
FINDINGS_PREVIEW = 10  # findings on the vocabulary page
SEVERITIES = ("Violation", "Warning", "Info")
CHANGE_KINDS = ("added", "removed", "changed", "deprecated")
IRI_IN_PATH = re.compile(r"<([^<>\s]+)>")
LANGUAGE_SUFFIX = re.compile(r"^(?P<text>.*)@(?P<language>[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)$", re.DOTALL)


# --- view data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConceptRef:
    iri: str
    label: Label
    released: bool  # in the latest release: has a public page


@dataclass(frozen=True)
class ChangeItem:
    concept: ConceptRef
    properties: list[Any] = field(default_factory=list)  # PropertyChange, for "changed"
    replacements: list[ConceptRef] = field(default_factory=list)  # for "deprecated"


@dataclass(frozen=True)
class Preview:
    summary: GraphSummary
    source: str | None
    compared_with: str | None  # the latest release's version, None before the first release
    counts: dict[str, int]
    items: dict[str, list[ChangeItem]]  # the first PREVIEW_CAP of each kind


@dataclass(frozen=True)
class FindingRow:
    severity: str
    check: str
    concept: ConceptRef | None
    focus: str
    path: str
    value: Label
    message: Label
    fix_hint: Label


@dataclass(frozen=True)
class Quality:
    available: bool
    blocks: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    rows: list[FindingRow] = field(default_factory=list)


def _severity(finding: Any) -> str:
    severity = getattr(finding, "severity", "")
    return getattr(severity, "value", str(severity))


class Labeller:
    """Names concepts in the page language: draft labels first, then the latest release's."""

    def __init__(self, store: Store, draft: NamedNode | None, release: Release | None, language: str) -> None:
        self.released = concept_labels(store, NamedNode(release.graph)) if release else {}
        self.labels = {**self.released, **(concept_labels(store, draft) if draft else {})}
        self.language = language

    def __call__(self, iri: str) -> ConceptRef:
        return ConceptRef(iri, pick_label(self.labels.get(iri, {}), self.language, iri), iri in self.released)


def _record(catalogue: Catalogue, slug: str) -> VocabularyRecord | None:
    try:
        return catalogue.vocabulary(slug)
    except NotFound:
        return None


def _change_items(diff: VocabularyDiff, kind: str, name: Labeller, offset: int, limit: int) -> list[ChangeItem]:
    items = []
    for iri in _kind(diff, kind)[offset:offset + limit]:
        if kind == "changed":
            items.append(ChangeItem(name(iri), properties=diff.changed[iri]))
        elif kind == "deprecated":
            items.append(ChangeItem(name(iri), replacements=[name(r) for r in diff.replaced.get(iri, [])]))
        else:
            items.append(ChangeItem(name(iri)))
    return items


def _diff(store: Store, graph: NamedNode, latest: Release | None) -> VocabularyDiff | None:
    return diff_graphs(store, NamedNode(latest.graph), graph, latest.version, "draft") if latest else None


def _preview(store: Store, graph: NamedNode, source: str | None, latest: Release | None, name: Labeller) -> Preview:
    diff = _diff(store, graph, latest)
    counts = {kind: len(_kind(diff, kind)) for kind in CHANGE_KINDS} if diff else {}
    items = {kind: _change_items(diff, kind, name, 0, PREVIEW_CAP) for kind in CHANGE_KINDS} if diff else {}
    return Preview(summarise(store, graph), source, latest.version if latest else None, counts, items)


def _kind(diff: VocabularyDiff, kind: str) -> list[str]:
    return {"added": diff.added, "removed": diff.removed, "changed": list(diff.changed), "deprecated": diff.deprecated}[kind]


def _term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.value
    return curie(getattr(term, "value", str(term)))


def _value(term: Any) -> Label:
    """A finding's value, with its language when it is a language-tagged literal."""
    return Label(_term(term), term.language or "" if isinstance(term, Literal) else "")


def literal(text: str) -> Label:
    """A diff value ("text@nl", see registry.diff.term_text) split into text and language."""
    found = LANGUAGE_SUFFIX.match(text)
    return Label(found["text"], found["language"].lower()) if found else Label(text, "")


def _path(path: Any) -> str:
    if path is None:
        return ""
    predicate = getattr(path, "predicate", None)
    if predicate is not None:
        return curie(predicate.value)
    return IRI_IN_PATH.sub(lambda m: curie(m[1]), str(path))


def _quality(request: Request, store: Store, graph: NamedNode, name: Labeller, severity: str | None = None,
             offset: int = 0, limit: int = FINDINGS_PREVIEW) -> Quality:
    check = getattr(request.app.state, "quality_check", None)
    if check is None:
        return Quality(available=False)
    report = check(store, graph)
    findings = sorted(getattr(report, "findings", []), key=lambda f: SEVERITIES.index(_severity(f)) if _severity(f) in SEVERITIES else 3)
    counts = {s: sum(1 for f in findings if _severity(f) == s) for s in SEVERITIES}
    chosen = [f for f in findings if severity is None or _severity(f) == severity]
    language = name.language
    rows = []
    for finding in chosen[offset:offset + limit]:
        focus = finding.focus_node
        concept = name(focus.value) if isinstance(focus, NamedNode) and focus.value in name.labels else None
        rows.append(FindingRow(
            severity=_severity(finding), check=finding.check_id or _term(finding.source_shape), concept=concept,
            focus=_term(focus), path=_path(finding.path), value=_value(finding.value),
            message=pick_label(finding.messages, language), fix_hint=pick_label(finding.fix_hints, language),
        ))
    return Quality(True, bool(report.blocks_publication), counts, len(chosen), rows)
