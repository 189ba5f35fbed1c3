# ISPyB Common API: two commands for a newcomer (`make serve`, `make test`); the rest for maintainers.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: install serve test generate check-generated lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml client/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,dls,esrf]' -e ./client
	$(BIN)/ispyb-graphql assets  # GraphiQL's assets from the npm registry (npm pack), never committed
	touch $@

## Reference server on an embedded SQLite file, created, migrated and seeded with demo data on first start.
## `make serve PORT=8080` picks another port.
PORT ?= 8000
serve: install
	$(BIN)/ispyb-server serve --demo --port $(PORT)

## Whole test suite (generated models must be up to date first), on TEST_WORKERS pytest-xdist workers, each
## with databases of its own; a test file stays on one worker, files marked `long` start first (tests/conftest.py).
## `make test TEST_WORKERS=0` runs in one process.
TEST_WORKERS ?= 2
test: install
	$(BIN)/ispyb-spec generate --check
	$(BIN)/ispyb-spec check-version
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

## Regenerate generated/ (bundle + pydantic models) from spec/.
generate: install
	$(BIN)/ispyb-spec generate

lint: install
	$(BIN)/ruff check spec_tools site_kit graphql_layer federation reference_server conformance adapters client examples bench tests
	$(BIN)/ruff format --check spec_tools site_kit graphql_layer federation reference_server conformance adapters client examples bench tests
	$(BIN)/mypy
	$(BIN)/mypy examples/minimal_site/storage.py examples/minimal_site/serve.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

## Benchmarks (issue 7): load BENCH_DB at BENCH_PROPOSALS scale (once; 1000 = 1M data collections), then drive
## the server and a bare Starlette ceiling with wrk and time a certification run; results in bench/results/.
BENCH_DB ?= postgresql+psycopg://postgres@127.0.0.1:5432/ispyb_bench
BENCH_PROPOSALS ?= 1000
BENCH_ARGS ?=
bench: install
	$(BIN)/python -m bench run --db '$(BENCH_DB)' --proposals $(BENCH_PROPOSALS) $(BENCH_ARGS)
