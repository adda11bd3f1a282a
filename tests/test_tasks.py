"""Tasks with their text (thongbao.tasks): bare deadline sentences completed from their
context on the real texts, and the archive-wide tasks view."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Iterator

import pytest
from journal_corpus import extractions, records
from thongbao.layout import blocks_from_text
from thongbao.record import AgencyRef, Deadline, Record, Source
from thongbao.tasks import (
    DUE_THIS_MONTH,
    PAST_DUE,
    UPCOMING,
    complete_tasks,
    filter_tasks,
    is_bare,
    task_facets,
    task_record,
    task_share,
    tasks_view,
)

LAO_CAI = "tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt"


@pytest.mark.parametrize(
    ("sentence", "bare"),
    [
        ("Hoàn thành trước ngày 30/9/2021.", True),
        ("Hoàn thành trong tháng 9/2021.", True),
        ("Trình UBND tỉnh trước ngày 10/7/2023.", True),
        ("Báo cáo kết quả thực hiện chậm nhất ngày 15/8/2023.", True),
        ("thời gian hoàn thành trước ngày 30 tháng 6 năm 2022", True),
        ("Cục Thuế tỉnh báo cáo kết quả thu hồi nợ đọng trước ngày 25/01/2019.", False),
        ("Sở Tài chính trình UBND tỉnh trước 30/4/2025.", False),
        ("hoàn thành hồ sơ đề nghị cấp mã số cho ít nhất 50 vùng trồng trước ngày 30/5/2022", False),
    ],
)
def test_is_bare(sentence: str, bare: bool) -> None:
    assert is_bare(sentence) is bare


# Lào Cai seed, hand-read: each bare "Hoàn thành …" sentence and the task it closes.
LAO_CAI_TASKS = [
    ("2021-09", "so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư triển khai xây dựng Đề án về Chiến lược nguồn nhân lực tỉnh"),
    ("2021-09", "so-cong-thuong", "Sở Công Thương xây dựng Đề án phát triển khu, cụm công nghiệp"),
    ("2021-09-30", "so-ke-hoach-va-dau-tu", "rà soát báo cáo tiến độ thực hiện 18 Đề án trọng tâm"),
    ("2021-09", "so-van-hoa-the-thao-va-du-lich", "Nghị quyết số 09-NQ/TU về xây dựng và phát triển văn hóa"),
    ("2021-09", "so-nong-nghiep-va-phat-trien-nong-thon", "Nghị quyết số 10-NQ/TU về chiến lược phát triển nông nghiệp hàng hóa"),
    ("2021-09-15", "so-cong-thuong", "Về đề nghị tháo gỡ khó khăn trong thực hiện các dự án thủy điện: Yêu cầu Sở Công Thương có báo cáo chi tiết"),
    ("2021-09", "so-nong-nghiep-va-phat-trien-nong-thon", "Về đề nghị tăng cường quản lý thuốc bảo vệ thực vật"),
    ("2021-09", "so-tai-nguyen-va-moi-truong", "Về đề nghị khoán gọn cho các địa phương thực hiện Kế hoạch sử dụng đất hàng năm"),
]


def test_lao_cai_bare_deadlines_get_their_task() -> None:
    deadlines = extractions()[LAO_CAI].record.deadlines
    assert len(deadlines) == 23
    assert not [d.task for d in deadlines if is_bare(d.task)]
    completed = [d for d in deadlines if d.task.endswith(("Hoàn thành trong tháng 9/2021.", "Hoàn thành trước ngày 30/9/2021.", "Hoàn thành trước ngày 15/9/2021."))]
    assert len(completed) == len(LAO_CAI_TASKS)
    for deadline, (date, agency, words) in zip(completed, LAO_CAI_TASKS, strict=True):
        assert (deadline.date, deadline.agency) == (date, agency)
        assert words in deadline.task, deadline.task
        assert len(deadline.task) <= 400


def test_corpus_items_closed_by_a_bare_item() -> None:
    by_date = {d.date: d.task for d in extractions()["23_binhthuan-tb-caotoc-dulich-2023.txt"].record.deadlines}
    assert by_date["2023-07-10"] == (
        'Xây dựng chương trình kích cầu du lịch "Bình Thuận - điểm đến cuối tuần", phối hợp với '
        "các doanh nghiệp lữ hành tại Thành phố Hồ Chí Minh. Trình UBND tỉnh trước ngày 10/7/2023."
    )
    by_date = {d.date: d.task for d in extractions()["06_thanhhoa-kh-120-de-an-06-2023.txt"].record.deadlines}
    assert by_date["2023-08-15"] == (
        "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh: tích hợp đăng nhập bằng "
        "tài khoản định danh điện tử VNeID; bảo đảm an toàn hệ thống thông tin theo cấp độ 3. "
        "Báo cáo kết quả thực hiện chậm nhất ngày 15/8/2023."
    )


def test_complete_tasks_uses_the_heading_lead_in() -> None:
    bare = Deadline("2021-09-15", None, "Hoàn thành trước ngày 15/9/2021.")
    text = "### 3. Rà soát hồ sơ đất đai của dự án cầu Bến Tre\n\n- Hoàn thành trước ngày 15/9/2021.\n"
    got = complete_tasks([bare], blocks_from_text(text))
    assert got[0].task == "Rà soát hồ sơ đất đai của dự án cầu Bến Tre. Hoàn thành trước ngày 15/9/2021."
    # A lead-in naming only the body says nothing of the work: the sentence stays as it is.
    assert complete_tasks([bare], blocks_from_text("1. Sở Y tế:\n\n- Hoàn thành trước ngày 15/9/2021.\n")) == [bare]


def test_complete_tasks_leaves_real_tasks_alone() -> None:
    text = "- Sở Y tế báo cáo phương án cách ly trước ngày 12/5/2021.\n"
    deadline = Deadline("2021-05-12", "so-y-te", "Sở Y tế báo cáo phương án cách ly trước ngày 12/5/2021.")
    assert complete_tasks([deadline], blocks_from_text(text)) == [deadline]


def test_share_of_deadlines_with_task_and_body() -> None:
    # Measured on the 37 real texts (README numbers in docs/journalism.md): every deadline has
    # a task text; the ones without a body are the generic groups the labels leave null.
    total, real, with_body = task_share(records())
    assert total >= 100
    assert real == total
    assert with_body / total >= 0.9


def _record(rid: str, date: str, province: str, deadlines: list[Deadline]) -> Record:
    return Record(
        title=f"Thông báo {rid}", doc_type="Thông báo", doc_number=None, province=province.title(),
        province_now=None, date=date, meeting_date=None, chair=None, chair_role=None, signer=None,
        signer_capacity=None, topics=(), agencies=(AgencyRef("so-y-te", "Sở Y tế"),), policies=(),
        deadlines=tuple(deadlines), source=Source(f"{rid}.txt", ""), id=rid, province_id=province,
    )


def test_tasks_view_calendar_order_and_status() -> None:
    a = _record("a", "2021-09-10", "lao-cai", [
        Deadline("2021-09", "so-y-te", "Việc cả tháng 9"),
        Deadline("2021-09-05", None, "Việc đã qua hạn"),
        Deadline("2021-10-15", "so-y-te", "Việc tháng sau"),
    ])
    b = _record("b", "2021-08-01", "bac-kan", [Deadline("2021-09-20", "so-y-te", "Việc Bắc Kạn")])
    view = tasks_view([a, b])
    assert view.reference_date == "2021-09-10"
    assert [r.task for r in view.rows] == ["Việc đã qua hạn", "Việc Bắc Kạn", "Việc cả tháng 9", "Việc tháng sau"]
    assert [r.status for r in view.rows] == [DUE_THIS_MONTH, DUE_THIS_MONTH, DUE_THIS_MONTH, UPCOMING]
    assert view.rows[2].due == "2021-09-30"
    assert view.rows[0].agency_name is None and view.rows[1].agency_name == "Sở Y tế"
    late = tasks_view([a, b, _record("c", "2021-11-02", "lao-cai", [])])
    assert {r.task for r in late.past_due} == {"Việc đã qua hạn", "Việc Bắc Kạn", "Việc cả tháng 9", "Việc tháng sau"}
    assert all(r.status == PAST_DUE for r in late.past_due)
    assert tasks_view([b, a]) == view  # input order does not matter


def test_tasks_view_reads_its_records_once_and_keeps_none() -> None:
    # The exports' worker hands the records over one by one as it reads them (exportjob.py):
    # a late notice moves the reference date after the earlier records' rows were met.
    given = [*records(), _record("z", "2027-03-05", "lao-cai",
                                  [Deadline("2027-02-26", "so-y-te", "Việc cuối tháng 2")])]
    seen: list[str] = []
    held: list[int] = []  # records read before the previous one and still alive, at each read
    refs: list[weakref.ref[Record]] = []

    def one_by_one() -> Iterator[Record]:
        for record in given:
            held.append(sum(ref() is not None for ref in refs[:-1]))
            copy = dataclasses.replace(record)  # only the view can keep it alive
            refs.append(weakref.ref(copy))
            seen.append(copy.id)
            yield copy
            del copy

    view = tasks_view(one_by_one(), {"so-y-te": "Sở Y tế tỉnh"})
    assert seen == [r.id for r in given]  # once each, in order
    assert max(held) == 0  # each record let go of once read (not a list of them all)
    assert view == tasks_view(given, {"so-y-te": "Sở Y tế tỉnh"})
    assert view.reference_date == "2027-03-05" and len(view.rows) > 100
    assert all(r.status == PAST_DUE for r in view.rows if r.due < "2027-03-01")
    assert {r.agency_name for r in view.rows if r.agency_id == "so-y-te"} == {"Sở Y tế tỉnh"}
    # A row keeps the fields it shows, not its notice (the record is let go of).
    assert not any(isinstance(v, Record) for r in view.rows for v in vars_of(r))


def vars_of(row: object) -> tuple[object, ...]:
    return dataclasses.astuple(row)  # type: ignore[call-overload]


def test_filters_and_facets() -> None:
    view = tasks_view(records())
    lao_cai = filter_tasks(view.rows, province="lao-cai", month="2021-09")
    assert len(lao_cai) == 22  # the seed's 23 deadlines but one (15/10/2021)
    assert all(r.notice_id == "" or r.province_id == "lao-cai" for r in lao_cai)
    assert {r.task for r in filter_tasks(view.rows, agency="so-cong-thuong", province="lao-cai")} >= {
        t for t in (r.task for r in lao_cai) if "Sở Công Thương" in t
    }
    facets = task_facets(view.rows)
    assert [f.value for f in facets["month"]] == sorted(f.value for f in facets["month"])
    assert sum(f.count for f in facets["month"]) == len(view.rows)
    sep = next(f for f in facets["month"] if f.value == "2021-09")
    assert sep.label == "Tháng 9/2021"
    assert view.reference_date == max(r.date or r.meeting_date or "" for r in records())


def test_task_records_for_open_data() -> None:
    view = tasks_view(records())
    data = [task_record(row) for row in view.rows]
    assert len(data) == len(view.rows)
    first = data[0]
    assert list(first) == ["date", "due", "status", "task", "agency_id", "agency_name", "province",
                           "province_id", "notice_id", "notice_title", "notice_date"]
    assert first["due"] == view.rows[0].due and first["task"] == view.rows[0].task
