"""Settlement portals: data/ → validated models → Markdown → MkDocs sites."""

__version__ = "0.1.0"
