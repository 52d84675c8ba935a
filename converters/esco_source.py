"""Reading the official ESCO CSV downloads: v1.1.1 English (two zips) and the v1.2 Dutch CSVs.

Sources: `sources/esco-v1.1.1-en/` (the Commission's classification and relations zips, unmodified)
and `sources/esco-v1.2-nl/` (Dutch labels of occupations, ISCO-08 groups and skill groups). Rows are
returned as plain dicts; multi-valued cells are newline-separated (the collection files use ` | `).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import SKOS, Graph, Literal, URIRef

EN_FOLDER = "esco-v1.1.1-en"
NL_FOLDER = "esco-v1.2-nl"
CLASSIFICATION_ZIP = "esco-v1.1.1-classification-en-csv.zip"
RELATIONS_ZIP = "esco-v1.1.1-relations-csv.zip"


def _rows(handle: Iterable[str]) -> list[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)  # conceptSchemes_en.csv has cells > 128 KB
    return [{key: (value or "") for key, value in row.items()} for row in csv.DictReader(handle)]


def zip_rows(archive: Path, member: str) -> list[dict[str, str]]:
    """All rows of one CSV inside one of the ESCO zips."""
    with zipfile.ZipFile(archive) as bundle, bundle.open(member) as raw:
        return _rows(io.TextIOWrapper(raw, encoding="utf-8", newline=""))


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return _rows(handle)


def split_values(cell: str) -> tuple[str, ...]:
    """A multi-valued cell (newline- or '|'-separated) as stripped, non-empty values."""
    return tuple(value.strip() for value in re.split(r"\n|\|", cell) if value.strip())


@dataclass(frozen=True)
class EscoSource:
    """The ESCO files one build reads, by name."""

    sources: Path

    def classification(self, member: str) -> list[dict[str, str]]:
        return zip_rows(self.sources / EN_FOLDER / CLASSIFICATION_ZIP, member)

    def relations(self, member: str) -> list[dict[str, str]]:
        return zip_rows(self.sources / EN_FOLDER / RELATIONS_ZIP, member)

    def dutch(self, name: str) -> dict[str, dict[str, str]]:
        """A Dutch v1.2 CSV by concept IRI."""
        return {row["conceptUri"]: row for row in csv_rows(self.sources / NL_FOLDER / name)}


def add_labels(graph: Graph, concept: URIRef, language: str, label: str, alt: Iterable[str] = (),
               hidden: Iterable[str] = ()) -> None:
    """Pref/alt/hidden labels in one language, kept pairwise disjoint (SKOS S13): ESCO repeats some."""
    graph.add((concept, SKOS.prefLabel, Literal(label, lang=language)))
    seen = {label}
    for predicate, values in ((SKOS.altLabel, alt), (SKOS.hiddenLabel, hidden)):
        for value in values:
            if value not in seen:
                seen.add(value)
                graph.add((concept, predicate, Literal(value, lang=language)))


def add_text(graph: Graph, concept: URIRef, predicate: URIRef, text: str, language: str) -> None:
    if text.strip():
        graph.add((concept, predicate, Literal(text.strip(), lang=language)))
