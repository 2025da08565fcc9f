"""sites: from a data folder to published sites, fast and whole.

The build's path, called in this order from site: hashes (what each portal is
made from) → checked (from the validation cache, or read and checked in workers)
→ render (pages → MkDocs inputs) → workers (MkDocs, in the pool's processes;
shared theme assets, jieba warmed) → publish (swap the new site in, atomically).
cachefiles keeps the caches signed and private; manifest records what was built;
engine is the one place that imports MkDocs (or ProperDocs, its continuation).

May import: every layer below it (errors, paths, read/, contract/, checks/, pages/,
print/) and other modules of sites/; never staff/ or cli/.
"""
