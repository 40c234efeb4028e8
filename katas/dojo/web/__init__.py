"""The dojo as a page for the projector: ``python -m katas dojo KATA --web``.

A few views (``views``) under their own URLconf (``urls``), served from the
session's process by a threaded WSGI server on 127.0.0.1 (``server``). The kata
tests' settings and URLs are untouched: the handler gives each request the
dojo's URLconf. Every asset is in ``static/`` (mermaid.js included): no network.
"""
