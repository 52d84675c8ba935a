"""Real SSSOM files for the mapping tests, built from the curated skos:*Match triples of the
bundled werkvormen vocabulary (vocabularies/werkvormen.ttl, curated in sources/eduvoc/werkvormen.yaml).

Written here with rdflib and csv, independently of registry/mappings, so an import of them is an
import of a file the registry did not write itself."""

from __future__ import annotations

import csv
import io

from rdflib import SKOS, Graph, URIRef

from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
WERKVORMEN_NS = "https://w3id.org/eduvoc/vocab/werkvormen/"
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
#: target vocabulary id -> the IRI namespaces of its concepts, with the CURIE prefixes used for them
TARGETS = {
    "xapi-activity-types": {"adl": "http://adlnet.gov/expapi/activities/", "tincan": "http://id.tincanapi.com/activitytype/"},
    "ooapi-learning-component-type": {"lct": "https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/"},
}


def curated_mappings(target: str) -> list[tuple[str, str, str]]:
    """(subject, predicate, object) IRIs of the curated werkvormen mappings into `target`, sorted."""
    graph = Graph().parse(WERKVORMEN)
    namespaces = tuple(TARGETS[target].values())
    return sorted(
        (str(s), str(p), str(o))
        for p in MATCHES
        for s, o in graph.subject_objects(p)
        if isinstance(o, URIRef) and str(o).startswith(namespaces) and str(s).startswith(WERKVORMEN_NS)
    )


def curated_sssom(target: str, *, extra_rows: list[list[str]] | None = None, drop_columns: tuple[str, ...] = ()) -> bytes:
    """An SSSOM TSV (metadata block + table) of the curated mappings into `target`; mapping_date
    is given once in the metadata block (SSSOM's condensed form)."""
    prefixes = {"werkvormen": WERKVORMEN_NS, **TARGETS[target]}

    def compact(iri: str) -> str:
        for prefix, namespace in prefixes.items():
            if iri.startswith(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri.replace(str(SKOS), "skos:")

    header = ["# curie_map:", *(f"#   {p}: {ns}" for p, ns in prefixes.items()),
              "# mapping_set_id: https://w3id.org/eduvoc/mapping-set/werkvormen-curated",
              f"# mapping_set_title: Werkvormen naar {target} (gecureerd)",
              "# license: https://creativecommons.org/licenses/by/4.0/",
              "# mapping_date: 2025-06-01"]
    columns = [c for c in ("subject_id", "predicate_id", "object_id", "mapping_justification", "author_id") if c not in drop_columns]
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(columns)
    for s, p, o in curated_mappings(target):
        row = {"subject_id": compact(s), "predicate_id": compact(p), "object_id": compact(o),
               "mapping_justification": "semapv:ManualMappingCuration", "author_id": "https://w3id.org/eduvoc/org/eduvoc"}
        writer.writerow([row[c] for c in columns])
    for extra in extra_rows or []:
        writer.writerow(extra)
    return ("\n".join(header) + "\n" + out.getvalue()).encode("utf-8")
