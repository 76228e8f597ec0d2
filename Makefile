# Two commands for a new user: `make run` and `make test` (see README.md).
# The newest Python 3.11+ on PATH (override: make PYTHON=python3.12 ...).
# (A command that runs, not just one on PATH: pyenv puts shims there for versions it does not enable.)
PYTHON ?= $(shell for v in python3.13 python3.12 python3.11 python3; do $$v -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1 && { echo $$v; break; }; done)
VENV   ?= .venv
PY     := $(VENV)/bin/python
INDEX  ?= data/index
HOST   ?= 127.0.0.1
PORT   ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: install index run test test-fast lint browser ocr bench-relevance bench-speed clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" && command -v $(PYTHON) >/dev/null 2>&1 || { echo "need Python 3.11, 3.12 or 3.13 (python3.1x on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Incremental: an unchanged seeds/ costs a stat per file.  Exit 3 means some
# files were skipped (listed in the summary); that is not fatal here.
index: install ocr
	$(PY) -m indexer build seeds --index $(INDEX) --prune --quiet || [ $$? -eq 3 ]

run: index
	$(PY) -m search_api --index $(INDEX) --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (Playwright's own download does not work offline).
browser:
	@test -x $(CHROMIUM) || { echo "installing chromium with apt"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped"; }

# Debian's Tesseract and its Vietnamese model, for scanned PDFs and images (without them such
# files are skipped with "OCR unavailable: install tesseract-ocr-vie").
ocr:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie || { echo "installing tesseract-ocr tesseract-ocr-vie with apt"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-vie >/dev/null) \
	  || echo "warning: could not install Tesseract; scanned PDFs and images will be skipped (OCR unavailable)"; }

# Lint, format and types on the code a user runs (indexer/, search_api/) and its tests and benchmarks.
lint: install
	$(VENV)/bin/ruff check indexer search_api bench tests
	$(VENV)/bin/ruff format --check indexer search_api bench tests
	$(VENV)/bin/mypy

test: lint browser ocr
	$(PY) -m pytest

# The quick loop: everything but fuzzing, load, kill -9, the browser and the benchmarks.
test-fast: install
	$(PY) -m pytest -m "not slow"

bench-relevance: install
	$(PY) -m bench.relevance

bench-speed: install
	$(PY) -m bench.speed

clean:
	rm -rf $(VENV) data *.egg-info
