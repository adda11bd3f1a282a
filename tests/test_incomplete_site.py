"""A real site with notices that lack a date, a province or both: built, listed, exported.

Every text with words is a notice (docs/intake.md). These notices keep the unknown fields null;
the site says so ("chưa rõ", undated last) and the quality page lists them.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from exportfiles import read_export
from sitebuild import SEEDS, SiteHtml, broken_links, build_site, make_project

# An excerpt copied from a page: a province, no date anywhere.
NO_DATE = """Chủ tịch UBND tỉnh Bắc Kạn yêu cầu các sở, ngành tập trung chỉ đạo thu hoạch lúa mùa,
giao Sở Nông nghiệp và Phát triển nông thôn hướng dẫn bà con phòng chống rét cho đàn gia súc.
"""
# A letter's body with a full date but no province named.
NO_PROVINCE = """Ngày 12/4/2022, Văn phòng UBND tỉnh nhận được đề nghị của các hộ dân về việc sửa
chữa tuyến đường liên xã. Giao Sở Giao thông vận tải kiểm tra, báo cáo trước ngày 30/4/2022.
"""
# Neither: a few sentences of prose.
NEITHER = """Các đại biểu thảo luận về kế hoạch trồng rừng mùa xuân và công tác bảo vệ rừng.
Hội nghị thống nhất giao các địa phương rà soát diện tích đất trống đồi trọc.
"""
# Another excerpt with neither (a different text: the same text twice would be one notice).
NEITHER_TOO = """Cuộc họp nghe báo cáo tiến độ xây dựng trường học vùng cao và giao các đơn vị
liên quan khẩn trương hoàn thiện hồ sơ.
"""
SIDECAR = "date: 2022-03-01\nprovince: Cao Bằng\nchair: Hoàng Xuân Ánh\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(
        tmp_path_factory.mktemp("incomplete"),
        SEEDS[:2],
        extra={
            "content/notices/trich/khong-ngay.txt": NO_DATE,
            "content/notices/trich/khong-tinh.txt": NO_PROVINCE,
            "content/notices/trich/khong-ca-hai.txt": NEITHER,
            "content/notices/trich/bo-sung.txt": NEITHER_TOO,
            "content/notices/trich/bo-sung.yml": SIDECAR,
        },
    )


@pytest.fixture(scope="module")
def site(project: Path) -> SiteHtml:
    # Strict: incomplete notices are INFO, not warnings, so a strict build passes.
    return SiteHtml(build_site(project, strict=True))


def test_every_text_becomes_a_page(site: SiteHtml) -> None:
    for name in ("khong-ngay", "khong-tinh", "khong-ca-hai", "bo-sung"):
        assert site.exists(f"van-ban/trich/{name}/"), name


def test_no_broken_links(site: SiteHtml) -> None:
    assert broken_links(site) == []


def test_unknown_province_is_shown_as_unknown(site: SiteHtml) -> None:
    text = site.page("van-ban/trich/khong-ca-hai/").text
    assert "chưa rõ" in text


def test_sidecar_completes_an_incomplete_notice(site: SiteHtml) -> None:
    page = site.page("van-ban/trich/bo-sung/")
    assert "Cao Bằng" in page.text
    assert any(link.href.endswith("tinh/cao-bang/") for link in page.links)


def test_undated_notices_sort_last_and_say_so(site: SiteHtml) -> None:
    text = site.page("tinh/bac-kan/").text
    dated = text.index("11/10/2021 Bắc Kạn")
    undated = text.index("không ghi ngày")
    assert 0 <= dated < text.rindex("Chưa rõ năm") < undated


def test_quality_page_lists_the_incomplete(site: SiteHtml) -> None:
    page = site.page("chat-luong/")
    assert "Chất lượng dữ liệu" in page.text
    hrefs = {link.href for link in page.links}
    for name in ("khong-ngay", "khong-tinh", "khong-ca-hai"):
        assert any(f"van-ban/trich/{name}/" in h for h in hrefs), name
    assert not any("van-ban/trich/bo-sung/" in h for h in hrefs)


def test_exports_validate_against_their_schema_with_nulls(site: SiteHtml) -> None:
    schema = json.loads((site.site / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(read_export(site.site, "notices.json"))
    for notice in data["notices"]:
        validator.validate(notice)
    by_url = {n["url"].rsplit("van-ban/", 1)[-1]: n for n in data["notices"]}
    neither = by_url["trich/khong-ca-hai/"]
    assert neither["province"] is None and neither["date"] is None
    assert by_url["trich/khong-ngay/"]["province"] == "Bắc Kạn"
    assert "trich/khong-ca-hai" in read_export(site.site, "notices.csv")


def test_search_index_holds_the_incomplete_notices(site: SiteHtml) -> None:
    shards = "".join(p.read_text(encoding="utf-8")
                     for p in sorted((site.site / "search-index").rglob("*.json")))
    for name in ("khong-ngay", "khong-tinh", "khong-ca-hai"):
        assert f"van-ban/trich/{name}/" in shards, name
