"""Reference data (content/reference/*.yml) and its loader (thongbao.reference).

Table-driven: every example listed beside an entry resolves to that entry; the merger table of
Resolution 202/2025/QH15 (shared/DOMAIN.md) is restated here as data and checked against
provinces.yml; malformed files raise ReferenceError naming the file.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from thongbao.reference import (
    Reference,
    ReferenceError,
    clear_cache,
    load_reference,
    normalise_key,
)
from thongbao.slug import slugify

REPO = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO / "content" / "reference"
# The seeds as imported into content/notices, with their labels copied into tests/data.
SEEDS = REPO / "content" / "notices"

MERGED_ON = datetime.date(2025, 7, 1)

# Resolution 202/2025/QH15 as DOMAIN.md states it: unit since 1 July 2025 -> (code since then,
# {predecessor id: (name before 1 July 2025, code before 1 July 2025)}).
MERGERS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "ha-noi": ("01", {"ha-noi": ("Hà Nội", "01")}),
    "hue": ("46", {"hue": ("Huế", "46")}),
    "cao-bang": ("04", {"cao-bang": ("Cao Bằng", "04")}),
    "dien-bien": ("11", {"dien-bien": ("Điện Biên", "11")}),
    "lai-chau": ("12", {"lai-chau": ("Lai Châu", "12")}),
    "son-la": ("14", {"son-la": ("Sơn La", "14")}),
    "lang-son": ("20", {"lang-son": ("Lạng Sơn", "20")}),
    "quang-ninh": ("22", {"quang-ninh": ("Quảng Ninh", "22")}),
    "thanh-hoa": ("38", {"thanh-hoa": ("Thanh Hóa", "38")}),
    "nghe-an": ("40", {"nghe-an": ("Nghệ An", "40")}),
    "ha-tinh": ("42", {"ha-tinh": ("Hà Tĩnh", "42")}),
    "tuyen-quang": ("08", {"ha-giang": ("Hà Giang", "02"), "tuyen-quang": ("Tuyên Quang", "08")}),
    "lao-cai": ("15", {"lao-cai": ("Lào Cai", "10"), "yen-bai": ("Yên Bái", "15")}),
    "thai-nguyen": ("19", {"bac-kan": ("Bắc Kạn", "06"), "thai-nguyen": ("Thái Nguyên", "19")}),
    "phu-tho": (
        "25",
        {
            "hoa-binh": ("Hòa Bình", "17"),
            "phu-tho": ("Phú Thọ", "25"),
            "vinh-phuc": ("Vĩnh Phúc", "26"),
        },
    ),
    "bac-ninh": ("24", {"bac-giang": ("Bắc Giang", "24"), "bac-ninh": ("Bắc Ninh", "27")}),
    "hung-yen": ("33", {"hung-yen": ("Hưng Yên", "33"), "thai-binh": ("Thái Bình", "34")}),
    "hai-phong": ("31", {"hai-duong": ("Hải Dương", "30"), "hai-phong": ("Hải Phòng", "31")}),
    "ninh-binh": (
        "37",
        {
            "ha-nam": ("Hà Nam", "35"),
            "nam-dinh": ("Nam Định", "36"),
            "ninh-binh": ("Ninh Bình", "37"),
        },
    ),
    "quang-tri": ("44", {"quang-binh": ("Quảng Bình", "44"), "quang-tri": ("Quảng Trị", "45")}),
    "da-nang": ("48", {"da-nang": ("Đà Nẵng", "48"), "quang-nam": ("Quảng Nam", "49")}),
    "quang-ngai": ("51", {"quang-ngai": ("Quảng Ngãi", "51"), "kon-tum": ("Kon Tum", "62")}),
    "gia-lai": ("52", {"binh-dinh": ("Bình Định", "52"), "gia-lai": ("Gia Lai", "64")}),
    "khanh-hoa": ("56", {"khanh-hoa": ("Khánh Hòa", "56"), "ninh-thuan": ("Ninh Thuận", "58")}),
    "dak-lak": ("66", {"phu-yen": ("Phú Yên", "54"), "dak-lak": ("Đắk Lắk", "66")}),
    "lam-dong": (
        "68",
        {
            "binh-thuan": ("Bình Thuận", "60"),
            "dak-nong": ("Đắk Nông", "67"),
            "lam-dong": ("Lâm Đồng", "68"),
        },
    ),
    "dong-nai": ("75", {"binh-phuoc": ("Bình Phước", "70"), "dong-nai": ("Đồng Nai", "75")}),
    "ho-chi-minh": (
        "79",
        {
            "binh-duong": ("Bình Dương", "74"),
            "ba-ria-vung-tau": ("Bà Rịa - Vũng Tàu", "77"),
            "ho-chi-minh": ("TP Hồ Chí Minh", "79"),
        },
    ),
    "tay-ninh": ("80", {"tay-ninh": ("Tây Ninh", "72"), "long-an": ("Long An", "80")}),
    "dong-thap": ("82", {"tien-giang": ("Tiền Giang", "82"), "dong-thap": ("Đồng Tháp", "87")}),
    "vinh-long": (
        "86",
        {
            "ben-tre": ("Bến Tre", "83"),
            "tra-vinh": ("Trà Vinh", "84"),
            "vinh-long": ("Vĩnh Long", "86"),
        },
    ),
    "an-giang": ("91", {"an-giang": ("An Giang", "89"), "kien-giang": ("Kiên Giang", "91")}),
    "can-tho": (
        "92",
        {
            "can-tho": ("Cần Thơ", "92"),
            "hau-giang": ("Hậu Giang", "93"),
            "soc-trang": ("Sóc Trăng", "94"),
        },
    ),
    "ca-mau": ("96", {"bac-lieu": ("Bạc Liêu", "95"), "ca-mau": ("Cà Mau", "96")}),
}

# DESIGN.md "## Topics"
TOPIC_SLUGS = [
    "covid-19",
    "y-te",
    "nong-nghiep",
    "nong-thon-moi",
    "dau-tu-cong",
    "ngan-sach",
    "cong-thuong",
    "doanh-nghiep",
    "du-lich-van-hoa",
    "giao-duc",
    "an-sinh-xa-hoi",
    "quy-hoach",
    "cai-cach-hanh-chinh",
    "to-chuc-bo-may",
    "quoc-phong-an-ninh",
    "giao-thong-xay-dung",
    "dan-toc-ton-giao",
    "bau-cu",
    "thanh-tra",
    "tang-truong",
]


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference(REFERENCE_DIR)


def _examples(kind: str) -> list[tuple[str, str]]:
    """(id, example) pairs read at collection time, for parametrisation."""
    reference = load_reference(REFERENCE_DIR)
    table: Any = {
        "provinces": reference.provinces,
        "agencies": reference.agencies,
        "topics": reference.topics,
    }[kind]
    return [(ident, example) for ident, entry in table.items() for example in entry.examples]


# ---------------------------------------------------------------------------------------------
# Provinces


def test_counts_and_successors(ref: Reference) -> None:
    assert len(ref.provinces) == 63
    current = [p for p in ref.provinces.values() if p.current]
    assert len(current) == 34
    for province in ref.provinces.values():
        if province.current:
            assert province.successor is None and province.code_now is not None
        else:
            assert province.until == datetime.date(2025, 6, 30)
            assert province.code_now is None
            assert ref.provinces[province.successor].current


def test_mergers_match_resolution_202(ref: Reference) -> None:
    assert set(MERGERS) == {p.id for p in ref.provinces.values() if p.current}
    for unit_id, (code_now, formed_from) in MERGERS.items():
        unit = ref.provinces[unit_id]
        assert unit.code_now == code_now, unit_id
        predecessors = ref.predecessors(unit_id)
        assert {p.id for p in predecessors} == set(formed_from), unit_id
        for predecessor in predecessors:
            name, code = formed_from[predecessor.id]
            assert (predecessor.name, predecessor.code) == (name, code), predecessor.id
            assert ref.province_now(predecessor.id).id == unit_id


def test_every_unit_in_the_merger_table(ref: Reference) -> None:
    listed = {pid for _, formed in MERGERS.values() for pid in formed}
    assert listed == set(ref.provinces)


def test_lao_cai_code_changes_and_yen_bai_code_moves(ref: Reference) -> None:
    lao_cai, yen_bai = ref.provinces["lao-cai"], ref.provinces["yen-bai"]
    assert (lao_cai.code, lao_cai.code_now) == ("10", "15")
    assert (yen_bai.code, yen_bai.successor, yen_bai.current) == ("15", "lao-cai", False)


def test_hue_names_over_time(ref: Reference) -> None:
    hue = ref.provinces["hue"]
    assert hue.name_on(datetime.date(2021, 1, 1)) == "Thừa Thiên Huế"
    assert hue.name_on(datetime.date(2024, 12, 31)) == "Thừa Thiên Huế"
    assert hue.name_on(datetime.date(2025, 1, 1)) == "Huế"
    assert hue.name_on(None) == "Huế"
    assert hue.kind_on(datetime.date(2021, 1, 1)) == "tỉnh"
    assert hue.kind_on(datetime.date(2025, 1, 1)) == "thành phố"
    assert hue.display_on(datetime.date(2021, 1, 1)) == "Thừa Thiên Huế"
    assert hue.display == "TP Huế"


def test_province_now_and_predecessors(ref: Reference) -> None:
    assert ref.province_now("bac-kan").name == "Thái Nguyên"
    assert ref.province_now("thai-nguyen").id == "thai-nguyen"
    assert ref.provinces["bac-kan"].name_on(datetime.date(2021, 10, 11)) == "Bắc Kạn"
    assert ref.predecessors("bac-kan") == ()
    assert [p.id for p in ref.predecessors("thai-nguyen")] == ["bac-kan", "thai-nguyen"]
    assert ref.provinces["bac-kan"].existed_on(datetime.date(2025, 6, 30))
    assert not ref.provinces["bac-kan"].existed_on(MERGED_ON)


def test_ids_displays_and_kinds(ref: Reference) -> None:
    for province in ref.provinces.values():
        # "TP Hồ Chí Minh": the city's name carries its "TP"; the URL slug does not.
        assert province.id == slugify(province.name.removeprefix("TP "))
        assert province.kind in {"tỉnh", "thành phố"}
        if province.kind == "thành phố" and province.id != "ha-noi":
            assert province.display == f"TP {province.name.removeprefix('TP ')}"
        else:
            assert province.display == province.name
    cities = {p.id for p in ref.provinces.values() if p.kind == "thành phố"}
    assert cities == {"ha-noi", "hai-phong", "hue", "da-nang", "ho-chi-minh", "can-tho"}


@pytest.mark.parametrize(("province_id", "example"), _examples("provinces"))
def test_province_example_resolves(ref: Reference, province_id: str, example: str) -> None:
    found = ref.province_by_name(example)
    assert found is not None and found.id == province_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TP.HCM", "ho-chi-minh"),
        ("TP. Hồ Chí Minh", "ho-chi-minh"),
        ("Thành phố Hồ Chí Minh", "ho-chi-minh"),
        ("UBND tỉnh Bắc Cạn", "bac-kan"),
        ("Ủy ban nhân dân tỉnh Bắc Kạn", "bac-kan"),
        ("Uỷ ban nhân dân tỉnh Bắc Kạn", "bac-kan"),
        ("tinh Bac Kan", "bac-kan"),
        ("Hoà Bình", "hoa-binh"),
        ("HOÀ BÌNH", "hoa-binh"),
        ("Thanh Hoá", "thanh-hoa"),
        ("Thừa Thiên Huế", "hue"),
        ("Daklak", "dak-lak"),
        ("Kontum", "kon-tum"),
        ("BR-VT", "ba-ria-vung-tau"),
        ("Bà Rịa–Vũng Tàu", "ba-ria-vung-tau"),
        (unicodedata.normalize("NFD", "Đắk Lắk"), "dak-lak"),
        ("Sài Gòn", None),
        ("Bắc", None),
        ("tỉnh", None),
        ("", None),
        ("Bắc Kạn, ngày 11 tháng 10 năm 2021", None),
    ],
)
def test_province_by_name(ref: Reference, text: str, expected: str | None) -> None:
    found = ref.province_by_name(text)
    assert (found.id if found else None) == expected


def test_province_alias_keys(ref: Reference) -> None:
    keys = ref.province_alias_keys()
    assert keys["bắc cạn"] == keys["bac kan"] == "bac-kan"
    assert keys["hcm"] == keys["tphcm"] == "ho-chi-minh"
    assert keys["thừa thiên huế"] == "hue"
    assert all(key and key == " ".join(key.split()) for key in keys)


def test_find_provinces_in_text(ref: Reference) -> None:
    text = "Dự án đường từ thành phố Bắc Kạn đi hồ Ba Bể, kết nối sang Na Hang (Tuyên Quang)."
    mentions = ref.find_provinces(text)
    assert [m.id for m in mentions] == ["bac-kan", "tuyen-quang"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


# ---------------------------------------------------------------------------------------------
# Agencies


@pytest.mark.parametrize(("agency_id", "example"), _examples("agencies"))
def test_agency_example_resolves(ref: Reference, agency_id: str, example: str) -> None:
    assert agency_id in ref.agencies_in(example)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Các Sở: Tài chính, Tài nguyên và Môi trường, Công Thương theo chức năng",
            ["so-tai-chinh", "so-tai-nguyen-va-moi-truong", "so-cong-thuong"],
        ),
        (
            "Giao các Sở: Tài chính, Kế hoạch và Đầu tư, Giao thông vận tải - Xây dựng phối hợp "
            "với UBND huyện Si Ma Cai đề xuất phương án",
            ["so-tai-chinh", "so-ke-hoach-va-dau-tu", "so-giao-thong-van-tai-xay-dung"],
        ),
        (
            "3.5. Sở Y Tế, Thương binh và Xã hội, Sở Giáo dục và Đào tạo, Sở Văn hóa, Thể thao "
            "và Du lịch và các cơ quan",
            ["so-y-te", "so-giao-duc-va-dao-tao", "so-van-hoa-the-thao-va-du-lich"],
        ),
        (
            "Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng, Công an tỉnh, Thanh tra tỉnh",
            [
                "bo-chi-huy-quan-su-tinh",
                "bo-chi-huy-bo-doi-bien-phong-tinh",
                "cong-an-tinh",
                "thanh-tra-tinh",
            ],
        ),
        ("Sở Tài chính, Cục Thuế, Cục Hải quan, các địa phương", None),
        ("Các Sở: Giao thông vận tải, Xây dựng", ["so-giao-thong-van-tai", "so-xay-dung"]),
        ("Sở Giao thông vận tải – Xây dựng", ["so-giao-thong-van-tai-xay-dung"]),
        ("Sở Lao động, Thương binh và Xã hội", ["so-lao-dong-thuong-binh-va-xa-hoi"]),
        ("Thương binh và Xã hội", []),
        ("theo hướng dẫn của Bộ Giáo dục và Đào tạo", []),
        ("báo cáo Thường trực Tỉnh ủy, Ban Thường vụ Tỉnh ủy", []),
        ("Thường trực HĐND tỉnh", []),
        ("Ban Dân tộc HĐND tỉnh", []),
        ("Chi cục Thuế huyện Bảo Thắng", []),
        ("Chi cục Thống kê huyện Ba Bể", []),
        ("Tổng cục Thống kê", []),
        ("người dân sở tại chính quyền địa phương", []),
        ("So Tai chinh", []),
        ("Sở Tài chính.\nTài nguyên và Môi trường là lĩnh vực", ["so-tai-chinh"]),
        ("Sở Tài chính, xây dựng phương án", ["so-tai-chinh"]),
    ],
)
def test_agencies_in(ref: Reference, text: str, expected: list[str] | None) -> None:
    if expected is None:
        expected = ["so-tai-chinh", "cuc-thue", "cuc-hai-quan"]
    assert list(ref.agencies_in(text)) == expected


def test_agency_mentions_have_offsets(ref: Reference) -> None:
    text = "4.3. Giao Sở KH&ĐT chủ trì, phối hợp với Kho bạc Nhà nước Bắc Kạn theo dõi."
    mentions = ref.find_agencies(text)
    assert [(m.id, m.text) for m in mentions] == [
        ("so-ke-hoach-va-dau-tu", "Sở KH&ĐT"),
        ("kho-bac-nha-nuoc", "Kho bạc Nhà nước"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở KH&ĐT", "so-ke-hoach-va-dau-tu"),
        ("Sở Nông nghiệp và phát triển nông thôn", "so-nong-nghiep-va-phat-trien-nong-thon"),
        ("Kho bạc Nhà nước Bắc Kạn", "kho-bac-nha-nuoc"),
        ("Cục Thống kê tỉnh", "cuc-thong-ke"),
        ("Ban QLKKT tỉnh", "ban-quan-ly-khu-kinh-te-tinh"),
        ("Bộ Chỉ huy Bộ đội Biên phòng", "bo-chi-huy-bo-doi-bien-phong-tinh"),
        ("Sở Lao động – Thương binh và Xã hội", "so-lao-dong-thuong-binh-va-xa-hoi"),
        ("Thương binh và Xã hội", None),
        ("Sở Tài chính, Sở Y tế", None),
    ],
)
def test_agency_by_name(ref: Reference, text: str, expected: str | None) -> None:
    found = ref.agency_by_name(text)
    assert (found.id if found else None) == expected


def test_agency_records(ref: Reference) -> None:
    for agency in ref.agencies.values():
        assert agency.id == slugify(agency.name), agency.id
        for successor in agency.successors:
            assert agency.until is not None
            # the successor exists on the day after the body ends
            assert ref.agencies[successor].active_on(agency.until + datetime.timedelta(days=1))
    lao_cai_body = ref.agencies["so-giao-thong-van-tai-xay-dung"]
    assert lao_cai_body.province == "lao-cai"
    assert ref.agencies["so-ke-hoach-va-dau-tu"].successors == ("so-tai-chinh",)
    assert ref.agencies["so-nong-nghiep-va-moi-truong"].from_ == datetime.date(2025, 3, 1)
    assert len(ref.agencies["so-lao-dong-thuong-binh-va-xa-hoi"].successors) == 4


def test_canonical_name_is_a_listed_form(ref: Reference) -> None:
    """Finders that read only head + names and full_aliases still find the canonical name."""
    for agency in ref.agencies.values():
        forms = {normalise_key(f"{agency.head} {name}") for name in agency.names}
        forms |= {normalise_key(alias) for alias in agency.full_aliases}
        assert normalise_key(agency.name) in forms, agency.id
        assert normalise_key(agency.name).startswith(normalise_key(agency.head)), agency.id


def test_agency_keys_keep_diacritics(ref: Reference) -> None:
    keys = ref.agency_alias_keys()
    assert keys["sở kh đt"] == keys["sở kế hoạch đầu tư"] == "so-ke-hoach-va-dau-tu"
    assert "so tai chinh" not in keys
    heads = ref.agency_names_by_head()
    assert heads["sở"]["tài chính"] == ["so-tai-chinh"]
    assert heads["sở"]["giao thông vận tải xây dựng"] == ["so-giao-thong-van-tai-xay-dung"]


def _expected_seeds() -> list[dict[str, Any]]:
    path = REPO / "tests" / "data" / "seeds_expected.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_expected_agency_names_are_canonical(ref: Reference) -> None:
    canonical = {a.name for a in ref.agencies.values()}
    for seed in _expected_seeds():
        for name in seed["agencies"]:
            if not name.startswith("UBND huyện "):  # named districts: ids made by the extractor
                assert name in canonical, (seed["file"], name)


@pytest.mark.parametrize("seed", _expected_seeds(), ids=lambda s: s["file"][:3])
def test_seed_agencies_and_topics(ref: Reference, seed: dict[str, Any]) -> None:
    text = (SEEDS / seed["path"]).read_text(encoding="utf-8")
    body = text.split("Nơi nhận")[0]
    by_name = {a.name: a.id for a in ref.agencies.values()}
    found = ref.agencies_in(body)
    for name in seed["agencies"]:
        if name in by_name:
            assert by_name[name] in found, name
    topics = ref.topics_for(body)
    assert set(seed["topics_include"]) <= set(topics)


# ---------------------------------------------------------------------------------------------
# Topics


def test_topic_slugs_are_design_md(ref: Reference) -> None:
    assert list(ref.topics) == TOPIC_SLUGS


@pytest.mark.parametrize(("slug", "example"), _examples("topics"))
def test_topic_example_reaches_threshold(ref: Reference, slug: str, example: str) -> None:
    assert ref.score_topics(example)[slug] >= ref.topics[slug].threshold
    assert slug in ref.topics_for(example)


def test_topic_lists_are_rich_and_no_single_phrase_assigns(ref: Reference) -> None:
    for topic in ref.topics.values():
        scoring = [(p, w) for p, w in topic.evidence if w > 0]
        assert 10 <= len(scoring) <= 30, topic.slug
        assert len(topic.examples) >= 3, topic.slug
        for phrase, _ in scoring:
            assert ref.score_topics(phrase)[topic.slug] < topic.threshold, (topic.slug, phrase)


def test_topic_scoring_details(ref: Reference) -> None:
    # longest phrase per topic: one hit, not also "nông nghiệp"
    assert ref.score_topics("sản xuất nông nghiệp")["nong-nghiep"] == 2
    # agency and ministry names are not evidence
    assert ref.score_topics("Sở Giao thông vận tải chủ trì")["giao-thong-xay-dung"] == 0
    assert ref.score_topics("Bộ Giáo dục và Đào tạo")["giao-duc"] == 0
    # weight 0 stops boilerplate
    assert ref.score_topics("cho người dân và doanh nghiệp")["doanh-nghiep"] == 0
    # punctuation, line breaks and decomposed text do not hide evidence
    assert ref.score_topics("dịch Covid-\n\n19")["covid-19"] == 2
    nfd = unicodedata.normalize("NFD", "phòng, chống dịch Covid-19")
    assert "covid-19" in ref.topics_for(nfd)


# ---------------------------------------------------------------------------------------------
# normalise_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("KH&ĐT", "kh đt"),
        ("KH - ĐT", "kh đt"),
        ("KH và ĐT", "kh đt"),
        ("KHĐT", "khđt"),
        ("Kế hoạch và Đầu tư", "kế hoạch đầu tư"),
        ("Lao động – Thương binh và Xã hội", "lao động thương binh xã hội"),
        ("Văn hóa, Thể thao và Du lịch", "văn hóa thể thao du lịch"),
        ("Thanh Hoá", "thanh hóa"),
        ("THUỶ LỢI", "thủy lợi"),
        ("Uỷ ban", "ủy ban"),
        ("sức khoẻ", "sức khỏe"),
        ("hoàn thành", "hoàn thành"),
        ("quý", "qúy"),
        ("Ðà Nẵng", "đà nẵng"),
        ("TP.HCM", "tp hcm"),
        ("  Covid-\n\n19 ", "covid 19"),
        (unicodedata.normalize("NFD", "Bắc Kạn"), "bắc kạn"),
        ("", ""),
    ],
)
def test_normalise_key(text: str, key: str) -> None:
    assert normalise_key(text) == key


def test_tone_placement_variants_share_a_key() -> None:
    for old, new in [("hoà", "hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("quý", "qúy")]:
        assert normalise_key(old) == normalise_key(new)


# ---------------------------------------------------------------------------------------------
# Loading: cache, digest, errors


def _copy_reference(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, target)
    return target


def test_cached_until_a_file_changes(tmp_path: Path) -> None:
    directory = _copy_reference(tmp_path)
    first = load_reference(directory)
    assert load_reference(directory) is first
    assert len(first.digest) == 64
    topics = directory / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    os.utime(topics, ns=(0, 10**18))  # make the change visible even on coarse timestamps
    second = load_reference(directory)
    assert second is not first
    assert second.digest != first.digest
    clear_cache()
    assert load_reference(directory) is not second


def test_digest_is_stable(ref: Reference, tmp_path: Path) -> None:
    assert load_reference(_copy_reference(tmp_path)).digest == ref.digest


def test_nothing_is_loaded_at_import() -> None:
    code = "import thongbao.reference as r, yaml\nassert not r._CACHE\nprint('ok')\n"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "build"), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def _edit(name: str, change: Callable[[list[dict[str, Any]]], None]) -> Callable[[Path], None]:
    def apply(directory: Path) -> None:
        path = directory / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    return apply


def _by_id(data: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    return next(entry for entry in data if entry.get("id", entry.get("slug")) == ident)


def _write(name: str, text: str) -> Callable[[Path], None]:
    def apply(directory: Path) -> None:
        (directory / name).write_text(text, encoding="utf-8")

    return apply


MALFORMED: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "unknown successor": (
        _edit("provinces.yml", lambda d: _by_id(d, "bac-kan").update(successor="thai-binh-x")),
        "provinces.yml",
        "unknown successor id 'thai-binh-x'",
    ),
    "successor merged away": (
        _edit("provinces.yml", lambda d: _by_id(d, "bac-kan").update(successor="yen-bai")),
        "provinces.yml",
        "does not exist today",
    ),
    "duplicate id": (
        _edit("provinces.yml", lambda d: _by_id(d, "bac-kan").update(id="thai-nguyen")),
        "provinces.yml",
        "duplicate id 'thai-nguyen'",
    ),
    "alias naming two units": (
        _edit("provinces.yml", lambda d: _by_id(d, "bac-kan").update(aliases=["Thái Nguyên"])),
        "provinces.yml",
        "already names",
    ),
    "missing field": (
        _edit("provinces.yml", lambda d: _by_id(d, "bac-kan").pop("display")),
        "provinces.yml",
        "missing field 'display'",
    ),
    "unquoted code": (
        _edit("provinces.yml", lambda d: _by_id(d, "bac-kan").update(code=6)),
        "provinces.yml",
        "code must be a quoted two-digit string",
    ),
    "62 units": (
        _edit("provinces.yml", lambda d: d.remove(_by_id(d, "bac-kan"))),
        "provinces.yml",
        "expected 63 units",
    ),
    "35 current units": (
        _edit(
            "provinces.yml",
            lambda d: _by_id(d, "bac-kan").update(until=None, successor=None, code_now="06"),
        ),
        "provinces.yml",
        "34 exist today",
    ),
    "agency alias naming two bodies": (
        _edit("agencies.yml", lambda d: _by_id(d, "so-y-te").update(names=["Y tế", "Tài chính"])),
        "agencies.yml",
        "already names 'so-tai-chinh'",
    ),
    "agency unknown successor": (
        _edit("agencies.yml", lambda d: _by_id(d, "cuc-thue").update(successors=["thue-xa"])),
        "agencies.yml",
        "unknown successor id 'thue-xa'",
    ),
    "agency unknown kind": (
        _edit("agencies.yml", lambda d: _by_id(d, "so-y-te").update(kind="bộ")),
        "agencies.yml",
        "kind must be one of",
    ),
    "agency unknown field": (
        _edit("agencies.yml", lambda d: _by_id(d, "so-y-te").update(alias=["Sở YT"])),
        "agencies.yml",
        "unknown field(s) alias",
    ),
    "topic weight reaches threshold": (
        _edit("topics.yml", lambda d: _by_id(d, "bau-cu")["evidence"][0].update(weight=3)),
        "topics.yml",
        "one passing mention",
    ),
    "topic without evidence": (
        _edit("topics.yml", lambda d: _by_id(d, "bau-cu").update(evidence=[])),
        "topics.yml",
        "evidence must be a non-empty list",
    ),
    "not YAML": (_write("agencies.yml", "- id: [unclosed\n"), "agencies.yml", "not valid"),
    "not a list": (_write("topics.yml", "slug: covid-19\n"), "topics.yml", "expected a"),
    "missing file": (lambda d: (d / "agencies.yml").unlink(), "agencies.yml", "not found"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_file_raises(tmp_path: Path, case: str) -> None:
    mutate, file_name, problem = MALFORMED[case]
    directory = _copy_reference(tmp_path)
    mutate(directory)
    with pytest.raises(ReferenceError) as caught:
        load_reference(directory)
    message = str(caught.value)
    assert message.startswith(f"{file_name}:"), message
    assert problem in message, message
    assert isinstance(caught.value, ValueError)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ReferenceError, match="not found"):
        load_reference(tmp_path / "nowhere")
