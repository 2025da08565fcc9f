"""staff: the tools staff run beside a build: new settlement, Excel ledger template,
seal a published quarter, and what a change to data/ will change (diff).

May import: every layer below build (errors, paths, read/, contract/, checks/, pages/,
print/) and other modules of staff/; never sites/ or cli/.
"""
