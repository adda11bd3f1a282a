"""HTML notice → Markdown-ish plain text, with the standard library's ``html.parser`` only.

The input is untrusted: no tag reaches the output. Script, style, navigation, forms'
controls and page chrome are dropped; block elements become paragraphs, ``<h1>``–``<h6>``
``#`` headings, list items ``- `` (or ``1. `` in ``<ol>``), ``<b>``/``<strong>`` ``**``,
``<i>``/``<em>`` ``*``, ``<br>`` a Markdown hard break (two spaces + newline). Table cells
become paragraphs of their own, so the place-and-date cell of a notice's header table
stays a line by itself. Entities are decoded; text that *spells* a tag
(``&lt;script&gt;``) comes out as that literal text, like in a ``.txt`` notice: the
renderer escapes it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

# Dropped with everything inside them.
_SKIP_ALWAYS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "nav", "iframe",
        "object", "embed", "applet", "svg", "math", "canvas", "select", "button",
        "textarea", "datalist", "dialog", "audio", "video", "map",
    }
)  # fmt: skip
# Page chrome, dropped unless inside the notice itself (<article>/<main>).
_SKIP_OUTSIDE_CONTENT = frozenset({"header", "footer", "aside"})
_CONTENT = frozenset({"article", "main"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "header", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        "h1", "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
_COLLAPSE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; NBSP is not collapsed
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_EDGE = " \t\xa0"


class _Marker:
    """An open emphasis element: its Markdown marker and whether it was written yet."""

    __slots__ = ("emitted", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.emitted = False


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.item_starts: list[bool] = []  # block i continues a tight list
        self.new_list = False
        self.is_item: list[bool] = []
        self.block_lines: list[str] = []  # finished lines (via <br>) of the current block
        self.line: list[str] = []  # fragments of the current line
        self.line_has_text = False
        self.prefix = ""  # written before the block's first line ("## ", "- ", ...)
        self.indent = ""  # written before later paragraphs of a list item
        self.skip: list[str] = []  # names of the skipped elements we are inside
        self.content_depth = 0
        self.pre_depth = 0
        self.heading = 0
        self.lists: list[list[int | str]] = []  # [kind "ul"/"ol", counter]
        self.item_indents: list[str] = []  # continuation indent of open <li>s
        self.markers: list[_Marker | None] = []
        self.marker_tags: list[str] = []

    # ---- output primitives ------------------------------------------------------------

    def _line_text(self) -> str:
        return "".join(self.line)

    def _reset_line(self) -> None:
        self.line = []
        self.line_has_text = False

    def _append(self, text: str) -> None:
        if not text:
            return
        collapsible = not self.line_has_text or self.line[-1].endswith(" ")
        if not self.pre_depth and text.startswith(" ") and collapsible:
            text = text[1:]
        if not text:
            return
        if text.strip(_EDGE) and not self.heading:
            pending = [m for m in self.markers if m is not None and not m.emitted]
            if pending:
                stripped = text.lstrip(_EDGE)
                lead = text[: len(text) - len(stripped)]
                opening = "".join(m.text for m in pending)
                for m in pending:
                    m.emitted = True
                text = lead + opening + stripped
        self.line.append(text)
        self.line_has_text = self.line_has_text or bool(text.strip(_EDGE))

    def _close_marker(self, marker: _Marker) -> None:
        if not marker.emitted:
            return
        marker.emitted = False
        if self.line_has_text:
            tail = ""
            while not self.line[-1].strip(_EDGE):
                tail = self.line.pop() + tail
            last = self.line.pop()
            body = last.rstrip(_EDGE)
            self.line.append(body + marker.text + last[len(body) :] + tail)
            return
        for i in range(len(self.block_lines) - 1, -1, -1):
            if self.block_lines[i].strip(_EDGE):
                self.block_lines[i] = self.block_lines[i].rstrip(_EDGE) + marker.text
                return

    def _break_line(self) -> None:
        self.block_lines.append(self._line_text().strip(_EDGE).replace("\xa0", " "))
        self._reset_line()

    def _flush_block(self) -> None:
        # Emphasis cannot cross a paragraph: close open markers, reopen in the next block.
        for marker in reversed(self.markers):
            if marker is not None:
                self._close_marker(marker)
        self._break_line()
        paragraphs: list[list[str]] = [[]]
        for line in self.block_lines:
            if line:
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        for para in paragraphs:
            if not para:
                continue
            lead = self.prefix if self.prefix else self.indent
            is_item = bool(self.prefix) and not self.heading
            previous_item = bool(self.is_item) and self.is_item[-1]
            self.item_starts.append(is_item and previous_item and not self.new_list)
            self.is_item.append(is_item)
            self.new_list = self.new_list and not is_item
            if self.heading:
                self.blocks.append(lead + " ".join(para))
            else:
                joiner = "  \n" + self.indent
                self.blocks.append(lead + joiner.join(para))
            self.prefix = ""
        self.block_lines = []
        self._reset_line()

    def _has_content(self) -> bool:
        return self.line_has_text or any(self.block_lines)

    def _boundary(self) -> None:
        """A block element starts or ends here."""
        if self._has_content():
            self._flush_block()
        else:
            self.block_lines = []
            self._reset_line()

    # ---- parser callbacks -------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == "body" and "head" in self.skip:
                del self.skip[self.skip.index("head") :]  # <body> ends an unclosed <head>
            else:
                if tag == self.skip[-1] and tag not in _VOID:
                    self.skip.append(tag)
                return
        attributes = dict(attrs)
        hidden = "hidden" in attributes or _HIDDEN_STYLE.search(attributes.get("style") or "")
        if (
            tag in _SKIP_ALWAYS
            or (tag in _SKIP_OUTSIDE_CONTENT and not self.content_depth)
            or (hidden and tag not in _VOID)
        ):
            self.skip.append(tag)
            return
        if tag in _CONTENT:
            self.content_depth += 1
        if tag == "br":
            if self.heading:
                self._append(" ")
            else:
                self._break_line()
            return
        if tag in _EMPHASIS:
            already = any(m is not None and m.text == _EMPHASIS[tag] for m in self.markers)
            self.markers.append(None if already else _Marker(_EMPHASIS[tag]))
            self.marker_tags.append(tag)
            return
        if tag not in _BLOCK:
            return
        if tag == "li":
            self._start_item()
            return
        self._boundary()
        if tag in ("ul", "ol"):
            if not self.lists:
                self.new_list = True  # a list right after another one needs a blank line
            self.lists.append([tag, 0])
        elif tag in _HEADINGS:
            self.heading = _HEADINGS[tag]
            self.prefix = "#" * self.heading + " "
        elif tag == "pre":
            self.pre_depth += 1

    def _start_item(self) -> None:
        self._boundary()
        while self.item_indents and len(self.item_indents) >= max(len(self.lists), 1):
            self.item_indents.pop()  # an unclosed <li> before this one
        depth_indent = "".join(self.item_indents)
        if self.lists:
            kind = self.lists[-1]
            kind[1] = int(kind[1]) + 1
            marker = f"{kind[1]}. " if kind[0] == "ol" else "- "
        else:
            marker = "- "
        self.item_indents.append(" " * len(marker))
        self.prefix = depth_indent + marker
        self.indent = depth_indent + " " * len(marker)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _EMPHASIS:
            if tag in self.marker_tags:
                while self.marker_tags:
                    open_tag = self.marker_tags.pop()
                    marker = self.markers.pop()
                    if marker is not None:
                        self._close_marker(marker)
                    if open_tag == tag:
                        break
            return
        if tag in _CONTENT and self.content_depth:
            self.content_depth -= 1
        if tag not in _BLOCK:
            return
        self._boundary()
        if tag == "li":
            if self.item_indents:
                self.item_indents.pop()
            self.indent = "".join(self.item_indents)
            self.prefix = ""
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            while len(self.item_indents) > len(self.lists):
                self.item_indents.pop()
            self.indent = "".join(self.item_indents)
        elif tag in _HEADINGS:
            self.heading = 0
            self.prefix = ""
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre_depth:
            lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            for i, part in enumerate(lines):
                if i:
                    self._break_line()
                self._append(part.replace("\t", " "))
            return
        self._append(_COLLAPSE.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._boundary()


def html_to_text(html: str) -> str:
    """Markdown-ish text of an HTML notice: paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    parts: list[str] = []
    for i, block in enumerate(parser.blocks):
        if i:
            parts.append("\n" if parser.item_starts[i] else "\n\n")
        parts.append(block)
    text = "".join(parts)
    return text + "\n" if text else ""
