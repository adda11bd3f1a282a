"""Where a text came from: portals.yml's examples, dates in addresses, a saved page's address."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from thongbao.sources import load_portals, page_address, url_date, url_evidence

PORTALS_YML = Path(__file__).resolve().parents[1] / "content/reference/portals.yml"
DATA = yaml.safe_load(PORTALS_YML.read_text(encoding="utf-8"))
PORTALS = load_portals(PORTALS_YML)


def _province_examples() -> list[tuple[str, str]]:
    out = [(url, e["province"]) for e in DATA["provinces"] for url in e["examples"]]
    out += [(e["url"], e["province"]) for e in DATA["department_prefixes"]["examples"]]
    return out


@pytest.mark.parametrize(("url", "province"), _province_examples())
def test_every_example_names_its_province(url, province):
    assert url_evidence(url, PORTALS).province_id == province


@pytest.mark.parametrize("url", DATA["national"]["examples"])
def test_national_outlets_name_no_province(url):
    evidence = url_evidence(url, PORTALS)
    assert evidence.province_id is None and evidence.national


def test_every_unit_has_a_portal_and_ids_exist(ref):
    listed = [e["province"] for e in DATA["provinces"]]
    assert sorted(listed) == sorted(ref.provinces)
    for entry in DATA["provinces"]:
        assert entry["examples"], entry["province"]


@pytest.mark.parametrize(
    ("url", "province", "date"),
    [
        ("https://backan.gov.vn/Pages/tin-tuc/202109/ket-luan-phien-hop.aspx", "bac-kan",
         "2021-09"),
        ("https://baolaocai.vn/ubnd-tinh-hop-phien-thuong-ky-20240315093011123.htm", "lao-cai",
         "2024-03-15"),
        ("https://baothainguyen.vn/chinh-tri/2022/04/14/ubnd-tinh-hop.html", "thai-nguyen",
         "2022-04-14"),
        ("https://sokhdt.caobang.gov.vn/tin-tuc/2021/9/7/giai-ngan", "cao-bang", "2021-09-07"),
        ("http://www.baoquangninh.com.vn/chinh-tri/201905/ubnd-tinh-hop.html", "quang-ninh",
         "2019-05"),
        # An article id is not a date; a portal of no province gives none.
        ("https://daihoidang.baoquangninh.vn/ubnd-tinh-hop-thuong-ky-3242719.html", "quang-ninh",
         None),
        ("https://example.org/tin/2022/13/40/x", None, None),
        ("https://baochinhphu.vn/thu-tuong-chi-dao-102220414093011.htm", None, None),
        ("https://baochinhphu.vn/thu-tuong-chi-dao-102220414093011123.htm", None, "2022-04-14"),
        ("not a url", None, None),
        ("", None, None),
    ],
)
def test_address_evidence(url, province, date):
    evidence = url_evidence(url, PORTALS)
    assert (evidence.province_id, evidence.date) == (province, date)


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("/tin-tuc/202109/", "2021-09"),
        ("/x-20240315093011123.htm", "2024-03-15"),
        ("/x-20240315093011.htm", "2024-03-15"),
        ("/hai-phong-ban-hanh-ke-hoach-102260115093011123.htm", "2026-01-15"),
        ("/2022/04/14/x", "2022-04-14"),
        ("/2022/4/1/x", "2022-04-01"),
        ("/2021/09/x", "2021-09"),
        ("/x-20241315093011123.htm", None),  # month 13
        ("/x-2022041409.htm", None),  # ten digits: an id, not a timestamp
        ("/trang-784.html", None),
    ],
)
def test_url_date(path, date):
    assert url_date(path) == date


@pytest.mark.parametrize(
    ("html", "url", "title"),
    [
        ('<html><head><link rel="canonical" href="https://backan.gov.vn/a/202109/b.aspx">'
         "<title>UBND tỉnh họp phiên thường kỳ &amp; giao ban</title></head><body>x</body>",
         "https://backan.gov.vn/a/202109/b.aspx", "UBND tỉnh họp phiên thường kỳ & giao ban"),
        ("<head><meta property='og:url' content='https://baolaocai.vn/x-20240315093011123.htm'>"
         "<meta property='og:title' content='Tiêu đề'></head>",
         "https://baolaocai.vn/x-20240315093011123.htm", "Tiêu đề"),
        ('<head><link rel="canonical" href="javascript:alert(1)"></head>', None, None),
        ("<p>no head at all</p>", None, None),
    ],
)
def test_page_address(html, url, title):
    assert page_address(html) == (url, title)
