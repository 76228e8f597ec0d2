# Two commands for a new user: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
INDEX  ?= data/index
HOST   ?= 127.0.0.1
PORT   ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: install index run test browser bench-relevance bench-speed clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Incremental: an unchanged seeds/ costs a stat per file.  Exit 3 means some
# files were skipped (listed in the summary); that is not fatal here.
index: install
	$(PY) -m indexer build seeds --index $(INDEX) --prune --quiet || [ $$? -eq 3 ]

run: index
	$(PY) -m search_api --index $(INDEX) --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (Playwright's own download does not work offline).
browser:
	@test -x $(CHROMIUM) || { echo "installing chromium with apt"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped"; }

test: install browser
	$(PY) -m pytest

bench-relevance: install
	$(PY) -m bench.relevance

bench-speed: install
	$(PY) -m bench.speed

clean:
	rm -rf $(VENV) data *.egg-info
