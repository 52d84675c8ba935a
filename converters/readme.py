"""Write `vocabularies/README.md`: a generated table of every bundled vocabulary with its counts,
followed by each converter's notes from `vocabularies/README.d/*.md` (source, licence, decisions)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import DCTERMS, FOAF, OWL, RDF, SKOS

from converters.vocabulary_file import VOCABULARIES_DIR

TYPE = pyoxigraph.NamedNode(str(RDF.type))
TITLE = pyoxigraph.NamedNode(str(DCTERMS.title))
PUBLISHER = pyoxigraph.NamedNode(str(DCTERMS.publisher))
LICENSE = pyoxigraph.NamedNode(str(DCTERMS.license))
NAME = pyoxigraph.NamedNode(str(FOAF.name))
DEPRECATED = pyoxigraph.NamedNode(str(OWL.deprecated))
PREF_LABEL = pyoxigraph.NamedNode(str(SKOS.prefLabel))

HEADER = """# Bundled vocabularies

Every file here is built from real public sources by the converters in `converters/`
(`make vocabularies`), from the pinned source copies in `sources/` (each with its `SOURCE.md`).
Do not edit the Turtle by hand: change the converter or, for eduvoc's own curated lists,
their source in `sources/eduvoc/`. This README is generated too (`python -m converters.readme`);
the table below is counted from the files, and a test keeps it in step.

Lists marked *eduvoc* are eduvoc's proposals where no authoritative public list exists; every
other list keeps its source's IRIs, identifiers and licence. Please credit the sources as their
licences ask (see the notes per source below).

"""


def table_rows(directory: Path) -> list[str]:
    """One row per bundled file, counted with pyoxigraph (rdflib takes minutes on the full ESCO files)."""
    rows = []
    for path in sorted(directory.glob("*.ttl")):
        triples = [quad.triple for quad in pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE)]

        def objects(subject, predicate, triples=triples) -> list:
            return [t.object for t in triples if t.subject == subject and t.predicate == predicate]

        typed = {t.object.value: set() for t in triples if t.predicate == TYPE}
        for t in triples:
            if t.predicate == TYPE:
                typed[t.object.value].add(t.subject)
        scheme = next(iter(typed[str(SKOS.ConceptScheme)]))
        concepts = typed.get(str(SKOS.Concept), set())
        title = next((t.value for t in objects(scheme, TITLE) if t.language == "en"), path.stem)
        publisher = next(iter(objects(scheme, PUBLISHER)), None)
        publisher_name = next((n.value for n in objects(publisher, NAME)), "") if publisher is not None else ""
        deprecated = len({t.subject for t in triples if t.predicate == DEPRECATED} & concepts)
        languages = sorted({t.object.language for t in triples if t.predicate == PREF_LABEL and isinstance(t.object, pyoxigraph.Literal) and t.object.language})
        licence = next((o.value for o in objects(scheme, LICENSE)), None)
        rows.append(
            f"| `{path.stem}` | {title} | {publisher_name} | {len(concepts)} | {deprecated} | {len(set(triples))} | "
            f"{', '.join(languages)} | {licence} |"
        )
    return rows


def render(directory: Path = VOCABULARIES_DIR) -> str:
    lines = [
        HEADER,
        "| id | title | publisher | concepts | deprecated | triples | label languages | licence |",
        "|---|---|---|---:|---:|---:|---|---|",
        *table_rows(directory),
        "",
    ]
    for fragment in sorted((directory / "README.d").glob("*.md")):
        lines += ["", fragment.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)


def write(directory: Path = VOCABULARIES_DIR) -> Path:
    target = directory / "README.md"
    target.write_text(render(directory), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"wrote {write()}")
