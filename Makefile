# Two commands for a newcomer: `make demo` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: venv demo test test-archive test-web lint format eval eval-ml bench bench-archive bench-web bench-scale clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,cluster]'
	touch $@

venv: $(BIN)/.installed

demo: venv
	$(BIN)/communique demo

test: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest -q

lint: venv
	$(BIN)/ruff check src tests benchmarks

format: venv
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Score the development gold set with the project's own scorer (same rules as shared/eval/score.py),
# then the frozen split of publishers never read while writing rules (tests/heldout_publishers.txt).
eval: venv
	$(BIN)/communique eval $(SHARED)/eval/dev
	@echo "-- frozen split (publishers in tests/heldout_publishers.txt):"
	@$(BIN)/communique eval $(SHARED)/eval/dev --only tests/heldout_publishers.txt | tail -n 1
	@echo "-- by genre:"
	@$(BIN)/communique eval $(SHARED)/eval/dev --by-genre

# Japanese and Russian readouts (dev-ml), then the held-out part listed in tests/heldout_ml.txt.
eval-ml: venv
	$(BIN)/communique eval $(SHARED)/eval/dev-ml
	@echo "-- held out (tests/heldout_ml.txt):"
	@d=$$(mktemp -d); for n in $$(grep -v '^#' tests/heldout_ml.txt); do \
	  ln -s $(abspath $(SHARED))/eval/dev-ml/$$n.txt $(abspath $(SHARED))/eval/dev-ml/$$n.gold.json $$d/; \
	done; $(BIN)/communique eval $$d | tail -n 1; rm -rf $$d

# Speed and memory against spaCy's tokenizer and a statistical NER model, same run, one core.
bench: venv
	$(BIN)/pip install -q --require-hashes -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/bench_extract.py --corpus $(SHARED)/corpus

# The archive alone (SQLite and, when its Debian binaries exist, a real PostgreSQL).
test-archive: venv
	$(BIN)/pytest -q tests/archive

# Archive ingest throughput and "between two countries" latency at 100,000 engagements.
bench-archive: venv
	$(BIN)/python benchmarks/bench_archive.py --corpus $(SHARED)/corpus

# The reader alone (HTTP, safety, exports; end to end in Debian's chromium when installed).
test-web: venv
	$(BIN)/pytest -q tests/web

# Reader latency (relations and search pages) and requests/s at 100,000 engagements.
bench-web: venv
	$(BIN)/python benchmarks/bench_web.py

# Every core: extract and ingest with 1 vs 2 workers (corpus x10), reader requests/s at 16
# clients with 1 vs 2 server workers, one run, printed as ratios.
bench-scale: venv
	$(BIN)/python benchmarks/bench_scale.py --corpus $(SHARED)/corpus

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
