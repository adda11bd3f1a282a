"""A notice's body as HTML, rendered once in the build step and cached with its record.

The body (safe, cleaned Markdown from extraction) is parsed with markdown-it-py (CommonMark,
raw HTML off) and rendered to HTML: every text node escaped, only http(s) links kept (markdown-it
refuses ``javascript:``), headings given the ids and permalinks Python-Markdown's toc extension
gives them (``thongbao.slug.toc_slugify``), so anchors stay where readers linked them.

Mentions of agencies and cited documents become *link slots*: ``<a href="\\0a:so-y-te\\0">``.
Whether the target page exists (an agency page, a policy page cited often enough) is known only
once the whole archive is built, so :func:`place_links` fills each slot with a relative URL or
drops the link and keeps its text. markdown-it turns NUL in the input into U+FFFD (CommonMark),
so a notice's own text can never forge a slot.

The block (paragraph, list item, table cell, heading) that holds each of the record's tasks
gets an id (``nhiem-vu-3``: the first task it holds, counted from 1), so the notice panel's
short list of tasks links each one to its whole sentence in the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from .agencies import finder_for
from .citations import SYMBOL_RE, Vocabulary, find_symbols
from .layout import markdown_parser
from .record import Record
from .reference import Reference
from .slug import toc_slugify

# (start, end, href) spans inside one text node; href is a slot or a URL.
Annotate = Callable[[str], Sequence[tuple[int, int, str]]]
AGENCY = "a"
POLICY = "p"
_SLOT = re.compile(r'<a href="\x00([ap]):([^"\x00]*)\x00">(.*?)</a>', re.DOTALL)
_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'
TASK_ID = "nhiem-vu-{n}"
# Characters of a task's start looked for in the text: enough to tell two tasks apart, short
# enough to stay inside one line of Markdown source (emphasis or a line break cuts the match).
TASK_KEY = (48, 20)


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    name: str  # plain text (the table of contents escapes it)


@dataclass(frozen=True)
class BodyHtml:
    html: str  # with link slots; see place_links
    headings: tuple[Heading, ...]
    tasks: tuple[str | None, ...] = ()  # id of the block holding each task (record order)
    # Every link slot's (kind, target), once each, in order: what a page's cache key needs
    # from the body without a pass over its HTML, which a light build does not hold
    # (pipeline.NoticePage.released).
    slots: tuple[tuple[str, str], ...] = ()


def slot(kind: str, target: str) -> str:
    return f"\x00{kind}:{target}\x00"


def notice_body_html(body: str, record: Record, ref: Reference, vocab: Vocabulary) -> BodyHtml:
    """The body with slots for the agencies and cited documents it names."""
    return render_html(body, annotator(record, ref, vocab), [d.task for d in record.deadlines])


def annotator(record: Record, ref: Reference, vocab: Vocabulary) -> Annotate:
    """Spans of a text node naming an agency (the province's finder) or a document the record
    cites. Never inside a document number (``VPUBND`` of ``12/TB-VPUBND``)."""
    finder = finder_for(ref, record.province_id)
    policies: dict[str, str] = {}
    for policy in record.policies:
        policies.setdefault(policy.symbol, policy.id)

    def annotate(text: str) -> list[tuple[int, int, str]]:
        spans: dict[int, tuple[int, int, str]] = {}
        for m in finder.find(text):
            if not _in_symbol(text, m.start, m.end):
                spans.setdefault(m.start, (m.start, m.end, slot(AGENCY, m.id)))
        for symbol, start, end in find_symbols(text, vocab) if policies else ():
            if symbol in policies:
                spans.setdefault(start, (start, end, slot(POLICY, policies[symbol])))
        return _without_overlaps(sorted(spans.values()))

    return annotate


def _in_symbol(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in "-/":
        return True
    if "/" not in text:
        return False  # every symbol has its slash: no need to look for one
    return any(m.start() < end and start < m.end() for m in SYMBOL_RE.finditer(text))


def _without_overlaps(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def render_html(
    markdown: str, annotate: Annotate | None = None, tasks: Sequence[str] = ()
) -> BodyHtml:
    """HTML of safe Markdown; ``annotate`` links text outside headings, code and links; the
    blocks holding ``tasks`` get ids."""
    parser = markdown_parser()
    tokens = parser.parse(markdown)
    headings = _mark_headings(tokens)
    anchors = _mark_tasks(tokens, tasks)
    if annotate is not None:
        _annotate(tokens, annotate)
    rendered = parser.renderer.render(tokens, parser.options, {})
    return BodyHtml(rendered, headings, anchors, link_slots(rendered))


def _mark_headings(tokens: list[Token]) -> tuple[Heading, ...]:
    """Ids (unique as the toc extension makes them) and permalinks for every heading."""
    seen: set[str] = set()
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        kids = inline.children or []
        name = "".join(c.content for c in kids if c.type in ("text", "code_inline"))
        hid = _unique(toc_slugify(name, "-"), seen)
        tok.attrSet("id", hid)
        inline.children = [*(inline.children or []), _raw(PERMALINK.format(id=hid))]
        out.append(Heading(int(tok.tag[1]), hid, name))
    return tuple(out)


def _mark_tasks(tokens: list[Token], tasks: Sequence[str]) -> tuple[str | None, ...]:
    """Id of the block holding each task (None when its start is not found in one block).
    Tasks come in text order: each is looked for from the previous one's block on first (the
    same opening words recur in a notice), then anywhere. Two tasks in one block share the
    block's id: an element has one."""
    blocks = [(_block_of(tokens, i), _words(tok.content))
              for i, tok in enumerate(tokens) if tok.type == "inline"]
    out: list[str | None] = []
    start = 0
    for n, task in enumerate(tasks, 1):
        found = _task_block(blocks, _words(task), start)
        if found is None:
            out.append(None)
            continue
        start = found
        block = blocks[found][0]
        if not block.attrGet("id"):
            block.attrSet("id", TASK_ID.format(n=n))
        out.append(str(block.attrGet("id")))
    return tuple(out)


def _task_block(blocks: list[tuple[Token, str]], task: str, start: int) -> int | None:
    for size in (len(task), *TASK_KEY):
        key = task[:size]
        for lo, hi in ((start, len(blocks)), (0, start)):
            for i in range(lo, hi):
                if key and key in blocks[i][1]:
                    return i
    return None


def _block_of(tokens: list[Token], inline: int) -> Token:
    """The element an inline token is rendered in: its opening token, or for the hidden
    paragraph of a tight list, the list item around it."""
    opener = tokens[inline - 1]
    if opener.hidden:
        for tok in reversed(tokens[: inline - 1]):
            if tok.type == "list_item_open" and tok.level < opener.level:
                return tok
    return opener


def _words(text: str) -> str:
    return " ".join(text.split())


def _unique(hid: str, seen: set[str]) -> str:
    while hid in seen or not hid:
        m = _IDCOUNT.match(hid)
        hid = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{hid}_1"
    seen.add(hid)
    return hid


def _annotate(tokens: list[Token], annotate: Annotate) -> None:
    in_heading = False
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            in_heading = tok.type == "heading_open"
        elif tok.type == "inline" and not in_heading:
            tok.children = _annotated_children(tok.children or [], annotate)


def _annotated_children(children: list[Token], annotate: Annotate) -> list[Token]:
    out: list[Token] = []
    link_depth = 0
    for child in children:
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
        if child.type != "text" or link_depth or not child.content:
            out.append(child)
            continue
        out.append(_raw(_linked(child.content, annotate)))
    return out


def _linked(text: str, annotate: Annotate) -> str:
    parts: list[str] = []
    pos = 0
    for start, end, href in annotate(text):
        if start < pos:
            continue
        parts.append(html.escape(text[pos:start], quote=False))
        parts.append(f'<a href="{href}">{html.escape(text[start:end], quote=False)}</a>')
        pos = end
    parts.append(html.escape(text[pos:], quote=False))
    return "".join(parts)


def _raw(content: str) -> Token:
    # Rendered verbatim by the "html_inline" rule; only ever built from escaped text here.
    return Token("html_inline", "", 0, content=content)


def place_links(rendered: str, resolve: Callable[[str, str], str | None]) -> str:
    """Fill every slot: ``resolve(kind, target)`` gives the href, or None to keep only the text."""
    if "\x00" not in rendered:
        return rendered

    def fill(m: re.Match[str]) -> str:
        href = resolve(m.group(1), m.group(2))
        return m.group(3) if href is None else f'<a href="{html.escape(href)}">{m.group(3)}</a>'

    return _SLOT.sub(fill, rendered)


def link_slots(rendered: str) -> tuple[tuple[str, str], ...]:
    """Every slot's (kind, target) in ``rendered``, once each, in order of appearance."""
    if "\x00" not in rendered:
        return ()
    return tuple(dict.fromkeys((m.group(1), m.group(2)) for m in _SLOT.finditer(rendered)))


def to_json(body: BodyHtml) -> dict[str, Any]:
    return {"html": body.html, "headings": [[h.level, h.id, h.name] for h in body.headings],
            "tasks": list(body.tasks), "slots": [list(s) for s in body.slots]}


def from_json(data: dict[str, Any]) -> BodyHtml:
    slots = data.get("slots")
    return BodyHtml(data["html"], tuple(Heading(int(lv), i, n) for lv, i, n in data["headings"]),
                    tuple(data.get("tasks") or ()),
                    tuple((k, t) for k, t in slots) if slots is not None
                    else link_slots(data["html"]))
