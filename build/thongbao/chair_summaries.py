"""A chair as the archive sees them: tenure (first and last notice), province, what they asked
for most (main topics, agencies given tasks) and their tasks.

Keyed like the index model's chair pages (``archive.ChairTerm``): a leader is one person in
one province, so a name met in two provinces gives two summaries. Pure: records in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .record import Record
from .slug import slugify
from .tasks import TaskRow, tasks_view


@dataclass(frozen=True)
class ChairSummary:
    id: str  # slug of name and province: "trinh-xuan-truong-lao-cai"
    name: str
    province: str | None
    province_id: str | None
    roles: tuple[str, ...]  # "Chủ tịch", "Phó Chủ tịch" … as the notices say, first seen first
    first: str  # date of the first notice in the archive
    last: str  # date of the last one
    notices: tuple[str, ...]  # notice ids, oldest first
    topics: tuple[tuple[str, int], ...]  # (topic slug, notices where it is main), most first
    agencies: tuple[tuple[str, str, int], ...]  # (agency id, name, tasks given), most first
    tasks: tuple[TaskRow, ...]  # their notices' deadlines, calendar order

    @property
    def tenure(self) -> str:
        """``9/2021 – 12/2023`` as seen in the archive (not the official term)."""
        first, last = _month(self.first), _month(self.last)
        return first if first == last else f"{first} – {last}"


def _month(day: str) -> str:
    return f"{int(day[5:7])}/{day[:4]}" if len(day) >= 7 else day


def chair_summaries(
    records: Iterable[Record],
    top: int = 5,
    agency_names: Mapping[str, str] | None = None,
) -> list[ChairSummary]:
    """One summary per chair and province, in id order; ``top`` topics and agencies each."""
    groups: dict[tuple[str, str | None], list[Record]] = {}
    for record in records:
        day = record.date or record.meeting_date
        if record.chair and day:
            groups.setdefault((record.chair, record.province_id), []).append(record)
    out = []
    for (name, province_id), group in groups.items():
        group.sort(key=lambda r: ((r.date or r.meeting_date or ""), r.id))
        dates = [r.date or r.meeting_date or "" for r in group]
        topics: Counter[str] = Counter(s for r in group for s in (r.topics_main or r.topics))
        tasked: Counter[str] = Counter(d.agency for r in group for d in r.deadlines if d.agency)
        names = {a.id: a.name for r in group for a in r.agencies}
        names.update(agency_names or {})
        out.append(
            ChairSummary(
                # as archive.chair_id, so a summary finds its chair page
                id="-".join(part for part in (slugify(name), province_id) if part),
                name=name,
                province=group[-1].province,
                province_id=province_id,
                roles=tuple(dict.fromkeys(r.chair_role for r in group if r.chair_role)),
                first=dates[0],
                last=dates[-1],
                notices=tuple(r.id for r in group),
                topics=tuple(sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))[:top]),
                agencies=tuple(
                    (aid, names.get(aid, aid), n)
                    for aid, n in sorted(tasked.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
                ),
                tasks=tasks_view(group, agency_names).rows,
            )
        )
    return sorted(out, key=lambda c: c.id)
