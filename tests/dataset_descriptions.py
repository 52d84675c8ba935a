"""Dataset descriptions for the catalogue tests: the DCAT-AP-NL 3.0 dataset example
(sources/dcat-ap-nl-3.0/doc/klassen/dcatDataset/Voorbeelden.md) as the base shape, with the
education fields filled from the bundled vocabularies' own concepts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, SKOS, Graph, URIRef

from tests.conftest import VOCABULARIES_DIR

EXAMPLE_BASE = "https://data.example-onderwijs.nl/id/dataset/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EDUVOC_VOCAB = "https://w3id.org/eduvoc/vocab/"


@cache
def concepts_of(slug: str) -> tuple[str, ...]:
    """The concept IRIs of a bundled vocabulary, sorted (read from the committed Turtle)."""
    graph = Graph().parse(VOCABULARIES_DIR / f"{slug}.ttl", format="turtle")
    return tuple(sorted(str(c) for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)))


@cache
def scheme_of(slug: str) -> str:
    graph = Graph().parse(VOCABULARIES_DIR / f"{slug}.ttl", format="turtle")
    (scheme,) = [str(s) for s in graph.subjects(RDF.type, SKOS.ConceptScheme)]
    return scheme


@cache
def pref_label(slug: str, iri: str, language: str = "nl") -> str:
    """A bundled concept's preferred label (asserting it has one in `language`)."""
    graph = Graph().parse(VOCABULARIES_DIR / f"{slug}.ttl", format="turtle")
    (label,) = [str(o) for o in graph.objects(URIRef(iri), SKOS.prefLabel) if o.language == language]
    return label


def concept(slug: str, local: str) -> str:
    """An eduvoc-list concept that must exist in the bundled file (fails loudly otherwise)."""
    iri = f"{EDUVOC_VOCAB}{slug}/{local}"
    assert iri in concepts_of(slug), f"{iri} is not a concept of the bundled {slug}"
    return iri


@dataclass
class Description:
    """The fields that vary between generated descriptions."""

    name: str
    title_nl: str
    title_en: str
    description_nl: str = "Gegevens over leerlingen in het voortgezet onderwijs, per school en schooljaar."
    themes: tuple[str, ...] = (THEME + "EDUC",)
    conforms_to: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    aggregation: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    personal_data: bool = False
    publisher_name: str = "Dienst Uitvoering Onderwijs"
    population: str | None = None  # for aggregated data: who is counted
    unit: str | None = None  # for aggregated data: a QUDT unit
    extra: list[str] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return EXAMPLE_BASE + self.name


def _iris(values: tuple[str, ...]) -> str:
    return ", ".join(f"<{v}>" for v in values)


def to_turtle(d: Description) -> str:
    """The description as Turtle: the DCAT-AP-NL example's shape plus the education fields."""
    lines = [
        f"<{d.iri}> a dcat:Dataset ;",
        f'  dct:title "{d.title_nl}"@nl, "{d.title_en}"@en ;',
        f'  dct:description "{d.description_nl}"@nl, "Description of {d.title_en}."@en ;',
        f'  dct:identifier "{d.iri}" ;',
        "  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;",
        "  dct:language <http://publications.europa.eu/resource/authority/language/NLD> ;",
        '  dcat:keyword "onderwijs"@nl, "education"@en ;',
        "  dcat:contactPoint [ a vcard:Kind ; vcard:fn \"Servicedesk\"@nl ; vcard:hasEmail <mailto:opendata@example-onderwijs.nl> ] ;",
        f'  dct:publisher [ a foaf:Agent ; foaf:name "{d.publisher_name}"@nl ] ;',
        f'  dct:creator [ a foaf:Agent ; foaf:name "{d.publisher_name}"@nl ] ;',
        f"  dcat:theme {_iris(d.themes)} ;",
        "  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate \"2023-08-01\"^^xsd:date ; dcat:endDate \"2024-07-31\"^^xsd:date ] ;",
        f"  eduvoc:containsPersonalData {'true' if d.personal_data else 'false'} ;",
        *(
            "  prov:qualifiedAttribution [ a prov:Attribution ;"
            f' prov:agent [ a foaf:Agent ; foaf:name "{d.publisher_name}"@nl ] ;'
            f" dcat:hadRole <{concept('data-sharing-role', role)}> ] ;"
            for role in ("bronhouder", "dataleverancier")
        ),
        "  dct:license <http://creativecommons.org/publicdomain/zero/1.0/> ;",
    ]
    if d.conforms_to:
        lines.append(f"  dct:conformsTo {_iris(d.conforms_to)} ;")
    if d.purposes:
        lines.append(f"  eduvoc:purposeOfUse {_iris(d.purposes)} ;")
    if d.aggregation:
        lines.append(f"  eduvoc:aggregationLevel {_iris(d.aggregation)} ;")
    if d.population:
        lines.append(f'  eduvoc:population [ a eduvoc:Population ; dct:description "{d.population}"@nl ] ;')
    if d.unit:
        lines.append(f"  eduvoc:unitOfMeasure <{d.unit}> ;")
    if d.sectors:
        lines.append(f"  eduvoc:educationSector {_iris(d.sectors)} ;")
    lines.extend(d.extra)
    lines.append(f"  dcat:distribution <{d.iri}/csv> .")
    lines += [
        f"<{d.iri}/csv> a dcat:Distribution ;",
        f"  dcat:accessURL <{d.iri}/download> ;",
        f"  dcat:downloadURL <{d.iri}/download.csv> ;",
        "  dct:language <http://publications.europa.eu/resource/authority/language/NLD> ;",
        "  dct:license <http://creativecommons.org/publicdomain/zero/1.0/> ;",
        "  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> .",
        "<http://publications.europa.eu/resource/authority/access-right/PUBLIC> a dct:RightsStatement .",
        "<http://publications.europa.eu/resource/authority/language/NLD> a dct:LinguisticSystem .",
        "<http://creativecommons.org/publicdomain/zero/1.0/> a dct:LicenseDocument .",
        "<http://publications.europa.eu/resource/authority/file-type/CSV> a dct:MediaTypeOrExtent .",
        # as the DCAT-AP-NL example does: the classes DCAT-AP asks of values from value lists
        *(f'<{theme}> a skos:Concept ; skos:prefLabel "{pref_label("eu-data-theme", theme)}"@nl .' for theme in d.themes),
        *(f"<{standard}> a dct:Standard ." for standard in d.conforms_to),
    ]
    return PREFIXES + "\n".join(lines) + "\n"


PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix eduvoc: <https://w3id.org/eduvoc/def/> .
"""


def leerlingen_vo() -> Description:
    """Pupils in secondary education per school: aggregated, for public accountability."""
    return Description(
        name="leerlingen-vo-per-school",
        title_nl="Leerlingen vo per school",
        title_en="Pupils in secondary education per school",
        conforms_to=(scheme_of("education-sector"), scheme_of("aggregation-level")),
        purposes=(concept("purpose-of-use", "publieke-verantwoording"), concept("purpose-of-use", "open-data")),
        aggregation=(concept("aggregation-level", "instelling"),),
        sectors=(concept("education-sector", "vo"),),
        population="Alle ingeschreven leerlingen in het voortgezet onderwijs op de teldatum 1 oktober 2023",
        unit="http://qudt.org/vocab/unit/NUM",
    )


def voortgang_werkvormen() -> Description:
    """Learning progress per pupil, pseudonymised, with the werkvormen used."""
    return Description(
        name="voortgang-werkvormen",
        title_nl="Voortgang per werkvorm",
        title_en="Progress per teaching form",
        description_nl="Voortgangsgegevens van leerlingen per werkvorm, gepseudonimiseerd.",
        conforms_to=(scheme_of("werkvormen"), scheme_of("slo-kerndoelen")),
        purposes=(concept("purpose-of-use", "voortgang-volgen"),),
        aggregation=(concept("aggregation-level", "gepseudonimiseerd-individu"),),
        sectors=(concept("education-sector", "po"),),
        personal_data=True,
        publisher_name="Uitgeverij Leerrijk",
        extra=[
            "  eduvoc:legalBasis <http://data.europa.eu/eli/reg/2016/679/oj> ;",
            f"  dct:subject <{concept('werkvormen', 'bijles')}> ;",
        ],
    )


def all_examples() -> list[Description]:
    return [leerlingen_vo(), voortgang_werkvormen()]


#: the bundled lists the examples use (and the registry-aware checks read): enough for a quick app
DATASET_LISTS = (
    "aggregation-level", "data-sharing-role", "education-sector", "eu-data-theme", "eu-file-type", "eu-frequency",
    "ooapi-learning-component-type", "purpose-of-use", "slo-kerndoelen", "werkvormen", "xapi-activity-types",
)


def fresh_registry(only: tuple[str, ...] | None = None):
    """A new in-memory store with the bundled vocabularies (all, or `only` these and the
    ontology), plus the organisations 'duo' and 'leerrijk' that publish the examples."""
    from registry.bundle import bundled_files, load_files
    from registry.catalogue import Catalogue
    from registry.organisations import create_organisation
    from registry.oxigraph_store import OxigraphStore
    from tests.conftest import ONTOLOGY_DIR

    store = OxigraphStore()
    catalogue = Catalogue(store)
    files = bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR)
    if only is not None:
        files = [(slug, path) for slug, path in files if slug in only or path.parent == ONTOLOGY_DIR]
    load_files(store, catalogue, files)
    create_organisation(store, "duo", "Dienst Uitvoering Onderwijs")
    create_organisation(store, "leerrijk", "Uitgeverij Leerrijk")
    return store, catalogue


def editor_of(organisation: str):
    from registry.auth import Principal, Role

    return Principal(subject=f"https://w3id.org/eduvoc/token/test-{organisation}", organisation=organisation, role=Role.EDITOR)


def prepare_store(path, descriptions: list[tuple[Description, str]] = ()) -> dict[str, str]:
    """A store directory for a real server: the lists the examples use, the organisations, an
    editor token for each (returned by organisation), and `descriptions` registered by their owners."""
    from pathlib import Path

    from registry.auth import Role
    from registry.bundle import bundled_files, load_files
    from registry.catalogue import Catalogue
    from registry.datasets import register_dataset
    from registry.organisations import create_organisation
    from registry.oxigraph_store import OxigraphStore
    from registry.tokens import issue_token
    from tests.conftest import ONTOLOGY_DIR

    store = OxigraphStore(Path(path))
    try:
        catalogue = Catalogue(store)
        files = [(slug, p) for slug, p in bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR) if slug in DATASET_LISTS or p.parent == ONTOLOGY_DIR]
        load_files(store, catalogue, files)
        create_organisation(store, "duo", "Dienst Uitvoering Onderwijs")
        create_organisation(store, "leerrijk", "Uitgeverij Leerrijk")
        tokens = {org: issue_token(store, org, Role.EDITOR)[0] for org in ("duo", "leerrijk")}
        for description, owner in descriptions:
            register_dataset(store, catalogue, to_turtle(description).encode(), "text/turtle", editor_of(owner))
        return tokens
    finally:
        store.close()
