"""Write `vocabularies/README.md`: a generated table of every bundled vocabulary with its counts,
followed by each converter's notes from `vocabularies/README.d/*.md` (source, licence, decisions)."""

from __future__ import annotations

from pathlib import Path

from rdflib import DCTERMS, FOAF, OWL, RDF, SKOS, Graph

from converters.vocabulary_file import VOCABULARIES_DIR

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
    rows = []
    for path in sorted(directory.glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        scheme = next(graph.subjects(RDF.type, SKOS.ConceptScheme))
        title = next((str(t) for t in graph.objects(scheme, DCTERMS.title) if t.language == "en"), path.stem)
        publisher = graph.value(scheme, DCTERMS.publisher)
        publisher_name = graph.value(publisher, FOAF.name) if publisher is not None else ""
        concepts = len(set(graph.subjects(RDF.type, SKOS.Concept)))
        deprecated = len(set(graph.subjects(OWL.deprecated, None)) & set(graph.subjects(RDF.type, SKOS.Concept)))
        languages = sorted({label.language for label in graph.objects(None, SKOS.prefLabel) if label.language})
        rows.append(
            f"| `{path.stem}` | {title} | {publisher_name} | {concepts} | {deprecated} | {len(graph)} | "
            f"{', '.join(languages)} | {graph.value(scheme, DCTERMS.license)} |"
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
