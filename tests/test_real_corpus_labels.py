"""The label file of tests/corpus/real/ checked on its own: files, keys, dates, vocabularies.

These tests check the hand labels and the texts they describe, not the extractor: a label that
names a missing file, an unknown key, a date that does not parse, an agency outside the
vocabulary or a sidecar without an address is a broken label, whatever the extractor does.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL = Path(__file__).parent / "corpus" / "real"
REFERENCE = ROOT / "content" / "reference"
LABELS: list[dict] = yaml.safe_load((REAL / "expected.yaml").read_text(encoding="utf-8"))
README = (REAL / "README.md").read_text(encoding="utf-8")

MIN_TEXTS = 45
MIN_PAGES = 8
TEXT_SUFFIXES = {".txt", ".html", ".md"}
MERGER = dt.date(2025, 7, 1)

KEYS = {
    "file",
    "source_url",
    "shape",
    "kind",
    "doc_type",
    "doc_number",
    "doc_symbol",
    "title",
    "province",
    "province_now",
    "province_code",
    "date",
    "text_date",
    "meeting_date",
    "chair",
    "chair_role",
    "signer",
    "signer_capacity",
    "author",
    "policies",
    "programs",
    "agencies",
    "deadlines",
    "deadline_agencies",
    "deadline_tasks",
    "topics_include",
}
REQUIRED = {
    "file",
    "shape",
    "kind",
    "doc_type",
    "doc_number",
    "title",
    "province",
    "province_now",
    "province_code",
    "date",
    "meeting_date",
    "chair",
    "chair_role",
    "signer",
    "policies",
    "agencies",
    "deadlines",
    "topics_include",
}
KINDS = {"notice", "official_letter", "decision", "directive", "plan", "report", "news"}
DOC_TYPES = {
    "Thông báo",
    "Công văn",
    "Công điện",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Báo cáo",
    "Tin bài",
}
CHAIR_ROLES = {"Chủ tịch", "Phó Chủ tịch", "Quyền Chủ tịch"}
POLICY_KEYS = {"symbol", "year", "issuer", "local"}
NATIONAL_ISSUERS = {
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Bộ Chính trị",
    "Ban Chấp hành Trung ương",
    "Ban Bí thư",
}
LOCAL_ISSUER = re.compile(
    r"^(UBND|HĐND) (tỉnh|thành phố) .+|^(Ban Thường vụ )?Tỉnh ủy .+|^(Ban Thường vụ )?Thành ủy .+"
    r"|^Sở .+ (tỉnh|thành phố) .+|^Văn phòng UBND (tỉnh|thành phố) .+"
)
COMMITTEE = re.compile(r"^UBND (huyện|thị xã|thành phố|quận|đặc khu|xã|phường) \S.*$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


def _load(name: str) -> list[dict]:
    return yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))


UNITS = _load("provinces.yml")
PROVINCE_IDS = {p["id"]: p for p in UNITS}
# A label names a unit by its name on the text's date: "Thừa Thiên Huế" in 2021, "Huế" later.
PROVINCES = {p["name"]: p for p in UNITS} | {
    former["name"]: p for p in UNITS for former in p["former_names"]
}
AGENCIES = {a["name"] for a in _load("agencies.yml")}
TOPICS = {t["slug"] for t in _load("topics.yml")}
IDS = [label["file"] for label in LABELS]


def _day_or_month(value: object) -> dt.date | str:
    """A label date: a datetime.date, or a 'YYYY-MM' string for a month."""
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, str) and MONTH.match(value), f"not a date or YYYY-MM: {value!r}"
    dt.date(int(value[:4]), int(value[5:]), 1)  # raises on a month 13
    return value


def _sidecar(label: dict) -> Path:
    return (REAL / label["file"]).with_suffix(".yml")


class _PageAddress(HTMLParser):
    """Collects <link rel=canonical href> and <meta property=og:url content> of a saved page."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical" and a.get("href"):
            self.addresses.append(a["href"])
        if tag == "meta" and a.get("property") == "og:url" and a.get("content"):
            self.addresses.append(a["content"])


def test_enough_texts_and_every_text_is_labelled():
    texts = sorted(
        p.name for p in REAL.iterdir() if p.suffix in TEXT_SUFFIXES and p.name != "README.md"
    )
    assert len(texts) >= MIN_TEXTS
    assert sorted(IDS) == texts, "every text has exactly one label and every label a text"
    assert len(set(IDS)) == len(IDS)


def test_every_sidecar_belongs_to_a_text():
    stems = {Path(name).stem for name in IDS}
    orphans = [p.name for p in REAL.glob("*.yml") if p.stem not in stems]
    assert orphans == []


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_text_is_utf8_nfc_and_sized(label):
    raw = (REAL / label["file"]).read_bytes()
    text = raw.decode("utf-8")  # raises on bad bytes
    assert not text.startswith("\ufeff")
    assert unicodedata.normalize("NFC", text) == text
    assert 800 <= len(raw) <= 5 * 1024, f"{len(raw)} bytes"
    assert re.match(r"^\d{2}_[a-z0-9-]+\.(txt|html|md)$", label["file"])


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_keys_are_known_and_values_typed(label):
    assert set(label) <= KEYS, set(label) - KEYS
    assert set(label) >= REQUIRED, REQUIRED - set(label)
    assert label["kind"] in KINDS
    assert label["doc_type"] in DOC_TYPES
    if label["kind"] == "news":
        assert label["signer"] is None and label.get("signer_capacity") is None
    if label["doc_type"] == "Tin bài":
        assert label["kind"] == "news" and label["doc_number"] is None
    assert label["chair_role"] in CHAIR_ROLES | {None}
    assert (label["chair"] is None) == (label["chair_role"] is None)
    for key in ("title", "chair", "signer", "doc_number", "author"):
        value = label.get(key)
        assert value is None or (isinstance(value, str) and value.strip() == value and value)
    assert isinstance(label["shape"], list) and label["shape"]
    assert set(label["topics_include"]) <= TOPICS


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_dates_parse_and_deadlines_are_after_the_issue_date(label):
    for key in ("date", "meeting_date", "text_date"):
        if label.get(key) is not None:
            _day_or_month(label[key])
    issued = label["date"]
    for deadline in label["deadlines"]:
        value = _day_or_month(deadline)
        if isinstance(value, dt.date) and isinstance(issued, dt.date):
            assert value >= issued, f"deadline {value} before the issue date {issued}"
    if isinstance(issued, dt.date) and isinstance(label["meeting_date"], dt.date):
        assert label["meeting_date"] <= issued


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_deadline_agencies_are_labelled_agencies(label):
    mapping = label.get("deadline_agencies") or {}
    deadlines = {str(d) for d in label["deadlines"]}
    assert set(mapping) <= deadlines, "a deadline_agencies key that is not a deadline"
    for date, agency in mapping.items():
        _day_or_month(dt.date.fromisoformat(date) if len(date) == 10 else date)
        for name in agency if isinstance(agency, list) else [agency]:
            assert name is None or name in label["agencies"], f"{date}: {name} not in agencies"
    tasks = label.get("deadline_tasks") or {}
    assert set(tasks) <= deadlines


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_agencies_are_in_the_vocabulary(label):
    unknown = [a for a in label["agencies"] if a not in AGENCIES and not COMMITTEE.match(a)]
    assert unknown == []
    assert len(set(label["agencies"])) == len(label["agencies"])


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_policies_are_well_formed(label):
    symbols = [p["symbol"] for p in label["policies"]]
    assert len(set(symbols)) == len(symbols)
    for policy in label["policies"]:
        assert set(policy) <= POLICY_KEYS and {"symbol", "issuer"} <= set(policy)
        assert re.match(r"^\d+[a-z]?(/\d{4})?[/-][A-ZĐ][A-ZĐa-z0-9&/-]*$", policy["symbol"]), policy
        if "year" in policy:
            assert 1990 <= policy["year"] <= 2026
            slot = re.match(r"^\d+/(\d{4})/", policy["symbol"])
            assert not slot or int(slot.group(1)) == policy["year"]
        if policy.get("local"):
            assert LOCAL_ISSUER.match(policy["issuer"]), policy
        else:
            assert policy["issuer"] in NATIONAL_ISSUERS, policy
        assert policy["symbol"] != label["doc_number"], "a document does not cite itself"


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_province_fields_agree_with_the_reference(label):
    name = label["province"]
    if name is None:
        assert label["province_now"] is None and label["province_code"] is None
        return
    unit = PROVINCES[name]
    successor = PROVINCE_IDS[unit["successor"]]["name"] if unit["successor"] else unit["name"]
    assert label["province_now"] == successor
    issued = label["date"]
    if isinstance(issued, str):
        issued = dt.date(int(issued[:4]), int(issued[5:]), 1)
    after = issued is not None and issued >= MERGER
    assert not (after and unit["until"]), f"{name} no longer exists on {issued}"
    assert label["province_code"] == (unit["code_now"] if after else unit["code"])


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_sidecar_and_source_url(label):
    sidecar = _sidecar(label)
    url = label.get("source_url")
    if sidecar.exists():
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and set(data) == {"source_url"}
        assert re.match(r"^https?://[a-z0-9.-]+\.[a-z]{2,}/", data["source_url"])
        assert url == data["source_url"]
    elif label["file"].endswith(".html"):
        parser = _PageAddress()
        parser.feed((REAL / label["file"]).read_text(encoding="utf-8"))
        assert parser.addresses, "a saved page carries its address"
        assert url in parser.addresses
    else:
        assert url is None, "a source_url label needs a sidecar or a saved page's address"


def test_html_pages_look_saved():
    pages = [label["file"] for label in LABELS if label["file"].endswith(".html")]
    assert len(pages) >= MIN_PAGES
    for name in pages:
        text = (REAL / name).read_text(encoding="utf-8")
        assert "<title>" in text and "<script" in text and "&" in text


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_readme_describes_each_text_and_shape(label):
    assert label["file"] in README
    missing = [tag for tag in label["shape"] if f"`{tag}`" not in README]
    assert missing == []


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_labelled_strings_occur_in_the_text(label):
    # Names, numbers, titles and symbols are copied from the text, so a typo in a label shows up
    # here. Case is folded (bylines in capitals) and entities decoded (saved pages).
    text = html.unescape((REAL / label["file"]).read_text(encoding="utf-8")).casefold()
    strings = [label.get(key) for key in ("title", "doc_number", "chair", "signer", "author")]
    strings += [policy["symbol"] for policy in label["policies"]]
    missing = [s for s in strings if s and s.casefold() not in text]
    assert missing == []
