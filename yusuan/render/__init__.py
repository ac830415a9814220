"""Renderers: turn Documents and audit results into terminal output, JSON, CSV, HTML and Excel.

Renderers never decide anything about the budget; they only present what parse and audit found.
"""
