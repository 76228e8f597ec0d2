"""Vietnamese-aware indexer: clean → split → tag → analyse → write Tantivy.

The flow is one way: `reading` turns a file into text, `cleaning` removes the
web-page furniture and keeps the metadata lines, `pipeline` splits paragraphs
and asks `gazetteer`/`places`, `dates` and `topics` for tags, `analysis`
makes the token streams and `build` writes them with the fields of `schema`.
"""
