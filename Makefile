# Two commands do all set-up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LINTED := reporting tests scripts benchmarks

.PHONY: report test lint sample clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools reports the editable mapping of templates/ as a warning on every install: expected, not news
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/make-report --quarter 2

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

test: lint
	$(BIN)/pytest

sample: $(STAMP)
	$(BIN)/python scripts/make_sample.py inputs

clean:
	rm -rf $(VENV) outputs/*/ .pytest_cache
