"""Chair summaries (thongbao.chair_summaries) on the real texts: tenure seen in the archive,
province, main topics, agencies tasked, tasks."""

from __future__ import annotations

from dataclasses import replace

from journal_corpus import records
from thongbao.chair_summaries import chair_summaries
from thongbao.record import Deadline


def _by_id():
    return {c.id: c for c in chair_summaries(records())}


def test_one_summary_per_chair_and_province() -> None:
    summaries = chair_summaries(records())
    ids = [c.id for c in summaries]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert {c.name for c in summaries} >= {"Trịnh Xuân Trường", "Nguyễn Đăng Bình", "Hoàng Xuân Ánh"}


def test_tenure_over_several_notices() -> None:
    binh = _by_id()["nguyen-dang-binh-bac-kan"]
    assert (binh.province, binh.first, binh.last) == ("Bắc Kạn", "2021-10-11", "2023-12-05")
    assert binh.tenure == "10/2021 – 12/2023"
    assert len(binh.notices) == 2 and binh.roles == ("Chủ tịch",)
    # Both notices carry quốc phòng, an ninh among their main topics.
    assert binh.topics[0] == ("quoc-phong-an-ninh", 2)


def test_lao_cai_chair_tasks_and_agencies() -> None:
    truong = _by_id()["trinh-xuan-truong-lao-cai"]
    assert truong.tenure == "9/2021"
    assert len(truong.tasks) == 23
    assert [t.due for t in truong.tasks] == sorted(t.due for t in truong.tasks)
    assert truong.agencies[0] == ("so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư", 3)
    assert all(t.province_id == "lao-cai" for t in truong.tasks)


def test_same_name_in_two_provinces_stays_apart() -> None:
    rs = records()
    twin = replace(rs[0], chair="Trịnh Xuân Trường", id="twin",
                   deadlines=(Deadline("2021-10-30", "so-y-te", "Việc của Bắc Kạn"),))
    ids = {c.id for c in chair_summaries([*rs, twin])}
    assert {"trinh-xuan-truong-lao-cai", "trinh-xuan-truong-bac-kan"} <= ids
