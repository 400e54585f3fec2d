# PressLens: `make report` builds the HTML reports, `make test` runs every test.
# Both create .venv through `make setup` when it is missing.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := pylock.toml
PIP_VERSION := 26.3
LATEST := .venv-latest

.PHONY: setup lock browser report test test-latest lab bench fit clean

setup: $(STAMP)

# `make setup` installs exactly the lock file (every package pinned, with hashes, for Python 3.11), then
# PressLens itself without dependencies. pylock.toml support is why pip itself is pinned.
$(STAMP): pyproject.toml $(LOCK)
	@echo "Creating $(VENV) and installing the locked dependencies (about a minute on a fresh machine)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; v = sys.version_info[:2]; v == (3, 11) or print( \
	  f"warning: $(LOCK) was made for Python 3.11, this is {v[0]}.{v[1]}: run make lock")'
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION) 2>&1 | { grep -v "neither a file nor" || true; }
	$(BIN)/python -m pip install --quiet -r $(LOCK) 2>&1 | { grep -v -E "neither a file nor|experimental" || true; }
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>&1 \
	  | { grep -E "^(ERROR|error)" || true; }
	touch $(STAMP)

# Regenerate the lock from pyproject.toml's ranges (the package's dependencies, its test and bench extras, and
# setuptools to build it), from PyPI only
# (--isolated: no local mirror's file:// addresses in the lock). Then run make test in a fresh clone.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION) 2>&1 | { grep -v "neither a file nor" || true; }
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	  print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"] + p["optional-dependencies"]["bench"] \
	  + ["setuptools>=77"]))' \
	  > $(VENV)/lock-input.txt
	$(BIN)/python -m pip --isolated lock --quiet -r $(VENV)/lock-input.txt -o $(LOCK)
	@echo "$(LOCK): $$(grep -c '^\[\[packages\]\]' $(LOCK)) packages pinned"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The newest releases pyproject.toml's ranges allow, in a throwaway venv: drift seen before users see it.
test-latest: browser
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip 2>&1 | { grep -v "neither a file nor" || true; }
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e '.[test,bench]' 2>&1 \
	  | { grep -E "^(ERROR|error)" || true; }
	$(LATEST)/bin/python -m pip list --format=freeze > $(LATEST)/versions.txt
	$(LATEST)/bin/python -m pytest -p no:cacheprovider
	rm -rf $(LATEST)

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
	$(BIN)/python bench/speed/run.py

# Refit the stance model that ships (data/stance_model.json) from PerSenT, whose folder $PERSENT_DIR names;
# `bench/fit/stance.py --check` says whether a refit gives the shipped file byte for byte.
fit: $(STAMP)
	$(BIN)/python bench/fit/stance.py

clean:
	rm -rf reports .pytest_cache
