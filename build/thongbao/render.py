"""Markdown out of markdown-it tokens, safe for Python-Markdown (what MkDocs renders with).

The notice text is untrusted: text nodes are escaped so that nothing in them becomes HTML, a
link or emphasis; only links with http(s) targets survive. Optional ``annotate`` inserts links
into text nodes outside headings, code and existing links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it.token import Token

# (start, end, url) spans inside one text node.
Annotate = Callable[[str], Sequence[tuple[int, int, str]]]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# Inline specials (*, _, `, [) are escaped everywhere already; these matter at a line start.
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+=|-]|\d+(?=[.)]\s))", re.MULTILINE)
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def escape_text(text: str) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)  # before "<" becomes "&lt;", or that would be eaten
    return _TAG_START.sub("&lt;", text)


def _escape_line_start(text: str) -> str:
    # A paragraph line that would start a list, heading, quote or table in Markdown.
    def fix(m: re.Match[str]) -> str:
        lead, mark = m.group(1), m.group(2)
        if mark.isdigit():
            return f"{lead}{mark}\\"
        return f"{lead}\\{mark}"

    return _LINE_START_SPECIAL.sub(fix, text)


def render_markdown(tokens: list[Token], annotate: Annotate | None = None) -> str:
    """Blocks separated by blank lines; lists indented by four spaces per level."""
    out: list[str] = []
    list_stack: list[dict[str, int | str]] = []
    heading_level = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            heading_level = max(2, int(tok.tag[1]))
        elif tok.type == "heading_close":
            heading_level = 0
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1)) if tok.type == "ordered_list_open" else 0
            list_stack.append({"kind": tok.type[:-10], "next": start})
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
            if not list_stack:
                out.append("")
        elif tok.type == "inline":
            text = render_inline(tok.children or [], annotate if heading_level == 0 else None)
            out.append(_place_block(text, tokens, i, list_stack, heading_level))
        elif tok.type in ("code_block", "fence"):
            body = tok.content.rstrip("\n")
            indent = "    " * len(list_stack)
            out.append("\n".join(indent + "    " + line for line in body.split("\n")) + "\n")
        elif tok.type == "hr":
            out.append("* * *\n")
        i += 1
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _place_block(
    text: str,
    tokens: list[Token],
    i: int,
    list_stack: list[dict[str, int | str]],
    heading_level: int,
) -> str:
    if heading_level:
        return "#" * heading_level + " " + text.replace("\n", " ") + "\n"
    depth = len(list_stack)
    first_in_item = i >= 2 and tokens[i - 2].type == "list_item_open"
    if depth and first_in_item:
        current = list_stack[-1]
        if current["kind"] == "ordered":
            marker = f"{current['next']}. "
            current["next"] = int(current["next"]) + 1
        else:
            marker = "- "
        indent = "    " * (depth - 1)
        lines = text.split("\n")
        body = [indent + marker + lines[0]] + [indent + "    " + line for line in lines[1:]]
        tight = tokens[i - 1].hidden if tokens[i - 1].type == "paragraph_open" else True
        return "\n".join(body) + ("" if tight else "\n")
    indent = "    " * depth
    text = _escape_line_start(text)
    return "\n".join(indent + line for line in text.split("\n")) + "\n"


def render_inline(children: list[Token], annotate: Annotate | None = None) -> str:
    parts: list[str] = []
    link_depth = 0
    pending_link: list[str] = []
    for child in children:
        kind = child.type
        if kind == "text":
            content = child.content
            if annotate and link_depth == 0:
                parts.append(_annotated(content, annotate))
            else:
                parts.append(escape_text(content))
        elif kind == "code_inline":
            parts.append(escape_text(child.content))
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "hardbreak":
            parts.append("  \n")
        elif kind in ("strong_open", "strong_close"):
            parts.append("**")
        elif kind in ("em_open", "em_close"):
            parts.append("*")
        elif kind == "link_open":
            link_depth += 1
            href = str(child.attrs.get("href", ""))
            pending_link.append(href)
            parts.append("[" if _SAFE_URL.match(href) else "")
        elif kind == "link_close":
            link_depth -= 1
            href = pending_link.pop() if pending_link else ""
            if _SAFE_URL.match(href):
                parts.append(f"]({href})")
            elif href:
                parts.append(" (" + escape_text(href) + ")")
        elif kind == "image" or kind in ("html_inline",):
            parts.append(escape_text(child.content))
    return "".join(parts)


def _annotated(text: str, annotate: Annotate) -> str:
    spans = sorted(annotate(text))
    out: list[str] = []
    pos = 0
    for start, end, url in spans:
        if start < pos or not _is_relative_or_safe(url):
            continue
        out.append(escape_text(text[pos:start]))
        out.append(f"[{escape_text(text[start:end])}]({url})")
        pos = end
    out.append(escape_text(text[pos:]))
    return "".join(out)


def _is_relative_or_safe(url: str) -> bool:
    return bool(_SAFE_URL.match(url)) or not re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)
