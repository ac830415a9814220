"""Sweep of hostile and broken inputs (issue 13): every case must end in exit 0/1 or a clean 2.

    python bench/hostile.py [--dir DIR] [--timeout 60] [--mem-mb 3072] [--only NAME,...] [--commands check,parse,facts]

Generates the inputs into DIR (kept and reused between runs: the big ones take a while to make),
then runs ``yusuan check``, ``parse`` and ``facts`` on each in a child process with an address
space cap (``resource.setrlimit``) and a wall-clock timeout, and prints one row per run: case,
command, exit code, seconds, peak RSS (MB), whether a traceback was printed, and the reason (the
last line of the message). A run is *bad* when it prints a traceback, times out, exits with
anything but 0/1/2, or (for a bad input) exits 0/1.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import hostile_inputs as hi  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"
SEED = ROOT / "tests" / "fixtures" / "seeds" / "002_ecac1c9bef546caa.txt"
PDF = ROOT / "tests" / "fixtures" / "corpus" / "01_shanghai_audit_bureau_2026.pdf"


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # builds the input(s), returns the command's arguments
    commands: tuple[str, ...] = ("check", "parse", "facts")
    expect: tuple[int, ...] = (2,)  # acceptable exit codes
    extra: dict[str, list[str]] = field(default_factory=dict)  # command -> options before the paths


def cases(scale: float) -> list[Case]:
    seed_b = SEED.read_bytes()
    seed = seed_b.decode("utf-8")
    one = lambda f: lambda d: [str(f(d, scale))]  # noqa: E731
    good = lambda d: str(shutil.copy(SEED, d / "good.txt"))  # noqa: E731

    def out_case(target: Callable[[Path], str]) -> Callable[[Path], list[str]]:
        return lambda d: ["--format", "json", "-o", target(d), good(d)]

    def readonly(d: Path) -> str:
        ro = d / "readonly"
        ro.mkdir(exist_ok=True)
        ro.chmod(0o555)
        return str(ro / "out.json")

    def batch(d: Path) -> list[str]:
        # an empty file whose name is markup ("[/bold]b.txt" is "bold]b.txt" in the folder "[")
        # between two good ones: the error printer itself used to crash and stop the batch
        (d / "batch" / "[").mkdir(parents=True, exist_ok=True)
        bad = d / "batch" / "[/bold]b.txt"
        bad.write_bytes(b"")
        return [str(shutil.copy(SEED, d / "batch" / "a.txt")), str(bad), str(shutil.copy(SEED, d / "batch" / "c.txt"))]

    return [
        Case("docx_gridspan_bomb", one(hi.docx_grid_span)),
        Case("docx_gridbefore_bomb", one(hi.docx_grid_before)),
        Case("docx_span_rows_400", one(hi.docx_span_rows)),
        Case("docx_paragraph_zip_bomb", one(hi.docx_paragraph_bomb)),
        Case("docx_whitespace_zip_bomb", one(hi.docx_whitespace_bomb)),
        Case("docx_many_members", one(hi.docx_many_members)),
        Case("docx_damaged_member", one(hi.docx_damaged_member)),
        Case("zip_truncated", one(hi.zip_truncated)),
        Case("markup_names", lambda d: [str(p) for p in hi.markup_names(d)]),
        Case("out_missing_dir", out_case(lambda d: str(d / "missing" / "out.json")), ("check",)),
        Case("out_readonly_dir", out_case(readonly), ("check",)),
        Case("out_dev_full", out_case(lambda d: "/dev/full"), ("check",)),
        Case("out_proc", out_case(lambda d: "/proc/out.json"), ("check",)),
        Case("out_stdout_dash", out_case(lambda d: "-"), ("check",), expect=(0, 1)),
        Case("text_10mb", lambda d: [str(hi.text_big(d, scale, seed_b, 10))], expect=(0, 1, 2)),
        Case("text_100mb", lambda d: [str(hi.text_big(d, scale, seed_b, 100))]),
        Case("text_many_tabs", one(hi.text_many_tabs)),
        Case("xlsx_million_rows", one(hi.xlsx_rows)),
        Case("xlsx_claims_million", one(hi.xlsx_claimed_range)),
        Case("xlsx_huge_merge", one(hi.xlsx_huge_merge)),
        Case("html_50mb", one(hi.html_big), expect=(0, 1, 2)),
        Case("html_span_bomb", one(hi.html_span_bomb)),
        Case("pdf_english", one(hi.pdf_english)),
        Case("named_pipe", lambda d: [str(hi.named_pipe(d))]),
        Case("empty_folder", lambda d: [str(hi.empty_folder(d))]),
        Case("folder_no_documents", lambda d: [str(hi.folder_without_documents(d))]),
        Case("utf16_text", lambda d: [str(hi.utf16(d, scale, seed, ".txt"))], expect=(0, 1)),
        Case("utf16_html", lambda d: [str(hi.utf16(d, scale, seed, ".html"))], expect=(0, 1)),
        Case("gbk_declared_latin1", lambda d: [str(hi.gbk_declared_latin1(d, scale, seed))], expect=(0, 1)),
        Case("pdf_1025_pages", lambda d: [str(hi.pdf_pages(d, PDF, 1025))], expect=(0, 1)),
        Case("batch_bad_in_middle", batch, extra={"check": ["--format", "json"]}),
    ]


def _limit(mem_mb: int) -> Callable[[], None]:
    def apply() -> None:
        os.setsid()
        cap = mem_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return apply


def run_one(argv: list[str], timeout: float, mem_mb: int, workdir: Path) -> dict[str, object]:
    out_path, err_path = workdir / "stdout", workdir / "stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=_limit(mem_mb))
        rusage = None
        status = None
        timed_out = False
        while True:
            pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, rusage = st, ru
                break
            if time.monotonic() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, rusage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        seconds = time.monotonic() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text("utf-8", "replace")
    stdout_size = out_path.stat().st_size
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    reason = lines[-1] if lines else ""
    documents: set[str] = set()  # the inputs the JSON output speaks of (check/facts lines, parse documents)
    if stdout_size < 50_000_000:
        text = out_path.read_text("utf-8", "replace")
        decoder, pos = json.JSONDecoder(), 0
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text):
                break
            try:
                obj, pos = decoder.raw_decode(text, pos)
            except ValueError:
                break
            if isinstance(obj, dict):
                documents.add(str(obj.get("path") or obj.get("paths")))
    return {
        "code": "timeout" if timed_out else proc.returncode,
        "seconds": round(seconds, 2),
        "peak_mb": round(rusage.ru_maxrss / 1024) if rusage else None,
        "traceback": "Traceback (most recent call last)" in stderr,
        "reason": reason[:150],
        "stdout_bytes": stdout_size,
        "documents": len(documents),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "yusuan_hostile")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--mem-mb", type=int, default=3072)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", default="")
    ap.add_argument("--commands", default="check,parse,facts")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON lines here")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    only = {s for s in args.only.split(",") if s}
    commands = set(args.commands.split(","))
    rows = []
    bad = 0
    print(f"{'case':26} {'cmd':6} {'exit':>7} {'s':>7} {'MB':>6} {'tb':3}  reason")
    for case in cases(args.scale):
        if only and case.name not in only:
            continue
        d = args.dir / case.name
        d.mkdir(exist_ok=True)
        t0 = time.monotonic()
        paths = case.make(d)
        made = time.monotonic() - t0
        for cmd in case.commands:
            if cmd not in commands:
                continue
            argv = [sys.executable, "-m", "yusuan.cli", cmd, *case.extra.get(cmd, []), *paths]
            with tempfile.TemporaryDirectory() as wd:
                r = run_one(argv, args.timeout, args.mem_mb, Path(wd))
            ok = r["code"] in case.expect and not r["traceback"]
            bad += not ok
            reason = str(r["reason"])
            if case.name.startswith(("batch", "out_stdout")):
                reason = f"[{r['documents']} documents out] " + reason
            print(f"{case.name:26} {cmd:6} {r['code']!s:>7} {r['seconds']:7.2f} {r['peak_mb']!s:>6} "
                  f"{'YES' if r['traceback'] else '-':3}  {'' if ok else '!! '}{reason}", flush=True)
            rows.append({"case": case.name, "command": cmd, "ok": ok, "made_s": round(made, 1), **r})
    if (args.dir / "out_readonly_dir" / "readonly").exists():
        (args.dir / "out_readonly_dir" / "readonly").chmod(0o755)
    print(f"\n{len(rows)} runs, {bad} bad (traceback, timeout, or an exit code not expected for the case)")
    if args.json:
        args.json.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
