"""The reviewer's pages: upload → batch progress → a document's findings beside its page with the
cited cell marked → reports to download; the corpus pages over a small DuckDB store."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from web_support import PDF_WITH_ERRORS, SEED, web_client

from yusuan.web.uploads import Limits, accept, clean_label


def _finished_batch(client, url: str) -> str:  # type: ignore[no-untyped-def]
    for _ in range(240):
        page = client.get(url).text
        if "正在读取" not in page:
            return page
        time.sleep(0.25)
    raise AssertionError("the batch did not finish")


def test_upload_batch_document_and_downloads(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    with web_client(tmp_path, workers=2) as client:
        assert "上传并审核" in client.get("/").text
        files = [("files", (PDF_WITH_ERRORS.name, PDF_WITH_ERRORS.read_bytes(), "application/pdf")),
                 ("files", (SEED.name, SEED.read_bytes(), "text/plain")),
                 ("files", ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "image/jpeg"))]
        r = client.post("/upload", files=files, follow_redirects=False)
        assert r.status_code == 303
        batch_url = r.headers["location"]
        page = _finished_batch(client, batch_url)
        assert "长春市信访局" in page and "photo.jpg" in page and "文件类型不受支持" in page
        docs = re.findall(r'href="(/doc/[0-9a-f]{64})\?b=([0-9a-f]{16})"', page)
        assert len(docs) == 2
        pdf_doc = next(d for d in docs if "长春" in client.get(f"{d[0]}?b={d[1]}").text)
        html = client.get(f"{pdf_doc[0]}?b={pdf_doc[1]}").text
        # the Y101 finding on page 8 (20140 信访事务 当年预算/小计 1378.41) is shown on page 8 with a mark
        card = html[html.index('class="finding error"'):]
        card = card[:card.index("</article>")]
        assert "Y101" in card and "/page/8.png" in card and 'class="mark"' in card
        assert "读取情况" in html and "已运行" in html
        png = client.get(f"{pdf_doc[0]}/page/8.png")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert client.get(f"{pdf_doc[0]}/page/999.png").status_code == 404
        xlsx = client.get(f"{pdf_doc[0]}/report.xlsx?b={pdf_doc[1]}")
        assert xlsx.status_code == 200
        ws = load_workbook(io.BytesIO(xlsx.content))["审核意见"]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[1][0] == PDF_WITH_ERRORS.name and any(r[3] == "Y101" for r in rows[1:])
        batch_xlsx = load_workbook(io.BytesIO(client.get(f"{batch_url}/report.xlsx").content))
        files_in = {r[0] for r in batch_xlsx["审核意见"].iter_rows(min_row=2, values_only=True)}
        assert files_in == {PDF_WITH_ERRORS.name, SEED.name}
        assert "<html" in client.get(f"{batch_url}/report.html").text
        lines = client.get(f"{batch_url}/report.json").text.splitlines()
        assert len(lines) == 2
        # a text document shows its source lines, the cited one marked
        text_doc = next(d for d in docs if d != pdf_doc)
        assert 'class="hit"' in client.get(f"{text_doc[0]}?b={text_doc[1]}").text


def test_nothing_acceptable_is_422_and_unknown_ids_are_404(tmp_path: Path) -> None:
    with web_client(tmp_path) as client:
        r = client.post("/upload", files=[("files", ("a.pdf", b"GIF89a" + bytes(range(256)) * 4, "image/gif"))])
        assert r.status_code == 422 and "文件类型不受支持" in r.text
        assert client.get("/batch/0123456789abcdef").status_code == 404
        assert client.get("/batch/..%2F..%2Fetc").status_code == 404
        assert client.get("/doc/" + "0" * 64).status_code == 404
        assert client.get("/doc/../../etc/passwd/page/1.png").status_code == 404


def test_names_and_contents_are_escaped_and_big_form_uploads_get_a_page(tmp_path: Path) -> None:
    with web_client(tmp_path, max_upload_mb=0.1) as client:
        r = client.post("/upload", files=[("files", ("<img src=x onerror=alert(1)>.txt", SEED.read_bytes()))],
                        follow_redirects=False)
        page = _finished_batch(client, r.headers["location"])
        assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page
        r = client.post("/upload", files=[("files", ("big.txt", SEED.read_bytes() * 10))],
                        headers={"accept": "text/html"})
        assert r.status_code == 413 and "上传过大" in r.text and r.headers["content-type"].startswith("text/html")


def test_labels_and_sniffing() -> None:
    assert clean_label("C:\\Users\\x\\预算.pdf") == "预算.pdf"
    assert clean_label("../../a\x00b.txt") == "ab.txt"
    limits = Limits(max_bytes=10_000_000)
    [a], _ = accept("x.bin", PDF_WITH_ERRORS.read_bytes(), limits)
    assert a.kind == "pdf"
    [a], _ = accept("x.pdf", SEED.read_bytes(), limits)
    assert a.kind == "text"


def test_zip_names_in_gbk_are_read() -> None:
    import zipfile

    # as Windows zips them: the name's GBK bytes, without the UTF-8 flag
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("XXXXXXXX.txt", SEED.read_bytes())
    data = buf.getvalue().replace(b"XXXXXXXX", "部门预算".encode("gbk"))
    [a], _ = accept("上传.zip", data, Limits(max_bytes=10_000_000))
    assert a.label == "上传.zip/部门预算.txt"


def test_reading_is_bounded_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import yusuan.pipeline
    from yusuan.web.worker import check_stored

    def slow(path: str) -> None:
        time.sleep(10)

    monkeypatch.setattr(yusuan.pipeline, "load", slow)
    t0 = time.monotonic()
    out = check_stored(str(SEED), "slow.txt", timeout_s=1)
    assert time.monotonic() - t0 < 5
    assert "读取超时" in out["record"]["error"]["reason"]


def _store(db: Path) -> None:
    """A small store with columns of the store's schema (yusuan/store/schema.py of the corpus work)."""
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, sha256 VARCHAR, department VARCHAR, "
                "province VARCHAR, city VARCHAR, county VARCHAR, gov_level VARCHAR, kind VARCHAR, level VARCHAR, "
                "year INTEGER, pages INTEGER)")
    con.execute("INSERT INTO documents VALUES "
                "('d1', 's1', '某市审计局', '某省', '某市', NULL, '市级', '预算', '部门', 2025, 20), "
                "('d2', 's2', '某市审计局', '某省', '某市', NULL, '市级', '预算', '部门', 2026, 22), "
                "('d3', 's3', '某县财政局', '某省', '某市', '某县', '县级', '决算', '部门', 2026, 30)")
    con.execute("CREATE TABLE tables (doc_id VARCHAR, table_seq INTEGER, table_id VARCHAR, title VARCHAR, "
                "columns VARCHAR)")
    con.execute("""INSERT INTO tables VALUES ('d2', 0, 'expense', '部门支出总表',
                 '[{"id": "total", "header": "合计"}, {"id": "basic", "header": "基本支出"}]')""")
    con.execute("CREATE TABLE facts (doc_id VARCHAR, table_seq INTEGER, table_id VARCHAR, row_seq INTEGER, "
                "code VARCHAR, name VARCHAR, column_id VARCHAR, value DECIMAL(20, 6), text VARCHAR)")
    con.execute("INSERT INTO facts VALUES ('d2', 0, 'expense', 1, '201', '一般公共服务支出', 'basic', 5.5, '5.50'), "
                "('d2', 0, 'expense', 0, 'TOTAL', '合计', 'total', 10, '10.00'), "
                "('d2', 0, 'expense', 1, '201', '一般公共服务支出', 'total', 10, '10.00')")
    con.execute("CREATE TABLE indicators (doc_id VARCHAR, indicator VARCHAR, value DECIMAL(20, 6))")
    con.execute("INSERT INTO indicators VALUES ('d1', 'three_public_total', 12.345600), "
                "('d2', 'three_public_total', 10.5), ('d3', 'expense_total', 900)")
    con.execute("CREATE TABLE findings (doc_id VARCHAR, finding_seq INTEGER, rule VARCHAR, severity VARCHAR, "
                "message VARCHAR)")
    con.execute("INSERT INTO findings VALUES ('d1', 0, 'Y101', 'error', '不等于'), ('d2', 0, 'Y101', 'error', 'x'), "
                "('d2', 1, 'Y305', 'error', 'y')")
    con.close()


def test_corpus_pages_and_api_over_a_store(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    _store(db)
    with web_client(tmp_path, db=str(db)) as client:
        r = client.get("/api/documents", params={"year": 2026}).json()
        assert r["configured"] and r["total"] == 2 and {d["doc_id"] for d in r["documents"]} == {"d2", "d3"}
        r = client.get("/api/documents", params={"department": "审计"}).json()
        assert [d["doc_id"] for d in r["documents"]] == ["d2", "d1"]  # newest first
        one = client.get("/api/documents/d1").json()
        assert one["document"]["department"] == "某市审计局"
        assert one["indicators"][0]["value"] == "12.345600"  # exact, never a float
        assert client.get("/api/documents/nope").status_code == 404
        assert "某县财政局" in client.get("/corpus", params={"kind": "决算"}).text
        # a region is a province, a city or a county
        r = client.get("/api/documents", params={"region": "某县"}).json()
        assert [d["doc_id"] for d in r["documents"]] == ["d3"]
        assert client.get("/api/documents", params={"region": "某市"}).json()["total"] == 3
        page = client.get("/corpus/indicators", params={"indicator": "three_public_total"}).text
        assert "<svg" in page and "12.345600" in page and "10.500000" in page
        assert "Y305" in client.get("/corpus/findings").text
        page = client.get("/corpus/doc/d2").text
        # the stored table as a table: rows in printed order, columns under their printed headers
        assert "某市审计局" in page and "部门支出总表" in page and "基本支出" in page
        assert page.index(">合计<", page.index("部门支出总表")) < page.index("一般公共服务支出")
        assert "5.50" in page
