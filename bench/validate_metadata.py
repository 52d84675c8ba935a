"""Benchmark: one metadata record through the whole validate-only service, in a warm process.

For each profile a real record (a generated education dataset description, a plain-JSON learning
activity with a deprecated SLO goal, the Kennisnet NL-LOM sample) is validated end to end with
`validate_metadata` — parse, registry terms, SHACL, registry value lists — against the target of
under 5 ms per record. The baseline, in the same process: pySHACL on the same shapes and the same
data graph (the parsed record plus the registry terms), without the value lists; both timings, the
ratio, and whether the SHACL findings (focus node, path, severity) are identical.

    python -m bench.validate_metadata [--runs 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter

from pyoxigraph import NamedNode

from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.config import PROJECT_ROOT
from registry.metadata.compiled import compiled_profile
from registry.metadata.parsing import parse_document
from registry.metadata.profiles import profile_named
from registry.metadata.service import SHACL_GRAPH as REGISTRY_TERMS_GRAPH
from registry.metadata.service import validate_metadata
from registry.metadata.supplement import about_the_document, registry_terms
from registry.metadata.value_sources import RegistryValueLists
from registry.oxigraph_store import OxigraphStore

TARGET_MS = 5.0
NL_LOM = PROJECT_ROOT / "sources" / "nl-lom-sample-kennisnet" / "tests" / "Unit" / "Package" / "Model" / "resources" / "metadata.xml"


def records() -> list[tuple[str, bytes, str]]:
    from tests.dataset_descriptions import leerlingen_vo, to_turtle
    from tests.registry.metadata.records import DEPRECATED_KERNDOEL, activity

    return [
        ("dataset", to_turtle(leerlingen_vo()).encode(), "text/turtle"),
        ("learning-activity", json.dumps(activity(learningGoal=DEPRECATED_KERNDOEL)).encode(), "application/json"),
        ("learning-resource", NL_LOM.read_bytes(), "application/xml"),
    ]


def timed(runs: int, work) -> float:
    """Median milliseconds of `runs` calls, after one warm-up."""
    work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def pyshacl_findings(store, catalogue, data: bytes, media_type: str, profile_name: str):
    """pySHACL on the same shapes and data graph; returns (milliseconds per run, findings)."""
    import pyshacl
    from rdflib import Graph

    profile = profile_named(profile_name)
    triples = parse_document(data, media_type, profile)
    quads, supplied = registry_terms(RegistryValueLists(store, catalogue), triples, REGISTRY_TERMS_GRAPH)
    nt = "\n".join([f"{t.subject} {t.predicate} {t.object} ." for t in triples] +
                   [f"{q.subject} {q.predicate} {q.object} ." for q in quads])
    shapes = Graph()
    for path in profile.shape_files:
        shapes.parse(path, format="turtle")
    data_graph = Graph().parse(data=nt, format="nt")

    def run():
        return pyshacl.validate(data_graph, shacl_graph=shapes, advanced=True, allow_warnings=True)

    started = time.perf_counter()
    _, results, _ = run()
    milliseconds = (time.perf_counter() - started) * 1000
    sh = "http://www.w3.org/ns/shacl#"
    from rdflib import URIRef

    found: Counter[tuple[str, str, str]] = Counter()
    described = {str(t.subject.value) for t in triples if isinstance(t.subject, NamedNode)}
    supplied_iris = {n.value for n in supplied}
    for result in results.subjects(URIRef(sh + "resultSeverity"), None):
        focus = str(results.value(result, URIRef(sh + "focusNode")))
        if focus in supplied_iris and focus not in described:
            continue
        path = results.value(result, URIRef(sh + "resultPath"))
        severity = str(results.value(result, URIRef(sh + "resultSeverity"))).rsplit("#", 1)[1]
        found[(focus, str(path) if path is not None else "", severity)] += 1
    return milliseconds, found


def engine_findings(store, catalogue, data: bytes, media_type: str, profile_name: str) -> Counter:
    from registry.metadata.service import INPUT_GRAPH
    from registry.validation import validate

    profile = profile_named(profile_name)
    triples = parse_document(data, media_type, profile)
    scratch = OxigraphStore()
    from pyoxigraph import Quad

    scratch.add_quads(Quad(t.subject, t.predicate, t.object, INPUT_GRAPH) for t in triples)
    quads, supplied = registry_terms(RegistryValueLists(store, catalogue), triples, REGISTRY_TERMS_GRAPH)
    scratch.add_quads(quads)
    report = validate(scratch, [INPUT_GRAPH, REGISTRY_TERMS_GRAPH], compiled_profile(profile).shapes)
    kept = about_the_document(report.findings, supplied, {t.subject for t in triples})
    return Counter((f.focus_node.value, str(f.path) if f.path is not None else "", f.severity.value) for f in kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    arguments = parser.parse_args()
    store = OxigraphStore()
    catalogue = Catalogue(store)
    started = time.perf_counter()
    load_files(store, catalogue, bundled_files(PROJECT_ROOT / "vocabularies", PROJECT_ROOT / "ontology"))
    print(f"registry with the bundled vocabularies loaded in {time.perf_counter() - started:.1f} s")
    for profile, data, media_type in records():
        started = time.perf_counter()
        compiled_profile(profile_named(profile))
        compile_ms = (time.perf_counter() - started) * 1000
        validation = validate_metadata(store, catalogue, data, media_type, profile)
        service_ms = timed(arguments.runs, lambda data=data, media_type=media_type, profile=profile: validate_metadata(store, catalogue, data, media_type, profile))
        reference_ms, reference = pyshacl_findings(store, catalogue, data, media_type, profile)
        identical = reference == engine_findings(store, catalogue, data, media_type, profile)
        verdict = "within" if service_ms < TARGET_MS else "OVER"
        print(f"{profile:18} {len(validation.triples):3} triples, {len(validation.report.findings):2} findings "
              f"(compile once {compile_ms:5.0f} ms): validate_metadata {service_ms:6.2f} ms per record ({verdict} {TARGET_MS:g} ms); "
              f"pySHACL (same shapes and data, no value lists) {reference_ms:8.1f} ms: {reference_ms / service_ms:5.0f}x; "
              f"SHACL findings {'identical' if identical else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
