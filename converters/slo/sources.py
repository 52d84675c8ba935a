"""Where the SLO curriculum data comes from: the three pinned repositories and how to read them.

The pins (commit, tag) are copied from each `sources/slo-curriculum-*/SOURCE.md`; they become the
`owl:versionInfo` and `dct:source` of the vocabularies, so a reader can fetch the exact input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converters.vocabulary_file import Publisher

PUBLISHER = Publisher("slo", "SLO (Nationaal expertisecentrum leerplanontwikkeling)")
#: the repositories' package.json says MIT, SLO publishes the curriculum data as CC BY 4.0 (SOURCE.md)
LICENSE = "http://creativecommons.org/licenses/by/4.0/"

Record = dict[str, Any]


@dataclass(frozen=True)
class SloRepository:
    """One pinned slonl/curriculum-* repository, as copied into `sources/<folder>`."""

    name: str  # GitHub repository name, e.g. curriculum-basis
    folder: str  # folder under sources/
    commit: str
    release: str  # the tag or release name of that commit

    @property
    def version(self) -> str:
        return f"{self.release} ({self.commit})"

    @property
    def tree_url(self) -> str:
        return f"https://github.com/slonl/{self.name}/tree/{self.commit}"

    @property
    def attribution_nl(self) -> str:
        return f"Bron: SLO, {self.name} {self.release}; hergebruik onder CC BY 4.0 met bronvermelding."

    @property
    def attribution_en(self) -> str:
        return f"Source: SLO, {self.name} {self.release}; reuse under CC BY 4.0 with attribution."

    def file_url(self, path: str) -> str:
        return f"https://github.com/slonl/{self.name}/blob/{self.commit}/{path}"

    def records(self, sources: Path, path: str) -> list[Record]:
        """The JSON array in `<sources>/<folder>/<path>` (a `data/*.json` collection)."""
        with (sources / self.folder / path).open(encoding="utf-8") as file:
            data = json.load(file)
        if not isinstance(data, list):
            raise ValueError(f"{self.folder}/{path}: expected a JSON array")
        return data


BASIS = SloRepository("curriculum-basis", "slo-curriculum-basis", "498320f228101e4e8d6985c0548b7c23eda59442", "2025.1")
KERNDOELEN = SloRepository(
    "curriculum-kerndoelen", "slo-curriculum-kerndoelen", "a192b3245c68e0754c6e0d3f7f7fbc8e40968338", "2025.3"
)
FO = SloRepository("curriculum-fo", "slo-curriculum-fo", "e325ac71786ef174a9b49b5334e8c1ed008d85c5", "Release 2026.52")

_WHITESPACE = re.compile(r"\s+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def label_text(value: object) -> str:
    """A one-line label: the source text with whitespace runs collapsed ('' for missing values)."""
    return _WHITESPACE.sub(" ", value).strip() if isinstance(value, str) else ""


def note_text(value: object) -> str:
    """A multi-line note: line breaks kept (CRLF -> LF), trailing spaces and outer blank space removed."""
    if not isinstance(value, str):
        return ""
    return _TRAILING_SPACE.sub("\n", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
