# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export LC_ALL := C.UTF-8
export LANG := C.UTF-8
export PYTHONIOENCODING := utf-8

# Debian packages the course needs (WeasyPrint renders the PDF livrets with Pango; the tests start their own
# PostgreSQL server to check the gradebook on it; the browser tests drive Chromium), installed with apt only
# when missing.
# `casp hub` builds its users' Python with Debian's python3 and python3-venv (a pyenv Python under /root is closed
# to other accounts).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql bubblewrap chromium python3-venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps node-deps demo test test-fast validate check build clean lab-apprenant lab-formateur docs-images labextension

$(BIN)/casp: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/casp

install: system-deps node-deps $(BIN)/casp

# JupyterHub's proxy for `casp hub` (npm package configurable-http-proxy, Node >= 20), from package.json, only
# when neither the PATH nor node_modules/ has it.
node-deps:
	@command -v configurable-http-proxy >/dev/null || [ -x node_modules/.bin/configurable-http-proxy ] || \
	{ command -v npm >/dev/null && npm ci --no-audit --no-fund --silent; } || \
	echo "npm not found: \`casp hub\` needs configurable-http-proxy (Node >= 20, npm install -g configurable-http-proxy)"

system-deps:
	@command -v dpkg >/dev/null || exit 0; \
	missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

demo: install
	$(BIN)/casp demo

test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The author's loop: no browser, no PostgreSQL, no full demo, no mutants (`make validate` runs those).
test-fast: install
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not postgres and not slow"

validate: install
	$(BIN)/casp validate --all

# JupyterLab as a learner or a trainer sees the course (loopback; the URL with its token is printed; Ctrl+C stops it).
# More options through ARGS, e.g. make lab-apprenant ARGS="--apprenant apprenant07 --devoir prise_en_main".
lab-apprenant: install
	$(BIN)/casp lab --role apprenant $(ARGS)

lab-formateur: install
	$(BIN)/casp lab --role formateur $(ARGS)

# The guides' screenshots (docs/images/*.png), taken by the browser tests.
docs-images: install
	CASP_SCREENSHOTS_DIR=$(CURDIR)/docs/images $(BIN)/python -m pytest -q -n 2 --dist loadfile tests/browser

# Rebuild the prebuilt lab extension casp-nbgrader-fr (nbgrader's lab parts in French; the widgets' keys in a
# notebook) from labextension/ into course/lab/labextensions/, which the course's wheel carries: installing the
# course needs no Node, only this target does (Node >= 20 and npm; its own labextension/node_modules, not the
# hub proxy's). Then record the digest of the source it was built from (tests/test_labextension.py checks that
# the two are in sync).
labextension: $(BIN)/casp
	cd labextension && npm ci --no-audit --no-fund && PATH="$(CURDIR)/$(BIN):$$PATH" npm run build
	$(BIN)/python labextension/source_digest.py

check: install
	$(BIN)/casp check

# Rebuild source/ from the catalogue and content modules, then release/ with nbgrader.
build: install
	$(BIN)/casp build
	$(BIN)/casp release

clean:
	rm -rf demo-output .pytest_cache gradebook.db exchange submitted feedback
