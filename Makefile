# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export LC_ALL := C.UTF-8
export LANG := C.UTF-8
export PYTHONIOENCODING := utf-8

.PHONY: install demo test check build release lab clean

$(BIN)/casp: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/casp

install: $(BIN)/casp

demo: install
	$(BIN)/casp demo

test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile

check: install
	$(BIN)/casp check

# Rebuild source/ from the catalogue and content modules, then release/ with nbgrader.
build: install
	$(BIN)/casp build
	$(BIN)/casp release

clean:
	rm -rf demo-output .pytest_cache gradebook.db exchange submitted feedback
