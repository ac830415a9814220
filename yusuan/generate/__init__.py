"""Generate a disclosure: spec (leaf figures) → figures rounded once → canonical Document → layout → HTML/DOCX/XLSX/PDF.

spec.py (and spec_xlsx.py) read and validate the spec; figures.py rounds the leaves; tables.py and
narrative.py compute the tables and the 情况说明; template.py loads the templates
(yusuan/data/templates/); layout.py lays a Document out for every output; out_*.py write the files;
from_model.py turns a parsed Document back into a spec for ``--recompute``; cli.py holds the commands.
variants.py, variants_grid.py and variants_check.py print one correct document the ways other
templates print it and compare what the parser reads back with the truth (bench/variants.py).
"""
