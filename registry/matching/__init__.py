"""Candidate mappings between two registered vocabularies by lexical similarity of their labels."""

from registry.matching.lexical import LabelEntry, ScoredPair, match_labels
from registry.matching.suggestions import Suggestion, SuggestionSet, suggest

__all__ = ["LabelEntry", "ScoredPair", "Suggestion", "SuggestionSet", "match_labels", "suggest"]
