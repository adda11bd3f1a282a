"""Building the site: bad notices, editor corrections, untrusted text, the cache, long lists
split into sub-pages, and byte-identical output. Small projects, a few real builds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from htmlquery import document, hrefs, one_by_class, text
from lxml.html import HtmlElement
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitebuild import (
    SEEDS,
    SiteHtml,
    broken_links,
    build_site,
    build_with_config,
    make_project,
    site_pages,
)
from thongbao_mkdocs.state import get_state

LAO_CAI = SEEDS[3]
LAO_CAI_URL = "van-ban/lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9/"
HOSTILE = """UBND THÀNH PHỐ HÀ NỘI

Số: 12/TB-UBND

Hà Nội, ngày 14 tháng 3 năm 2022

THÔNG BÁO

Kết luận của Chủ tịch UBND thành phố <script>alert("x")</script> về
[giải ngân](javascript:alert(1)) | "đầu tư"

Ngày 10/3/2022, Chủ tịch UBND thành phố Chu Ngọc Anh chủ trì phiên họp.

1. Giao Sở Kế hoạch và Đầu tư chủ trì thực hiện Nghị quyết số 68/NQ-CP ngày 01/7/2021 của
Chính phủ, báo cáo trước ngày 30/3/2022. <img src=x onerror=alert(2)>

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG

Nguyễn Văn A
"""
HTML_NOTICE = """<html><head><script>alert(3)</script></head><body>
<p>UBND THÀNH PHỐ HÀ NỘI</p><p>Số: 15/TB-UBND</p>
<p>Hà Nội, ngày 20 tháng 4 năm 2022</p>
<h2>THÔNG BÁO</h2>
<p><strong>Kết luận của Chủ tịch UBND thành phố tại phiên họp tháng 4 năm 2022</strong></p>
<p>Ngày 18/4/2022, Chủ tịch UBND thành phố Chu Ngọc Anh chủ trì phiên họp.</p>
<p>Giao Sở Tài chính báo cáo trước ngày 30/4/2022.</p>
<p>TL. CHỦ TỊCH<br>CHÁNH VĂN PHÒNG</p><p>Nguyễn Văn B</p>
</body></html>
"""
SIDECAR = """date: 2021-09-14
chair: Trịnh Xuân Trường
source_url: https://www.laocai.gov.vn/van-ban/tb-ket-luan-thang-9-2021
"""


# -- a project with problems: bad files, a corrected notice, hostile text --------------------------


@pytest.fixture(scope="module")
def troubled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(
        tmp_path_factory.mktemp("troubled"),
        [LAO_CAI],
        extra={
            "content/notices/lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.yml":
                SIDECAR,
            "content/notices/ha-noi/2022/scan.pdf":
                (Path(__file__).parent / "data" / "formats" / "scan.pdf").read_bytes(),
            "content/notices/ha-noi/2022/tb-12-2022.txt": HOSTILE,
            "content/notices/ha-noi/2022/tb-15-2022.html": HTML_NOTICE,
        },
        pages=site_pages(),
    )


@pytest.fixture(scope="module")
def troubled_site(troubled: Path) -> SiteHtml:
    return SiteHtml(build_site(troubled, strict=False))


def test_bad_notice_is_one_warning_and_fails_strict(
    troubled: Path, troubled_site: SiteHtml, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mkdocs")
    with pytest.raises(Abort):
        build_site(troubled, strict=True, site_dir=troubled / "site-strict")
    problems = [r.getMessage() for r in caplog.records if "scan.pdf" in r.getMessage()]
    assert len(problems) == 1
    assert "notices/ha-noi/2022/scan.pdf: no text layer (scanned PDF): OCR needed" in problems[0]
    assert "thongbao" in problems[0]  # attributed to the plugin


def test_other_notices_still_build(troubled_site: SiteHtml) -> None:
    assert troubled_site.exists(LAO_CAI_URL)
    assert troubled_site.exists("van-ban/ha-noi/2022/tb-12-2022/")
    assert troubled_site.exists("van-ban/ha-noi/2022/tb-15-2022/")
    assert broken_links(troubled_site) == []


def test_editor_corrections_win_and_are_marked(troubled_site: SiteHtml) -> None:
    panel = one_by_class(document(troubled_site.html(LAO_CAI_URL)), "tb-panel")
    date_row = panel_row(panel, "Ngày ban hành")
    assert "ngày 14 tháng 9 năm 2021" in date_row and "đã sửa" in date_row
    assert "đã sửa" in panel_row(panel, "Chủ trì")
    assert "https://www.laocai.gov.vn/van-ban/tb-ket-luan-thang-9-2021" in hrefs(panel)


def panel_row(panel: HtmlElement, label: str) -> str:
    """The text of the <dd> after the first <dt> starting with ``label``."""
    for term in panel.iter("dt"):
        if text(term).startswith(label):
            value = term.getnext()
            assert value is not None and value.tag == "dd", label
            return text(value)
    raise AssertionError(f"no row {label!r}")


def assert_no_markup_from_text(html: str) -> None:
    """The hostile notice's script, image and javascript: link are text, never elements: read
    with a parser: minified pages write ``<`` unescaped where it cannot open a tag (``<title>``
    text, quoted attribute values), so the raw string "<script>alert" proves nothing."""
    root = document(html)
    assert not [s for s in root.iter("script") if "alert" in (s.text or "")]
    assert not root.xpath("//img[@src='x']") and not root.xpath("//*[@onerror]")
    assert not [h for h in hrefs(root) if "javascript:" in h.replace(" ", "").lower()]
    assert not [e for e in root.iter() if isinstance(e.tag, str)
                and any(name.lower().startswith("on") for name in e.attrib)]


def test_hostile_text_stays_text(troubled_site: SiteHtml) -> None:
    url = "van-ban/ha-noi/2022/tb-12-2022/"
    html = troubled_site.html(url)
    assert_no_markup_from_text(html)
    title = troubled_site.page(url).title
    assert '<script>alert("x")</script>' in title  # shown as text, escaped in the HTML
    # Every list that names the notice keeps it as text too, the table intact.
    for index in ("", "nam/2022/", "tinh/ha-noi/"):
        page = troubled_site.html(index)
        assert_no_markup_from_text(page)
        assert url.rsplit("/", 2)[1] in page


def test_originals_published_inert(troubled_site: SiteHtml) -> None:
    html_original = troubled_site.site / "tep-goc/ha-noi/2022/tb-15-2022.html.txt"
    assert html_original.read_text(encoding="utf-8").startswith("<html>")
    assert not (troubled_site.site / "tep-goc/ha-noi/2022/tb-15-2022.html").exists()
    assert not (troubled_site.site / "tep-goc/ha-noi/2022/scan.pdf").exists()
    assert not list(troubled_site.site.rglob("*.yml"))  # sidecars are not published


def test_second_build_reads_the_cache(troubled: Path, troubled_site: SiteHtml) -> None:
    _, config = build_with_config(troubled, strict=False, site_dir=troubled / "site-again")
    state = get_state(config)
    assert state.extracted == 0 and state.from_cache == 3
    assert (troubled / ".cache" / "thongbao").is_dir()


# -- long lists, and byte-identical builds ---------------------------------------------------------


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = make_project(tmp_path_factory.mktemp("split"), SEEDS, options={"list_limit": 1},
                        pages=site_pages())
    first = build_site(root, site_dir=root / "site-1")
    second = build_site(root, site_dir=root / "site-2")
    return first, second


def test_long_lists_split_by_year(split: tuple[Path, Path]) -> None:
    site = SiteHtml(split[0])
    targets = {t for _, t in site.links_from("tinh/bac-kan/")}
    assert {"tinh/bac-kan/2021/", "tinh/bac-kan/2023/"} <= targets
    assert "van-ban/bac-kan/2021/tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9/" in {
        t for _, t in site.links_from("tinh/bac-kan/2021/")
    }
    # Thái Nguyên lists its predecessor's years, pointing into Bắc Kạn's own year pages.
    assert "tinh/bac-kan/2023/" in {t for _, t in site.links_from("tinh/thai-nguyen/")}
    assert site.exists("co-quan/so-ke-hoach-va-dau-tu/lao-cai/")
    assert "15/09/2021" in site.page("co-quan/so-ke-hoach-va-dau-tu/lao-cai/").text
    assert site.exists("nam/2021/thang-09/")
    assert broken_links(site) == []


def test_two_builds_are_byte_identical(split: tuple[Path, Path]) -> None:
    first, second = split
    # MkDocs stamps sitemap.xml(.gz) with the build date when site_url is set; none here.
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_serve_watches_notices_and_reference(troubled: Path) -> None:
    config = load_config(str(troubled / "mkdocs.yml"))
    plugin = config.plugins["thongbao"]
    plugin.on_config(config)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str, *args: object, **kwargs: object) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert sorted(Path(p).relative_to(troubled).as_posix() for p in server.watched) == [
        "content/notices", "content/reference"]
