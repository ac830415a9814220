"""``python bench/scale.py [FOLDER] [--sample N]``: bench/ingest.py with ``--jobs 1,2`` — documents/s and
pages/s for one and two workers on the same files in one run, the speed-up, peak worker memory, and
the query time of the researcher questions."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

if __name__ == "__main__":
    import ingest

    if not any(a.startswith("--jobs") for a in sys.argv[1:]):
        sys.argv[1:1] = ["--jobs", "1,2"]
    ingest.main()
