"""The dataset catalogue: registration of conforming descriptions (and only those), versions,
withdrawal, ownership, atomicity, browsing with facets, and the DCAT export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Variable
from rdflib import Graph, URIRef

from registry.audit import audit_trail
from registry.auth import Principal, Role
from registry.datasets import (
    PROFILE,
    browse,
    catalogue_triples,
    dataset_id,
    dataset_index,
    read_records,
    register_dataset,
    serialise,
    withdraw_dataset,
)
from registry.datasets.registration import collect_orphan_dataset_graphs
from registry.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    QualityViolations,
    Unauthenticated,
)
from registry.formats import format_named
from registry.metadata.service import validate_metadata
from registry.namespaces import DATASET_GRAPH_PREFIX, DATASETS_GRAPH
from registry.sparql import QueryLimits, run_query
from tests.conftest import SOURCES_DIR
from tests.dataset_descriptions import (
    DATASET_LISTS,
    THEME,
    Description,
    concept,
    editor_of,
    fresh_registry,
    leerlingen_vo,
    scheme_of,
    to_turtle,
    voortgang_werkvormen,
)

TURTLE = "text/turtle"
DUO, LEERRIJK = editor_of("duo"), editor_of("leerrijk")


@pytest.fixture
def registry():
    return fresh_registry(DATASET_LISTS)


def snapshot(store) -> set:
    """Every quad outside the private audit graph, to compare a store before and after."""
    return {q for q in store.quads() if not q.graph_name.value.endswith("/graph/audit")}


def register(store, catalogue, description: Description, principal: Principal = DUO, **kwargs):
    return register_dataset(store, catalogue, to_turtle(description).encode(), TURTLE, principal, **kwargs)


# --- the examples themselves conform ----------------------------------------------------------------

@pytest.mark.parametrize("description", [leerlingen_vo(), voortgang_werkvormen()], ids=lambda d: d.name)
def test_the_generated_examples_conform_to_the_dataset_profile(registry, description):
    store, catalogue = registry
    validation = validate_metadata(store, catalogue, to_turtle(description).encode(), TURTLE, PROFILE)
    violations = [f"{f.check_id}: {f.message()}" for f in validation.report.findings if f.severity.value == "Violation"]
    assert validation.conforms, violations


# --- registration --------------------------------------------------------------------------------

def test_a_conforming_description_is_registered_in_a_fresh_public_graph(registry):
    store, catalogue = registry
    description = leerlingen_vo()
    registration = register(store, catalogue, description)
    record = registration.record
    assert registration.created and record.owner == "duo" and record.iri == description.iri
    assert record.id == dataset_id(NamedNode(description.iri)) and record.id.startswith("leerlingen-vo-per-school-")
    assert record.graph.startswith(DATASET_GRAPH_PREFIX + record.id + "/")
    stored = Graph().parse(data=serialise([q.triple for q in store.quads(graph=NamedNode(record.graph))], format_named("ntriples")), format="nt")
    assert len(stored) == record.triples == len(Graph().parse(data=to_turtle(description), format="turtle"))
    # public: in the SPARQL default graph, but never in the graphs that make up concept pages
    assert NamedNode(record.graph) in catalogue.query_graphs() and DATASETS_GRAPH in catalogue.public_graphs()
    assert NamedNode(record.graph) not in catalogue.current_graphs()
    outcome = run_query(store, catalogue, f"SELECT ?title WHERE {{ <{description.iri}> <http://purl.org/dc/terms/title> ?title }}", QueryLimits(10, 100))
    assert {row[0].value for row in outcome.rows} == {description.title_nl, description.title_en}
    (audit,) = [a for a in audit_trail(store, organisation="duo") if a.action != "create-organisation"]
    assert audit.action == "register dataset" and audit.graph == record.graph and audit.triples == record.triples


def test_a_description_that_does_not_conform_is_refused_with_the_report_and_nothing_is_stored(registry):
    store, catalogue = registry
    description = leerlingen_vo()
    description.purposes = ()  # the education extension requires a purpose of use
    description.aggregation = (concept("aggregation-level", "instelling"), "https://w3id.org/eduvoc/vocab/aggregation-level/heelal")
    before = snapshot(store)
    with pytest.raises(QualityViolations) as refused:
        register(store, catalogue, description)
    checks = {f.check_id for f in refused.value.report.findings if f.severity.value == "Violation"}
    assert "edu-purpose-of-use" in checks, checks
    assert any("heelal" in str(f.value) for f in refused.value.report.findings), "the unknown aggregation level is named"
    assert snapshot(store) == before and not read_records(store)


def test_a_description_must_be_about_exactly_one_dataset_with_an_iri(registry):
    store, catalogue = registry
    two = to_turtle(leerlingen_vo()) + "\n" + to_turtle(voortgang_werkvormen()).split("\n", 8)[-1]
    with pytest.raises((InvalidInput, QualityViolations)):
        register_dataset(store, catalogue, two.encode(), TURTLE, DUO)
    assert not read_records(store)


def test_registering_needs_a_principal(registry):
    store, catalogue = registry
    with pytest.raises(Unauthenticated):
        register_dataset(store, catalogue, to_turtle(leerlingen_vo()).encode(), TURTLE, None)


def test_re_registering_makes_a_new_version_and_drops_the_old_graph(registry):
    store, catalogue = registry
    description = leerlingen_vo()
    first = register(store, catalogue, description).record
    description.title_nl = "Leerlingen vo per school (herzien)"
    second = register(store, catalogue, description)
    assert not second.created and second.replaced_graph == first.graph
    assert second.record.id == first.id and second.record.graph != first.graph
    assert second.record.issued == first.issued and second.record.modified > first.modified
    assert NamedNode(first.graph) not in store.named_graphs()
    assert [s.title("nl") for s in dataset_index(store, catalogue).summaries] == ["Leerlingen vo per school (herzien)"]
    assert [a.action for a in audit_trail(store, organisation="duo") if a.action != "create-organisation"] == ["update dataset", "register dataset"]


def test_only_the_owner_or_an_admin_may_update_or_withdraw(registry):
    store, catalogue = registry
    record = register(store, catalogue, leerlingen_vo()).record
    before = snapshot(store)
    with pytest.raises(Forbidden):
        register(store, catalogue, leerlingen_vo(), LEERRIJK)
    with pytest.raises(Forbidden):
        withdraw_dataset(store, catalogue, record.id, LEERRIJK)
    assert snapshot(store) == before
    admin = Principal("https://w3id.org/eduvoc/token/admin", "eduvoc", Role.ADMIN)
    updated = register(store, catalogue, leerlingen_vo(), admin)
    assert updated.record.owner == "duo"  # an admin's update keeps the owner


def test_withdrawing_removes_the_record_and_the_graph(registry):
    store, catalogue = registry
    kept = register(store, catalogue, voortgang_werkvormen(), LEERRIJK).record
    record = register(store, catalogue, leerlingen_vo()).record
    withdraw_dataset(store, catalogue, record.id, DUO)
    assert [r.id for r in read_records(store)] == [kept.id]
    assert NamedNode(record.graph) not in store.named_graphs()
    assert NamedNode(record.graph) not in catalogue.public_graphs()
    assert [s.id for s in dataset_index(store, catalogue).summaries] == [kept.id]
    with pytest.raises(NotFound):
        withdraw_dataset(store, catalogue, record.id, DUO)


# --- atomicity ---------------------------------------------------------------------------------

class Injected(RuntimeError):
    pass


def fail() -> None:
    raise Injected("failure injected just before the catalogue switch")


def test_a_failure_before_the_switch_leaves_the_store_unchanged(registry):
    store, catalogue = registry
    before = snapshot(store)
    with pytest.raises(Injected):
        register(store, catalogue, leerlingen_vo(), before_switch=fail)
    assert snapshot(store) == before
    assert not [g for g in store.named_graphs() if g.value.startswith(DATASET_GRAPH_PREFIX)]


def test_a_failed_update_keeps_the_previous_version_current(registry):
    store, catalogue = registry
    first = register(store, catalogue, leerlingen_vo()).record
    before = snapshot(store)
    changed = leerlingen_vo()
    changed.title_nl = "Nooit zichtbaar"
    with pytest.raises(Injected):
        register(store, catalogue, changed, before_switch=fail)
    assert snapshot(store) == before
    assert read_records(store) == [first]
    assert dataset_index(store, catalogue).get(first.id).title("nl") == "Leerlingen vo per school"


def test_a_graph_orphaned_by_a_crash_is_collected(registry):
    store, catalogue = registry
    record = register(store, catalogue, leerlingen_vo()).record
    orphan = NamedNode(DATASET_GRAPH_PREFIX + record.id + "/19700101T000000-crashed")
    store.update(f"INSERT DATA {{ GRAPH {orphan} {{ <urn:a> <urn:b> <urn:c> }} }}")
    assert collect_orphan_dataset_graphs(store) == [orphan.value]
    assert NamedNode(record.graph) in store.named_graphs()


# --- a description cannot change what the registry says about concepts ----------------------------

def test_a_description_cannot_relabel_a_concept(registry):
    from registry.concepts import get_concept

    store, catalogue = registry
    theme = NamedNode(THEME + "EDUC")
    before = get_concept(store, catalogue, theme).pref_labels
    hijack = to_turtle(leerlingen_vo()) + f'<{theme.value}> skos:prefLabel "Gekaapt"@nl ; skos:altLabel "Gekaapt"@nl .\n'
    record = register_dataset(store, catalogue, hijack.encode(), TURTLE, DUO).record
    assert any(q.object == Literal("Gekaapt", language="nl") for q in store.quads(graph=NamedNode(record.graph)))
    after = get_concept(store, catalogue, theme)
    assert after.pref_labels == before and "Gekaapt" not in str(after.alt_labels)


# --- browsing ------------------------------------------------------------------------------------

@pytest.fixture
def catalogue_of_three(registry):
    store, catalogue = registry
    third = Description(
        name="examenresultaten-mbo", title_nl="Examenresultaten mbo", title_en="Exam results in vocational education",
        description_nl="Geaggregeerde examenresultaten per instelling en opleiding.",
        themes=(THEME + "EDUC", THEME + "SOCI"),
        conforms_to=(scheme_of("education-sector"),),
        purposes=(concept("purpose-of-use", "officiele-statistiek"),),
        aggregation=(concept("aggregation-level", "instelling"),),
        sectors=(concept("education-sector", "mbo"),),
        population="Alle mbo-studenten die in 2023 examen deden", unit="http://qudt.org/vocab/unit/NUM",
    )
    for description, principal in ((leerlingen_vo(), DUO), (voortgang_werkvormen(), LEERRIJK), (third, DUO)):
        register(store, catalogue, description, principal)
    return store, catalogue


def ids(page) -> set[str]:
    return {s.id.rsplit("-", 1)[0] for s in page.items}


def test_facets_count_every_match_and_filters_narrow(catalogue_of_three):
    store, catalogue = catalogue_of_three
    index = dataset_index(store, catalogue)
    everything = browse(index)
    assert everything.total == 3
    themes = {f.value: f.count for f in everything.facets["theme"]}
    assert themes == {THEME + "EDUC": 3, THEME + "SOCI": 1}
    educ = next(f for f in everything.facets["theme"] if f.value == THEME + "EDUC")
    assert educ.label.labels["nl"] and educ.label.vocabulary == "eu-data-theme"
    lists = {f.value: (f.count, f.label.vocabulary) for f in everything.facets["conforms_to"]}
    assert lists[scheme_of("education-sector")] == (2, "education-sector")
    assert lists[scheme_of("werkvormen")] == (1, "werkvormen")
    publishers = {f.value: f.count for f in everything.facets["publisher"]}
    assert publishers == {"Dienst Uitvoering Onderwijs": 2, "Uitgeverij Leerrijk": 1}

    instelling = concept("aggregation-level", "instelling")
    narrowed = browse(index, filters={"aggregation_level": [instelling]})
    assert ids(narrowed) == {"leerlingen-vo-per-school", "examenresultaten-mbo"}
    assert {f.value: f.count for f in narrowed.facets["purpose"]} == {
        concept("purpose-of-use", "publieke-verantwoording"): 1, concept("purpose-of-use", "open-data"): 1,
        concept("purpose-of-use", "officiele-statistiek"): 1,
    }
    assert next(f for f in narrowed.facets["aggregation_level"] if f.value == instelling).selected
    both = browse(index, filters={"aggregation_level": [instelling], "theme": [THEME + "SOCI"]})
    assert ids(both) == {"examenresultaten-mbo"}
    assert ids(browse(index, filters={"purpose": [concept("purpose-of-use", "voortgang-volgen")]})) == {"voortgang-werkvormen"}
    assert ids(browse(index, filters={"publisher": ["Uitgeverij Leerrijk"]})) == {"voortgang-werkvormen"}
    assert browse(index, filters={"theme": ["http://example.org/none"]}).total == 0


def test_free_text_matches_every_word_in_titles_descriptions_and_keywords(catalogue_of_three):
    store, catalogue = catalogue_of_three
    index = dataset_index(store, catalogue)
    assert ids(browse(index, "examen")) == {"examenresultaten-mbo"}
    assert ids(browse(index, "VOORTGANG werkvorm")) == {"voortgang-werkvormen"}
    assert ids(browse(index, "teaching form")) == {"voortgang-werkvormen"}  # the English title
    assert browse(index, "onderwijs").total == 3  # a keyword of all three
    assert browse(index, "examen werkvorm").total == 0


def test_browse_rejects_unknown_filters_and_bad_limits(catalogue_of_three):
    store, catalogue = catalogue_of_three
    index = dataset_index(store, catalogue)
    with pytest.raises(InvalidInput):
        browse(index, filters={"colour": ["blue"]})
    with pytest.raises(InvalidInput):
        browse(index, limit=0)
    page = browse(index, limit=2)
    assert len(page.items) == 2 and page.total == 3
    assert len(browse(index, offset=2, limit=2).items) == 1


# --- the catalogue as DCAT -------------------------------------------------------------------------

DCAT_AP = SOURCES_DIR / "dcat-ap-3.0.1" / "releases" / "3.0.1" / "shacl" / "dcat-ap-SHACL.ttl"
DCAT_AP_NL = SOURCES_DIR / "dcat-ap-nl-3.0" / "shapes"


def test_the_exported_catalogue_passes_dcat_ap_nl(catalogue_of_three):
    store, catalogue = catalogue_of_three
    turtle = serialise(catalogue_triples(store, catalogue, "https://registry.example.nl/"), format_named("turtle"))
    validation = validate_metadata(store, catalogue, turtle, TURTLE, "dcat-ap-nl")
    violations = [f"{f.focus_node} {f.path}: {f.message()}" for f in validation.report.findings if f.severity.value == "Violation"]
    assert validation.conforms, violations
    graph = Graph().parse(data=turtle, format="turtle")
    catalogue_iri = "https://w3id.org/eduvoc/catalogue/datasets"
    datasets = set(graph.objects(URIRef(catalogue_iri), URIRef("http://www.w3.org/ns/dcat#dataset")))
    assert {str(d) for d in datasets} == {r.iri for r in read_records(store)}


def test_the_exported_catalogue_passes_dcat_ap_nl_in_pyshacl_too(catalogue_of_three):
    """An independent check with pySHACL on the shape files as published."""
    from pyshacl import validate

    store, catalogue = catalogue_of_three
    turtle = serialise(catalogue_triples(store, catalogue, "https://registry.example.nl/"), format_named("turtle"))
    shapes = Graph()
    for path in (DCAT_AP, DCAT_AP_NL / "dcat-ap-nl-SHACL.ttl"):
        shapes.parse(Path(path), format="turtle")
    conforms, _, text = validate(Graph().parse(data=turtle, format="turtle"), shacl_graph=shapes)
    assert conforms, text


def test_an_empty_catalogue_does_not_pass_dcat_ap_nl(registry):
    """DCAT-AP-NL asks a catalogue for at least one dataset: the export says so rather than hides it."""
    store, catalogue = registry
    turtle = serialise(catalogue_triples(store, catalogue, "https://registry.example.nl/"), format_named("turtle"))
    validation = validate_metadata(store, catalogue, turtle, TURTLE, "dcat-ap-nl")
    assert not validation.conforms


def test_the_catalogue_records_are_queryable(catalogue_of_three):
    store, catalogue = catalogue_of_three
    rows = store.query(
        "SELECT ?id ?owner WHERE { ?record <http://purl.org/dc/terms/identifier> ?id ; <https://w3id.org/eduvoc/def/owner> ?owner }",
        substitutions={Variable("owner"): Literal("leerrijk")}, default_graph=[DATASETS_GRAPH],
    )
    assert [row["id"].value.rsplit("-", 1)[0] for row in rows] == ["voortgang-werkvormen"]
