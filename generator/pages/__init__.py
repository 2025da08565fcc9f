"""pages: checked models → the Markdown pages of a portal and of the county hub.

What each template receives (types), the Jinja environment (templates), the
portal's sections (sections/), derived views (views, hours, funds), staff text
made safe (markup), and the pages of one site put together (compose).

May import: generator.errors, generator.paths, read/, contract/, and other modules of pages/.
"""
