"""Shared parts of the converters that read Dutch regulation texts (`sources/nl-onderwijsregelgeving/`).

The texts are dated snapshots of wetten.overheid.nl (via the archived laws-markdown mirror): each
scheme built from one carries the regulation's BWBR identifier, date and validity in its metadata.
Dutch regulations carry no copyright (Auteurswet art. 11).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import DCTERMS, XSD, Graph, Literal, URIRef

from converters.vocabulary_file import Publisher, SchemeInfo

SOURCE_FOLDER = "nl-onderwijsregelgeving"
MIRROR_COMMIT = "91556a80a25a3da4234c8039945c6aeef4108d00"
#: Dutch legislation is not protected by copyright (Auteurswet art. 11): marked public domain
PUBLIC_DOMAIN = "https://creativecommons.org/publicdomain/mark/1.0/"
OCW = Publisher("ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap")


class SourceRowError(ValueError):
    """A row of a source file that a converter cannot place: names the file and the line."""

    def __init__(self, file: str, line: int | str, message: str) -> None:
        super().__init__(f"{file} {'line ' + str(line) if isinstance(line, int) else line}: {message}")


@dataclass(frozen=True)
class Regulation:
    """One regulation snapshot: its BWBR identifier, title, date and the start of its validity."""

    bwbr: str
    file: str
    title: str
    issued: str  # yyyy-mm-dd
    valid_from: str  # yyyy-mm-dd

    @property
    def iri(self) -> URIRef:
        return URIRef(f"https://wetten.overheid.nl/{self.bwbr}")

    def path(self, sources: Path) -> Path:
        return sources / SOURCE_FOLDER / self.file

    def version(self) -> str:
        """owl:versionInfo (at most 128 characters: the registry takes it as the release version)."""
        return f"{self.bwbr} van {self.issued}, geldig vanaf {self.valid_from} (laws-markdown@{MIRROR_COMMIT[:8]})"

    def info(self, slug: str, title_nl: str, title_en: str, description_nl: str, description_en: str) -> SchemeInfo:
        snapshot_nl = (f" Momentopname van {self.title} ({self.bwbr}), vastgesteld {self.issued}, geldig vanaf "
                       f"{self.valid_from}; latere wijzigingen zijn niet verwerkt.")
        snapshot_en = (f" Snapshot of {self.title} ({self.bwbr}), adopted {self.issued}, valid from {self.valid_from}; "
                       "later amendments are not included.")
        return SchemeInfo(slug=slug, title_nl=title_nl, title_en=title_en, description_nl=description_nl + snapshot_nl,
                          description_en=description_en + snapshot_en, publisher=OCW, license=PUBLIC_DOMAIN,
                          source=str(self.iri), version=self.version())

    def annotate(self, graph: Graph, scheme: URIRef) -> None:
        """The regulation's identifier, date and validity on the scheme."""
        graph.add((scheme, DCTERMS.isVersionOf, self.iri))
        graph.add((scheme, DCTERMS.bibliographicCitation, Literal(f"{self.title} ({self.bwbr})", lang="nl")))
        graph.add((scheme, DCTERMS.issued, Literal(self.issued, datatype=XSD.date)))
        graph.add((scheme, DCTERMS.valid, Literal(f"start={self.valid_from};", datatype=DCTERMS.Period)))


def table_cells(line: str) -> list[str]:
    """The cells of a Markdown table row, stripped (`| a | b |` -> ['a', 'b'])."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]
