"""The web API with FastAPI's test client: /api/check answers what `yusuan check --format json`
answers; refusals say why with 413/422; uploads are kept by content hash; rules; corpus absent."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from web_support import PDF_WITH_ERRORS, SEED, cli_record, web_client


def _post(client, name: str, data: bytes):  # type: ignore[no-untyped-def]
    return client.post("/api/check", files={"file": (name, data, "application/octet-stream")})


def test_check_answers_the_cli_json_line(tmp_path: Path) -> None:
    with web_client(tmp_path) as client:
        for path in (PDF_WITH_ERRORS, SEED):
            r = _post(client, path.name, path.read_bytes())
            assert r.status_code == 200, r.text
            got = r.json()
            # the command line names the file as given, the API as uploaded: otherwise the same
            want = json.loads(json.dumps(cli_record(path), ensure_ascii=False).replace(str(path), path.name))
            assert got["path"] == path.name
            assert got == want
        # the same bytes again under another name: answered from the stored result, under the new name
        again = _post(client, "again.pdf", PDF_WITH_ERRORS.read_bytes()).json()
        assert again["path"] == "again.pdf"
        assert PDF_WITH_ERRORS.name not in json.dumps(again, ensure_ascii=False)
    assert want["findings"], "the seed should have findings for this comparison to mean something"


def test_the_pdf_errors_are_reported(tmp_path: Path) -> None:
    with web_client(tmp_path) as client:
        rec = _post(client, "x.pdf", PDF_WITH_ERRORS.read_bytes()).json()
    rules = {f["rule"] for f in rec["findings"] if f["severity"] == "error"}
    # read off the rendered page 8: 20140 信访事务 当年预算/小计 1378.41 ≠ 903.85 + 0.00 + 0.00
    assert "Y101" in rules
    y101 = next(f for f in rec["findings"] if f["rule"] == "Y101")
    assert y101["location"]["page"] == 8 and y101["location"]["row_code"] == "20140"


def test_type_is_judged_by_content_not_name(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    with web_client(tmp_path) as client:
        r = _post(client, "budget.pdf", png)
        assert r.status_code == 422
        assert "文件类型不受支持" in r.json()["error"]["reason"]
        # a PDF under a text name is still read as a PDF
        r = _post(client, "notes.txt", PDF_WITH_ERRORS.read_bytes())
        assert r.status_code == 200 and r.json()["document"]["format"] == "pdf"
        # text that is not a disclosure: read, then refused with the reader's reason
        r = _post(client, "poem.txt", "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n".encode())
        assert r.status_code == 422
        assert "不是预算公开文件" in r.json()["error"]["reason"]
        r = _post(client, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
        assert r.status_code == 422 and "旧版 Office" in r.json()["error"]["reason"]
        r = _post(client, "empty.txt", b"")
        assert r.status_code == 422 and "为空" in r.json()["error"]["reason"]


def test_size_limit_is_413(tmp_path: Path) -> None:
    with web_client(tmp_path, max_upload_mb=0.1) as client:
        r = _post(client, "big.txt", SEED.read_bytes() * 4)  # ~170 KB: the file is over the limit
        assert r.status_code == 413 and r.json()["error"]["reason"] == "文件过大"
        body = SEED.read_bytes() * 10  # over the request limit itself: refused before the body is read
        r = client.post("/api/check", content=b"x" * len(body),
                        headers={"content-type": "multipart/form-data; boundary=zz"})
        assert r.status_code == 413 and "上传过大" in r.json()["detail"]

        def chunks():  # no Content-Length: counted while it streams
            for _ in range(10):
                yield SEED.read_bytes()

        r = client.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
        assert r.status_code == 413 and "上传过大" in r.json()["detail"]


def _zip(members: dict[str, bytes], **kw: object) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_members_are_checked_one_line_each(tmp_path: Path) -> None:
    data = _zip({"a/seed.txt": SEED.read_bytes(), "b/photo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
                 "__MACOSX/._seed.txt": b"junk"})
    with web_client(tmp_path) as client:
        r = _post(client, "batch.zip", data)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert [line["path"] for line in lines] == ["batch.zip/seed.txt", "batch.zip/photo.png"]
    assert lines[0]["findings"] and "error" not in lines[0]
    assert "文件类型不受支持" in lines[1]["error"]["reason"]


def test_zip_bounds(tmp_path: Path) -> None:
    many = _zip({f"f{i}.txt": b"x" for i in range(30)})
    bomb = _zip({"zeros.txt": b"0" * (3 * 1024 * 1024)})  # 3 MB inflated from a few KB
    assert len(bomb) < 50_000
    with web_client(tmp_path, max_upload_mb=1, max_zip_members=20) as client:
        r = _post(client, "many.zip", many)
        assert r.status_code == 413 and "文件过多" in r.json()["error"]["reason"]
        r = _post(client, "bomb.zip", bomb)
        assert r.status_code == 413 and "过大" in r.json()["error"]["reason"]


def test_uploads_are_stored_by_content_hash_never_by_name(tmp_path: Path) -> None:
    import hashlib

    with web_client(tmp_path) as client:
        r = _post(client, "../../../etc/evil name.txt", SEED.read_bytes())
        assert r.status_code == 200 and r.json()["path"] == "evil name.txt"
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    stored = [p for p in (tmp_path / "data" / "uploads").rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [f"{digest}.txt"]
    assert not any("evil" in p.name for p in tmp_path.rglob("*"))


def test_rules_api_and_pages(tmp_path: Path) -> None:
    with web_client(tmp_path) as client:
        rules = client.get("/api/rules").json()
        y305 = next(r for r in rules if r["code"] == "Y305")
        assert y305["severity"] == "error" and "prior" in y305["doc"]
        assert client.get("/api/rules/y305").json()["title"] == y305["title"]
        assert client.get("/api/rules/Y999").status_code == 404
        page = client.get("/rules/Y305").text
        for heading in ("查什么", "为什么", "示例", "依据"):
            assert f"<dt>{heading}</dt>" in page
        assert "Y305" in client.get("/rules").text


def test_corpus_absent_says_so(tmp_path: Path) -> None:
    with web_client(tmp_path) as client:
        r = client.get("/api/documents")
        assert r.status_code == 200
        assert r.json() == {"configured": False, "message": r.json()["message"], "total": 0, "documents": []}
        assert "未配置语料库" in r.json()["message"]
        assert client.get("/api/documents/1").status_code == 404
        assert "未配置语料库" in client.get("/corpus").text
        assert "未配置语料库" in client.get("/corpus/indicators").text


def test_openapi_documents_the_api(tmp_path: Path) -> None:
    with web_client(tmp_path) as client:
        spec = client.get("/openapi.json").json()
        assert {"/api/check", "/api/rules", "/api/documents", "/api/documents/{doc_id}"} <= set(spec["paths"])
        assert client.get("/docs").status_code == 200


def test_a_stuck_or_crashing_reader_costs_only_its_own_file(tmp_path: Path) -> None:
    """A worker deaf to its time limit is killed after a grace period, a crashed one replaced; the
    file read beside it is read again, and the server reads the next upload as usual."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from web_support import stuck_or_real

    stuck = SEED.read_bytes() + b"\n"  # other bytes than the seed's, so that each is read on its own
    # the bounds count from submission, so they include starting a fresh worker (seconds on a busy machine)
    with web_client(tmp_path, workers=2, parse_timeout_s=15, kill_grace_s=2, checker=stuck_or_real) as client:
        t0 = time.monotonic()
        with ThreadPoolExecutor(2) as pool:
            hung = pool.submit(_post, client, "stuck.txt", stuck)
            fine = pool.submit(_post, client, "seed.txt", SEED.read_bytes())
            hung_r, fine_r = hung.result(), fine.result()
        assert time.monotonic() - t0 < 60
        assert hung_r.status_code == 422 and "读取超时" in hung_r.json()["error"]["reason"]
        assert fine_r.status_code == 200, fine_r.text
        died = _post(client, "crash.txt", SEED.read_bytes() + b"\n\n")
        assert died.status_code == 422 and "意外退出" in died.json()["error"]["reason"]
        again = _post(client, "again.txt", SEED.read_bytes() + b"\n\n\n")
        assert again.status_code == 200 and again.json()["findings"]
