"""print: the printed 便民服务手册, a PDF per settlement and paper, rendered by WeasyPrint.

The print template's context (context) and the rendering (handbook). Stands beside
pages/: it may use the pages' helpers (views, hours, markup, the Jinja
environment), and the pages never import it (the build hands them its PDFs).

May import: generator.errors, generator.paths, read/, contract/, pages/, and print/.
"""
