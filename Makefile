# newsfacet: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INDEX ?= var/index
DATA ?= demo/corpus
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run install index reindex serve test browser soak soak-model soak-http lint typecheck eval train bench load screenshot clean

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

test: $(STAMP) typecheck browser
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

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

## Run the browser test and keep its screenshot of the web page as docs/web-page.png.
screenshot: $(STAMP) browser
	NEWSFACET_SCREENSHOT=docs/web-page.png $(PY) -m pytest -q tests/test_web_browser.py

## Score extraction against ../shared/data (one table), story detection (pairs) and ranking
## (nDCG@10 and MAP on TIME, CISI, Cranfield); EVAL_ARGS="--write docs/quality.md" also
## rewrites the extraction figures in docs/quality.md.
eval: $(STAMP)
	$(PY) evaluation/run.py $(EVAL_ARGS)
	$(PY) evaluation/stories.py
	$(PY) evaluation/ranking.py

## Rebuild the speaker model (indexer/speakers/attribution_model.json) from PolNeAR train in
## ../shared/data: logistic regression over (quote, nearby person) pairs, threshold by
## 5-fold cross-validation on train; deterministic, ~15 s. Dev and test are never read.
train: $(STAMP)
	$(PY) evaluation/train_attribution.py

## Benchmark against SQLite FTS5 and naive Whoosh (~75 min on 2 cores); writes bench/results/
## and docs/performance.md. BENCH_ARGS="--quick" for a 2-minute smoke run.
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

## Load-test gunicorn on 127.0.0.1: 16 clients for 60 s over the 37.5k index (built under
## var/load first if needed, ~10 min); writes bench/results/load-*.json. LOAD_ARGS="--duration 10".
load: $(STAMP)
	$(PY) bench/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var build *.egg-info
