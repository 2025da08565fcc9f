# Two commands for a newcomer: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test lint serve clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# the independent checkers the tests run: the Nu HTML checker and HTML_CodeSniffer
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

site: $(STAMP)  ## build the hub and every sample portal into site/
	$(BIN)/portal build --data data --out site
	@echo "用浏览器打开 site/index.html，或运行 '$(BIN)/portal serve' 在 http://127.0.0.1:8000/ 预览。"

test: $(STAMP) $(NODE_STAMP)  ## lint, then the whole test suite
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/portal serve

clean:
	rm -rf site build .site.build-* .site.old $(VENV) node_modules
