"""Synthetic DCAT-AP-NL dataset records for the validation benchmark: deterministic (seeded), each a
Turtle document of its own, with a realistic share of defects.

A record describes one education dataset the way a publisher would: dcat:Dataset with Dutch and
English title and description, identifier, keywords, theme (EU data-theme), publisher and creator
(foaf:Agent with dct:type), contact point (vcard:Organization), access rights, language, issued and
modified dates, a period of time, accrual periodicity, 1-3 distributions (access and download URL,
file format, media type, licence, byte size, modified date), and the eduvoc education fields
(source holder and data provider as prov:qualifiedAttribution, purpose of use, aggregation level,
personal data and legal basis, population and unit of measure, education sector, value lists
used). About a third of the records carry one or two of the DEFECTS a publisher really makes:
a missing mandatory field, a date as plain text or ill-typed, a text where a resource is expected,
a value of the wrong class, a repeated single-valued field, a forgotten education field.

    python -m bench.generate_datasets 10000 [--seed 7] [--out records.ttl]

Other code calls `records(n, seed)` (a list of Turtle strings).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

BASE = "https://data.example-onderwijs.nl/id/"
EU = "http://publications.europa.eu/resource/authority/"
VOCAB = "https://w3id.org/eduvoc/vocab/"
PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix eduvoc: <https://w3id.org/eduvoc/def/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

SUBJECTS = [("leerlingaantallen", "pupil numbers"), ("examenresultaten", "exam results"),
            ("schooladviezen", "school advice"), ("verzuim", "absenteeism"), ("doorstroom", "progression"),
            ("personeel", "staff"), ("leerresultaten rekenen", "arithmetic results"),
            ("inspectieoordelen", "inspection judgements"), ("onderwijsaanbod", "course offering"),
            ("vroegtijdig schoolverlaten", "early school leaving")]
SECTORS = ["po", "vo", "mbo", "hbo", "wo", "so"]
PURPOSES = ["bekostiging", "kwaliteitszorg", "beleidsonderzoek", "benchmarking", "begeleiding", "officiele-statistiek"]
LEVELS = ["instelling", "bestuur", "gemeente", "landelijk", "leerjaar", "klas", "individu", "gepseudonimiseerd-individu"]
INDIVIDUAL = {"individu", "gepseudonimiseerd-individu"}
FORMATS = [("CSV", "text/csv"), ("JSON", "application/json"), ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
ORGANISATIONS = ["duo", "cbs", "inspectie", "po-raad", "vo-raad", "mbo-raad", "kennisnet", "slo"]
FREQUENCIES = ["ANNUAL", "QUARTERLY", "MONTHLY", "IRREG"]


def _literal(text: str, language: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{language}' if language else f'"{escaped}"'


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def record(i: int, rng: random.Random) -> dict[str, list[str]]:
    """One valid record as subject -> predicate-object lines (so that defects can edit it)."""
    nl, en = SUBJECTS[i % len(SUBJECTS)]
    sector = rng.choice(SECTORS)
    year = rng.randint(2015, 2025)
    dataset = f"<{BASE}dataset/{i}>"
    holder, provider = rng.sample(ORGANISATIONS, 2)
    level = rng.choice(LEVELS)
    personal = level in INDIVIDUAL or rng.random() < 0.1
    lines: dict[str, list[str]] = {dataset: [
        "a dcat:Dataset",
        f"dct:title {_literal(f'{nl.capitalize()} {sector} {year}', 'nl')}, {_literal(f'{en.capitalize()} {sector} {year}', 'en')}",
        f"dct:description {_literal(f'Gegevens over {nl} in het {sector}, schooljaar {year}.', 'nl')}, "
        f"{_literal(f'Data on {en} in {sector}, school year {year}.', 'en')}",
        f"dct:identifier {_literal(f'{BASE}dataset/{i}')}",
        f"dcat:keyword {_literal(nl, 'nl')}, {_literal(sector, 'nl')}",
        f"dcat:theme <{EU}data-theme/EDUC>",
        f"dct:publisher <{BASE}organisatie/{holder}>",
        f"dct:creator <{BASE}organisatie/{provider}>",
        f"dcat:contactPoint <{BASE}contact/{holder}>",
        f"dct:accessRights <{EU}access-right/{'RESTRICTED' if personal else 'PUBLIC'}>",
        f"dct:language <{EU}language/NLD>",
        f'dct:issued "{_date(rng)}"^^xsd:date',
        f'dct:modified "{_date(rng)}"^^xsd:date',
        f"dct:accrualPeriodicity <{EU}frequency/{rng.choice(FREQUENCIES)}>",
        f'dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "{year}-08-01"^^xsd:date ; dcat:endDate "{year + 1}-07-31"^^xsd:date ]',
        f"prov:qualifiedAttribution [ a prov:Attribution ; prov:agent <{BASE}organisatie/{holder}> ; dcat:hadRole <{VOCAB}data-sharing-role/bronhouder> ], "
        f"[ a prov:Attribution ; prov:agent <{BASE}organisatie/{provider}> ; dcat:hadRole <{VOCAB}data-sharing-role/dataleverancier> ]",
        "eduvoc:purposeOfUse " + ", ".join(f"<{VOCAB}purpose-of-use/{p}>" for p in rng.sample(PURPOSES, rng.randint(1, 2))),
        f"eduvoc:aggregationLevel <{VOCAB}aggregation-level/{level}>",
        f"eduvoc:containsPersonalData {'true' if personal else 'false'}",
        f"eduvoc:educationSector <{VOCAB}education-sector/{sector}>",
        f"dct:conformsTo <{VOCAB}aggregation-level>, <{VOCAB}education-sector>",
    ]}
    if rng.random() < 0.7:
        lines[dataset].append(f"dcat:landingPage <{BASE}dataset/{i}/pagina>")
        lines[f"<{BASE}dataset/{i}/pagina>"] = ["a foaf:Document"]
    if personal:
        lines[dataset].append(f"eduvoc:legalBasis <{EU}legal-basis/{'AVG-6-1-e' if rng.random() < 0.7 else 'AVG-6-1-c'}>")
    if level not in INDIVIDUAL:
        lines[dataset].append(f'eduvoc:population [ dct:description {_literal(f"alle leerlingen in het {sector}", "nl")} ]')
        lines[dataset].append(f"eduvoc:unitOfMeasure <{VOCAB}unit-of-measure/{'leerling' if rng.random() < 0.8 else 'fte'}>")
    for n in range(rng.randint(1, 3)):
        distribution = f"<{BASE}dataset/{i}/distributie/{n}>"
        file_type, media_type = rng.choice(FORMATS)
        lines[dataset].append(f"dcat:distribution {distribution}")
        lines[distribution] = [
            "a dcat:Distribution",
            f"dcat:accessURL <{BASE}dataset/{i}/download>",
            f"dcat:downloadURL <{BASE}dataset/{i}/download/{n}.{file_type.lower()}>",
            f"dct:format <{EU}file-type/{file_type}>",
            f"dcat:mediaType <https://www.iana.org/assignments/media-types/{media_type}>",
            f"dct:license <{EU}licence/CC_BY_4_0>",
            f'dcat:byteSize "{rng.randint(10_000, 90_000_000)}"^^xsd:nonNegativeInteger',
            f'dct:modified "{_date(rng)}"^^xsd:date',
        ]
        lines[f"<{EU}file-type/{file_type}>"] = ["a dct:MediaTypeOrExtent"]
        lines[f"<https://www.iana.org/assignments/media-types/{media_type}>"] = ["a dct:MediaType"]
    for organisation in (holder, provider):
        kind = f"<http://purl.org/adms/publishertype/{'NationalAuthority' if organisation in ('duo', 'cbs', 'inspectie') else 'NonProfitOrganisation'}>"
        lines[f"<{BASE}organisatie/{organisation}>"] = ["a foaf:Agent", f"foaf:name {_literal(organisation.upper(), 'nl')}", f"dct:type {kind}"]
        lines[kind] = ["a skos:Concept", f"skos:prefLabel {_literal(kind.rsplit('/', 1)[1][:-1], 'en')}"]
    # The classes of the EU list values, stated as DCAT-AP-NL's own examples do (the lists' RDF is not loaded).
    for subject, cls in ((f"<{EU}language/NLD>", "dct:LinguisticSystem"), (f"<{EU}licence/CC_BY_4_0>", "dct:LicenseDocument"),
                         (f"<{VOCAB}aggregation-level>", "dct:Standard"), (f"<{VOCAB}education-sector>", "dct:Standard")):
        lines[subject] = [f"a {cls}"]
    lines[f"<{EU}data-theme/EDUC>"] = ["a skos:Concept", 'skos:prefLabel "Onderwijs, cultuur en sport"@nl']
    for line in lines[dataset]:
        if line.startswith(("dct:accessRights <", "dct:accrualPeriodicity <")):
            lines[line.split(" ", 1)[1]] = ["a dct:RightsStatement" if "access-right" in line else "a dct:Frequency"]
    lines[f"<{BASE}contact/{holder}>"] = [
        "a vcard:Organization, vcard:Kind", f"vcard:fn {_literal(f'Servicedesk {holder.upper()}', 'nl')}",
        f"vcard:hasEmail <mailto:data@{holder}.example.nl>",
    ]
    return lines


def _drop(predicate: str) -> Callable[[dict[str, list[str]], str], None]:
    def apply(lines: dict[str, list[str]], dataset: str) -> None:
        lines[dataset] = [line for line in lines[dataset] if not line.startswith(predicate + " ")]
    return apply


def _replace(predicate: str, value: str) -> Callable[[dict[str, list[str]], str], None]:
    def apply(lines: dict[str, list[str]], dataset: str) -> None:
        _drop(predicate)(lines, dataset)
        lines[dataset].append(f"{predicate} {value}")
    return apply


def _add(line: str) -> Callable[[dict[str, list[str]], str], None]:
    return lambda lines, dataset: lines[dataset].append(line)


def _in_distribution(change: Callable[[dict[str, list[str]], str], None]) -> Callable[[dict[str, list[str]], str], None]:
    def apply(lines: dict[str, list[str]], dataset: str) -> None:
        change(lines, next(s for s in lines if "/distributie/" in s))
    return apply


# The mistakes publishers make, with how often (weights among defective records).
DEFECTS: dict[str, tuple[int, Callable[[dict[str, list[str]], str], None]]] = {
    "no-title": (3, _drop("dct:title")),
    "no-description": (3, _drop("dct:description")),
    "no-contact-point": (4, _drop("dcat:contactPoint")),
    "no-publisher": (2, _drop("dct:publisher")),
    "no-theme": (3, _drop("dcat:theme")),
    "no-identifier": (2, _drop("dct:identifier")),
    "two-identifiers": (2, _add('dct:identifier "dubbel"')),
    "modified-as-text": (4, _replace("dct:modified", '"vorige week"')),
    "issued-ill-typed": (2, _replace("dct:issued", '"2023-02-30"^^xsd:date')),
    "publisher-as-text": (2, _replace("dct:publisher", '"DUO"')),
    "access-rights-as-text": (2, _replace("dct:accessRights", '"openbaar"')),
    "two-modified": (1, _add('dct:modified "2024-01-01"^^xsd:date')),
    "distribution-without-access-url": (3, _in_distribution(_drop("dcat:accessURL"))),
    "byte-size-as-text": (2, _in_distribution(_replace("dcat:byteSize", '"12 MB"'))),
    "format-as-text": (2, _in_distribution(_replace("dct:format", '"CSV"'))),
    "no-purpose": (3, _drop("eduvoc:purposeOfUse")),
    "no-aggregation-level": (2, _drop("eduvoc:aggregationLevel")),
    "personal-data-as-text": (2, _replace("eduvoc:containsPersonalData", '"ja"')),
    "no-value-lists": (2, _drop("dct:conformsTo")),
    "no-attribution": (2, _drop("prov:qualifiedAttribution")),
}
DEFECTIVE_SHARE = 0.35


def to_turtle(lines: dict[str, list[str]]) -> str:
    body = "\n".join(f"{subject} " + " ;\n    ".join(predicates) + " ." for subject, predicates in lines.items())
    return PREFIXES + "\n" + body + "\n"


def records(n: int, seed: int = 7) -> list[str]:
    """`n` records as Turtle documents; the same `n` and `seed` give the same records."""
    rng = random.Random(seed)
    names = list(DEFECTS)
    weights = [DEFECTS[name][0] for name in names]
    found: list[str] = []
    for i in range(n):
        lines = record(i, rng)
        if rng.random() < DEFECTIVE_SHARE:
            for name in dict.fromkeys(rng.choices(names, weights, k=rng.choice((1, 1, 2)))):  # in drawn order: deterministic
                DEFECTS[name][1](lines, f"<{BASE}dataset/{i}>")
        found.append(to_turtle(lines))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    text = "\n".join(records(args.n, args.seed))
    if args.out is None:
        print(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"{args.n} records, {len(text):,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
