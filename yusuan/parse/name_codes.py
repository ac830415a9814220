"""Codes of 类/款/项 rows printed as a name list without codes (some regions print the function
tables by name only, indented or not).

A name is given a code only when the code catalog makes it unambiguous: a 类 by its name, a 款 by
its name among the children of the 类 above it, a 项 among the children of the 款 above it. The
catalog's own entries are trusted before a pattern guess (an unseen ``99`` 其他…支出 项), a code
already printed above in the same outline is not printed again (so a 款 and its only 项 that share
a name, 其他教育支出 over 其他教育支出, are the 款 and then the 项), a name is taken in the
classification the rows above it belong to (其他支出 under function codes is 类 229, not the
economic 399), and codes follow in ascending order. Inferred codes are marked so in the row's
provenance.
"""

from __future__ import annotations

from functools import lru_cache

from yusuan.model import Row
from yusuan.tables import norm, strip_item_prefix

NAME_CODE_NOTE = "编码按名称在上级类/款下对应 code from the printed name under its parent (code catalog)"


@lru_cache(maxsize=1)
def catalog_by_name() -> dict[tuple[str | None, str], list[str]]:
    """(parent code or None for a 类, normalised name) → codes of the functional and economic
    classifications that print that name there."""
    from yusuan.codes import load_catalog, normalize_name, parent_code

    out: dict[tuple[str | None, str], list[str]] = {}
    for e in load_catalog().codes():
        if e.kind not in ("func", "econ"):
            continue
        parent = parent_code(e.code) if e.level > 1 else None
        for n in {normalize_name(x) for x in (e.name, *e.names)}:
            codes = out.setdefault((parent, n), [])
            if e.code not in codes:
                codes.append(e.code)
    return out


def systematic_child(kuan: str, name: str) -> str | None:
    """A 项 that the classification repeats under many 款 (01 行政运行, 50 事业运行 …) under a
    款 the catalog has not seen it under."""
    from yusuan.codes import kind_of, load_catalog

    if kind_of(kuan) != "func":
        return None  # economic codes have two levels only
    cat = load_catalog()
    hits = {p for p in ("01", "02", "03", "50", "99") if cat.systematic(kuan + p, name)}
    return kuan + hits.pop() if len(hits) == 1 else None


class _Context:
    """Where the name list stands: the 类 and 款 above, the codes given so far in this outline."""

    def __init__(self) -> None:
        self.cls: str | None = None
        self.kuan: str | None = None
        self.last: str | None = None
        self.seen: set[str] = set()

    def reset(self) -> None:
        self.cls = self.kuan = self.last = None
        self.seen = set()

    def enter(self, code: str) -> None:
        self.cls, self.kuan = code[:3], (code[:5] if len(code) >= 5 else None)
        self.last = code
        self.seen.add(code)

    def keeps(self, level: int | None) -> bool:
        """An unknown name at this indentation level still sits inside the outline above."""
        return (level == 3 and self.kuan is not None) or (level == 2 and self.cls is not None)

    def candidates(self, name: str, level: int | None) -> list[str]:
        """Codes the name can have here (at ``level`` only when the indentation says it)."""
        by_name = catalog_by_name()
        parents = {1: None, 2: self.cls, 3: self.kuan}
        wanted = [level] if level else [1, 2, 3]
        exact = [c for lv in wanted if lv == 1 or parents[lv] for c in by_name.get((parents[lv], name), [])]
        if exact or not self.kuan or 3 not in wanted:
            return self._narrowed(exact)
        guess = systematic_child(self.kuan, name)
        return [guess] if guess else []

    def _narrowed(self, found: list[str]) -> list[str]:
        """Several codes fit the name: keep those that can follow the rows above. A code is not
        printed twice in one outline, the rows are of one classification, and codes are listed
        in ascending order (a 款 after 21498 is not 21401)."""
        from yusuan.codes import kind_of

        kind = kind_of(self.cls) if self.cls else None
        last = self.last
        tests = (
            lambda c: c not in self.seen,
            lambda c: kind is None or kind_of(c) == kind,
            lambda c: last is None or c > last[: len(c)],
        )
        for test in tests:
            if len(found) <= 1:
                break
            found = [c for c in found if test(c)] or found
        return found


def _key(row: Row) -> str:
    from yusuan.codes import normalize_name

    return normalize_name(strip_item_prefix(norm(row.name)))


def codes_from_names(rows: list[Row], indents: dict[int, int]) -> None:
    """Give codes to the rows of a name-only 类/款/项 list (see the module's docstring).

    When the names are indented, the indentation says the level; when they are not, a name that
    could be a 款 of the 类 above or a 项 of the 款 above is taken only when the rows above
    decide it (``_Context._narrowed``). A name that is not found starts a new outline.
    """
    if not any(r.code is None and r.name for r in rows):
        return
    known = {n for _, n in catalog_by_name()}
    # the levels of indentation are those of classification names (unit rows interleaved with
    # their items may be printed less indented than the 类)
    named = [r for r in rows if r.code is None and r.name and id(r) in indents and _key(r) in known]
    levels = sorted({indents[id(r)] for r in named})
    indented = 1 < len(levels) <= 3
    ctx = _Context()
    for r in rows:
        if r.code == "TOTAL":
            ctx.reset()
            continue
        if r.code is not None:
            if r.code.isdigit() and len(r.code) in (3, 5, 7):
                ctx.enter(r.code)
            continue
        if not r.name:
            continue
        level: int | None = None
        if indented and id(r) in indents and indents[id(r)] in levels:
            level = levels.index(indents[id(r)]) + 1
        found = ctx.candidates(_key(r), level)
        if not found and ctx.keeps(level):
            # the indentation says a 项 (or 款) of the outline above whose name the catalog does not
            # hold: it stays uncoded, but its siblings below (often on the next page) still belong
            # to the same 款 (类)
            if level == 2:
                ctx.kuan = None
            continue
        if len(found) != 1:
            # not a name of the classification (a unit's row, a project) or not unique: the
            # rows below it are not known to be its children either
            ctx.reset()
            continue
        code = found[0]
        r.code = code
        r.source.inferred = True
        r.source.note = NAME_CODE_NOTE
        ctx.enter(code)
