# newsfacet: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INDEX ?= var/index
DATA ?= demo/corpus
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run install index reindex serve test browser xapian cluster soak soak-model soak-http lint typecheck eval loo train bench load screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Index the demo corpus (or DATA=...) and serve the HTTP API on $(HOST):$(PORT).
run: $(STAMP)
	$(VENV)/bin/newsfacet index --index $(INDEX) $(DATA)
	@echo "serving on http://$(HOST):$(PORT)/search?q=port  (Ctrl-C to stop)"
	$(VENV)/bin/newsfacet serve --index $(INDEX) --host $(HOST) --port $(PORT)

## Add new and changed documents from DATA (default: the demo corpus). Runs only when a
## file of DATA is newer than the last run's stamp (one stamp per DATA in the index dir);
## within a run, unchanged documents are skipped by content hash.
DATA_FILES := $(shell find $(DATA) -type f 2>/dev/null | sed 's/ /\\ /g')
DATA_STAMP := $(INDEX)/.made-$(subst /,_,$(subst .,_,$(abspath $(DATA))))
index: $(DATA_STAMP)

$(DATA_STAMP): $(DATA_FILES) | $(STAMP)
	$(VENV)/bin/newsfacet index --index $(INDEX) $(DATA)
	touch '$@'

## Rebuild the whole index into a new generation and switch to it atomically.
reindex: $(STAMP)
	$(VENV)/bin/newsfacet reindex --index $(INDEX)

serve: $(STAMP)
	$(VENV)/bin/newsfacet serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: $(STAMP) typecheck browser xapian
	$(VENV)/bin/ruff check .
	NEWSFACET_HYPOTHESIS_PROFILE=ci $(PY) -m pytest -q

## The headless browser the web page's test drives (Debian's chromium and chromedriver).
## make test runs this, so CI has them; it installs them (root, apt-get) only when missing,
## and says so. Without them tests/test_web_browser.py skips, naming what is missing.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
	  echo "browser test: $$(chromium --version 2>/dev/null | head -1)"; \
	else \
	  echo "browser test: installing Debian's chromium and chromium-driver (apt-get, needs root)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    || echo "browser test: chromium could not be installed; tests/test_web_browser.py will skip"; \
	fi

## Xapian for the Xapian backend's tests (tests/backends): Debian's xapian-tools (the shard
## server, xapian-tcpsrv; apt-get, root needed) and the xapian extra in the venv (Xapian's
## Python bindings, GPL: never a core dependency). make test runs this; what cannot be
## installed is said, and the tests that need it skip naming it.
xapian: $(STAMP)
	@if command -v xapian-tcpsrv >/dev/null; then \
	  echo "xapian: $$(xapian-tcpsrv --version 2>/dev/null | head -1)"; \
	else \
	  echo "xapian: installing Debian's xapian-tools (apt-get, needs root)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xapian-tools >/dev/null) \
	    || echo "xapian: xapian-tools could not be installed; the shard tests will skip"; \
	fi
	@$(PY) -c 'import xapian' 2>/dev/null || $(PY) -m pip install --quiet -e '.[xapian]' \
	  || echo "xapian: the xapian extra could not be installed; the Xapian tests will skip"

## Three Xapian shards on 127.0.0.1 (ports CLUSTER_PORT, +10, +20; each shard uses five,
## see newsfacet shard serve --help), DATA indexed into them, the API served over them on
## $(HOST):$(PORT). Ctrl-C stops the API and the shards.
CLUSTER_DIR ?= var/cluster
CLUSTER_PORT ?= 7701
CLUSTER_SPEC := xapian+tcp://127.0.0.1:$(CLUSTER_PORT),127.0.0.1:$(shell echo $$(($(CLUSTER_PORT) + 10))),127.0.0.1:$(shell echo $$(($(CLUSTER_PORT) + 20)))
cluster: xapian
	@mkdir -p $(CLUSTER_DIR); pids=""; \
	trap 'kill $$pids 2>/dev/null; wait' EXIT INT TERM; \
	for i in 0 1 2; do \
	  $(VENV)/bin/newsfacet shard serve --db $(CLUSTER_DIR)/shard$$i --host 127.0.0.1 \
	    --port $$(($(CLUSTER_PORT) + 10 * i)) & pids="$$pids $$!"; \
	done; \
	export NEWSFACET_XAPIAN_STATE=$(CLUSTER_DIR)/state; tries=0; \
	until $(VENV)/bin/newsfacet stats --backend '$(CLUSTER_SPEC)' >/dev/null 2>&1 \
	      || [ $$tries -ge 50 ]; do sleep 0.2; tries=$$((tries + 1)); done; \
	$(VENV)/bin/newsfacet index --backend '$(CLUSTER_SPEC)' $(DATA) && \
	echo "serving $(CLUSTER_SPEC) on http://$(HOST):$(PORT)/search?q=port  (Ctrl-C to stop)" && \
	$(VENV)/bin/newsfacet serve --backend '$(CLUSTER_SPEC)' --host $(HOST) --port $(PORT)

## The guarantees under long runs (~15 min): generated write sequences against a model of
## the index, then schemathesis with every check; each prints what it ran.
soak: soak-model soak-http

## SOAK_SECONDS (default 600) of generated write sequences checked against a model of the
## index after every step (tests/index_model.py); prints how many sequences and steps ran.
SOAK_SECONDS ?= 600
soak-model: $(STAMP)
	NEWSFACET_SOAK_SECONDS=$(SOAK_SECONDS) $(PY) -m pytest -q -s -p no:logging -m soak tests/test_index_model.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .

## Type-check a regular (non-editable) install: mapped packages defeat editable installs.
typecheck: $(STAMP)
	rm -rf build/typecheck && $(PY) -m pip install --quiet --no-deps --target build/typecheck .
	cd build/typecheck && ../../$(VENV)/bin/mypy -p newsfacet

## Soak the HTTP API: schemathesis with every check and phase, 250 examples per operation
## (SOAK_EXAMPLES=...), against a real server with writes on (~5 min on 2 cores).
soak-http: $(STAMP)
	$(PY) -m pytest -q -s -m soak tests/api/test_openapi_soak.py

## Run the browser test and keep its pictures of the pages at 1280 and 390 px in docs/.
screenshot: $(STAMP) browser
	NEWSFACET_SCREENSHOTS=docs $(PY) -m pytest -q tests/test_web_browser.py

## Score extraction against ../shared/data (one table), story detection (pairs) and ranking
## (nDCG@10 and MAP on TIME, CISI, Cranfield); EVAL_ARGS="--write docs/quality.md" also
## rewrites the extraction figures in docs/quality.md.
eval: $(STAMP)
	$(PY) evaluation/run.py $(EVAL_ARGS)
	$(PY) evaluation/stories.py
	$(PY) evaluation/ranking.py

## Choose the ranking settings by leave-one-collection-out over TIME, CISI and Cranfield
## in ../shared/data: each collection indexed once per analyzer variant, every k1, b, IDF,
## title and proximity setting re-scored in numpy from the postings (no governor or
## timeout); prints the held-out table that docs/quality.md carries (~15 min on two busy cores).
loo: $(STAMP)
	$(PY) evaluation/ranking_loo.py

## Rebuild the speaker model (indexer/speakers/attribution_model.json) from PolNeAR train in
## ../shared/data: logistic regression over (quote, nearby person) pairs, threshold by
## 5-fold cross-validation on train; deterministic, ~15 s. Dev and test are never read.
train: $(STAMP)
	$(PY) evaluation/train_attribution.py

## Benchmark against SQLite FTS5 and naive Whoosh (~75 min on 2 cores); writes bench/results/
## and docs/performance.md. BENCH_ARGS="--quick" for a 2-minute smoke run. Then extraction
## time on 40 KB and 160 KB hostile bodies (bench/hostile_extraction.py, ~5 s). Then the Xapian
## backend (one database, three shards) on the largest index that run built
## (bench/xapian_bench.py; XAPIAN_BENCH_ARGS="--queries 50").
bench: $(STAMP) xapian
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/hostile_extraction.py
	$(PY) bench/xapian_bench.py $(XAPIAN_BENCH_ARGS)

## Load-test gunicorn on 127.0.0.1: 16 clients for 60 s over the 37.5k index (built under
## var/load first if needed, ~10 min); writes bench/results/load-*.json. LOAD_ARGS="--duration 10".
load: $(STAMP)
	$(PY) bench/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var build *.egg-info
