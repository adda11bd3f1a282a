"""Search: the index terms and documents (pure), the index files (their format, decoded here
independently of search.js), what the plugin writes, and the reader's search end to end in
headless Chromium over a small built site.

The site is built once for the module from a fixture content folder: the reference data, the
repo's real notices, and a few generated notices whose words are known (``KNOWN``).
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thongbao.record import AgencyRef, Record, Source
from thongbao.searchfiles import (
    BUCKET_BYTES,
    DOCS_PER_FILE,
    MAX_FORM_BITS,
    build_index,
    fnv1a,
    notice_order,
)
from thongbao.searchindex import (
    SearchDocument,
    body_score,
    display_date,
    document_terms,
    notice_filters,
    plain_blocks,
    sort_date,
    term_key,
    word_form,
)

ROOT = Path(__file__).resolve().parents[1]


def make_record(**changes: object) -> Record:
    base = Record(
        title="Kết luận về giải ngân vốn đầu tư công", doc_type="Thông báo",
        doc_number="12/TB-UBND", province="Bắc Kạn", province_now="Thái Nguyên",
        date="2021-10-11", meeting_date=None, chair="Nguyễn Đăng Bình", chair_role=None,
        signer=None, signer_capacity=None, topics=("dau-tu-cong",),
        agencies=(AgencyRef("so-tai-chinh", "Sở Tài chính"),), policies=(), deadlines=(),
        source=Source("notices/x.txt", "0" * 64), id="x",
    )
    return replace(base, **changes)


# --- terms ---------------------------------------------------------------------------------


def test_d_stroke_folds_to_d_and_keeps_its_exact_form():
    assert word_form("Đường") == ("duong", "đường")
    assert word_form("dương") == ("duong", "dương")
    assert term_key("ĐƯỜNG") == term_key("đương") == "duong"
    assert term_key("ngành") == "nganh" != term_key("ngân")
    nfd = "đường".encode().decode()  # NFC input; an NFD one folds alike
    assert word_form(__import__("unicodedata").normalize("NFD", nfd)) == ("duong", "đường")


@pytest.mark.parametrize(
    ("word", "key"), [("covid", "covid"), ("UBND", "ubnd"), ("2021", "2021"), ("Giải", "giai")]
)
def test_term_keys(word, key):
    assert term_key(word) == key


def _terms(title="Văn bản", facts="", body=()):
    return document_terms(SearchDocument("x/", title, facts, tuple(body)))


@pytest.mark.parametrize(
    ("count", "length", "score"),
    [
        (1, 800, 1), (2, 800, 2), (4, 800, 3),  # a typical notice
        (1, 3200, 1), (3, 3200, 1), (10, 3200, 2), (20, 3200, 3),  # a long conclusion
        (1, 100, 2), (2, 100, 3),  # a short dispatch
    ],
)
def test_body_score_weighs_occurrences_against_length(count, length, score):
    assert body_score(count, length) == score


def test_body_score_grows_with_occurrences_and_shrinks_with_length():
    for length in (50, 400, 800, 2000, 5000):
        scores = [body_score(n, length) for n in range(1, 40)]
        assert scores == sorted(scores) and scores[-1] == 3
    for count in (1, 2, 5, 10):
        scores = [body_score(count, n) for n in range(count, 6000, 50)]
        assert scores == sorted(scores, reverse=True)


def test_body_terms_count_occurrences_and_keep_every_pair():
    body = "Giải ngân vốn đầu tư công. Giải ngân chậm; giải ngân nhanh, vốn lớn."  # 14 words
    terms = _terms(body=[body])
    assert terms["giai"] == (body_score(3, 14), ("giải",))
    assert terms["von"] == (body_score(2, 14), ("vốn",))
    assert terms["giai ngan"] == (body_score(3, 14), ())  # the pair occurs three times
    assert terms["von dau"] == (body_score(1, 14), ())  # once is enough for a pair
    across = _terms(body=["ngân, giải ngân, giải ngân"])
    assert "giai ngan" in across and "ngan giai" not in across  # pairs stay inside a clause


def test_title_and_facts_weigh_more_and_keep_every_pair():
    terms = _terms(title="Xây dựng nông thôn mới", facts="Thông báo 12/TB-UBND · Lào Cai",
                   body=["Nông thôn."])
    assert terms["thon"][0] == 7 + body_score(1, 2)
    assert terms["nong thon"][0] == 7 + body_score(1, 2)  # title pair, and once in the body
    assert terms["lao cai"] == (2, ())
    assert terms["lao"] == (2, ("lào",))


def test_forms_are_listed_in_order_of_appearance_and_scores_capped():
    terms = _terms(title=" ".join(["Đường"] * 40), body=["dương đương đường"])
    assert terms["duong"] == (255, ("đường", "dương", "đương"))


# --- documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "meeting", "expected"),
    [
        ("2021-10-11", None, "2021-10-11"),
        ("2021-09", None, "2021-09-01"),
        (None, "2021-05-04", "2021-05-04"),
        (None, None, ""),
        ("11/10/2021", None, ""),
    ],
)
def test_every_notice_gets_a_sort_key(date, meeting, expected):
    assert sort_date(make_record(date=date, meeting_date=meeting)) == expected


@pytest.mark.parametrize(
    ("value", "shown"), [("2021-10-11", "11/10/2021"), ("2021-09", "09/2021"), (None, "")]
)
def test_display_date(value, shown):
    assert display_date(value) == shown


def test_filters_hold_both_provinces_year_topic_agency_and_type():
    filters = notice_filters(make_record(), {"dau-tu-cong": "Đầu tư công, giải ngân"})
    assert filters == {
        "tinh": ("Bắc Kạn",),
        "tinh_nay": ("Thái Nguyên",),
        "nam": ("2021",),
        "chu_de": ("Đầu tư công, giải ngân",),
        "co_quan": ("Sở Tài chính",),
        "loai": ("Thông báo",),
    }


def test_plain_blocks_drop_markdown():
    body = "## THÔNG BÁO\n\n**Kết luận** của [Sở Y tế](../../co-quan/so-y-te/)\n\n- mục 1\\.\n"
    assert plain_blocks(body) == ("THÔNG BÁO", "Kết luận của Sở Y tế", "mục 1.")


def _plain_blocks_line_by_line(markdown: str) -> tuple[str, ...]:
    """plain_blocks as it was written first, a line at a time: the reference for the faster
    one, which drops the marks from all the lines at once."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or re.match(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$", line):
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)
        line = re.sub(r"\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*\)", r"\1", line)
        line = re.sub(r"(?<!\\)\*+", "", line)
        line = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line)
        current.append(html.unescape(line).strip())
    if current:
        blocks.append(" ".join(current))
    return tuple(b for b in blocks if b)


_MARKDOWN_BITS = ["#", "##", " ", "\n", "\n\n", "*", "**", "***", "-", "- ", "1.", "2)", "[", "]",
                  "(", ")", "\\", "\\*", "&amp;", "&#10;", "đường", "a", "\t", "\xa0", "\r\n",
                  "\u2028", "—", "+ ", "---", "* * *", "](x)", "[a](b)", "[a\\]b](c (d))"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_BITS), max_size=40).map("".join))
def test_plain_blocks_are_those_of_the_line_by_line_reference(markdown):
    assert plain_blocks(markdown) == _plain_blocks_line_by_line(markdown)


def _terms_word_by_word(doc: SearchDocument) -> dict:
    """document_terms as it was written first, a word at a time: the reference for the faster
    one, which counts the body with C-level loops."""
    scores: dict[str, int] = {}
    forms: dict[str, dict[str, None]] = {}

    def add(key: str, score: int) -> None:
        scores[key] = scores.get(key, 0) + score

    def form_of(word: str) -> str:
        key, form = word_form(word)
        forms.setdefault(key, {})[form] = None
        return key

    clause = r"[.,;:!?…()\[\]{}\"“”‘’/]+|\s[-–—]\s"
    for text, weight in ((doc.title, 7), (doc.facts, 2)):
        for part in re.split(clause, text):
            keys = [form_of(w) for w in re.findall(r"[^\W_]+", part)]
            for key in keys:
                add(key, weight)
            for first, second in pairwise(keys):
                add(f"{first} {second}", weight)
    tokens = re.findall(r"[^\W_]+|\x01", re.sub(clause, " \x01 ", "\x01".join(doc.blocks)))
    length = sum(1 for t in tokens if t != "\x01")
    counts: dict[str, int] = {}
    for token in tokens:
        if token != "\x01":
            key = form_of(token)
            counts[key] = counts.get(key, 0) + 1
    keys = [t if t == "\x01" else word_form(t)[0] for t in tokens]
    pairs: dict[str, int] = {}
    for first, second in pairwise(keys):
        if "\x01" not in (first, second):
            pairs[f"{first} {second}"] = pairs.get(f"{first} {second}", 0) + 1
    for key, n in (*counts.items(), *pairs.items()):
        add(key, body_score(n, length))
    return {key: (min(score, 255), tuple(forms.get(key, ()))) for key, score in scores.items()}


_TEXT_BITS = ["đường", "Đường", "dương", "duong", "giải", "ngân", "Giải", "nông", "thôn", "mới",
              " ", "  ", ", ", ". ", " - ", " – ", "-", "—", "/", "(", ")", "“", "”", "…", "_",
              "\x01", "2021", "UBND", "ﬁ", "İ", "\u0301", "a\u0300", "x"]
_texts = st.lists(st.sampled_from(_TEXT_BITS), max_size=60).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_texts, _texts, st.lists(_texts, max_size=4))
def test_document_terms_are_those_of_the_word_by_word_reference(title, facts, blocks):
    doc = SearchDocument("x/", title, facts, tuple(blocks))
    assert document_terms(doc) == _terms_word_by_word(doc)


# --- index files -------------------------------------------------------------------------


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def _string(data: bytes, at: int) -> tuple[str, int]:
    length, at = _varint(data, at)
    return data[at : at + length].decode(), at + length


def decode_bucket(data: bytes) -> dict[str, dict]:
    """The bucket format of thongbao.searchfiles, read independently of search.js."""
    count, at = _varint(data, 0)
    heads = []
    for _ in range(count):
        key, at = _string(data, at)
        df, at = _varint(data, at)
        nforms, at = _varint(data, at)
        forms = []
        for _ in range(nforms):
            form, at = _string(data, at)
            forms.append(form)
        length, at = _varint(data, at)
        heads.append((key, df, forms, length))
    terms = {}
    for key, df, forms, length in heads:
        ids, scores, masks, number, end = [], [], [], 0, at + length
        while at < end:
            value, at = _varint(data, at)
            number += value >> 3
            ids.append(number)
            if value & 3 == 3:
                scores.append(data[at])
                at += 1
            else:
                scores.append((value & 3) + 1)
            mask = 1
            if value & 4:
                mask, at = _varint(data, at)
            masks.append(mask)
        terms[key] = {"ids": ids, "scores": scores, "forms": forms, "masks": masks, "df": df}
        assert len(ids) == df
    assert at == len(data)
    return terms


def lookup(index, key: str) -> dict | None:
    return decode_bucket(index.files[f"t/{fnv1a(key) % index.buckets}.bin"]).get(key)


def _doc(url: str, date: str, title: str, body: str, **filters: tuple[str, ...]) -> SearchDocument:
    return SearchDocument(url, title, "", (body,), {"ngay": date}, filters, {"ngay": date})


DOCS = [
    _doc("b/", "2023-05-01", "Đường tỉnh", "dương tính", tinh=("Lào Cai",), nam=("2023",)),
    _doc("a/", "2021-01-01", "Giải ngân", "đường giao thông", tinh=("Bắc Kạn",),
         chu_de=("Giao thông", "Đầu tư công")),
    _doc("c/", "", "Không ngày", "đường", tinh=("Lào Cai",)),
]


def test_fnv1a_matches_the_reference_vectors():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_notices_are_numbered_oldest_first_undated_first():
    assert [DOCS[i].url for i in notice_order(DOCS)] == ["c/", "a/", "b/"]


def test_postings_hold_numbers_scores_and_forms():
    index = build_index(DOCS)
    duong = lookup(index, "duong")
    assert duong["ids"] == [0, 1, 2]
    assert duong["forms"] == ["đường", "dương"]  # commonest first
    assert duong["masks"] == [0b01, 0b01, 0b11]  # c/ đường; a/ đường; b/ Đường and dương
    assert duong["scores"] == [body_score(1, 1), body_score(1, 2), 7 + body_score(1, 2)]
    assert lookup(index, "giai") == {"ids": [1], "scores": [7], "forms": ["giải"], "masks": [1],
                                     "df": 1}
    assert lookup(index, "duong tinh")["forms"] == []
    assert lookup(index, "khongcotunay") is None


def test_forms_are_renumbered_commonest_first():
    docs = [_doc(f"{i}/", f"2020-01-{i + 1:02d}", "t", "dương" if i else "đường")
            for i in range(4)]  # đường seen first, dương in three notices
    entry = lookup(build_index(docs), "duong")
    assert entry["forms"] == ["dương", "đường"]
    assert entry["masks"] == [0b10, 0b01, 0b01, 0b01]


def test_forms_past_the_thirtieth_share_a_bit():
    vowels = "aáàảãạ"
    forms = [f"{a}{b}" for a in vowels for b in vowels]  # 36 forms of "aa"
    doc = SearchDocument("x/", "t", "", (" ".join(forms),))
    entry = lookup(build_index([doc]), "aa")
    assert len(entry["forms"]) == len(set(entry["forms"])) > MAX_FORM_BITS
    assert entry["masks"] == [(1 << (MAX_FORM_BITS + 1)) - 1]


def test_scores_past_three_and_big_gaps_round_trip():
    docs = [_doc(f"{i:05d}/", "2020-01-01", "Ủy ban" if i % 700 == 0 else "t",
                 "ủy " * (i % 12) if i % 350 == 0 else "x") for i in range(2800)]
    entry = lookup(build_index(docs), "uy")
    assert entry["ids"] == [0, 350, 700, 1050, 1400, 1750, 2100, 2450]
    # title 7 at 0, 700, 1400, 2100, and a body of "ủy" × (i % 12): over 3, a byte of their own
    expected = [(7 if i % 700 == 0 else 0) + (body_score(i % 12, i % 12) if i % 12 else 0)
                for i in entry["ids"]]
    assert entry["scores"] == expected and max(expected) > 3 and min(expected) <= 3


def test_rows_and_facets_follow_the_numbering():
    import json

    index = build_index(DOCS)
    rows = json.loads(index.files["d/0.json"])
    assert [r[0] for r in rows] == ["c/", "a/", "b/"]
    assert rows[1][1] == "Giải ngân"
    facets = json.loads(index.files["facets.json"])
    assert facets["tinh"] == {"values": ["Bắc Kạn", "Lào Cai"], "docs": [1, 0, 1]}
    assert facets["nam"] == {"values": ["2023"], "docs": [-1, -1, 0]}
    assert facets["chu_de"]["docs"] == [[], [1, 0], []]  # values sorted: Đầu tư công, Giao thông
    assert index.manifest() == {"version": index.version, "docs": 3, "buckets": index.buckets,
                                "docsPerFile": DOCS_PER_FILE}


def test_index_is_deterministic_and_versioned_by_content():
    first, second = build_index(DOCS), build_index(list(reversed(DOCS)))
    assert first.files == second.files and first.version == second.version
    changed = build_index([*DOCS[:2], _doc("c/", "", "Không ngày", "đường mới")])
    assert changed.version != first.version


def test_buckets_grow_with_the_postings():
    docs = [_doc(f"d{i}/", "2022-01-01", f"Văn bản {i}", f"từ{i} " * 3 + "chung")
            for i in range(3000)]
    index = build_index(docs)
    sizes = [len(v) for k, v in index.files.items() if k.startswith("t/")]
    assert index.buckets == len(sizes) > 1
    assert sum(sizes) / len(sizes) < 2 * BUCKET_BYTES
    assert lookup(index, "chung")["ids"] == list(range(3000))
    assert len([k for k in index.files if k.startswith("d/")]) == -(-3000 // DOCS_PER_FILE)


# --- the built site ------------------------------------------------------------------------

KNOWN = {
    "lao-cai/2023/tin-2023-03-15-giai-ngan.txt": (
        "Lào Cai đẩy nhanh giải ngân vốn đầu tư công năm 2023",
        "2023-03-15 09:10:00",
        "Ngày 14 tháng 3 năm 2023, UBND tỉnh Lào Cai họp về tiến độ giải ngân vốn đầu tư công. "
        "Chủ tịch UBND tỉnh Trịnh Xuân Trường chủ trì.\n\nTỷ lệ giải ngân vốn đầu tư công đạt "
        "thấp. Các chủ đầu tư phải đẩy nhanh giải ngân, Sở Tài chính theo dõi giải ngân hằng tuần.",
    ),
    "bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt": (
        "Bắc Kạn làm đường giao thông nông thôn mới",
        "2022-06-20 08:00:00",
        "UBND tỉnh Bắc Kạn chỉ đạo làm đường giao thông đến các xã xây dựng nông thôn mới. "
        "Đường liên xã được mở rộng.\n\nCác huyện hoàn thành đường giao thông và tiêu chí "
        "nông thôn mới trong năm 2022; đường nội đồng được bê tông hóa.",
    ),
    "cao-bang/2024/tin-2024-01-05-duong-tinh.txt": (
        "Cao Bằng theo dõi các ca dương tính",
        "2024-01-05 10:00:00",
        "UBND tỉnh Cao Bằng yêu cầu theo dõi các ca dương tính mới phát hiện dịp Tết Dương lịch. "
        "Số ca dương tính giảm.\n\nNgành y tế xét nghiệm cho người về quê; các ca dương tính "
        "được cách ly.",
    ),
    "yen-bai/2022/tin-2022-05-01-khanh-thanh.txt": (
        "Yên Bái khánh thành trường học vùng cao",
        "2022-05-01 08:00:00",
        "Xã Púng Luông khánh thành trường mầm non mới cho trẻ em người Mông.",
    ),
    "yen-bai/2022/tin-2022-05-20-hop-thuong-ky.txt": (
        "Yên Bái họp thường kỳ tháng 5",
        "2022-05-20 08:00:00",
        " ".join(["Các sở, ngành theo dõi tiến độ và báo cáo kết quả thực hiện nhiệm vụ."] * 60)
        + " Sở Giáo dục rà soát trường mầm non; xây thêm lớp mầm non; tuyển giáo viên mầm non.",
    ),
    "ha-giang/2022/tin-2022-11-02-the-html.txt": (
        'Hà Giang <img src=x onerror="window.pwned=1"> nghiệm thu cầu treo',
        "2022-11-02 08:00:00",
        "UBND tỉnh Hà Giang nghiệm thu cầu treo <script>window.pwned=2</script> ở xã vùng cao; "
        "cầu treo mới thay cầu cũ.\n\nNghiệm thu cầu treo xong trong tháng 11.",
    ),
    "thai-nguyen/2022/tin-2022-09-01-san-xuat.txt": (
        "Thái Nguyên hỗ trợ sản xuất vụ mùa",
        "2022-09-01 07:30:00",
        "UBND tỉnh Thái Nguyên hỗ trợ sản xuất nông nghiệp cho các thôn, bản; giống lúa mới "
        "được đưa vào vùng cao.\n\nCác hộ ở thôn xa được cấp giống mới; sản xuất nông nghiệp "
        "tăng trưởng khá.",
    ),
}
TITLE = {key: value[0] for key, value in KNOWN.items()}


SEARCH_OPTIONS = {"cache_dir": "cache/search"}


def _site_config(tmp: Path) -> Path:
    (tmp / "mkdocs.yml").write_text(
        "site_name: Thông báo\n"
        "docs_dir: content/pages\n"
        "site_dir: site\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        f"  custom_dir: {ROOT / 'overrides'}\n"
        "plugins:\n  - thongbao:\n      cache_dir: cache/thongbao\n  - thongbao-search\n",
        encoding="utf-8",
    )
    return tmp / "mkdocs.yml"


def _fixture_content(tmp: Path) -> None:
    content = tmp / "content"
    shutil.copytree(ROOT / "content" / "reference", content / "reference")
    shutil.copytree(ROOT / "content" / "notices", content / "notices")
    for rel, (title, stamp, body) in KNOWN.items():
        path = content / "notices" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{title}\n\n{stamp}\n\n{body}\n", encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "index.md").write_text("# Trang chủ\n\nKho văn bản.\n", "utf-8")


def build_site(tmp: Path, options: dict | None = None) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _fixture_content(tmp)
    config = load_config(str(_site_config(tmp)))
    config.plugins["thongbao-search"].config.update(options or SEARCH_OPTIONS)
    build(config)
    return tmp / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("search-site"))


def _config(site: Path) -> dict:
    import json

    text = (site / "assets" / "search" / "config.js").read_text("utf-8")
    return json.loads(re.fullmatch(r"window\.thongbaoSearch = (.*);\n", text)[1])


def test_index_files_in_a_folder_named_by_their_version(site):
    config = _config(site)
    folder = site / "search-index" / config["version"]
    assert [p.name for p in (site / "search-index").iterdir()] == [config["version"]]
    assert (folder / "facets.json").is_file()
    assert len(list((folder / "t").iterdir())) == config["buckets"]
    assert config["docs"] == len(list((site / "van-ban").rglob("index.html")))
    assert (site / "tim-kiem" / "index.html").is_file()


def test_a_second_build_without_the_cache_gives_identical_files(site, tmp_path):
    again = build_site(tmp_path, {"cache_dir": ""})
    files = sorted(p.relative_to(site) for p in (site / "search-index").rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(again) for p in (again / "search-index").rglob("*") if p.is_file())
    assert [f for f in files if (site / f).read_bytes() != (again / f).read_bytes()] == []
    config = Path("assets/search/config.js")
    assert (site / config).read_bytes() == (again / config).read_bytes()


def test_an_unchanged_archive_comes_from_the_cache(site):
    from thongbao.pipeline import build_pages
    from thongbao.reference import load_reference
    from thongbao.searchcache import load_or_build

    content = site.parent / "content"
    pages = build_pages(content).pages
    topics = {s: t.name for s, t in load_reference(content / "reference").topics.items()}
    notices = [(p.url, p) for p in pages]
    cache = site.parent / "cache" / "unit"
    built, cached = load_or_build(notices, topics, cache)
    again, cached_again = load_or_build(notices, topics, cache)
    assert (cached, cached_again) == (False, True)
    assert again == built
    fewer, cached_fewer = load_or_build(notices[1:], topics, cache)
    assert not cached_fewer and fewer.docs == built.docs - 1


def test_the_cache_key_stands_for_record_and_body_when_the_build_step_gives_one(site):
    from dataclasses import replace

    from thongbao.pipeline import build_pages
    from thongbao.searchcache import inputs_digest, load_or_build

    result = build_pages(site.parent / "content")
    notices = [(p.url, p) for p in result.pages]
    keys = dict(result.keys)
    assert {p.src for p in result.pages} <= set(keys)
    url, first = notices[0]
    edited = [(url, replace(first, body=first.body + " thêm")), *notices[1:]]
    # With keys the digest reads no body: the key is what the body was made from…
    assert inputs_digest(edited, {}, keys) == inputs_digest(notices, {}, keys)
    # …without, the body itself counts.
    assert inputs_digest(edited, {}) != inputs_digest(notices, {})
    cache = site.parent / "cache" / "keys"
    assert load_or_build(notices, {}, cache, keys=keys)[1] is False
    assert load_or_build(notices, {}, cache, keys=keys)[1] is True
    changed = {**keys, first.src: "another extraction"}
    assert load_or_build(notices, {}, cache, keys=changed)[1] is False


# --- in the browser ------------------------------------------------------------------------


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def search_page(page, server, query_string):
    page.goto(f"{server}tim-kiem/?{query_string}")
    page.wait_for_selector("#tb-search-page[data-state=done], #tb-search-page[data-state=idle]")
    return page


def titles(page):
    return page.locator("#tb-search-page .tb-result__title").all_inner_texts()


def status(page):
    return page.locator("#tb-search-page .tb-search__status").inner_text()




@pytest.mark.browser
def test_unaccented_query_finds_accented_text(page, server):
    search_page(page, server, "q=giai+ngan")
    assert TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"] in titles(page)
    search_page(page, server, "q=nong+thon+moi")
    assert titles(page)[0] == TITLE["bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt"]


@pytest.mark.browser
def test_d_stroke_and_exact_accents_first(page, server):
    road = TITLE["bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt"]
    positive = TITLE["cao-bang/2024/tin-2024-01-05-duong-tinh.txt"]
    search_page(page, server, "q=duong")
    found = titles(page)
    assert road in found and positive in found
    search_page(page, server, "q=đường")
    found = titles(page)
    assert found.index(road) < found.index(positive)
    search_page(page, server, "q=dương")
    found = titles(page)
    assert found.index(positive) < found.index(road)


@pytest.mark.browser
def test_a_short_notice_naming_a_word_once_ranks_above_a_long_one_naming_it_thrice(page, server):
    search_page(page, server, "q=mam+non")
    found = titles(page)
    short = TITLE["yen-bai/2022/tin-2022-05-01-khanh-thanh.txt"]
    long = TITLE["yen-bai/2022/tin-2022-05-20-hop-thuong-ky.txt"]
    assert found.index(short) < found.index(long)


@pytest.mark.browser
def test_quoted_phrase_requires_the_words_together(page, server):
    scattered = TITLE["thai-nguyen/2022/tin-2022-09-01-san-xuat.txt"]
    search_page(page, server, "q=nong+thon+moi")
    assert scattered in titles(page)
    search_page(page, server, "q=%22nong+thon+moi%22")
    found = titles(page)
    assert TITLE["bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt"] in found
    assert scattered not in found
    search_page(page, server, "q=%22tet+duong+lich%22")  # met once, in a body
    assert TITLE["cao-bang/2024/tin-2024-01-05-duong-tinh.txt"] in titles(page)


@pytest.mark.browser
def test_snippet_from_the_notice_with_matches_marked(page, server):
    search_page(page, server, "q=giai+ngan")
    first = page.locator("#tb-search-page .tb-result").first
    first.locator(".tb-result__excerpt mark").first.wait_for()
    marked = first.locator(".tb-result__excerpt mark").all_inner_texts()
    assert any(m.lower().startswith(("giải", "ngân")) for m in marked)


@pytest.mark.browser
def test_facets_combine_and_go_into_the_url(page, server):
    search_page(page, server, "q=giai+ngan")
    page.check("input[data-facet=tinh][value='Lào Cai']")
    page.wait_for_selector("#tb-search-page[data-state=done]")
    page.check("input[data-facet=nam][value='2023']")
    page.wait_for_function("location.search.includes('nam=2023')")
    page.wait_for_selector("#tb-search-page[data-state=done]")
    assert titles(page) == [TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"]]
    params = parse_qs(urlparse(page.url).query)
    assert params == {"q": ["giai ngan"], "tinh": ["lao-cai"], "nam": ["2023"]}
    count = page.locator("label:has(input[data-facet=tinh][value='Lào Cai']) .tb-facet__count")
    assert int(count.inner_text()) >= 1


@pytest.mark.browser
def test_sort_newest_first(page, server):
    search_page(page, server, "q=ubnd")
    page.select_option(".tb-search__sort-select", "moi-nhat")
    page.wait_for_function("location.search.includes('sap-xep=moi-nhat')")
    page.wait_for_selector("#tb-search-page[data-state=done]")
    metas = page.locator("#tb-search-page .tb-result__meta").all_inner_texts()
    dates = [_iso(m) for m in metas]
    known = [d for d in dates if d]
    assert len(known) >= 5
    assert known == sorted(known, reverse=True)


def _iso(meta: str) -> str:
    if m := re.search(r"\b(\d{2})/(\d{2})/(\d{4})\b", meta):
        return f"{m[3]}-{m[2]}-{m[1]}"
    if m := re.search(r"\b(\d{2})/(\d{4})\b", meta):
        return f"{m[2]}-{m[1]}-01"
    return ""


@pytest.mark.browser
def test_no_results_says_so_in_vietnamese(page, server):
    search_page(page, server, "q=khongcotunay")
    assert status(page) == "Không tìm thấy kết quả nào cho “khongcotunay”"
    assert titles(page) == []
    search_page(page, server, "q=%3F%21+%E2%80%A6")  # no word at all: not every notice
    assert status(page) == "Không tìm thấy kết quả nào cho “?! …”"
    assert titles(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("query", ["laocaixyz", "theodoixyz"])
def test_a_word_found_nowhere_does_not_match_metadata(page, server, query):
    # A regression test from the Pagefind days: a query word no indexed word began with fell
    # back to the longest indexed word it began with ("laocaixyz" → "lao", notices titled
    # "Lào Cai …"). Terms are now looked up whole.
    search_page(page, server, f"q={query}")
    assert status(page) == f"Không tìm thấy kết quả nào cho “{query}”"
    assert titles(page) == []


@pytest.mark.browser
def test_a_shared_url_restores_query_filters_and_sort(page, server):
    search_page(page, server, "q=nong+thon&tinh=bac-kan&sap-xep=moi-nhat")
    assert page.input_value(".tb-search__input") == "nong thon"
    assert page.input_value(".tb-search__sort-select") == "moi-nhat"
    assert page.is_checked("input[data-facet=tinh][value='Bắc Kạn']")
    metas = page.locator("#tb-search-page .tb-result__meta").all_inner_texts()
    assert metas and all(m.startswith("Bắc Kạn") for m in metas)


@pytest.mark.browser
def test_header_box_shortcut_results_and_enter(page, server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("giai ngan")
    page.wait_for_selector(".tb-search[data-state=done]")
    found = page.locator(".tb-search .tb-result__title").all_inner_texts()
    assert TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"] in found
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=giai+ngan")
    assert all(url.startswith(server) for url in requests), "nothing from another host"


@pytest.mark.browser
def test_header_box_loads_only_what_the_query_needs(page, server, site):
    """Focus loads nothing; a query loads one bucket per word and per pair, and the rows of
    the results shown: never the whole index."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server)
    index = lambda: [u for u in requests if "/search-index/" in u]  # noqa: E731
    page.focus(".tb-search .md-search__input")
    page.wait_for_load_state("networkidle")
    assert index() == []
    page.keyboard.type("dương tính")
    page.wait_for_selector(".tb-search[data-state=done]")
    box = page.locator(".tb-search")
    assert box.locator(".tb-result__title").all_inner_texts()[0] == (
        TITLE["cao-bang/2024/tin-2024-01-05-duong-tinh.txt"])
    config = _config(site)
    buckets = {u.rsplit("/", 1)[1] for u in index() if "/t/" in u}
    needed = {f"{fnv1a(k) % config['buckets']}.bin" for k in ("duong", "tinh", "duong tinh")}
    assert buckets == needed  # not the buckets of "d", "dư", "dươ" … while typing
    assert not any(u.endswith("facets.json") for u in index())


@pytest.mark.browser
def test_markup_in_a_notice_is_shown_as_text_never_run(page, server):
    search_page(page, server, "q=cau+treo")
    title = TITLE["ha-giang/2022/tin-2022-11-02-the-html.txt"]
    assert title in titles(page)
    result = page.locator("#tb-search-page .tb-result", has_text="nghiệm thu cầu treo").first
    result.locator(".tb-result__excerpt mark").first.wait_for()
    assert result.locator("img, script").count() == 0
    page.fill(".tb-search .md-search__input", "cau treo")
    page.wait_for_selector(".tb-search[data-state=done]")
    assert page.locator(".tb-search .tb-result img, .tb-search .tb-result script").count() == 0
    assert page.evaluate("window.pwned") is None


@pytest.mark.browser
def test_a_word_found_nowhere_empties_a_query_with_real_words(page, server):
    search_page(page, server, "q=giai+ngan+khongcotunay")
    assert status(page) == "Không tìm thấy kết quả nào cho “giai ngan khongcotunay”"
    assert titles(page) == []
    counts = page.locator("#tb-search-page .tb-facet__count").all_inner_texts()
    assert counts == []


@pytest.mark.browser
def test_filters_alone_list_notices_newest_first(page, server):
    search_page(page, server, "tinh=lao-cai")
    metas = page.locator("#tb-search-page .tb-result__meta").all_inner_texts()
    assert metas and all(m.startswith("Lào Cai") for m in metas)
    known = [d for d in map(_iso, metas) if d]
    assert known == sorted(known, reverse=True)


@pytest.mark.browser
def test_mobile_header_opens_the_search(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    tab = context.new_page()
    tab.goto(server)
    button = tab.locator("label.tb-search__button")
    assert button.is_visible()
    inner = tab.locator(".tb-search .md-search__inner")
    assert inner.bounding_box()["width"] == 0  # folded away behind the header button
    button.click()
    tab.wait_for_function("document.querySelector('.tb-search .md-search__inner')"
                          ".getBoundingClientRect().width === 390")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.keyboard.type("dương")
    tab.wait_for_selector(".tb-search[data-state=done]", state="attached")
    assert tab.locator(".tb-search .tb-result").first.is_visible()
    context.close()


@pytest.mark.browser
def test_browser_terms_equal_the_indexer_terms(page, server):
    import unicodedata

    page.goto(server)
    words = ["Đường", "dương", "ĐẦU", "tư", "Nguyễn", "Hòa", "hoà", "covid", "2021", "Ủy",
             unicodedata.normalize("NFD", "Quyết"), "İstanbul", "ǅ", "ﬁ"]
    content = ROOT / "content" / "notices"
    for path in sorted(content.rglob("*.txt"))[:3]:
        words += re.findall(r"[^\W_]+", path.read_text("utf-8"))[:300]
    forms = page.evaluate("(ws) => ws.map(window.thongbaoSearchTerms.wordForm)", words)
    assert [tuple(f) for f in forms] == [word_form(w) for w in words]
    keys = [*sorted({word_form(w)[0] for w in words}), "giai ngan", "nong thon"]
    hashes = page.evaluate("(ks) => ks.map(window.thongbaoSearchTerms.fnv1a)", keys)
    assert hashes == [fnv1a(k) for k in keys]
