"""Text of one notice in, its record and page body out. Pure: no file access here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import citations
from .agencies import finder_for, without_attendance
from .cleaning import clean
from .dates import find_dates, to_date, yearless_dates
from .deadlines import find_deadlines, lead_mentions
from .layout import Block, blocks_from_tokens, parse_tokens
from .people import capacity_text, chair_from_signature, find_chair, person_name
from .places import issuing_province, province_words
from .programs import ProgramFinder, program_policies
from .record import AgencyRef, Deadline, Record, Source
from .reference import Reference
from .render import render_markdown
from .reported import reported_document
from .sentences import split_sentences
from .sources import NO_EVIDENCE, Portals, url_evidence
from .structure import (
    LETTER_TYPE,
    NEWS_TYPE,
    TYPE_BY_CODE,
    Structure,
    analyse,
    split_header_lines,
    split_signature_lines,
)
from .tasks import complete_tasks
from .topics import classify_topics


class NotANotice(ValueError):
    """Kept for callers that still catch it: extraction no longer refuses a text with words
    (a notice without a date or province is built with those fields null)."""


@dataclass(frozen=True)
class Extraction:
    record: Record
    body: str  # the page body: the full text as safe, cleaned Markdown


_MEETING_WORDS = re.compile(
    r"họp|hội nghị|phiên|làm việc|buổi|tọa đàm|hội thảo|giao ban|kiểm tra", re.IGNORECASE
)
# Not the committee's session: a People's Council sitting, a count of working days.
_NOT_A_SESSION = re.compile(
    r"kỳ họp(?: thứ)?[^,.;]{0,60}|\d+\s+ngày làm việc|ngày làm việc thứ", re.IGNORECASE
)
_HELD_ON = re.compile(
    r"(?:phiên họp|cuộc họp|hội nghị|buổi làm việc)[^.;]{0,80}?\b(?:diễn ra|tổ chức|được tổ chức)"
    r"\s+(?:vào\s+)?(?:(?:ngày|sáng|chiều|trưa|tối)\s+)?(?:ngày\s+)?$",
    re.IGNORECASE,
)
_MEETING_BEFORE_DATE = re.compile(
    r"(?:phiên họp|cuộc họp|hội nghị|buổi làm việc|giao ban)[^.;]{0,40}?(?:ngày\s*)?$",
    re.IGNORECASE,
)


_SUB_ITEM = re.compile(r"^(?:[a-zđ]\)|[-+•])\s")


def extract(
    text: str,
    source: Source,
    ref: Reference,
    vocab: citations.Vocabulary,
    programs: ProgramFinder | None = None,
    portals: Portals | None = None,
    page_title: str | None = None,
) -> Extraction:
    """``source.url`` (a sidecar's ``source_url`` or a saved page's own address) is evidence
    when ``portals`` is given; ``page_title`` is a saved page's ``<title>``, a fallback title."""
    # The memo of agency searches serves one notice (its clauses, then its body's HTML): kept
    # across notices it would mostly serve the generated benchmark's repeated sentences.
    ref.forget_texts()
    evidence = url_evidence(source.url, portals) if portals else NO_EVIDENCE
    cleaned = split_signature_lines(split_header_lines(clean(text)))
    tokens = parse_tokens(cleaned)
    blocks = blocks_from_tokens(tokens)
    st = analyse(blocks)
    body_blocks = [blocks[i] for i in st.body]
    body_texts = [b.text for b in body_blocks]
    title = _own_title(st.title)
    if st.title and title is None:
        body_texts.insert(0, st.title)  # an excerpt's first sentence is body, not a title
        body_blocks.insert(0, blocks[st.title_blocks[0]])
    title = title or _page_title(page_title)
    # A news item without a stamp is dated by its address; a month folder only gives a year.
    stamp = st.stamp or (evidence.date if evidence.date and len(evidence.date) == 10 else None)

    context = st.date or stamp or evidence.date or _latest_full_date([title or "", *body_texts])
    meeting = meeting_date(title, body_texts[:5], context)
    number, symbol, reported_type, issued = st.number, st.symbol, None, st.date
    if st.type_line is None and st.symbol is None:
        # News about one document: that document is the notice's own.
        rep = reported_document([title or "", *body_texts[:2]], body_texts[-3:], context)
        if rep:
            number, symbol, reported_type = rep.number, rep.symbol, rep.doc_type
            issued = issued or rep.date
    anchor = issued or stamp or meeting
    hint = ref.provinces.get(evidence.province_id or "")
    province = issuing_province(st.place, title, body_texts, ref, hint)
    on = to_date(anchor)
    province_now = ref.province_now(province.id) if province else None
    current_name = province.name_on(on) if province else None
    kind = province.kind_on(on) if province else "tỉnh"
    province_id = province.id if province else None

    ctx = citations.Context(current_name, province_id, kind, int(anchor[:4]) if anchor else None)
    mentions: list[citations.Mention] = []
    for gi, text in enumerate([title or "", *body_texts]):
        mentions.extend(citations.find_mentions(text, vocab, group_base=gi * 1000))
    own_number = f"{number}/{symbol}" if number and symbol else None
    # An annex repeats the document's own number; it does not cite itself.
    mentions = [m for m in mentions if m.symbol != own_number]
    policies = citations.resolve(mentions, ctx, vocab)
    if programs is not None:
        policies += program_policies([title or "", *body_texts], programs)

    finder = finder_for(ref, province_id)
    # A department's own letter never tasks the department itself ("Sở … đề nghị các đơn vị").
    issuer_ids = set()
    if any(_DEPARTMENT_HEAD.search(line.upper()) for line in st.capacity_lines):
        issuer_ids = {m.id for i in st.header for m in finder.find(blocks[i].text)}
    agency_order: dict[str, str] = {}
    deadlines: list[Deadline] = []
    lead_in: str | None = None
    for block in body_blocks:
        block_first: str | None = None
        for sentence in _task_clauses(_block_text(block)):
            found = [m for m in finder.tasked(sentence, on) if m.id not in issuer_ids]
            for mention in found:
                agency_order.setdefault(mention.id, mention.name)
            fallback = block_first or lead_in
            for dl in find_deadlines(sentence, found, fallback, issued or meeting or stamp):
                deadlines.append(Deadline(dl.date, dl.agency, dl.task))
            leads = lead_mentions(sentence, found)
            if block_first is None and leads:
                block_first = leads[0].id
        lead_in = _next_lead_in(block, block_first, lead_in)
    deadlines = complete_tasks(deadlines, body_blocks)  # "Hoàn thành trước …" gets its task

    chair, chair_role = _chair(st, body_texts, title, ref)
    signer = _signer(st)
    author = None
    if not st.capacity_lines and st.signer_lines:
        author = person_name(st.signer_lines[0])
    if reported_type is None and any(_NOTICE_FORMULA.search(t) for t in body_texts[-2:]):
        reported_type = "Thông báo"  # "Văn phòng UBND tỉnh thông báo để … biết, thực hiện"
    doc_type = _doc_type(st, symbol, reported_type, stamp, placed=bool(anchor or province))
    body_md = render_markdown(tokens)
    topics = classify_topics(title or "", "\n".join(body_texts), ref)
    record = Record(
        title=title,
        doc_type=doc_type,
        doc_number=own_number,
        province=current_name,
        province_now=province_now.name if province_now else None,
        date=issued or stamp,
        meeting_date=meeting,
        chair=chair,
        chair_role=chair_role,
        signer=signer,
        signer_capacity=capacity_text(st.capacity_lines) if signer else None,
        topics=topics.all,
        topics_main=topics.main,
        agencies=tuple(
            AgencyRef(aid, _agency_name(aid, name, ref)) for aid, name in agency_order.items()
        ),
        policies=tuple(policies),
        deadlines=tuple(deadlines),
        source=source,
        province_id=province_id,
        province_now_id=province_now.id if province_now else None,
        doc_symbol=symbol,
        author=author,
        summary=_summary(body_texts),
    )
    return Extraction(record=record, body=body_md)


_ROW = re.compile(r"^\s*\|(.*)\|\s*$")


def _block_text(block: Block) -> str:
    """A block's text; a table's rows kept on their own lines."""
    if any(_ROW.match(line) for line in block.lines):
        return "\n".join(block.lines)
    return block.text


def _table_clauses(text: str) -> list[str] | None:
    """A task table (an annex: ``| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | … |``) as one
    clause per row — "<body>: <task>, hoàn thành trước ngày <date>" — or None when ``text`` is
    not such a table."""
    rows = [[c.strip() for c in m.group(1).split("|")]
            for line in text.split("\n") if (m := _ROW.match(line))]
    if len(rows) < 2:
        return None
    head = [c.lower() for c in rows[0]]
    body = next((i for i, c in enumerate(head) if "chủ trì" in c or c.startswith("cơ quan")), None)
    due = next((i for i, c in enumerate(head) if "thời hạn" in c or "hoàn thành" in c), None)
    task = next((i for i, c in enumerate(head) if "nhiệm vụ" in c or "nội dung" in c), None)
    if body is None or due is None:
        return None
    clauses = []
    for row in rows[1:]:
        if len(row) != len(head) or set("".join(row)) <= set("-: "):
            continue
        what = row[task] if task is not None else ""
        clauses.append(f"{row[body]}: {what}, hoàn thành trước ngày {row[due]}")
    return clauses


def _task_clauses(text: str) -> list[str]:
    """Clauses that can carry tasks: attendance lists cut off, split at ``;``; a task table's
    rows."""
    table = _table_clauses(text)
    if table is not None:
        return table
    clauses = []
    for sentence in split_sentences(text, semicolons=False):
        kept = without_attendance(sentence)
        clauses.extend(split_sentences(kept) if kept.strip() else [])
    return clauses


def meeting_date(
    title: str | None, opening: list[str], context: str | None = None
) -> str | None:
    """The date of the session the notice concludes: a sentence that opens with a date and
    speaks of a meeting, or ``phiên họp … ngày D`` in the title or opening. A day written
    without its year (``Sáng 12/3, …``) takes the year of ``context``."""
    for text in [title or "", *opening]:
        for sentence in split_sentences(text):
            if not _MEETING_WORDS.search(_NOT_A_SESSION.sub(" ", sentence)):
                continue
            found_dates = [d for d in find_dates(sentence) if d.day_given]
            found_dates += yearless_dates(sentence, context)
            ordered = sorted((d for d in found_dates if d.day_given), key=lambda d: d.start)
            # "Ngày 6-9, UBND tỉnh ban hành Thông báo … tại cuộc họp … diễn ra chiều 4-9": the
            # day the meeting was held, not the day its conclusions were issued.
            held = [d for d in ordered if _HELD_ON.search(sentence[: d.start])]
            if held:
                return held[0].value
            for found in ordered:
                if found.start < 30 or _MEETING_BEFORE_DATE.search(sentence[: found.start]):
                    return found.value
    return None


def _latest_full_date(texts: list[str]) -> str | None:
    """The latest full date of the text: the year of yearless days when nothing else dates
    it. News reports recent events; the documents it cites are older, its deadlines later
    (a day after it in the year is read as last year's: ``dates.yearless_dates``)."""
    days = [f.value for text in texts for f in find_dates(text) if f.day_given]
    return max(days) if days else None


def _next_lead_in(block: Block, block_first: str | None, lead_in: str | None) -> str | None:
    """A block like ``- Sở Giao thông vận tải - Xây dựng:`` leads the items that follow it;
    a heading naming a body (``### 1. Sở Nông nghiệp và PTNT``) leads its section."""
    text = block.text.rstrip()
    if block.kind == "heading":
        return block_first
    if block_first and text.endswith(":"):
        return block_first
    if block_first and block.kind == "item" and len(text) <= 60:
        return block_first  # "1. Sở Y tế" alone: the items under it are its tasks
    if block.kind == "item" and block.level >= 1 and lead_in and not block_first:
        return lead_in
    if block.kind == "paragraph" and _SUB_ITEM.match(text):
        return lead_in  # "a) …", "- …" typed as paragraphs: still inside the lead-in's list
    if block.kind == "heading" or (block.kind == "paragraph" and not text.endswith(":")):
        return None
    return lead_in if block.kind == "item" else None


def _chair(
    st: Structure, body_texts: list[str], title: str | None, ref: Reference
) -> tuple[str | None, str | None]:
    if any(_DEPARTMENT_HEAD.search(line.upper()) for line in st.capacity_lines):
        # A department's own letter: its director signs; whoever it quotes did not preside.
        return None, None
    sentences = [s for text in body_texts for s in split_sentences(text)]
    chair = find_chair(sentences, title, province_words(ref))
    if chair:
        return chair.name, chair.role
    role = chair_from_signature(st.capacity_lines)
    if role and st.signer_lines:
        return person_name(st.signer_lines[0]), role
    return None, None


def _signer(st: Structure) -> str | None:
    if not st.capacity_lines or not st.signer_lines:
        return None
    return person_name(st.signer_lines[0])


def _doc_type(
    st: Structure, symbol: str | None, reported: str | None, stamp: str | None, placed: bool
) -> str | None:
    """The type line; else the code of the number (``15/CT-UBND`` is a Chỉ thị even under a
    ``V/v`` line); else a letter's form; else what a news item says it reports; else news.
    ``placed``: the text has a date or a province; unsigned prose with neither is not called
    news (nothing says it was published anywhere)."""
    if st.type_line:
        return st.type_line
    code = type_code(symbol)
    if code in TYPE_BY_CODE:
        return TYPE_BY_CODE[code]
    if reported:
        return reported
    if st.is_letter or symbol:
        return LETTER_TYPE  # "3413/UBND-TH": a number with no type code is a công văn
    if stamp or (placed and not st.capacity_lines):
        return NEWS_TYPE
    return None


def type_code(symbol: str | None) -> str | None:
    """``CT-UBND`` → ``CT``; ``2022/QĐ-UBND`` → ``QĐ``; unaccented ``QD`` → ``QĐ``."""
    if not symbol:
        return None
    code = symbol.split("-")[0].split("/")[-1].strip()
    return {"QD": "QĐ", "CD": "CĐ", "TTR": "TTr", "CTR": "CTr"}.get(code.upper(), code)


# A signature of a department's head, not of the committee ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC").
_DEPARTMENT_HEAD = re.compile(r"GIÁM ĐỐC|TRƯỞNG BAN|THỦ TRƯỞNG|CỤC TRƯỞNG|CHI CỤC TRƯỞNG")
# The closing formula of a Thông báo whose heading was cut off.
_NOTICE_FORMULA = re.compile(r"\bthông báo\s+(?:để|cho)\b[^.]{0,80}\bbiết\b", re.IGNORECASE)


def _own_title(title: str | None) -> str | None:
    """An excerpt's first line ("... trên cơ sở ý kiến …", "và các huyện …") starts in the
    middle of a sentence: not a title."""
    if title is None:
        return None
    start = title.lstrip("*_ ")
    if start.startswith(("...", "…")) or start[:1].islower():
        return None
    return title


# " - Cổng thông tin điện tử tỉnh Bắc Kạn", " | Báo Lào Cai": the site's name after the headline.
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]*$")


def _page_title(page_title: str | None) -> str | None:
    if not page_title:
        return None
    title = _SITE_SUFFIX.sub("", page_title).strip()
    return title if len(title) >= 10 else None


def _agency_name(agency_id: str, found_name: str, ref: Reference) -> str:
    agency = ref.agencies.get(agency_id)
    return agency.name if agency else found_name


def _summary(body_texts: list[str]) -> str | None:
    for text in body_texts:
        if len(text) >= 80:
            return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"
    return body_texts[0] if body_texts else None

