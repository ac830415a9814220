"""The 情况说明, in the template's phrasing, from the printed figures.

Shares are computed on the base the sentence names (the section's own total), year-over-year
changes on last year's figure: percent = change ÷ last year × 100, rounded half-up to 0.01;
"增长100%" only where last year was zero. A change whose reason the spec does not give gets the
template's reason placeholder, which ``yusuan check`` reports (Y801) until the department fills it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.generate.figures import PERSONNEL_HEADS, ZERO, Figures
from yusuan.generate.rounding import round_half_up
from yusuan.generate.spec import FISCAL_SOURCES, SOURCE_NAMES, SOURCES
from yusuan.generate.tables import code_name
from yusuan.generate.template import CN_NUMBERS, Template
from yusuan.model import Section


def num(v: Decimal) -> str:
    return f"{v:.2f}"


def share(part: Decimal, base: Decimal) -> str:
    return num(round_half_up(part * 100 / base)) if base else "0.00"


def percent(change: Decimal, last: Decimal) -> str:
    """change ÷ last × 100, half-up to 0.01 — with more places where 0.01 would print exactly 100
    for a change that is not exactly 100 % (a 下降100% says nothing is left; a 增长100% says the
    figure doubled), so that the words stay true."""
    exact = change * 100 / last
    places = 2
    while True:
        q = Decimal(1).scaleb(-places)
        r = round_half_up(exact, q)
        if r != 100 or exact == 100 or places >= 8:
            return f"{r:.{places}f}"
        places += 1


class Writer:
    def __init__(self, fig: Figures, template: Template) -> None:
        self.fig = fig
        self.t = template
        self.spec = fig.spec
        self.base: dict[str, Any] = {"department": self.spec.department, "year": self.spec.year,
                                     "last": self.spec.year - 1, "u": fig.unit,
                                     "level": self.spec.level}
        self.placeholder = str(template.narrative.get("reason_placeholder", "【请填写原因】"))

    def f(self, phrase: str, **kw: Any) -> str:
        return phrase.format(**{**self.base, **kw})

    def change(self, now: Decimal, last: Decimal | None, reason: str | None) -> str:
        """", 比上年预算增加 x 万元，增长 y%，主要原因是…" — or "" when last year is not known."""
        if last is None:
            return ""
        p = self.t.phrases
        why = (reason or "").strip().rstrip("。；;") or self.placeholder
        if now == last:
            return self.f(p["flat"])
        diff = now - last
        if last == 0:
            return self.f(p["new"], amount=num(diff), reason=why)
        pct = percent(abs(diff), last)
        key = "increase" if diff > 0 else "decrease"
        return self.f(p[key], amount=num(abs(diff)), percent=pct, reason=why)

    def simple_change(self, now: Decimal, last: Decimal | None) -> str:
        if last is None:
            return ""
        p = self.t.phrases
        if now == last:
            return self.f(p["simple_flat"])
        key = "simple_increase" if now > last else "simple_decrease"
        return self.f(p[key], amount=num(abs(now - last)))

    # --- sections ------------------------------------------------------------------------------

    def sections(self) -> list[Section]:
        out = []
        part = self.f(self.t.parts["narrative"])
        n = 0
        for sec in self.t.sections:
            paragraphs = getattr(self, f"_{sec['kind']}")(sec)
            if not paragraphs:
                continue
            out.append(Section(part=part, number=CN_NUMBERS[n], title=self.f(sec["title"]),
                               text="\n".join(paragraphs)))
            n += 1
        return out

    def _overall(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        total = fig.total()
        incomes = [SOURCE_NAMES[s] for s in SOURCES if fig.total(s)]
        classes = sorted({it.code[:3] for it in fig.items})
        return [self.f(sec["text"], total=num(total)),
                self.f(sec["income_list"], items="、".join(incomes)),
                self.f(sec["expense_list"], items="、".join(code_name(c) for c in classes))]

    def _income(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        total = fig.total()
        out = [self.f(sec["lead"], total=num(total))]
        last = fig.last_sources
        reasons = self.spec.reasons
        for s in SOURCES:
            v = fig.total(s)
            if not v:
                if s in FISCAL_SOURCES:
                    out.append(self.f(sec["missing"], name=SOURCE_NAMES[s]))
                continue
            ch = self.change(v, None if last is None else last[s], reasons.get(f"sources.{s}"))
            out.append(self.f(sec["item"], name=SOURCE_NAMES[s], amount=num(v), share=share(v, total), change=ch))
        return out

    def _expense(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        total = fig.total()
        out = [self.f(sec["lead"], total=num(total))]
        for kind, name in (("basic", "基本支出"), ("project", "项目支出")):
            v = fig.total(kind=kind)
            if not v:
                continue
            ch = self.change(v, fig.last.get(kind), self.spec.reasons.get(kind))
            out.append(self.f(sec["item"], name=name, amount=num(v), share=share(v, total), change=ch))
        return out

    def _fiscal(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        total = sum((fig.total(s) for s in FISCAL_SOURCES), ZERO)
        if not total:
            return [self.f(sec["lead"], total=num(total))]
        src = [f"{SOURCE_NAMES[s]}拨款{num(fig.total(s))}{fig.unit}" for s in FISCAL_SOURCES if fig.total(s)]
        classes = sorted({it.code[:3] for it in fig.items if any(it.total(s) for s in FISCAL_SOURCES)})
        exp = []
        for c in classes:
            v = sum((it.total(s) for it in fig.items if it.code[:3] == c for s in FISCAL_SOURCES), ZERO)
            exp.append(f"{code_name(c)}{num(v)}{fig.unit}")
        return [self.f(sec["lead"], total=num(total)), self.f(sec["sources"], items="；".join(src)),
                self.f(sec["expense"], items="；".join(exp))]

    def _gpb(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        total = fig.total("gpb")
        if not total:
            return []
        parts = []
        for kind, name in (("basic", "基本支出"), ("project", "项目支出")):
            v = fig.total("gpb", kind)
            ch = self.change(v, fig.last.get(f"gpb_{kind}"), self.spec.reasons.get(f"gpb_{kind}"))
            parts.append(f"{name}{num(v)}{fig.unit}{ch}。")
        out = [sec["scale_title"], self.f(sec["scale"], total=num(total), parts="".join(parts)),
               sec["structure_title"]]
        classes = sorted({it.code[:3] for it in fig.items if it.total("gpb")})
        for i, c in enumerate(classes):
            v = sum((it.total("gpb") for it in fig.items if it.code[:3] == c), ZERO)
            out.append(f"{i + 1}. " + self.f(sec["structure_item"], name=code_name(c), amount=num(v),
                                             share=share(v, total)))
        out.append(sec["detail_title"])
        n = 0
        for it in fig.items:
            v = it.total("gpb")
            if not v:
                continue
            n += 1
            ch = self.change(v, it.last_gpb, it.reason)
            out.append(f"{n}. " + self.f(sec["detail_item"], class_name=code_name(it.code[:3]),
                                         kuan_name=code_name(it.code[:5]), name=it.name, amount=num(v), change=ch))
        return out

    def _gpb_basic(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        total = fig.total("gpb", "basic")
        if not total:
            return []
        out = [self.f(sec["lead"], total=num(total))]
        for kind in ("personnel", "public"):
            econ = [(c, n, v) for c, n, v in fig.econ if (c[:3] in PERSONNEL_HEADS) == (kind == "personnel")]
            if not econ:
                continue
            v = sum((x[2] for x in econ), ZERO)
            out.append(self.f(sec[kind], amount=num(v), items="、".join(n for _, n, _ in econ)))
        return out

    def _three_public(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        tp = fig.three_public
        total = sum(tp.values(), ZERO)
        out = [self.f(sec["lead"], total=num(total), **{k: num(v) for k, v in tp.items()})]
        if fig.three_public_last is not None:
            last = sum(fig.three_public_last.values(), ZERO)
            ch = self.change(total, last, self.spec.reasons.get("three_public")).lstrip("，")
            out.append(self.f(sec["change"], change=ch))
        return out

    def _fund(self, sec: dict[str, str], source: str) -> list[str]:
        v = self.fig.total(source)
        return [self.f(sec["lead"], total=num(v))] if v else [self.f(sec["empty"])]

    def _gov_fund(self, sec: dict[str, str]) -> list[str]:
        return self._fund(sec, "gov_fund")

    def _soe(self, sec: dict[str, str]) -> list[str]:
        return self._fund(sec, "soe")

    def _other(self, sec: dict[str, str]) -> list[str]:
        fig = self.fig
        out: list[str] = []
        if fig.admin_operation is not None:
            ao = self.spec.admin_operation
            ch = self.change(fig.admin_operation, fig.admin_operation_last, ao.reason if ao else None)
            out += [sec["admin_title"], self.f(sec["admin"], amount=num(fig.admin_operation), change=ch)]
        out.append(sec["procurement_title"])
        if fig.procurement and any(fig.procurement.values()):
            pr = fig.procurement
            out.append(self.f(sec["procurement"], total=num(sum(pr.values(), ZERO)),
                              **{k: num(v) for k, v in pr.items()}))
            if fig.sme is not None:
                out.append(self.f(sec["sme"], amount=num(fig.sme)))
        else:
            out.append(self.f(sec["procurement_none"]))
        assets = self.spec.assets
        out += [sec["assets_title"], self.f(sec["assets"], vehicles=assets.vehicles, equipment=assets.equipment)]
        if fig.projects and "performance_title" in sec:
            amt = sum((p.amount for p in fig.projects), ZERO)
            out += [sec["performance_title"], self.f(sec["performance"], count=len(fig.projects), amount=num(amt))]
        return out
