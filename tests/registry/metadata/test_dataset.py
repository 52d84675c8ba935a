"""The dataset profile (DCAT-AP 3.0.1 + DCAT-AP-NL 3.0 as published + eduvoc's education extension)
on real cases: the official DCAT-AP and DCAT-AP-NL examples give their expected results, the
generated education descriptions conform, and every education check fails on a description made
invalid in exactly that way."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from registry.errors import RdfSyntaxError
from registry.metadata.compiled import compiled_profile
from registry.metadata.profiles import profile_named
from tests.conftest import SOURCES_DIR
from tests.dataset_descriptions import (
    all_examples,
    concept,
    leerlingen_vo,
    to_turtle,
    voortgang_werkvormen,
)
from tests.registry.metadata.records import check_ids

DCAT_AP_EXAMPLES = SOURCES_DIR / "dcat-ap-3.0.1" / "releases" / "3.0.0" / "html" / "examples"
NL_EXAMPLES = SOURCES_DIR / "dcat-ap-nl-3.0" / "doc" / "klassen"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EDUCATION_CHECKS = {
    "edu-source-holder", "edu-data-provider", "edu-purpose-of-use", "edu-aggregation-level",
    "edu-contains-personal-data", "edu-conditions-of-use",
}


def nl_example(kind: str) -> str:
    """The first Turtle block of a DCAT-AP-NL class's Voorbeelden.md."""
    text = (NL_EXAMPLES / kind / "Voorbeelden.md").read_text(encoding="utf-8")
    return re.findall(r"```turtle\n(.*?)```", text, re.DOTALL)[0]


# --- the official examples -------------------------------------------------------------------------

def test_the_dcat_ap_nl_dataset_example_as_published_does_not_parse_and_says_where(check):
    """Upstream defect: the example uses eli: without declaring it (line 85); a 400 with the position."""
    with pytest.raises(RdfSyntaxError) as raised:
        check(nl_example("dcatDataset"), "text/turtle", "dcat-ap-nl")
    assert "line 85" in raised.value.message and "eli:" in raised.value.message


def _paths(validation, severity="Violation"):
    return sorted((f.focus_node.value.rsplit("/", 1)[-1], str(f.path)) for f in validation.report.findings if f.severity.value == severity)


def test_the_dcat_ap_nl_dataset_example_gives_its_expected_findings(check):
    """With the missing prefix declared. The example is a fragment of a larger one: its two
    distributions are elaborated elsewhere (so the SHP one lacks accessURL and licence, the WMS one
    is not typed here), and its contact point is a vcard:Organization where DCAT-AP's range is
    vcard:Kind (a subclass only with the vCard ontology loaded). Its theme (EDUC) is a concept the
    registry holds, so DCAT-AP's skos:Concept range is met without loading the theme list."""
    data = "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n" + nl_example("dcatDataset")
    expected = [
        ("1T2p3o4B", DCAT + "contactPoint"), ("1T2p3o4B", DCAT + "distribution"),
        ("1T2p3o4B-dist-SHP", DCAT + "accessURL"), ("1T2p3o4B-dist-SHP", DCT + "license"),
    ]
    validation = check(data, "text/turtle", "dcat-ap-nl")
    assert _paths(validation) == sorted(expected)
    dcat_ap = check(data, "text/turtle", "dcat-ap")
    assert _paths(dcat_ap) == sorted(p for p in expected if p[1] != DCT + "license")  # the licence is an NL tightening
    assert not any("data-theme" in (f.value.value if f.value is not None else "") for f in validation.report.findings)


def test_the_dcat_ap_nl_example_fails_every_education_check_it_does_not_address(check):
    data = "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n" + nl_example("dcatDataset")
    validation = check(data, "text/turtle", "dataset")
    assert EDUCATION_CHECKS <= check_ids(validation)
    assert "edu-education-sector" in check_ids(validation, "Warning")


#: example file -> the violations DCAT-AP 3.0.1 reports, as (focus node's last segment, path). The
#: bee examples describe only their own class: the agencies, series and places they point to are not
#: typed in the file (DCAT-AP's class ranges) and several datasets lack a description. Their
#: frequency concepts pass: the registry's eu-frequency list types them dct:Frequency (the EU source
#: types them skos:Concept only; converters/eu_nal.py adds the DCAT-AP range class).
BEE = {
    "example-bee-population.ttl": [("BeePopulation", DCT + "publisher")],
    "example-bee-population-dataset-frequency.ttl": [("BeePopulation", DCT + "description"), ("BeePopulation", DCT + "title")],
}


@pytest.mark.parametrize("example", sorted(BEE))
def test_dcat_ap_bee_examples_give_their_expected_findings(check, example):
    validation = check((DCAT_AP_EXAMPLES / example).read_bytes(), "text/turtle", "dcat-ap")
    assert _paths(validation) == sorted(BEE[example])


def test_every_parsable_bee_example_is_validated_and_the_broken_ones_are_refused_with_a_position(check):
    refused, validated = {}, 0
    for path in sorted(DCAT_AP_EXAMPLES.glob("*.ttl")):
        try:
            check(path.read_bytes(), "text/turtle", "dcat-ap")
            validated += 1
        except RdfSyntaxError as error:
            refused[path.name] = error.location
    assert refused == {  # upstream defect (SOURCE.md): "example-dist:/…" is not a prefixed name
        "example-bee-population-dataset-series-api.ttl": "line 20, column 31",
        "example-bee-population-dataset-series-combined.ttl": "line 32, column 31",
    }
    assert validated == 13


# --- the education extension -----------------------------------------------------------------------

@pytest.mark.parametrize("description", all_examples(), ids=lambda d: d.name)
def test_the_generated_education_descriptions_conform(check, description):
    validation = check(to_turtle(description), "text/turtle", "dataset")
    assert validation.conforms, [f.messages for f in validation.report.findings if f.severity.value == "Violation"]
    assert not any(f.check_id and f.check_id.startswith("edu-") for f in validation.report.findings)


def _without(turtle: str, marker: str) -> str:
    """The description with the line holding `marker` removed (each line is one statement)."""
    lines = turtle.splitlines()
    kept = [line for line in lines if marker not in line]
    assert len(kept) == len(lines) - 1, marker
    return "\n".join(kept) + "\n"


VO = leerlingen_vo()
PERSONAL = voortgang_werkvormen()
THEMES = "http://publications.europa.eu/resource/authority/"
INVALID = {
    "edu-source-holder": lambda: _without(to_turtle(VO), "/bronhouder>"),
    "edu-data-provider": lambda: _without(to_turtle(VO), "/dataleverancier>"),
    "edu-attribution-agent": lambda: re.sub(r'prov:agent \[[^\]]*\] ;', "", to_turtle(VO), count=1),
    "edu-attribution-role": lambda: to_turtle(VO).replace(" dcat:hadRole <https://w3id.org/eduvoc/vocab/data-sharing-role/dataleverancier> ]", " ]"),
    "edu-purpose-of-use": lambda: to_turtle(replace(VO, purposes=())),
    "edu-aggregation-level": lambda: to_turtle(replace(VO, aggregation=(concept("aggregation-level", "instelling"), concept("aggregation-level", "bestuur")))),
    "edu-contains-personal-data": lambda: _without(to_turtle(VO), "eduvoc:containsPersonalData"),
    "edu-legal-basis": lambda: to_turtle(replace(VO, personal_data=True)),
    "edu-individual-level-personal-data": lambda: to_turtle(replace(PERSONAL, personal_data=False)),
    "edu-conditions-of-use": lambda: to_turtle(VO).replace("dct:license <http://creativecommons.org/publicdomain/zero/1.0/> ;", ""),
    "edu-value-lists-used": lambda: to_turtle(replace(VO, conforms_to=())),
    "edu-population": lambda: to_turtle(replace(VO, population=None)),
    "edu-population-description": lambda: to_turtle(replace(VO, population=None, extra=["  eduvoc:population [ a eduvoc:Population ] ;"])),
    "edu-unit-of-measure": lambda: to_turtle(replace(VO, unit=None)),
    "edu-education-sector": lambda: to_turtle(replace(VO, sectors=())),
}
SEVERITY = {"edu-education-sector": "Warning"}


@pytest.mark.parametrize("check_id", sorted(INVALID))
def test_each_education_check_fails_on_its_invalid_description(check, check_id):
    validation = check(INVALID[check_id](), "text/turtle", "dataset")
    severity = SEVERITY.get(check_id, "Violation")
    assert check_id in check_ids(validation, severity)
    other_education = {c for c in check_ids(validation, None) if c.startswith("edu-")} - {check_id}
    assert other_education <= {"edu-source-holder", "edu-data-provider"} or check_id == "edu-conditions-of-use", other_education
    finding = next(f for f in validation.report.findings if f.check_id == check_id)
    assert set(finding.messages) >= {"nl", "en"} and set(finding.fix_hints) >= {"nl", "en"}


# value-list shapes of the extension: each with a value the registry says is wrong
VALUE_CASES = {
    "edu-attribution-role": (lambda: to_turtle(VO).replace("data-sharing-role/dataleverancier", "purpose-of-use/open-data"), "value-list-other-list", "purpose-of-use"),
    "edu-purpose-of-use": (lambda: to_turtle(replace(VO, purposes=("https://w3id.org/eduvoc/vocab/purpose-of-use/marketing",))), "value-list-unknown", "purpose-of-use"),
    "edu-aggregation-level": (lambda: to_turtle(replace(VO, aggregation=(concept("education-sector", "vo"),))), "value-list-other-list", "education-sector"),
    "edu-education-sector": (lambda: to_turtle(replace(VO, sectors=(concept("aggregation-level", "instelling"),))), "value-list-other-list", "aggregation-level"),
    "edu-theme-list": (lambda: to_turtle(replace(VO, extra=[f"  dcat:theme <{THEMES}frequency/ANNUAL> ;"])), "value-list-other-list", "eu-frequency"),
    "edu-frequency-list": (lambda: to_turtle(replace(VO, extra=[f"  dct:accrualPeriodicity <{THEMES}data-theme/EDUC> ;"])), "value-list-other-list", "eu-data-theme"),
    "edu-file-type-list": (lambda: to_turtle(VO).replace("file-type/CSV", "file-type/FMX3"), "value-list-deprecated", "eu-file-type"),
    "edu-value-lists-registered": (lambda: to_turtle(replace(VO, conforms_to=("http://data.europa.eu/eli/reg/2010/1089",))), "value-list-unknown", "registered"),
}


@pytest.mark.parametrize("shape", sorted(VALUE_CASES))
def test_each_value_list_of_the_extension_is_checked_against_the_registry(check, shape):
    make, check_id, named = VALUE_CASES[shape]
    validation = check(make(), "text/turtle", "dataset")
    findings = [f for f in validation.report.findings if f.check_id == check_id and f.source_shape.value.endswith("#" + _local(shape))]
    assert findings, [(f.check_id, f.source_shape) for f in validation.report.findings]
    assert named in findings[0].messages["en"]


def _local(check_id: str) -> str:
    compiled = compiled_profile(profile_named("dataset"))
    (shape,) = [s for s in compiled.shapes.graph.shapes.values() if s.info.check_id == check_id]
    return shape.node.value.rsplit("#", 1)[1]


def test_a_deprecated_file_type_names_that_it_has_no_replacement(check):
    validation = check(to_turtle(VO).replace("file-type/CSV", "file-type/FMX3"), "text/turtle", "dataset")
    (finding,) = [f for f in validation.report.findings if f.check_id == "value-list-deprecated"]
    assert finding.value.value == FILE_TYPE + "FMX3" and "no replacement" in finding.messages["en"]
    assert not validation.conforms


def test_every_check_of_the_extension_has_an_invalid_fixture():
    compiled = compiled_profile(profile_named("dataset"))
    education = {s.info.check_id for s in compiled.shapes.graph.shapes.values() if (s.info.check_id or "").startswith("edu-")}
    assert education == set(INVALID) | set(VALUE_CASES)


@pytest.mark.parametrize(("size", "conforms"), [
    ('"1234"^^xsd:nonNegativeInteger', True),  # DCAT-AP's datatype: the store keeps it as xsd:integer
    ('"1234"^^xsd:decimal', False),
    ('"-5"^^xsd:nonNegativeInteger', False),  # out of the datatype's range: ill-typed
])
def test_a_byte_size_is_judged_by_the_datatype_the_document_wrote(check, size, conforms):
    turtle = to_turtle(VO).replace(
        "dcat:accessURL", f"dcat:byteSize {size} ;\n  dcat:accessURL", 1,
    )
    if "@prefix xsd:" not in turtle:
        turtle = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + turtle
    validation = check(turtle, "text/turtle", "dataset")
    byte_size = [f for f in validation.report.findings if f.path is not None and str(f.path).endswith("#byteSize")]
    assert (not byte_size) == conforms, [(f.value, f.messages) for f in byte_size]
    if not conforms:  # the value is shown as the document wrote it
        assert byte_size[0].value.datatype.value == "http://www.w3.org/2001/XMLSchema#" + size.split(":")[-1]
