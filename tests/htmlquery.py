"""Read elements of a built page with an HTML parser (lxml, which python-docx already needs),
never with regexes on attribute quoting: pages are minified (thongbao-weight), so attributes
lose their optional quotes and are sorted, and only a parser reads every form the same.

    root = document(html)
    panel = by_class(root, "tb-panel")[0]
    hrefs(panel), text(panel)
"""

from __future__ import annotations

from lxml import html as lxml_html
from lxml.html import HtmlElement


def document(source: str) -> HtmlElement:
    """The page's ``<html>`` element."""
    return lxml_html.document_fromstring(source)


def by_class(root: HtmlElement, name: str, tag: str = "*") -> list[HtmlElement]:
    """Elements (of ``tag``) whose class attribute lists ``name``, in document order."""
    return root.xpath(
        f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), $name)]", name=f" {name} "
    )


def one_by_class(root: HtmlElement, name: str, tag: str = "*") -> HtmlElement:
    found = by_class(root, name, tag)
    assert found, f"no <{tag} class={name}>"
    return found[0]


def hrefs(element: HtmlElement) -> list[str]:
    """The href of every link inside ``element`` (itself included), in document order."""
    return [a.get("href") for a in element.iter("a") if a.get("href") is not None]


def text(element: HtmlElement) -> str:
    """The element's text, whitespace runs made one space."""
    return " ".join(element.text_content().split())


def attribute(root: HtmlElement, tag: str, name: str) -> list[str]:
    """Every value of attribute ``name`` on ``tag`` elements (``*``: any element)."""
    return [value for value in root.xpath(f"//{tag}/@{name}")]


def meta_content(root: HtmlElement, name: str) -> str | None:
    found = root.xpath("//meta[@name=$name]/@content", name=name)
    return found[0] if found else None
