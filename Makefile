# Two commands do all the set-up: `make demo` and `make test` (each creates .venv).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_OUT := out/demo

.PHONY: demo test bench lock clean

$(STAMP): requirements/torch.txt requirements/main.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch first: the local CPU build (pinned by version), so nothing pulls a CUDA build
	$(PY) -m pip install --quiet --no-deps -r requirements/torch.txt
	# everything else exactly as locked, each file checked against its hash
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/main.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	# build the gazetteer index once (about 20 s) so that the first run does not wait for it
	$(PY) -c "from newsloom.geo import load_gazetteer; load_gazetteer()"
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m newsloom run examples/demo --db $(DEMO_OUT)/newsloom.sqlite --out $(DEMO_OUT) \
		--outlet "The Civic Observer" --published 2026-03-14
	@echo "report: $(DEMO_OUT)/report.html"

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run_all.py

lock:
	$(PY) -m pip install --quiet pip-tools
	$(PY) requirements/lock.py

clean:
	rm -rf $(VENV) out
