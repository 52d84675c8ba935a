"""What the registry knows about the concepts a document points to, added to the validation graph.

DCAT-AP's range shapes want a value such as `dcat:theme <…/data-theme/EDUC>` to be a typed
skos:Concept with a label; its official examples get that by `owl:imports` of whole vocabularies,
which validators then report on as if they were the user's data (DCAT-AP#125, #248). The registry
instead adds, for each IRI the document uses that is a concept or scheme of a current vocabulary,
only its type, preferred labels and scheme (a scheme: its title): one lookup with VALUES. The type
includes the DCAT-AP range class a list gives its concepts (a frequency is a dct:Frequency) and, for a
scheme, dct:Standard, so a description using only registry values needs no type declarations. Findings
about those nodes are dropped unless the document itself describes them, so the vocabularies are
never reported on.
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad, Triple

from registry.metadata.value_sources import ValueLists
from registry.namespaces import DCT, RDF_TYPE, SKOS
from registry.validation import Finding

_KINDS = {NamedNode(SKOS + "Concept"), NamedNode(SKOS + "ConceptScheme")}
#: the DCAT-AP range classes the registry's lists give their concepts (converters/eu_nal.py): kept too
_RANGE_CLASSES = {NamedNode(DCT + name) for name in ("Frequency", "MediaTypeOrExtent", "LinguisticSystem",
                                                     "RightsStatement", "LicenseDocument", "Location")}
#: a registry scheme is a published standard a dataset can conform to (DCAT-AP: dct:conformsTo -> dct:Standard)
_STANDARD = NamedNode(DCT + "Standard")
_KEPT = (NamedNode(SKOS + "prefLabel"), NamedNode(SKOS + "inScheme"), NamedNode(DCT + "title"))


def registry_terms(lists: ValueLists, triples: list[Triple], graph: NamedNode) -> tuple[list[Quad], set[NamedNode]]:
    """Quads describing (type, prefLabel, inScheme, title) the registry concepts and schemes
    `triples` refer to, in `graph`; and the set of those nodes."""
    referenced = {t.object for t in triples if isinstance(t.object, NamedNode)}
    if not referenced or lists.is_empty():
        return [], set()
    quads: list[Quad] = []
    nodes: set[NamedNode] = set()
    for iri, description in lists.describe(referenced).items():
        types = [t for t in description.get(RDF_TYPE.value, ()) if t in _KINDS]
        if not types:
            continue
        if NamedNode(SKOS + "ConceptScheme") in types:
            types.append(_STANDARD)
        types.extend(t for t in description.get(RDF_TYPE.value, ()) if t in _RANGE_CLASSES)
        node = NamedNode(iri)
        nodes.add(node)
        quads.extend(Quad(node, RDF_TYPE, kind, graph) for kind in types)
        for predicate in _KEPT:
            quads.extend(Quad(node, predicate, value, graph) for value in description.get(predicate.value, ()))
    return quads, nodes


def about_the_document(findings: list[Finding], supplied: set[NamedNode], described: set) -> list[Finding]:
    """Findings whose focus node is a registry concept the document does not describe itself are
    about the vocabulary, not the document: drop them."""
    if not supplied:
        return findings
    return [f for f in findings if f.focus_node not in supplied or f.focus_node in described]

