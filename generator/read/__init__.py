"""read: files of data/ → Python values that remember their file, line and column.

One job: open what staff wrote and turn it into plain values, or Chinese problems.
files (safe opening: inside data/, no symlinks, size limits), yamlfile (YAML and
front matter, iteratively, with limits), values (the parsers for dates, money,
phones, days and times), ledger (CSV and xlsx ledgers → rows), photos (an image
→ a safe re-encoded image). Knows nothing of the typed contract.

May import: generator.errors, generator.paths, and other modules of read/.
"""
