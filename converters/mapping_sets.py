"""Bundled mapping sets for the labour-market story → `vocabularies/mappings/<set>.sssom.tsv`.

Three SSSOM tables, loaded at first start by `registry.bundled_mappings` with their review status:

- `mbo-esco-occupations`: MBO qualifications → the ESCO occupation they train for (skos:relatedMatch).
  Suggested by Dutch label similarity (`registry.matching`, one best candidate per qualification, score
  ≥ MIN_SCORE); the pairs reviewed by hand in `sources/eduvoc/mbo-esco-occupations-review.tsv` carry
  that decision (accepted/rejected, reviewer, date); every other suggestion stays `proposed`.
- `esco-occupation-essential-skills`: ESCO occupations → their essential skills (skos:relatedMatch), one
  row per `esco:relatedEssentialSkill` of the bundled `esco-occupations`, accepted (ESCO curated them), for
  the occupations an MBO qualification is mapped to (accepted or proposed).
- `learning-outcomes-esco`: the learning outcomes → the ESCO skills they restate (skos:exactMatch), as
  stated in the bundled `learning-outcomes`, accepted.

`python -m converters.mapping_sets` (also run by `python -m converters` without names) rewrites them.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import SKOS, Graph, Namespace

from converters.vocabulary_file import SOURCES_DIR, VOCABULARIES_DIR

MAPPINGS_SUBDIR = "mappings"
REVIEW_FILE = "eduvoc/mbo-esco-occupations-review.tsv"
REVIEWER = "https://w3id.org/eduvoc/agent/h5-data-review"
REVIEW_DATE = "2026-12-07"
EDUVOC_ORG = "https://w3id.org/eduvoc/org/eduvoc"
MIN_SCORE = 0.5
ESCO = Namespace("http://data.europa.eu/esco/model#")
CURIES = {
    "skos": str(SKOS),
    "semapv": "https://w3id.org/semapv/vocab/",
    "mbo": "https://w3id.org/eduvoc/vocab/mbo-kwalificaties/",
    "lo": "https://w3id.org/eduvoc/vocab/learning-outcomes/",
    "escoocc": "http://data.europa.eu/esco/occupation/",
    "escoskill": "http://data.europa.eu/esco/skill/",
}
COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
           "confidence", "author_id", "reviewer_id", "review_date", "status", "comment")


@dataclass(frozen=True)
class SetHeader:
    set_id: str
    title: str
    description: str
    license: str
    subject_source: str
    object_source: str


class ReviewError(ValueError):
    """A review row that does not match a suggestion: names the file and the line."""


def compact(iri: str) -> str:
    for prefix, namespace in CURIES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def render(header: SetHeader, rows: list[dict[str, str]]) -> str:
    """An SSSOM TSV: the YAML metadata block, then one row per mapping, sorted for stable diffs."""
    lines = ["# curie_map:", *(f"#   {prefix}: {namespace}" for prefix, namespace in CURIES.items()),
             f"# mapping_set_id: https://w3id.org/eduvoc/mapping-set/{header.set_id}",
             f"# mapping_set_title: \"{header.title}\"",
             f"# mapping_set_description: \"{header.description}\"",
             f"# license: {header.license}",
             f"# subject_source: {header.subject_source}",
             f"# object_source: {header.object_source}"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=lambda r: (r["subject_id"], r["object_id"])):
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return "\n".join(lines) + "\n" + out.getvalue()


def write(directory: Path, header: SetHeader, rows: list[dict[str, str]]) -> Path:
    """Write atomically (temp file, then rename): a failed build leaves the old table in place."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{header.set_id}.sssom.tsv"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(render(header, rows), encoding="utf-8")
    temporary.replace(target)
    return target


def read_review(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """(qualification crebo, occupation IRI) -> the review row."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    review: dict[tuple[str, str], dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        if row["decision"] not in ("accepted", "rejected"):
            raise ReviewError(f"{path.name} line {line}: decision {row['decision']!r} is not accepted/rejected")
        key = (row["crebo"], row["occupation_iri"])
        if key in review:
            raise ReviewError(f"{path.name} line {line}: crebo {row['crebo']} reviewed twice")
        review[key] = row | {"line": str(line)}
    return review


def mbo_esco_rows(vocabularies: Path, review_path: Path) -> list[dict[str, str]]:
    """Suggestions by Dutch label similarity, with the hand review applied."""
    from registry.bundle import load_files
    from registry.catalogue import Catalogue
    from registry.matching.suggestions import suggest
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, [(slug, vocabularies / f"{slug}.ttl") for slug in ("mbo-kwalificaties", "esco-occupations")])
    found = suggest(store, catalogue, "mbo-kwalificaties", "esco-occupations", limit=10_000, min_score=MIN_SCORE,
                    per_source=1, language="nl").suggestions
    review = read_review(review_path)
    rows, used = [], set()
    for s in found:
        if "/kwalificatie-" not in s.subject:
            continue  # domains and dossiers are not qualifications one is trained for
        crebo = s.subject.rsplit("-", 1)[1]
        decision = review.get((crebo, s.object))
        row = {"subject_id": compact(s.subject), "subject_label": s.subject_label or "", "predicate_id": "skos:relatedMatch",
               "object_id": compact(s.object), "object_label": s.object_label or "",
               "mapping_justification": "semapv:LexicalMatching", "confidence": f"{s.score:.3f}", "author_id": EDUVOC_ORG,
               "status": "proposed", "comment": f"matched {s.subject_match} ~ {s.object_match}"}
        if decision is not None:
            used.add((crebo, s.object))
            row |= {"status": decision["decision"], "reviewer_id": REVIEWER, "review_date": REVIEW_DATE,
                    "comment": row["comment"] + f"; reviewed by hand ({decision['sample']})"}
        rows.append(row)
    stale = sorted(set(review) - used)
    if stale:
        line = review[stale[0]]["line"]
        raise ReviewError(f"{review_path.name} line {line}: crebo {stale[0][0]} -> {stale[0][1]} is no longer suggested")
    return rows


def essential_skill_rows(vocabularies: Path, occupations: set[str]) -> list[dict[str, str]]:
    """The essential skills of `occupations` (those an MBO qualification is mapped to, not rejected): only
    through them can a crosswalk from a skill reach a qualification; the other ESCO occupations keep their
    essential skills in `esco-occupations` (esco:relatedEssentialSkill), so the registry stays small."""
    graph = Graph().parse(vocabularies / "esco-occupations.ttl")
    return [{"subject_id": compact(str(occupation)), "predicate_id": "skos:relatedMatch", "object_id": compact(str(skill)),
             "mapping_justification": "semapv:ManualMappingCuration", "author_id": "https://w3id.org/eduvoc/org/european-commission",
             "status": "accepted", "comment": "esco:relatedEssentialSkill in ESCO v1.1.1"}
            for occupation, skill in graph.subject_objects(ESCO.relatedEssentialSkill) if str(occupation) in occupations]


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return CURIES[prefix] + local


def learning_outcome_rows(vocabularies: Path) -> list[dict[str, str]]:
    graph = Graph().parse(vocabularies / "learning-outcomes.ttl")
    return [{"subject_id": compact(str(outcome)), "predicate_id": "skos:exactMatch", "object_id": compact(str(skill)),
             "mapping_justification": "semapv:ManualMappingCuration", "author_id": EDUVOC_ORG, "status": "accepted",
             "comment": "the outcome restates the ESCO DigComp skill (label and description unchanged)"}
            for outcome, skill in graph.subject_objects(SKOS.exactMatch)]


HEADERS = {
    "mbo-esco-occupations": SetHeader(
        "mbo-esco-occupations", "MBO-kwalificaties naar ESCO-beroepen",
        "Per kwalificatie het ESCO-beroep met het meest gelijkende Nederlandse label (registry.matching). Alleen de met de "
        "hand beoordeelde paren zijn accepted/rejected; de rest is proposed. Precisie van een aselecte steekproef van 50: "
        "zie vocabularies/README.md.",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "https://w3id.org/eduvoc/vocab/mbo-kwalificaties", "http://data.europa.eu/esco/concept-scheme/occupations"),
    "esco-occupation-essential-skills": SetHeader(
        "esco-occupation-essential-skills", "ESCO-beroepen naar hun essentiële vaardigheden",
        "De essentiële vaardigheden uit ESCO v1.1.1 (esco:relatedEssentialSkill) van de ESCO-beroepen waar een "
        "MBO-kwalificatie naar verwijst (niet afgewezen); alle relaties staan in esco-occupations. "
        "This service uses the ESCO classification of the European Commission.",
        "http://data.europa.eu/eli/dec/2011/833/oj",
        "http://data.europa.eu/esco/concept-scheme/occupations", "http://data.europa.eu/esco/concept-scheme/skills"),
    "learning-outcomes-esco": SetHeader(
        "learning-outcomes-esco", "Leeruitkomsten naar ESCO-vaardigheden",
        "Elke leeruitkomst van de lijst learning-outcomes naar de ESCO-vaardigheid die ze herformuleert (skos:exactMatch).",
        "http://data.europa.eu/eli/dec/2011/833/oj",
        "https://w3id.org/eduvoc/vocab/learning-outcomes", "http://data.europa.eu/esco/concept-scheme/skills"),
}


def write_all(vocabularies: Path = VOCABULARIES_DIR, sources: Path = SOURCES_DIR) -> list[Path]:
    directory = vocabularies / MAPPINGS_SUBDIR
    mbo = mbo_esco_rows(vocabularies, sources / REVIEW_FILE)
    mapped = {expand(row["object_id"]) for row in mbo if row["status"] != "rejected"}
    return [
        write(directory, HEADERS["mbo-esco-occupations"], mbo),
        write(directory, HEADERS["esco-occupation-essential-skills"], essential_skill_rows(vocabularies, mapped)),
        write(directory, HEADERS["learning-outcomes-esco"], learning_outcome_rows(vocabularies)),
    ]


if __name__ == "__main__":
    for path in write_all():
        print(f"wrote {path}")
    sys.exit(0)
