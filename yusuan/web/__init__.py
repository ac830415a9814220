"""The web app for reviewers (``yusuan serve``): upload, findings beside the page they cite, rule
catalog, corpus browse, and an HTTP API with OpenAPI docs.

Needs the ``web`` extra (FastAPI, Jinja2, uvicorn); the rest of yusuan never imports this package.
"""
