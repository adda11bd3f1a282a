"""The index model: notices → provinces, agencies, policies, chairs, topics, years.

Plain Python over the build step's pages and the reference data; knows nothing of MkDocs or
URLs (``indexpages`` turns it into pages). Every list is sorted newest first with ties broken
by notice id, so two builds of the same content give the same model, item for item.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from .notice import Notice, newest_first
from .pipeline import NoticePage
from .record import Deadline, Policy, Record
from .reference import Agency, Province, Reference
from .slug import slugify

_T = TypeVar("_T")


# The index pages' name for a notice: the one model (thongbao.notice).
Entry = Notice


def by_year(entries: Sequence[Entry]) -> dict[int | None, list[Entry]]:
    """Entries (already sorted) grouped by year, newest year first, unknown year last."""
    groups: dict[int | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[entry.year].append(entry)
    order = sorted((y for y in groups if y is not None), reverse=True)
    return {y: groups[y] for y in [*order, *([None] if None in groups else [])]}


@dataclass(frozen=True)
class Counted:
    """A term with how many notices name it (lists of agencies, topics … on a page)."""

    id: str
    name: str
    count: int


@dataclass(frozen=True)
class ChairTerm:
    """One leader who presided in one province, over the dates of the notices that say so."""

    id: str
    name: str
    roles: tuple[str, ...]
    first: str
    last: str
    count: int


@dataclass
class ChairIndex:
    id: str  # slug of name + province: two provinces' homonyms stay apart
    name: str
    province_id: str | None
    notices: list[Entry] = field(default_factory=list)

    @property
    def roles(self) -> tuple[str, ...]:
        return _distinct(e.record.chair_role for e in self.notices)

    def term(self) -> ChairTerm:
        dates = [e.sort_date for e in self.notices if e.sort_date]
        return ChairTerm(
            self.id, self.name, self.roles, min(dates, default=""), max(dates, default=""),
            len(self.notices),
        )


@dataclass
class TopicIndex:
    id: str
    name: str
    notices: list[Entry] = field(default_factory=list)


@dataclass
class YearIndex:
    year: int
    notices: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    """A deadline given to an agency by one notice."""

    entry: Entry
    deadline: Deadline


@dataclass
class AgencyIndex:
    id: str  # page id: the reference id, or "<id>-<province>" for bodies outside the reference
    name: str
    agency: Agency | None  # None for bodies outside the reference (district committees)
    province_id: str | None  # the one province a local body belongs to
    notices: list[Entry] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def provinces(self) -> list[str | None]:
        """Provinces where it was given work, by name order of their ids (stable)."""
        ids = set(self._notices_by_province) | set(self._tasks_by_province)
        return sorted(ids, key=lambda p: (p is None, p or ""))

    def tasks_in(self, province_id: str | None) -> list[Task]:
        """Deadlines in one province, soonest first (ties: notice order, then task text)."""
        return self._tasks_by_province.get(province_id, [])

    def notices_in(self, province_id: str | None) -> list[Entry]:
        return self._notices_by_province.get(province_id, [])

    # Grouped once, on first use after build_archive has filled the lists: the agency pages
    # ask per province several times, and a scan of every list each time was 7 s of a warm
    # build at 1,000 notices.
    @cached_property
    def _tasks_by_province(self) -> dict[str | None, list[Task]]:
        out: dict[str | None, list[Task]] = {}
        for t in sorted(self.tasks, key=lambda t: (t.deadline.date, t.entry.id, t.deadline.task)):
            out.setdefault(t.entry.record.province_id, []).append(t)
        return out

    @cached_property
    def _notices_by_province(self) -> dict[str | None, list[Entry]]:
        out: dict[str | None, list[Entry]] = {}
        for e in self.notices:
            out.setdefault(e.record.province_id, []).append(e)
        return out


@dataclass(frozen=True)
class Citation:
    entry: Entry
    quotes: tuple[str, ...]


@dataclass
class PolicyIndex:
    id: str
    symbol: str
    local: bool
    province_id: str | None  # the issuing province of a local document
    versions: list[Policy] = field(default_factory=list)  # as each citing notice resolved it
    citations: list[Citation] = field(default_factory=list)
    # year, issuer, name, kind, date: what most citing notices say, computed once (read
    # after the archive is built; a document cited everywhere has thousands of versions).

    @cached_property
    def year(self) -> int | None:
        return _most_common(p.year for p in self.versions)

    @cached_property
    def issuer(self) -> str | None:
        return _most_common(p.issuer for p in self.versions)

    @cached_property
    def name(self) -> str:
        return _most_common(p.name for p in self.versions) or self.symbol

    @cached_property
    def kind(self) -> str:
        return _most_common(p.kind for p in self.versions) or "document"

    @cached_property
    def date(self) -> str | None:
        return _most_common(p.date for p in self.versions)

    def provinces(self) -> list[str | None]:
        return sorted(self._citations_by_province, key=lambda p: (p is None, p or ""))

    def citations_in(self, province_id: str | None) -> list[Citation]:
        return self._citations_by_province.get(province_id, [])

    @cached_property
    def _citations_by_province(self) -> dict[str | None, list[Citation]]:
        """Grouped once, after build_archive (as AgencyIndex's lists)."""
        out: dict[str | None, list[Citation]] = {}
        for c in self.citations:
            out.setdefault(c.entry.record.province_id, []).append(c)
        return out


@dataclass
class ProvinceIndex:
    province: Province
    notices: list[Entry]  # its own notices, as the province it was then
    successor: Province | None  # the unit holding its territory since 1 July 2025, if another
    predecessors: list[ProvinceIndex]  # merged-in units with notices (for a current unit)
    chairs: list[ChairTerm]
    agencies: list[Counted]
    topics: list[Counted]

    @property
    def id(self) -> str:
        return self.province.id

    @property
    def has_page(self) -> bool:
        return bool(self.notices) or any(p.notices for p in self.predecessors)


@dataclass(frozen=True)
class Counts:
    notices: int
    provinces: int  # provinces with at least one notice of their own
    agencies: int
    policies: int
    chairs: int
    topics: int
    years: int


@dataclass
class Archive:
    """Every index of the site, built once per build from the notice pages."""

    ref: Reference
    notices: list[Entry]
    provinces: dict[str, ProvinceIndex]  # all 63 units, in reference (code) order
    agencies: dict[str, AgencyIndex]
    policies: dict[str, PolicyIndex]
    chairs: dict[str, ChairIndex]
    topics: dict[str, TopicIndex]
    years: dict[int, YearIndex]
    policy_alias: dict[str, str]  # a notice's policy id → the page id it was merged into
    by_id: dict[str, Entry]

    @cached_property
    def counts(self) -> Counts:
        return Counts(
            notices=len(self.notices),
            provinces=sum(1 for p in self.provinces.values() if p.notices),
            agencies=len(self.agencies),
            policies=len(self.policies),
            chairs=len(self.chairs),
            topics=len(self.topics),
            years=len(self.years),
        )

    def policy_page(self, policy: Policy) -> str:
        """The page id a notice's cited policy is listed under."""
        return self.policy_alias.get(policy.id, policy.id)

    def agency_page(self, agency_id: str, province_id: str | None) -> str:
        return agency_page_id(self.ref, agency_id, province_id)

    def chair_page(self, record: Record) -> str | None:
        return chair_id(record)


# ---------------------------------------------------------------------------------------------
# Building


def build_archive(pages: Iterable[NoticePage], ref: Reference) -> Archive:
    notices = newest_first(Entry(p) for p in pages)
    aliases = policy_aliases(notices)
    agencies = _agencies(notices, ref)
    chairs = _chairs(notices)
    return Archive(
        ref=ref,
        notices=notices,
        provinces=_provinces(notices, ref, chairs),
        agencies=agencies,
        policies=_policies(notices, aliases),
        chairs=chairs,
        topics=_topics(notices, ref),
        years=_years(notices),
        policy_alias=aliases,
        by_id={e.id: e for e in notices},
    )


def agency_page_id(ref: Reference, agency_id: str, province_id: str | None) -> str:
    """Reference bodies are one page across provinces (Sở Y tế of every province, grouped by
    province on the page); a body outside the reference (``UBND huyện Bảo Lâm``) exists in one
    province only and the same district name recurs elsewhere, so its page is per province."""
    if agency_id in ref.agencies or not province_id:
        return agency_id
    return f"{agency_id}-{province_id}"


def chair_id(record: Record) -> str | None:
    if not record.chair:
        return None
    return "-".join(s for s in (slugify(record.chair), record.province_id) if s)


def policy_aliases(notices: Sequence[Entry]) -> dict[str, str]:
    """Yearless policy id → the one yeared id of the same symbol and province, when only one.

    A notice that writes ``Nghị quyết 68/NQ-CP`` without its date means the same document as
    another's ``68/NQ-CP ngày 12/5/2021`` unless two different years of 68/NQ-CP are cited."""
    yeared: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    yearless: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for entry in notices:
        for policy in entry.record.policies:
            key = (policy.symbol, entry.record.province_id if policy.local else None)
            (yeared if policy.year else yearless)[key].add(policy.id)
    aliases = {}
    for key, ids in yearless.items():
        targets = yeared.get(key, set())
        if len(targets) == 1:
            target = next(iter(targets))
            aliases.update({pid: target for pid in ids if pid != target})
    return aliases


def _provinces(
    notices: Sequence[Entry], ref: Reference, chairs: dict[str, ChairIndex]
) -> dict[str, ProvinceIndex]:
    own: dict[str, list[Entry]] = defaultdict(list)
    for entry in notices:
        if entry.record.province_id in ref.provinces:
            own[entry.record.province_id].append(entry)
    out = {pid: _province(ref.provinces[pid], own[pid], ref, chairs) for pid in ref.provinces}
    for province in out.values():
        if province.province.current:
            province.predecessors = [
                out[p.id] for p in ref.predecessors(province.id)
                if p.id != province.id and out[p.id].notices
            ]
    return out


def _province(
    province: Province, notices: list[Entry], ref: Reference, chairs: dict[str, ChairIndex]
) -> ProvinceIndex:
    now = ref.province_now(province.id)
    terms = [c.term() for c in chairs.values() if c.province_id == province.id]
    return ProvinceIndex(
        province=province,
        notices=notices,
        successor=None if now.id == province.id else now,
        predecessors=[],
        chairs=sorted(sorted(terms, key=lambda t: t.id), key=lambda t: (t.last, t.first),
                      reverse=True),
        agencies=_count(
            ((agency_page_id(ref, a.id, province.id), a.name)
             for e in notices for a in e.record.agencies),
            names=_agency_names(ref),
        ),
        topics=_count(
            ((t, ref.topics[t].name if t in ref.topics else t)
             for e in notices for t in e.record.topics),
            names={},
            order={slug: i for i, slug in enumerate(ref.topics)},
        ),
    )


def _agency_names(ref: Reference) -> dict[str, str]:
    return {a.id: a.name for a in ref.agencies.values()}


def _count(
    pairs: Iterable[tuple[str, str]], names: dict[str, str], order: dict[str, int] | None = None
) -> list[Counted]:
    """Most frequent first, ties in ``order`` (topics.yml's) then by id; the reference name
    wins over a notice's spelling."""
    counter: Counter[str] = Counter()
    seen_names: dict[str, str] = {}
    for term_id, name in pairs:
        counter[term_id] += 1
        seen_names.setdefault(term_id, names.get(term_id, name))
    rank = order or {}
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))
    return [Counted(term_id, seen_names[term_id], n) for term_id, n in ordered]


def _agencies(notices: Sequence[Entry], ref: Reference) -> dict[str, AgencyIndex]:
    out: dict[str, AgencyIndex] = {}

    def index_for(agency_id: str, name: str, province_id: str | None) -> AgencyIndex:
        page_id = agency_page_id(ref, agency_id, province_id)
        if page_id not in out:
            agency = ref.agencies.get(agency_id)
            out[page_id] = AgencyIndex(
                id=page_id,
                name=agency.name if agency else name,
                agency=agency,
                province_id=(agency.province if agency else province_id),
            )
        return out[page_id]

    for entry in notices:
        province_id = entry.record.province_id
        names = {a.id: a.name for a in entry.record.agencies}
        for agency_id in dict.fromkeys(a.id for a in entry.record.agencies):
            index_for(agency_id, names[agency_id], province_id).notices.append(entry)
        for deadline in entry.record.deadlines:
            if deadline.agency:
                name = names.get(deadline.agency, deadline.agency)
                index_for(deadline.agency, name, province_id).tasks.append(Task(entry, deadline))
    return dict(sorted(out.items()))


def _policies(notices: Sequence[Entry], aliases: dict[str, str]) -> dict[str, PolicyIndex]:
    out: dict[str, PolicyIndex] = {}
    for entry in notices:
        quotes: dict[str, list[str]] = defaultdict(list)
        for policy in entry.record.policies:
            page_id = aliases.get(policy.id, policy.id)
            index = out.get(page_id)
            if index is None:
                province_id = entry.record.province_id if policy.local else None
                index = out[page_id] = PolicyIndex(page_id, policy.symbol, policy.local,
                                                   province_id)
            index.versions.append(policy)
            quotes[page_id].extend(policy.quotes)
        for page_id, texts in quotes.items():
            out[page_id].citations.append(Citation(entry, tuple(dict.fromkeys(texts))))
    return dict(sorted(out.items()))


def _chairs(notices: Sequence[Entry]) -> dict[str, ChairIndex]:
    out: dict[str, ChairIndex] = {}
    for entry in notices:
        cid = chair_id(entry.record)
        if cid is None or entry.record.chair is None:
            continue
        index = out.setdefault(cid, ChairIndex(cid, entry.record.chair, entry.record.province_id))
        index.notices.append(entry)
    return dict(sorted(out.items()))


def _topics(notices: Sequence[Entry], ref: Reference) -> dict[str, TopicIndex]:
    out: dict[str, TopicIndex] = {}
    for entry in notices:
        for slug in dict.fromkeys(entry.record.topics):
            name = ref.topics[slug].name if slug in ref.topics else slug
            out.setdefault(slug, TopicIndex(slug, name)).notices.append(entry)
    # Reference order (topics.yml), then any slug the reference no longer knows.
    order = {slug: i for i, slug in enumerate(ref.topics)}
    return dict(sorted(out.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def _years(notices: Sequence[Entry]) -> dict[int, YearIndex]:
    out: dict[int, YearIndex] = {}
    for entry in notices:
        if entry.year is not None:
            out.setdefault(entry.year, YearIndex(entry.year)).notices.append(entry)
    return dict(sorted(out.items(), reverse=True))


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _most_common(values: Iterable[_T | None]) -> _T | None:
    """The value most citing notices agree on; ties go to the first seen (newest notice)."""
    counter = Counter(v for v in values if v is not None)
    if not counter:
        return None
    best = max(counter.values())
    return next(v for v in counter if counter[v] == best)
