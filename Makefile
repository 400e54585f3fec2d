# PressLens: `make report` builds the HTML reports, `make test` runs every test.
# Both create .venv through `make setup` when it is missing.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser report test lab bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@echo "Creating $(VENV) and installing PressLens with its dependencies (about a minute on a fresh machine)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[test,bench]' 2>&1 \
	  | { grep -E "^(Collecting|Installing|Successfully|ERROR)" || true; }
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/presslens report --out reports

# The report test renders pages in headless Chromium (Debian's package); install it when we can.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
	      || echo "could not install chromium: the browser test will not run"; \
	  else echo "chromium is not installed: the browser test will not run"; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

# JupyterLab opens at the project root (notebooks/, data/ and reports/ are all browsable); as root it needs
# --allow-root.
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf reports .pytest_cache
