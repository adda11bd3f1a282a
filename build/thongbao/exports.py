"""Open-data exports: JSON and CSV of every notice's metadata, the record's JSON Schema, robots.txt
and redirect pages.

Pure: records in, text out. Deterministic: no build time anywhere, fixed key and row order, so
the same content gives byte-identical files. URLs given to these functions are absolute.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from . import notice
from .pipeline import NoticePage
from .record import EXTRA_KEYS, SCHEMA_KEYS, Record

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
SCHEMA_NAME = "schema.json"
JSON_NAME = "notices.json"
CSV_NAME = "notices.csv"
BOM = "\ufeff"  # so that spreadsheet software reads the CSV as UTF-8
CSV_COLUMNS: tuple[str, ...] = (
    "id", "url", "title", "doc_type", "doc_number", "date", "meeting_date",
    "province", "province_id", "province_now", "province_now_id",
    "chair", "chair_role", "signer", "signer_capacity", "author",
    "topics", "topics_main", "agencies", "agency_names", "policies", "policy_symbols", "deadlines",
    "summary", "corrected", "source_file", "source_sha256", "source_url",
)
LIST_SEPARATOR = "; "


# The bulk files (every notice, every task) are published zipped: ``notices.csv`` as
# ``notices.csv.zip``. They repeat the text of every page (a fifth of a 10,000-notice site as
# plain files), compress 5-20×, and a reader downloads them to open elsewhere anyway. Schemas
# stay plain: they are read by URL. No file per notice: ``notices.json.zip`` holds every full
# record. docs/scale.md, "Bytes per notice".
ZIP_SUFFIX = ".zip"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no build time in the bytes


def zipped(name: str, text: str | Iterable[str]) -> tuple[str, bytes]:
    """``(name + ".zip", bytes)``: a zip archive holding ``text`` as the one file ``name``,
    byte-identical for the same text (fixed date, permissions and host system). ``text`` may
    come in pieces (the ``*_chunks`` functions below): compressed as they come, so the whole
    text is never held — at 10,000 notices ``notices.json`` alone is 150 MB of UTF-8."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, wherever the build runs
    info.external_attr = 0o644 << 16
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive, archive.open(info, "w") as stream:
        for piece in [text] if isinstance(text, str) else text:
            stream.write(piece.encode("utf-8"))
    return name + ZIP_SUFFIX, out.getvalue()


def _json_document(head: dict[str, Any], key: str, rows: Iterable[Any]) -> Iterator[str]:
    """``head``'s fields, then ``key``: the rows, one JSON value a line; in pieces."""
    return _json_lines_document(head, key, map(row_json, rows))


def row_json(row: Any) -> str:
    """A row as the JSON exports write it (one line)."""
    return json.dumps(row, ensure_ascii=False)


def _json_lines_document(head: dict[str, Any], key: str, lines: Iterable[str]) -> Iterator[str]:
    """:func:`_json_document` of rows given as their JSON (:func:`row_json`)."""
    yield "{\n" + "".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
                          for k, v in head.items()) + f" {json.dumps(key)}: [\n"
    separator = ""
    for line in lines:
        yield separator + line
        separator = ",\n"
    yield ("\n" if separator else "") + " ]\n}\n"


_CSV_BATCH = 256  # rows a piece: few enough calls into zlib, little text held


def _csv_document(head: Sequence[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """RFC 4180 CSV (comma, CRLF, quotes as needed) with a UTF-8 byte-order mark; in pieces."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    out.write(BOM)
    writer.writerow(head)
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % _CSV_BATCH == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


# ---------------------------------------------------------------------------------------------
# JSON


def notice_data(record: Record, url: str) -> dict[str, Any]:
    """The record as published (schema order, then the page's absolute ``url``): computed once
    per notice, then written out by the functions below."""
    data = record.to_dict()
    data["url"] = url
    return data


def notices_json(rows: Sequence[dict[str, Any]], site_url: str, site_name: str) -> str:
    """Every notice in one document, its full record on one line (greppable, diffable)."""
    return "".join(notices_json_chunks(rows, len(rows), site_url, site_name))


def notices_json_chunks(
    rows: Iterable[dict[str, Any]], count: int, site_url: str, site_name: str
) -> Iterator[str]:
    """:func:`notices_json` in pieces, for ``count`` rows made one at a time."""
    return notices_json_line_chunks(map(row_json, rows), count, site_url, site_name)


def notices_json_line_chunks(
    lines: Iterable[str], count: int, site_url: str, site_name: str
) -> Iterator[str]:
    """:func:`notices_json_chunks` of rows given as their JSON (:func:`row_json`)."""
    head = {
        "title": site_name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": site_url + SCHEMA_NAME,
        "count": count,
    }
    return _json_lines_document(head, "notices", lines)


def newest_first(pages: Iterable[NoticePage]) -> list[NoticePage]:
    """Issue date (else meeting date) descending, ties by id then URL: the site's order. On
    the pages, before any row is made: the rows are then made one at a time."""
    return notice.newest_first(pages, lambda p: p.record.date or p.record.meeting_date,
                               lambda p: (p.record.id, p.url))


# ---------------------------------------------------------------------------------------------
# CSV


def csv_row(data: dict[str, Any]) -> list[str]:
    source = data["source"]
    values = {
        **data,
        "topics": _joined(data["topics"]),
        "topics_main": _joined(data.get("topics_main") or ()),
        "agencies": _joined(a["id"] for a in data["agencies"]),
        "agency_names": _joined(a["name"] for a in data["agencies"]),
        "policies": _joined(p["id"] for p in data["policies"]),
        "policy_symbols": _joined(p["symbol"] for p in data["policies"]),
        "deadlines": _joined(" ".join(filter(None, (d["date"], d["agency"])))
                             for d in data["deadlines"]),
        "corrected": _joined(data["corrected"]),
        "source_file": source["file"],
        "source_sha256": source["sha256"],
        "source_url": source["url"],
    }
    return ["" if values.get(k) is None else str(values[k]) for k in CSV_COLUMNS]


def notices_csv(rows: Iterable[dict[str, Any]]) -> str:
    """RFC 4180 CSV (comma, CRLF, quotes as needed) with a UTF-8 byte-order mark."""
    return "".join(notices_csv_chunks(rows))


def notices_csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """:func:`notices_csv` in pieces."""
    return notices_csv_row_chunks(map(csv_row, rows))


def notices_csv_row_chunks(rows: Iterable[list[str]]) -> Iterator[str]:
    """:func:`notices_csv_chunks` of rows given as their cells (:func:`csv_row`)."""
    return _csv_document(CSV_COLUMNS, rows)


def _joined(values: Iterable[str | None]) -> str:
    return LIST_SEPARATOR.join(v for v in values if v)


# ---------------------------------------------------------------------------------------------
# JSON Schema of the record


_DATE = r"^\d{4}-\d{2}(-\d{2})?$"
_TEXT = {"type": ["string", "null"]}
_DATE_OR_NULL = {"type": ["string", "null"], "pattern": _DATE}
_IDS = {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}}

_FIELDS: dict[str, tuple[dict[str, Any], str]] = {
    "title": (_TEXT, "Trích yếu / tiêu đề, một dòng."),
    "doc_type": (_TEXT, "Loại văn bản: Thông báo, Công văn, Quyết định, Kế hoạch, Tin bài…"),
    "doc_number": (_TEXT, "Số, ký hiệu (3413/UBND-TH); null khi để trống hoặc không có."),
    "province": (_TEXT, "Tỉnh, thành phố ban hành, theo tên tại thời điểm ban hành."),
    "province_now": (_TEXT, "Tỉnh, thành phố quản lý địa bàn đó từ ngày 01/7/2025."),
    "date": (_DATE_OR_NULL, "Ngày ban hành YYYY-MM-DD (YYYY-MM khi để trống ngày)."),
    "meeting_date": (_DATE_OR_NULL, "Ngày cuộc họp mà văn bản kết luận, nếu có."),
    "chair": (_TEXT, "Lãnh đạo UBND chủ trì / có ý kiến kết luận."),
    "chair_role": (_TEXT, "Chức vụ người chủ trì: Chủ tịch, Phó Chủ tịch, Quyền Chủ tịch."),
    "signer": (_TEXT, "Người ký."),
    "signer_capacity": (_TEXT, "Thẩm quyền ký (TL., KT., TM. …) và chức vụ."),
    "topics": (_IDS, "Chủ đề (slug trong content/reference/topics.yml)."),
    "agencies": ({"type": "array", "items": {"$ref": "#/$defs/agency"}},
                 "Cơ quan được giao nhiệm vụ."),
    "policies": ({"type": "array", "items": {"$ref": "#/$defs/policy"}},
                 "Văn bản, chương trình được dẫn chiếu."),
    "deadlines": ({"type": "array", "items": {"$ref": "#/$defs/deadline"}},
                  "Thời hạn giao cho cơ quan."),
    "source": ({"$ref": "#/$defs/source"}, "Tệp gốc: tên, SHA-256, địa chỉ gốc nếu biết."),
    "id": ({"type": "string", "minLength": 1}, "Mã văn bản trong kho (đoạn cuối địa chỉ)."),
    "province_id": (_TEXT, "Mã (slug) tỉnh ban hành: /tinh/<mã>/."),
    "province_now_id": (_TEXT, "Mã (slug) tỉnh hiện nay."),
    "doc_symbol": (_TEXT, "Ký hiệu không kèm số (UBND-TH)."),
    "author": (_TEXT, "Tác giả (tin bài)."),
    "summary": (_TEXT, "Tóm tắt: đoạn mở đầu của văn bản, tối đa 300 ký tự."),
    "corrected": ({"type": "array", "items": {"type": "string"}},
                  "Các trường do biên tập viên hiệu đính (tệp .yml kèm theo)."),
    "topics_main": (_IDS, "Chủ đề chính (tối đa 4, theo trọng số bằng chứng), nằm trong "
                          "topics."),
    "url": ({"type": "string", "format": "uri"}, "Địa chỉ trang văn bản trong kho."),
}

_DEFS: dict[str, Any] = {
    "agency": {
        "type": "object", "additionalProperties": False, "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    },
    "policy": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "symbol", "year", "issuer", "local", "kind", "name", "date"],
        "properties": {
            "id": {"type": "string",
                   "description": "Số/ký hiệu, năm và (văn bản địa phương) tỉnh."},
            "symbol": {"type": "string", "description": "68/NQ-CP, 10-CT/TU…"},
            "year": {"type": ["integer", "null"]},
            "issuer": _TEXT,
            "local": {"type": "boolean", "description": "Văn bản của cơ quan cấp tỉnh."},
            "kind": {"enum": ["document", "program"]},
            "name": _TEXT,
            "date": _DATE_OR_NULL,
            "quotes": {"type": "array", "items": {"type": "string"},
                       "description": "Các câu của văn bản dẫn chiếu văn bản này."},
        },
    },
    "deadline": {
        "type": "object", "additionalProperties": False, "required": ["date", "agency"],
        "properties": {"date": {"type": "string", "pattern": _DATE}, "agency": _TEXT,
                       "task": {"type": "string",
                                "description": "Nhiệm vụ: câu hoặc ý giao việc, kèm thời hạn."}},
    },
    "source": {
        "type": "object", "additionalProperties": False,
        "required": ["file", "sha256", "url", "encoding"],
        "properties": {
            "file": {"type": "string"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "url": _TEXT,
            "encoding": _TEXT,
        },
    },
}


def record_schema(site_url: str) -> dict[str, Any]:
    """JSON Schema (2020-12) of one published notice: ``x.json`` and each of ``notices``."""
    keys = (*SCHEMA_KEYS, *EXTRA_KEYS, "url")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url + SCHEMA_NAME,
        "title": "Văn bản (thongbao)",
        "description": "Siêu dữ liệu một văn bản của UBND cấp tỉnh trong kho thongbao.",
        "type": "object",
        "additionalProperties": False,
        "required": list(keys),
        "properties": {k: {**_FIELDS[k][0], "description": _FIELDS[k][1]} for k in keys},
        "$defs": _DEFS,
    }


def schema_json(site_url: str) -> str:
    return json.dumps(record_schema(site_url), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Tasks and deadlines (issue 11): one row per task, the rows of the page /nhiem-vu/

TASKS_JSON_NAME = "nhiem-vu.json"
TASKS_CSV_NAME = "nhiem-vu.csv"
TASKS_SCHEMA_NAME = "nhiem-vu.schema.json"

_TASK_FIELDS: dict[str, tuple[dict[str, Any], str]] = {
    "date": ({"type": "string", "pattern": _DATE},
             "Thời hạn như văn bản ghi: YYYY-MM-DD, hoặc YYYY-MM (trong tháng)."),
    "due": ({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "Ngày cuối cùng của thời hạn (cuối tháng khi thời hạn là một tháng)."),
    "status": ({"enum": ["past-due", "due-this-month", "upcoming"]},
               "So với ngày của văn bản mới nhất trong kho (reference_date): hạn đã qua, đến "
               "hạn trong tháng, còn hạn. Không cho biết nhiệm vụ đã hoàn thành hay chưa."),
    "task": ({"type": "string", "minLength": 1},
             "Nhiệm vụ: câu hoặc ý giao việc, kèm thời hạn."),
    "agency_id": (_TEXT, "Mã cơ quan thực hiện (content/reference/agencies.yml); null khi "
                         "văn bản giao chung."),
    "agency_name": (_TEXT, "Tên cơ quan thực hiện."),
    "province": (_TEXT, "Tỉnh, thành phố giao nhiệm vụ."),
    "province_id": (_TEXT, "Mã (slug) tỉnh."),
    "notice_id": ({"type": "string", "minLength": 1}, "Mã văn bản giao nhiệm vụ."),
    "notice_title": (_TEXT, "Trích yếu văn bản giao nhiệm vụ."),
    "notice_date": (_DATE_OR_NULL, "Ngày văn bản (ngày họp khi văn bản không ghi ngày)."),
    "notice_url": ({"type": "string", "format": "uri"}, "Địa chỉ trang văn bản."),
}


def task_schema(site_url: str) -> dict[str, Any]:
    """JSON Schema (2020-12) of one row of ``nhiem-vu.json``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url + TASKS_SCHEMA_NAME,
        "title": "Nhiệm vụ có thời hạn (thongbao)",
        "description": "Một nhiệm vụ có thời hạn do văn bản của UBND cấp tỉnh giao.",
        "type": "object",
        "additionalProperties": False,
        "required": list(_TASK_FIELDS),
        "properties": {k: {**v[0], "description": v[1]} for k, v in _TASK_FIELDS.items()},
    }


def task_schema_json(site_url: str) -> str:
    return json.dumps(task_schema(site_url), ensure_ascii=False, indent=2) + "\n"


def tasks_json(
    rows: Sequence[dict[str, Any]], site_url: str, site_name: str, reference_date: str | None
) -> str:
    """Every task in calendar order, one per line; ``reference_date`` is the newest notice's
    date, which the statuses are relative to (never the build's clock)."""
    return "".join(tasks_json_chunks(rows, len(rows), site_url, site_name, reference_date))


def tasks_json_chunks(
    rows: Iterable[dict[str, Any]], count: int, site_url: str, site_name: str,
    reference_date: str | None,
) -> Iterator[str]:
    """:func:`tasks_json` in pieces, for ``count`` rows made one at a time."""
    head = {
        "title": f"{site_name} — nhiệm vụ và thời hạn",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": site_url + TASKS_SCHEMA_NAME,
        "reference_date": reference_date,
        "count": count,
    }
    return _json_document(head, "tasks", rows)


def tasks_csv(rows: Iterable[dict[str, Any]]) -> str:
    """The same rows as RFC 4180 CSV with a UTF-8 byte-order mark, columns as the schema."""
    return "".join(tasks_csv_chunks(rows))


def tasks_csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """:func:`tasks_csv` in pieces."""
    return _csv_document(tuple(_TASK_FIELDS), (
        ["" if row.get(k) is None else str(row[k]) for k in _TASK_FIELDS] for row in rows))


# ---------------------------------------------------------------------------------------------
# robots.txt and redirects


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def redirect_html(target: str, canonical: str) -> str:
    """A page that sends the reader (and search engines) from an old address to ``target``
    (relative, so it works under any prefix); ``canonical`` is the absolute new address.
    The markup is ``templates/redirect.html``."""
    return _templates().get_template("redirect.html").render(
        target=target, canonical=canonical) + "\n"


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(Path(__file__).parent / "templates")
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=False)
