"""History for people: the diff between two releases with every concept named, and the changes
across the registry by month (new, changed, deprecated with replacements, removed). Both are
derived from immutable release graphs only, so each is computed once per set of graphs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import NamedNode

from registry.browse import BrowseCache, Prepared
from registry.catalogue import Catalogue, Release
from registry.collation import sort_key
from registry.diff import PropertyChange, VocabularyDiff, diff_graphs
from registry.store import Store

#: a diff page lists at most this many concepts per kind; the JSON API has them all
MAX_LISTED = 500
KINDS = ("added", "changed", "deprecated", "removed")


@dataclass(frozen=True)
class Named:
    """A concept with the label people know it by (its IRI when it has none)."""

    iri: str
    label: str
    language: str


@dataclass(frozen=True)
class ChangedConcept:
    concept: Named
    changes: tuple[PropertyChange, ...] = ()
    replacements: tuple[Named, ...] = ()


@dataclass
class ReleaseDiff:
    """A diff between two releases with each concept named, per kind in Dutch label order."""

    old: str
    new: str
    counts: dict[str, int]
    listed: dict[str, list[ChangedConcept]] = field(default_factory=dict)

    def more(self, kind: str) -> int:
        return self.counts[kind] - len(self.listed.get(kind, []))


def _named(iri: str, language: str, *prepared: Prepared) -> Named:
    for source in prepared:
        n = source.index.get(iri)
        if n is not None:
            return Named(iri, *source.label(n, language))
    return Named(iri, iri, "")


def _graph_diff(store: Store, browse: BrowseCache, old: Release, new: Release) -> VocabularyDiff:
    return browse.memo(("diff", old.graph, new.graph),
                       lambda: diff_graphs(store, NamedNode(old.graph), NamedNode(new.graph), old.version, new.version))


def named_diff(diff: VocabularyDiff, old: Prepared, new: Prepared, language: str, limit: int = MAX_LISTED) -> ReleaseDiff:
    """Name every concept of `diff` from the prepared releases, in label order, `limit` per kind."""
    def ordered(entries: list[ChangedConcept]) -> list[ChangedConcept]:
        return sorted(entries, key=lambda e: (sort_key(e.concept.label), e.concept.iri))[:limit]

    deprecated = set(diff.deprecated)
    listed = {
        "added": ordered([ChangedConcept(_named(c, language, new)) for c in diff.added]),
        "removed": ordered([ChangedConcept(_named(c, language, old)) for c in diff.removed]),
        "deprecated": ordered([
            ChangedConcept(_named(c, language, new), replacements=tuple(_named(r, language, new, old) for r in diff.replaced.get(c, [])))
            for c in diff.deprecated
        ]),
        "changed": ordered([ChangedConcept(_named(c, language, new), tuple(changes)) for c, changes in diff.changed.items() if c not in deprecated]),
    }
    counts = {"added": len(diff.added), "removed": len(diff.removed), "deprecated": len(diff.deprecated),
              "changed": len([c for c in diff.changed if c not in deprecated])}
    return ReleaseDiff(diff.old, diff.new, counts, listed)


def release_diff(store: Store, browse: BrowseCache, catalogue: Catalogue, slug: str, old_version: str, new_version: str,
                 language: str) -> ReleaseDiff:
    """The diff between two releases of `slug`, each concept named in `language`."""
    record = catalogue.vocabulary(slug)
    old, new = record.release(old_version), record.release(new_version)
    diff = _graph_diff(store, browse, old, new)
    return named_diff(diff, browse.release(catalogue, slug, old.version), browse.release(catalogue, slug, new.version), language)


@dataclass(frozen=True)
class Change:
    """One concept that changed in one release (or a vocabulary's first release: `concept` is None)."""

    month: str
    issued: datetime
    slug: str
    version: str
    previous: str | None
    kind: str  # added | changed | deprecated | removed | published
    concept: Named | None
    replacements: tuple[Named, ...] = ()
    concepts: int = 0  # for "published": how many concepts the first release has


@dataclass
class RegistryChanges:
    entries: list[Change]

    def months(self) -> list[str]:
        """The months with changes, newest first."""
        return sorted({e.month for e in self.entries}, reverse=True)

    def counts(self, month: str) -> dict[str, int]:
        found = Counter(e.kind for e in self.entries if e.month == month)
        return {kind: found.get(kind, 0) for kind in (*KINDS, "published")}

    def in_month(self, month: str) -> list[Change]:
        return [e for e in self.entries if e.month == month]


def registry_changes(store: Store, browse: BrowseCache, catalogue: Catalogue, language: str, vocabulary: str | None = None,
                     limit: int = MAX_LISTED) -> RegistryChanges:
    """Every release of every vocabulary (or of one), newest first: a first release as one
    "published" entry, each later one as its concepts added, changed, deprecated and removed."""
    records = [catalogue.vocabulary(vocabulary)] if vocabulary else catalogue.vocabularies()
    graphs = tuple(r.graph for record in records for r in record.releases)

    def compute() -> RegistryChanges:
        entries: list[Change] = []
        for record in records:
            previous: Release | None = None
            for release in record.releases:
                month = release.issued.strftime("%Y-%m")
                if previous is None:
                    entries.append(Change(month, release.issued, record.slug, release.version, None, "published", None,
                                          concepts=release.concept_count))
                else:
                    named = named_diff(_graph_diff(store, browse, previous, release), browse.release(catalogue, record.slug, previous.version),
                                       browse.release(catalogue, record.slug, release.version), language, limit)
                    for kind in KINDS:
                        for item in named.listed[kind]:
                            entries.append(Change(month, release.issued, record.slug, release.version, previous.version, kind,
                                                  item.concept, item.replacements))
                previous = release
        entries.sort(key=lambda e: (e.issued, e.slug), reverse=True)
        return RegistryChanges(entries)

    return browse.memo(("changes", graphs, language), compute)
