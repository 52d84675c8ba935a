"""Learning outcomes (leeruitkomsten) → vocabulary `learning-outcomes`.

The scheme follows the learning-outcome model of ELM 3 (`elm:LearningOutcome`, with `dct:title`,
`dct:type`, `elm:reusabilityLevel` and `elm:relatedESCOSkill`) and is shaped so that the fields of
the OOAPI v6 `LearningOutcome` object map onto it (see vocabularies/README.d/learning-outcomes.md).
Its bundled content is the one real, openly licensed set of learning outcomes in `sources/`: the
DigComp collection of ESCO v1.2 (5 competence areas, 20 competences). Each outcome keeps ESCO's
English label and description and points to its ESCO skill in `esco-skills` with skos:exactMatch.

Levels: the outcome → level property is `eduvoc:complexityLevel` (after OOAPI `complexityLevel`),
pointing to the OOAPI `learningOutcomeLevel` concepts that the OOAPI converter publishes. The DigComp
data carries no Bloom/SOLO level, so no bundled outcome has one; no level is invented here.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from converters import esco_subset as esco
from converters.vocabulary_file import EDUVOC_DEF, EDUVOC_VOCAB, Publisher, SchemeInfo, new_scheme_graph

SLUG = "learning-outcomes"
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
#: the eduvoc property from an outcome to its level (OOAPI LearningOutcome.complexityLevel)
COMPLEXITY_LEVEL = EDUVOC_DEF.complexityLevel
#: concept scheme of the OOAPI learningOutcomeLevel enumeration (converted by the OOAPI converter)
OOAPI_LEVEL_SCHEME = EDUVOC_VOCAB["ooapi-learning-outcome-level"]
DIGCOMP = next(spec for spec in esco.COLLECTIONS if spec.key == "digcomp")
DIGCOMP_FILE_URL = f"{esco.SOURCE_URL.replace('/tree/', '/blob/')}/{DIGCOMP.file}"
PUBLISHER = Publisher("eduvoc", "eduvoc")


def outcome_iri(skill_iri: str) -> URIRef:
    """The eduvoc IRI of the outcome derived from an ESCO DigComp skill: `digcomp-<ESCO uuid>`."""
    return EDUVOC_VOCAB[f"{SLUG}/digcomp-{skill_iri.rsplit('/', 1)[-1]}"]


def scheme_info() -> SchemeInfo:
    """Catalogue metadata of `learning-outcomes`."""
    return SchemeInfo(
        slug=SLUG,
        title_nl="Leeruitkomsten: eduvoc-voorstel (DigComp uit ESCO)",
        title_en="Learning outcomes: an eduvoc proposal (DigComp from ESCO)",
        description_nl=(
            "Een door eduvoc samengesteld voorstel, geen vastgestelde lijst van een bevoegde instantie. "
            "De Nederlandse mbo-kwalificaties staan in mbo-kwalificaties. Schema voor leeruitkomsten volgens het leeruitkomstmodel van ELM 3 (elk begrip is ook "
            "een elm:LearningOutcome) en passend op het LearningOutcome-object van OOAPI v6. Bevat nu "
            "25 leeruitkomsten afgeleid uit de DigComp-collectie van ESCO v1.2: 5 competentiegebieden "
            "met 20 competenties, met de Engelse labels en beschrijvingen van ESCO (geen Nederlandse "
            "labels) en per leeruitkomst skos:exactMatch en elm:relatedESCOSkill naar de ESCO-vaardigheid "
            "in esco-skills. Dit is geen officiële DigComp-uitgave (geen DigComp-nummering, geen "
            "beheersingsniveaus) en bevat (nog) geen leeruitkomsten van instellingen. Niveaus (Bloom/SOLO) "
            "worden met eduvoc:complexityLevel gekoppeld aan de OOAPI-lijst ooapi-learning-outcome-level; "
            "de DigComp-bron geeft geen niveaus, dus de meegeleverde leeruitkomsten hebben er geen. "
            + esco.ATTRIBUTION
        ),
        description_en=(
            "A proposal curated by eduvoc, not a list adopted by an authority. Scheme for learning outcomes following the ELM 3 learning-outcome model (every concept is "
            "also an elm:LearningOutcome) and matching the OOAPI v6 LearningOutcome object. It currently "
            "holds 25 learning outcomes derived from the DigComp collection of ESCO v1.2: 5 competence "
            "areas with 20 competences, with ESCO's English labels and descriptions (no Dutch labels) and "
            "for each outcome skos:exactMatch and elm:relatedESCOSkill to the ESCO skill in esco-skills. "
            "It is not an official DigComp publication (no DigComp numbering, no proficiency levels) and "
            "holds no institutional learning outcomes (yet). Levels (Bloom/SOLO) are linked with "
            "eduvoc:complexityLevel to the OOAPI list ooapi-learning-outcome-level; the DigComp source "
            "gives no levels, so the bundled outcomes have none. " + esco.ATTRIBUTION
        ),
        publisher=PUBLISHER,
        license=esco.LICENCE,
        source=DIGCOMP_FILE_URL,
        version=esco.VERSION,
        extra_prefixes={"elm": str(ELM), "esco": str(esco.ESCO_MODEL)},
    )


def add_outcome(graph: Graph, scheme: URIRef, skill: esco.Skill) -> URIRef:
    """One learning outcome from an ESCO DigComp skill, described with SKOS and ELM terms.

    ESCO's alternative labels stay in `esco-skills` (some are lists of programming languages,
    not phrasings of an outcome); the outcome carries the label, title and description."""
    outcome = outcome_iri(skill.iri)
    graph.add((outcome, RDF.type, SKOS.Concept))
    graph.add((outcome, RDF.type, ELM.LearningOutcome))
    graph.add((outcome, SKOS.inScheme, scheme))
    graph.add((outcome, SKOS.prefLabel, Literal(skill.label, lang=esco.LANGUAGE)))
    graph.add((outcome, DCTERMS.title, Literal(skill.label, lang=esco.LANGUAGE)))  # required by ELM
    if skill.description:
        graph.add((outcome, SKOS.definition, Literal(skill.description, lang=esco.LANGUAGE)))
    if skill.skill_type:
        graph.add((outcome, DCTERMS.type, esco.SKILL_TYPES[skill.skill_type]))
    if skill.reuse_level:
        graph.add((outcome, ELM.reusabilityLevel, URIRef(esco.REUSE_LEVEL_BASE + skill.reuse_level)))
    graph.add((outcome, SKOS.exactMatch, URIRef(skill.iri)))
    graph.add((outcome, ELM.relatedESCOSkill, URIRef(skill.iri)))
    return outcome


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """The `learning-outcomes` scheme: DigComp areas as top concepts, competences beneath them.

    The hierarchy is ESCO's own skos:broader between DigComp skills; ESCO broaders outside the
    DigComp collection stay in `esco-skills` (reachable through the exactMatch)."""
    skills = esco.read_collection(sources / esco.SOURCE_FOLDER, DIGCOMP)
    info = scheme_info()
    graph = new_scheme_graph(info)
    scheme = info.scheme_iri
    graph.add((scheme, DCTERMS.rights, Literal(esco.ATTRIBUTION, lang="en")))
    graph.add((scheme, DCTERMS.relation, URIRef(esco.SCHEME_IRI)))
    graph.add((scheme, DCTERMS.relation, OOAPI_LEVEL_SCHEME))

    in_digcomp = {skill.iri for skill in skills}
    links = {(skill.iri, parent) for skill in skills for parent in skill.broader if parent in in_digcomp}
    esco.assert_acyclic(links)
    for skill in skills:
        outcome = add_outcome(graph, scheme, skill)
        if not any(child == skill.iri for child, _ in links):
            graph.add((outcome, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, outcome))
    for child, parent in links:
        graph.add((outcome_iri(child), SKOS.broader, outcome_iri(parent)))
        graph.add((outcome_iri(parent), SKOS.narrower, outcome_iri(child)))
    return [(info, graph)]
