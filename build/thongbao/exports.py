"""Open-data exports: JSON and CSV of every notice's metadata, the record's JSON Schema, robots.txt
and redirect pages.

Pure: records in, text out. Deterministic: no build time anywhere, fixed key and row order, so
the same content gives byte-identical files. URLs given to these functions are absolute.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

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
    "topics", "agencies", "agency_names", "policies", "policy_symbols", "deadlines",
    "summary", "corrected", "source_file", "source_sha256", "source_url", "json_url",
)
LIST_SEPARATOR = "; "


def json_url(page_url: str) -> str:
    """The per-notice JSON file beside its page: ``…/2021/x/`` → ``…/2021/x.json``."""
    return page_url.rstrip("/") + ".json"


# ---------------------------------------------------------------------------------------------
# JSON


def notice_data(record: Record, url: str, quotes: bool = True) -> dict[str, Any]:
    """The record as published: schema order, then the page ``url``. ``quotes=False`` drops
    the cited sentences of each policy (kept in the per-notice file, left out of the bulk one
    to keep it small)."""
    data = record.to_dict()
    if not quotes:
        data["policies"] = [{k: v for k, v in p.items() if k != "quotes"}
                            for p in data["policies"]]
    data["url"] = url
    return data


def notice_json(record: Record, url: str) -> str:
    return json.dumps(notice_data(record, url), ensure_ascii=False, indent=2) + "\n"


def notices_json(items: Iterable[tuple[Record, str]], site_url: str, site_name: str) -> str:
    """Every notice in one document, one notice per line (greppable, diffable)."""
    rows = [json.dumps(notice_data(r, u, quotes=False), ensure_ascii=False, sort_keys=False)
            for r, u in items]
    head = {
        "title": site_name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": site_url + SCHEMA_NAME,
        "count": len(rows),
    }
    fields = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    body = "".join(f"{row},\n" for row in rows).removesuffix(",\n") + ("\n" if rows else "")
    return "{\n" + "\n".join(fields) + '\n "notices": [\n' + body + " ]\n}\n"


# ---------------------------------------------------------------------------------------------
# CSV


def csv_row(record: Record, url: str) -> list[str]:
    data = record.to_dict()
    values = {
        **{k: data[k] for k in CSV_COLUMNS if k in data},
        "url": url,
        "topics": _joined(record.topics),
        "agencies": _joined(a.id for a in record.agencies),
        "agency_names": _joined(a.name for a in record.agencies),
        "policies": _joined(p.id for p in record.policies),
        "policy_symbols": _joined(p.symbol for p in record.policies),
        "deadlines": _joined(" ".join(filter(None, (d.date, d.agency))) for d in record.deadlines),
        "corrected": _joined(record.corrected),
        "source_file": record.source.file,
        "source_sha256": record.source.sha256,
        "source_url": record.source.url,
        "json_url": json_url(url),
    }
    return ["" if values.get(k) is None else str(values[k]) for k in CSV_COLUMNS]


def notices_csv(items: Iterable[tuple[Record, str]]) -> str:
    """RFC 4180 CSV (comma, CRLF, quotes as needed) with a UTF-8 byte-order mark."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record, url in items:
        writer.writerow(csv_row(record, url))
    return BOM + out.getvalue()


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
                       "description": "Câu trích dẫn (chỉ có trong tệp JSON của từng văn bản)."},
        },
    },
    "deadline": {
        "type": "object", "additionalProperties": False, "required": ["date", "agency", "task"],
        "properties": {"date": {"type": "string", "pattern": _DATE}, "agency": _TEXT,
                       "task": {"type": "string"}},
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
# robots.txt and redirects


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def redirect_html(target: str, canonical: str) -> str:
    """A page that sends the reader (and search engines) from an old address to ``target``
    (relative, so it works under any prefix); ``canonical`` is the absolute new address."""
    rel = html.escape(target, quote=True)
    absolute = html.escape(canonical, quote=True)
    return (
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Văn bản đã chuyển địa chỉ</title>\n"
        f"<link rel=\"canonical\" href=\"{absolute}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={rel}\">\n"
        "</head>\n<body>\n"
        f"<p>Văn bản này đã chuyển sang địa chỉ mới: <a href=\"{rel}\">{absolute}</a>.</p>\n"
        "</body>\n</html>\n"
    )


def sorted_items(items: Sequence[tuple[Record, str]]) -> list[tuple[Record, str]]:
    """Newest first (issue date, else meeting date), ties by id: the site's listing order."""
    by_id = sorted(items, key=lambda i: (i[0].id, i[1]))
    return sorted(by_id, key=lambda i: i[0].date or i[0].meeting_date or "", reverse=True)
