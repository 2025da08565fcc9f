# Two commands for a newcomer: `make site` (then `make preview` to browse it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test lint serve preview clean setup

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
	@echo "网站已生成到 site/。运行 'make preview'（即 '$(BIN)/portal preview site'）在浏览器中查看；"
	@echo "不要直接双击 site/index.html：那样点链接只会看到文件列表。"

test: $(STAMP) $(NODE_STAMP)  ## lint, then the whole test suite
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/portal serve

preview: $(STAMP)  ## open the site/ that `make site` built in the browser (127.0.0.1:8000)
	$(BIN)/portal preview site

clean:
	rm -rf site build .site.build-* .site.old $(VENV) node_modules
