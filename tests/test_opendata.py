"""Open data of the built site: JSON (against its schema), CSV, sitemap, robots.txt, the 404
page and the Dữ liệu mở page; and the pure exporters on hand-made records."""

from __future__ import annotations

import csv
import io
import json
import logging
import random
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import jinja2
import jsonschema
import pytest
from exportfiles import export_bytes, read_export
from htmlquery import by_class, document
from mkdocs.exceptions import Abort
from opendata_site import (
    PREFIX,
    SITE_URL,
    build_publishing_site,
    make_publishing_project,
    project_of,
    publishing_env,
    shared_site,
)
from sitebuild import ROOT, SiteHtml, build_site, parse
from test_citation import record
from thongbao import exports
from thongbao.citation import format_citation
from thongbao.feeds import FeedGroup, Site
from thongbao.pipeline import NoticePage
from thongbao.publication import Publication, notice_export_zips
from thongbao.record import EXTRA_KEYS, SCHEMA_KEYS, AgencyRef, Deadline, Policy
from thongbao_mkdocs.opendata import OpenDataPlugin

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site() -> SiteHtml:
    return SiteHtml(shared_site())


@pytest.fixture(scope="module")
def validator(site) -> jsonschema.Validator:
    schema = json.loads((site.site / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def notice_pages(site: SiteHtml) -> list[str]:
    return [u for u in site.pages() if u.startswith("van-ban/") and not is_redirect(site, u)]


def is_redirect(site: SiteHtml, url: str) -> bool:
    return 'http-equiv="refresh"' in site.html(url)


# -- JSON ------------------------------------------------------------------------------------------


def test_notices_json_lists_every_notice_and_validates(site, validator):
    data = json.loads(read_export(site.site, "notices.json"))
    assert data["licence"] == "CC BY 4.0"
    assert data["schema"] == SITE_URL + "schema.json"
    urls = [n["url"].removeprefix(SITE_URL) for n in data["notices"]]
    assert sorted(urls) == sorted(notice_pages(site))
    assert data["count"] == len(urls) == 5
    for notice in data["notices"]:
        validator.validate(notice)
    dates = [n["date"] or n["meeting_date"] or "" for n in data["notices"]]
    assert dates == sorted(dates, reverse=True)  # newest first, as the site lists them


def test_notices_json_holds_each_full_record_and_no_file_per_notice(site):
    bulk = {n["url"]: n for n in json.loads(read_export(site.site, "notices.json"))["notices"]}
    lao_cai = next(n for url, n in bulk.items() if "/lao-cai/" in url)
    assert any(p["quotes"] for p in lao_cai["policies"])  # the long texts are there
    assert all(d["task"] for d in lao_cai["deadlines"]) and len(lao_cai["deadlines"]) >= 10
    for url in notice_pages(site):
        assert list(bulk[SITE_URL + url])[: len(SCHEMA_KEYS)] == list(SCHEMA_KEYS)
        assert not (site.site / (url.rstrip("/") + ".json")).exists()


def test_zipped_export_holds_the_text_and_is_the_same_bytes_every_time():
    text = "Sở Y tế báo cáo trước ngày 15/9/2021.\n" * 50
    name, data = exports.zipped("notices.json", text)
    assert name == "notices.json.zip"
    assert exports.zipped("notices.json", text)[1] == data  # no build time in the bytes
    assert len(data) < len(text.encode("utf-8")) / 5
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
        assert info.filename == "notices.json" and info.date_time == (1980, 1, 1, 0, 0, 0)
        assert archive.read(info).decode("utf-8") == text


def test_schema_describes_every_record_key():
    schema = exports.record_schema(SITE_URL)
    keys = [*SCHEMA_KEYS, *EXTRA_KEYS, "url"]
    assert list(schema["properties"]) == keys
    assert schema["required"] == keys
    assert all(p.get("description") for p in schema["properties"].values())


def test_notices_json_keeps_the_long_texts():
    rec = record(policies=(Policy("68-nq-cp-2021", "68/NQ-CP", 2021, "Chính phủ",
                                  quotes=("Thực hiện Nghị quyết số 68/NQ-CP…",)),),
                 deadlines=(Deadline("2021-09-15", "so-y-te", "Báo cáo kết quả"),))
    full = exports.notice_data(rec, SITE_URL + "van-ban/x/")
    (row,) = json.loads(exports.notices_json([full], SITE_URL, "Lưu trữ"))["notices"]
    assert row["policies"][0]["quotes"] == ["Thực hiện Nghị quyết số 68/NQ-CP…"]
    assert row["deadlines"][0] == {"date": "2021-09-15", "agency": "so-y-te",
                                   "task": "Báo cáo kết quả"}


# -- CSV -------------------------------------------------------------------------------------------


def test_csv_opens_as_utf8_with_bom(site):
    raw = export_bytes(site.site, "notices.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # only CRLF line ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == exports.CSV_COLUMNS
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(body) == 5
    assert {r["province"] for r in body} >= {"Bắc Kạn", "Lào Cai"}
    assert all(r["url"].startswith(SITE_URL) for r in body)


def test_csv_quotes_what_needs_quoting():
    rec = record(title='Kết luận, "đầu tư"\ncông', topics=("y-te", "covid-19"),
                 agencies=(AgencyRef("so-y-te", "Sở Y tế"), AgencyRef("so-tai-chinh", "Sở Tài chính")))
    text = exports.notices_csv([exports.notice_data(rec, SITE_URL + "van-ban/x/")])
    row = list(csv.reader(io.StringIO(text.removeprefix(exports.BOM), newline="")))[1]
    values = dict(zip(exports.CSV_COLUMNS, row, strict=True))
    assert values["title"] == 'Kết luận, "đầu tư"\ncông'
    assert values["topics"] == "y-te; covid-19"
    assert values["agency_names"] == "Sở Y tế; Sở Tài chính"
    assert values["doc_number"] == ""  # null → empty cell


def test_exports_do_not_depend_on_input_order():
    pages = [NoticePage(f"notices/n{i}.txt", f"van-ban/n{i}.md", f"van-ban/n{i}/",
                        record(id=f"n{i}", date=f"2021-0{1 + i % 3}-0{1 + i % 5}"), "")
             for i in range(20)]
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    site = Site(SITE_URL, "x")
    a, b = dict(notice_export_zips(pages, site)), dict(notice_export_zips(shuffled, site))
    assert a[exports.JSON_NAME + exports.ZIP_SUFFIX] == b[exports.JSON_NAME + exports.ZIP_SUFFIX]
    assert a[exports.CSV_NAME + exports.ZIP_SUFFIX] == b[exports.CSV_NAME + exports.ZIP_SUFFIX]


def test_empty_archive_still_gives_valid_json():
    data = json.loads(exports.notices_json([], SITE_URL, "x"))
    assert data["count"] == 0 and data["notices"] == []


# -- sitemap, robots.txt, 404 ----------------------------------------------------------------------


def sitemap_urls(site: SiteHtml) -> list[str]:
    root = ET.fromstring((site.site / "sitemap.xml").read_bytes())
    return [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]


def test_sitemap_lists_every_html_page(site):
    listed = sitemap_urls(site)
    assert all(u.startswith(SITE_URL) for u in listed)
    listed_urls = {u.removeprefix(SITE_URL) for u in listed}
    pages = {u for u in site.pages() if u != "404.html" and not is_redirect(site, u)}
    assert listed_urls == pages
    for generated in ("tinh/bac-kan/", "co-quan/so-y-te/", "chu-de/y-te/", "nam/2021/",
                      "du-lieu-mo/", notice_pages(site)[0]):
        assert generated in listed_urls, generated


def test_robots_points_at_the_sitemap(site):
    text = (site.site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text.splitlines()


def test_404_page_is_vietnamese_and_works_under_the_prefix(site):
    html = site.html("404.html")
    assert document(html).get("lang") == "vi"
    assert "Không tìm thấy trang" in html
    assert "404 - Not found" not in html
    page = parse(html)
    home = [link.href for link in page.links if link.text == "Về trang chủ"]
    assert home == [PREFIX]
    assert all(a.startswith(PREFIX) for a in page.assets if not a.startswith("http"))


# -- the Dữ liệu mở page ---------------------------------------------------------------------------


def test_open_data_page_links_the_downloads(site):
    url = "du-lieu-mo/"
    targets = {site.resolve(url, link.href) for link in parse(site.html(url)).links}
    for name in ("notices.json.zip", "notices.csv.zip", "schema.json", "atom.xml"):
        assert name in targets, name
        assert (site.site / name).is_file()


def test_open_data_page_documents_every_field():
    text = (ROOT / "content" / "pages" / "du-lieu-mo.md").read_text(encoding="utf-8")
    for key in (*SCHEMA_KEYS, *EXTRA_KEYS, "url", *exports.CSV_COLUMNS):
        assert re.search(rf"`{re.escape(key)}`", text), key
    assert "CC BY 4.0" in text and "Điều 15" in text and "BOM" in text


def test_published_files_are_only_those_expected(site):
    """No sidecar, cache or reference file leaks into the site."""
    leaked = [p for p in Path(site.site).rglob("*") if p.suffix in (".yml", ".yaml")]
    assert leaked == []


# -- the template functions ------------------------------------------------------------------------


def test_templates_get_the_citation_and_feed_of_a_page():
    rec = record(doc_type="Thông báo", date="2021-10-11", province="Bắc Kạn", title="Kết luận")
    notice = NoticePage("notices/x.txt", "van-ban/x.md", "van-ban/x/", rec, "")
    plugin = OpenDataPlugin()
    plugin.load_config({"not_found_page": False})
    plugin.publication = Publication(Site(SITE_URL, "Lưu trữ"), [notice],
                                     groups={"tinh/bac-kan/": FeedGroup("tinh/bac-kan/", "T")})
    env = jinja2.Environment()
    with publishing_env():
        plugin.on_env(env, config=None, files=None)  # type: ignore[arg-type]
        template = env.from_string(
            "{{ thongbao_citation(page) }}|{{ thongbao_feed(page) }}")
        on_notice = template.render(page=type("P", (), {"url": "van-ban/x/"})())
        on_index = template.render(page=type("P", (), {"url": "tinh/bac-kan/"})())
    # No build date in the text: the page completes it with the reader's access date.
    assert on_notice == format_citation(rec, SITE_URL + "van-ban/x/", None) + "|None"
    assert on_notice.split("|")[0].endswith("truy cập ngày")
    assert on_index == "None|tinh/bac-kan/atom.xml"


def test_without_site_url_a_strict_build_fails_and_says_why(tmp_path, caplog):
    root = make_publishing_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"),
                             flags=re.M), encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(root)
    assert "site_url is not set" in caplog.text


def test_a_second_build_gives_byte_identical_data(site, tmp_path):
    again = build_publishing_site(project_of(site.site), site_dir=tmp_path / "again")

    def data(root: Path) -> dict[str, bytes]:
        paths = [p for p in root.rglob("*") if p.suffix in (".json", ".zip", ".txt")
                 or p.name == "atom.xml"]
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}

    first, second = data(site.site), data(again)
    assert len(first) > 50
    assert first == second


def test_notice_page_offers_a_ready_citation_and_the_original_source():
    site = shared_site()
    page = next((site / "van-ban" / "thai-nguyen").rglob("index.html")).read_text(encoding="utf-8")
    cites = by_class(document(page), "tb-cite", "p")
    assert len(cites) == 1
    cite = cites[0]
    text = "".join(cite.itertext())
    assert text.startswith("Công văn số 3413/UBND-TH ngày 22/07/2021 của UBND tỉnh Thái Nguyên")
    assert "Lưu trữ tại: " in text and "/van-ban/thai-nguyen/2021/" in text
    assert by_class(cite, "tb-accessed")  # the reader's date, filled in by JS
    assert "Tệp gốc" in page
