"""preview: what `portal serve` adds around a built site, for the person editing the data.

watch (which file events may be an edit; the watched files' content, so that a read or
a ``touch`` is never taken for one), page (the problems banner and the live-reload
script, added to each HTML page as it is served, never written into the site) and
server (the HTTP server on 127.0.0.1 that serves the last good build with them).
The published site contains none of this.

May import: errors, paths, and sites/ (its content hashing); never staff/ or cli/.
"""
