"""eduvoc's domain core: store, vocabularies, concepts, SPARQL. No HTTP here."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eduvoc")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
