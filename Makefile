# The two commands of the README, plus the build steps behind them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve test install vocabularies sources bench bench-all bench-speed clean fuzz

serve: $(INSTALLED)
	$(BIN)/eduvoc serve

test: $(INSTALLED)
	$(BIN)/pytest

install: $(INSTALLED)

# Reinstall whenever the declared dependencies change.
$(INSTALLED): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "eduvoc needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Rebuild vocabularies/*.ttl from sources/ with the committed converters.
vocabularies: $(INSTALLED)
	$(BIN)/python -m converters

# Refresh the pinned source data from the shared data set beside this checkout.
sources:
	cp -r ../shared/data/. sources/
	rm -f sources/slo-curriculum-fo/data/uitwerkingen.json sources/slo-curriculum-fo/data/illustraties.json

bench: $(INSTALLED)
	$(BIN)/python -m bench.load_bundled

# Every benchmark of docs/performance.md: synthetic data (10k/100k/1M concepts, cached in
# bench/.data/), concept lookup over HTTP (needs `wrk`), SPARQL overhead, autocomplete, metadata
# validation against pySHACL, datasets, mappings, suggestions, reconciliation. ~1.5 h the first time.
bench-all: $(INSTALLED)
	$(BIN)/python -m bench.generate 10k 100k 1m
	$(BIN)/python -m bench.load_bundled
	$(BIN)/python -m bench.concept_lookup --sizes 10k,100k,1m
	$(BIN)/python -m bench.sparql_overhead --sizes 10k,100k,1m
	$(BIN)/python -m bench.autocomplete
	$(BIN)/python -m bench.validate_datasets
	$(BIN)/python -m bench.validate_metadata
	$(BIN)/python -m bench.datasets
	$(BIN)/python -m bench.mappings
	$(BIN)/python -m bench.suggestions
	$(BIN)/python -m bench.reconcile
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.load_scale --sizes 100k,1m
	$(BIN)/python -m bench.concept_page --sizes 10k,100k,1m
	$(BIN)/python -m bench.report

# Issue 15's subset (~20 min): start-up and CLI, registering 100k concepts, the concept page, the
# rebased concept-lookup and impact baselines; writes bench/results/*.json, regenerates
# docs/performance.md's tables from them.
bench-speed: $(INSTALLED)
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.load_scale --sizes 100k
	$(BIN)/python -m bench.concept_page --sizes 10k
	$(BIN)/python -m bench.concept_lookup --sizes 10k
	$(BIN)/python -m bench.datasets
	$(BIN)/python -m bench.report

clean:
	rm -rf $(VENV) var

# The bounded schemathesis pass over the whole OpenAPI (tests/fuzz/api_fuzz.py): a real server on
# loopback, an editor token, 20 cases per operation, fixed seed; fails on any 5xx or undocumented
# status code / content type.
fuzz: $(INSTALLED)
	$(BIN)/python -m tests.fuzz.api_fuzz
