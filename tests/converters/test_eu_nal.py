"""The bundled EU authority tables and ADMS value lists, checked against the real source RDF.

Expected numbers are computed here from the source files with SPARQL, not via the converter, so a
converter that drops, invents or mislabels concepts fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef

from converters import eu_nal

RESOURCES = Path("eu-nal-adms-vocabularies") / "resources"
NAL_FILES = {
    "eu-data-theme": "data-theme-skos-ap-act.rdf",
    "eu-frequency": "frequencies-skos-ap-act.rdf",
    "eu-file-type": "filetypes-skos-ap-act.rdf",
}
ADMS_FILE = "ADMS_SKOS_v1.00.rdf"
ADMS_SLUGS = (
    "adms-asset-type",
    "adms-interoperability-level",
    "adms-licence-type",
    "adms-publisher-type",
    "adms-representation-technique",
    "adms-status",
)
ALL_SLUGS = (*NAL_FILES, *ADMS_SLUGS)
NAL = "http://publications.europa.eu/resource/authority/"
PREFIXES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX at: <http://publications.europa.eu/ontology/authority/>
PREFIX euvoc: <http://publications.europa.eu/ontology/euvoc#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
Parse = Callable[[str], Graph]
#: IRIs that must be defined (as concept or the scheme) in the same file
INTERNAL_LINKS = (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept, SKOS.topConceptOf)


@pytest.fixture(scope="module")
def source(sources_dir: Path) -> Parse:
    """Parse each source file once for this module."""
    cache: dict[str, Graph] = {}

    def parse(filename: str) -> Graph:
        if filename not in cache:
            cache[filename] = Graph().parse(sources_dir / RESOURCES / filename, format="xml")
        return cache[filename]

    return parse


def count(graph: Graph, query: str) -> int:
    """The single integer a `SELECT (COUNT(...) AS ?n)` query returns."""
    return int(next(iter(graph.query(PREFIXES + query)))[0])


def members_in_source(graph: Graph, scheme: str) -> set[URIRef]:
    """The concepts the source puts in `scheme`, by SPARQL."""
    query = f"SELECT DISTINCT ?c WHERE {{ ?c a skos:Concept ; skos:inScheme <{scheme}> }}"
    rows = graph.query(PREFIXES + query)
    return {row[0] for row in rows}


def concepts(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def the_scheme(graph: Graph) -> URIRef:
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    return schemes[0]


# --- counts against the source -------------------------------------------------------------


@pytest.mark.parametrize("slug", NAL_FILES)
def test_nal_concept_count_matches_source(slug: str, source: Parse, bundled_vocabulary: Parse) -> None:
    expected = members_in_source(source(NAL_FILES[slug]), NAL + slug.removeprefix("eu-"))
    assert len(expected) > 10
    assert concepts(bundled_vocabulary(slug)) == expected


@pytest.mark.parametrize("slug", NAL_FILES)
def test_nal_deprecated_entries_match_source(slug: str, source: Parse, bundled_vocabulary: Parse) -> None:
    """at:deprecated "true" or euvoc:status DEPRECATED in the source <-> owl:deprecated true here."""
    expected = {
        row[0]
        for row in source(NAL_FILES[slug]).query(
            PREFIXES
            + """SELECT DISTINCT ?c WHERE { ?c a skos:Concept .
               { ?c at:deprecated ?flag FILTER(str(?flag) = "true") } UNION
                { ?c euvoc:status ?status FILTER(strends(str(?status), "/concept-status/DEPRECATED")) } }"""
        )
    }
    bundled = set(bundled_vocabulary(slug).subjects(OWL.deprecated, Literal(True)))
    assert bundled == expected


@pytest.mark.parametrize("slug", NAL_FILES)
def test_nal_replacements_match_source(slug: str, source: Parse, bundled_vocabulary: Parse) -> None:
    """The pinned tables give no successor for their retired entries; none may be invented."""
    src = source(NAL_FILES[slug])
    expected = count(
        src, "SELECT (COUNT(*) AS ?n) WHERE { { ?a dct:isReplacedBy ?b } UNION { ?b dct:replaces ?a } }"
    )
    bundled = bundled_vocabulary(slug)
    replacements = list(bundled.subject_objects(URIRef("http://purl.org/dc/terms/isReplacedBy")))
    assert len(replacements) == expected
    for old, new in replacements:
        assert (old, OWL.deprecated, Literal(True)) in bundled and new in concepts(bundled)


@pytest.mark.parametrize("slug", NAL_FILES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_nal_preferred_labels_match_source(
    slug: str, language: str, source: Parse, bundled_vocabulary: Parse
) -> None:
    """Every Dutch/English skos:prefLabel of the source, and no other, ligature "ĳ" spelled "ij"."""
    query = f'SELECT ?c ?l {{ ?c a skos:Concept ; skos:prefLabel ?l FILTER(lang(?l) = "{language}") }}'
    rows = source(NAL_FILES[slug]).query(PREFIXES + query)
    expected = {(c, str(label).replace("\u0133", "ij")) for c, label in rows}
    bundled = bundled_vocabulary(slug)
    members = concepts(bundled)
    actual = {
        (c, str(label))
        for c, label in bundled.subject_objects(SKOS.prefLabel)
        if c in members and label.language == language
    }
    assert expected and actual == expected


def test_frequency_mappings_to_dublin_core_kept(source: Parse, bundled_vocabulary: Parse) -> None:
    src = source(NAL_FILES["eu-frequency"])
    expected = count(src, "SELECT (COUNT(*) AS ?n) WHERE { ?c skos:exactMatch ?m }")
    bundled = bundled_vocabulary("eu-frequency")
    assert expected == len(list(bundled.subject_objects(SKOS.exactMatch))) > 0
    annual = URIRef("http://purl.org/cld/freq/annual")
    assert (URIRef(NAL + "frequency/ANNUAL"), SKOS.exactMatch, annual) in bundled


@pytest.mark.parametrize("slug", ADMS_SLUGS)
def test_adms_concepts_match_source(slug: str, source: Parse, bundled_vocabulary: Parse) -> None:
    src = source(ADMS_FILE)
    bundled = bundled_vocabulary(slug)
    scheme = the_scheme(bundled)
    expected = members_in_source(src, str(scheme))
    assert expected
    assert concepts(bundled) == expected
    assert (scheme, RDF.type, SKOS.ConceptScheme) in src  # the source's own scheme IRI is kept


def test_every_adms_scheme_has_its_own_file(source: Parse) -> None:
    """Six schemes in ADMS 1.0, each `adms-<kebab label>`."""
    rows = source(ADMS_FILE).query(PREFIXES + "SELECT ?l WHERE { ?s a skos:ConceptScheme ; rdfs:label ?l }")
    labels = {str(row[0]) for row in rows}
    assert {eu_nal.adms_slug(label) for label in labels} == set(ADMS_SLUGS)


# --- real concepts -------------------------------------------------------------------------


def test_data_theme_education(bundled_vocabulary: Parse) -> None:
    graph = bundled_vocabulary("eu-data-theme")
    educ = URIRef(NAL + "data-theme/EDUC")
    assert graph.value(educ, SKOS.notation) == Literal("EDUC")
    assert set(graph.objects(educ, SKOS.prefLabel)) == {
        Literal("Onderwijs, cultuur en sport", lang="nl"),
        Literal("Education, culture and sport", lang="en"),
    }
    assert (educ, SKOS.topConceptOf, URIRef(NAL + "data-theme")) in graph
    assert the_scheme(graph) == URIRef(NAL + "data-theme")


def test_file_type_formex_2_is_deprecated_with_end_date(bundled_vocabulary: Parse) -> None:
    graph = bundled_vocabulary("eu-file-type")
    fmx2 = URIRef(NAL + "file-type/FMX2")
    assert (fmx2, OWL.deprecated, Literal(True)) in graph
    assert str(graph.value(fmx2, eu_nal.EUVOC.endDate)) == "1999-03-31"
    assert graph.value(fmx2, SKOS.prefLabel) == Literal("Formex 2", lang="en")
    assert (URIRef(NAL + "file-type/CSV"), OWL.deprecated, Literal(True)) not in graph


def test_frequency_labels_spell_out_the_ij_ligature(bundled_vocabulary: Parse) -> None:
    graph = bundled_vocabulary("eu-frequency")
    daily = URIRef(NAL + "frequency/DAILY")
    assert Literal("dagelijks", lang="nl") in set(graph.objects(daily, SKOS.prefLabel))
    semiannual = URIRef(NAL + "frequency/ANNUAL_2")
    assert Literal("half-yearly", lang="en") in set(graph.objects(semiannual, SKOS.altLabel))


def test_adms_status_values(bundled_vocabulary: Parse) -> None:
    graph = bundled_vocabulary("adms-status")
    assert the_scheme(graph) == URIRef("http://purl.org/adms/status/1.0")
    assert {str(n) for n in graph.objects(None, SKOS.notation)} == {
        "Completed",
        "Deprecated",
        "UnderDevelopment",
        "Withdrawn",
    }
    assert graph.value(URIRef("http://purl.org/adms/status/UnderDevelopment"), SKOS.prefLabel) == Literal(
        "Under development", lang="en"
    )


# --- contract shape ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_contract_shape(slug: str, bundled_vocabulary: Parse) -> None:
    graph = bundled_vocabulary(slug)
    scheme = the_scheme(graph)
    members = concepts(graph)
    defined = members | {scheme}
    for concept in members:
        assert (concept, SKOS.inScheme, scheme) in graph
        languages = [label.language for label in graph.objects(concept, SKOS.prefLabel)]
        assert languages and len(languages) == len(set(languages)), concept
        assert graph.value(concept, SKOS.notation) is not None, concept
    for predicate in (*INTERNAL_LINKS, URIRef("http://purl.org/dc/terms/isReplacedBy")):
        for subject, target in graph.subject_objects(predicate):
            assert subject in defined and target in defined, (predicate, subject, target)
    tops = set(graph.subjects(SKOS.topConceptOf, scheme))
    assert tops == set(graph.objects(scheme, SKOS.hasTopConcept)) and tops
    kept_languages = {
        value.language
        for subject, value in graph.subject_objects()
        if subject in members and isinstance(value, Literal) and value.language
    }
    assert kept_languages <= {"nl", "en"}


@pytest.mark.parametrize("slug", NAL_FILES)
def test_nal_notation_is_the_authority_code(slug: str, bundled_vocabulary: Parse) -> None:
    graph = bundled_vocabulary(slug)
    for concept in concepts(graph):
        assert str(graph.value(concept, SKOS.notation)) == str(concept).rsplit("/", 1)[1]


# --- the committed files are what the converter builds --------------------------------------


def test_build_matches_committed_files(sources_dir: Path, bundled_vocabulary: Parse) -> None:
    built = eu_nal.build(sources_dir)
    assert sorted(info.slug for info, _ in built) == sorted(ALL_SLUGS)
    for info, graph in built:
        committed = bundled_vocabulary(info.slug)
        assert len(graph) == len(committed), info.slug
        assert set(graph) == set(committed), info.slug


@pytest.mark.parametrize(("slug", "range_class"), [
    ("eu-frequency", "http://purl.org/dc/terms/Frequency"),
    ("eu-file-type", "http://purl.org/dc/terms/MediaTypeOrExtent"),
])
def test_every_concept_of_a_dcat_ap_list_has_the_class_dcat_ap_asks_of_its_values(bundled_vocabulary, slug, range_class):
    graph = bundled_vocabulary(slug)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts and concepts == set(graph.subjects(RDF.type, URIRef(range_class)))
