"""Serializing query outcomes, named after the specs they follow:

- JSON: https://www.w3.org/TR/sparql11-results-json/
- XML: https://www.w3.org/TR/rdf-sparql-XMLres/
- CSV and TSV: https://www.w3.org/TR/sparql11-results-csv-tsv/
Graph results use the RDF format table of `registry.formats`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import orjson
import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode

from registry.formats import Format
from registry.sparql import AskResult, GraphResult, SelectResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def results_json(outcome: SelectResult | AskResult) -> bytes:
    if isinstance(outcome, AskResult):
        return orjson.dumps({"head": {}, "boolean": outcome.value})
    # Terms repeat across rows (predicates, schemes, languages): each is converted once.
    seen: dict = {}

    def term_json(term) -> dict:
        found = seen.get(term)
        if found is None:
            found = seen[term] = _json_term(term)
        return found

    variables = outcome.variables
    bindings = [
        {name: term_json(term) for name, term in zip(variables, row) if term is not None}
        for row in outcome.rows
    ]
    return orjson.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def results_xml(outcome: SelectResult | AskResult) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if isinstance(outcome, AskResult):
        out.append(f"<head/><boolean>{'true' if outcome.value else 'false'}</boolean>")
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in outcome.variables) + "</head><results>")
        for row in outcome.solutions():
            cells = "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(outcome.variables, row)
                if term is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode()


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value


def results_csv(outcome: SelectResult | AskResult) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if isinstance(outcome, AskResult):
        writer.writerow(["_askResult"])
        writer.writerow(["true" if outcome.value else "false"])
    else:
        writer.writerow(outcome.variables)
        writer.writerows([_csv_term(term) for term in row] for row in outcome.solutions())
    return buffer.getvalue().encode()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    text = str(term)  # N-Triples syntax, as the TSV results format asks
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def results_tsv(outcome: SelectResult | AskResult) -> bytes:
    if isinstance(outcome, AskResult):
        return f"?_askResult\n{'true' if outcome.value else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in outcome.variables)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in outcome.solutions()]
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class ResultsFormat:
    name: str
    media_type: str
    write: Callable[[SelectResult | AskResult], bytes]


RESULTS_FORMATS: tuple[ResultsFormat, ...] = (
    ResultsFormat("json", "application/sparql-results+json", results_json),
    ResultsFormat("xml", "application/sparql-results+xml", results_xml),
    ResultsFormat("csv", "text/csv", results_csv),
    ResultsFormat("tsv", "text/tab-separated-values", results_tsv),
)


def graph_result_bytes(outcome: GraphResult, rdf_format: Format) -> bytes:
    return pyoxigraph.serialize(outcome.triples, format=rdf_format.oxigraph)
