"""The notice's own Markdown, understood with markdown-it-py, as a flat list of blocks.

Extraction works on plain text per block (inline markup removed) and on the block kinds; the
renderer works on the token stream itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "paragraph" | "item" | "code"
    lines: tuple[str, ...]  # plain text lines (soft/hard breaks split lines)
    level: int = 0  # heading level, or list depth for items
    strong: bool = False  # the whole block is bold (titles, headings written as bold)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    # CommonMark without raw HTML: notices are untrusted, an HTML block is kept as text.
    return MarkdownIt("commonmark", {"html": False}).disable(["html_block", "html_inline"])


def parse_tokens(text: str) -> list[Token]:
    return markdown_parser().parse(text)


def inline_lines(token: Token) -> tuple[list[str], bool]:
    """Plain text lines of an inline token, and whether all its text is inside strong."""
    lines = [""]
    strong_depth = 0
    all_strong = True
    has_text = False
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type == "strong_open":
            strong_depth += 1
        elif child.type == "strong_close":
            strong_depth -= 1
        elif child.type in ("text", "code_inline"):
            if child.content.strip():
                has_text = True
                if strong_depth == 0:
                    all_strong = False
            lines[-1] += child.content
        elif child.type == "image":
            lines[-1] += child.content
    return lines, all_strong and has_text


def blocks_from_text(text: str) -> list[Block]:
    return blocks_from_tokens(parse_tokens(text))


def blocks_from_tokens(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    depth = 0
    pending: tuple[str, int] | None = None  # kind and level of the block whose inline comes next
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "heading_open":
            pending = ("heading", int(tok.tag[1]))
        elif tok.type == "list_item_open":
            marker = tok.info or tok.markup
            pending = ("item", depth)
            blocks.append(Block("marker", (marker,), depth))
        elif tok.type == "paragraph_open" and pending is None:
            pending = ("paragraph", 0)
        elif tok.type == "inline" and pending is not None:
            lines, strong = inline_lines(tok)
            kind, level = pending
            if blocks and blocks[-1].kind == "marker":
                marker = blocks.pop().lines[0]
                lines[0] = (f"{marker}. " if marker.isdigit() else "") + lines[0]
            blocks.append(Block(kind, tuple(lines), level, strong))
            pending = None
        elif tok.type in ("code_block", "fence"):
            blocks.append(Block("code", tuple(tok.content.splitlines()), 0))
    return [b for b in blocks if b.kind != "marker"]
