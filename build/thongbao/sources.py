"""Where a text came from, as evidence: a page address → the publishing province and a date.

A provincial portal, a department's portal or a provincial newspaper names its province
(``content/reference/portals.yml``); a national outlet names none. Many portals write the
publication date into the address: ``/202109/`` (month), ``/2022/04/14/``,
``…-20240315093011123.htm`` (a timestamp). Pure: an address and the loaded table in, evidence out.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import refdata


class PortalsError(refdata.ReferenceFileError):
    """portals.yml is malformed; the message names the entry."""


@dataclass(frozen=True)
class Portals:
    domains: dict[str, str | None]  # domain → province id (None: a national outlet)
    prefixes: tuple[str, ...]  # department prefixes written before a provincial portal's name


@dataclass(frozen=True)
class UrlEvidence:
    province_id: str | None = None
    date: str | None = None  # YYYY-MM-DD, or YYYY-MM from a month folder
    national: bool = False  # a national outlet: the address names no province


NO_EVIDENCE = UrlEvidence()


FILE = "portals.yml"


def load_portals(path: Path) -> Portals:
    """The table of portals.yml through the one reference loader (validated, rebuilt when the
    file's bytes change); an absent file is an empty table (no evidence)."""
    if not path.is_file():
        return Portals({}, ())
    return refdata.load(path.parent, path.name)


def _from_data(data: dict | None) -> Portals:
    data = data or {}
    domains: dict[str, str | None] = {}
    for entry in data.get("provinces") or []:
        for domain in entry.get("domains") or []:
            _add(domains, domain, entry["province"])
    for domain in (data.get("national") or {}).get("domains") or []:
        _add(domains, domain, None)
    prefixes = tuple((data.get("department_prefixes") or {}).get("prefixes") or ())
    return Portals(domains, tuple(sorted(prefixes, key=len, reverse=True)))


def _add(domains: dict[str, str | None], domain: str, province: str | None) -> None:
    key = domain.lower().strip()
    if key in domains and domains[key] != province:
        raise PortalsError(f"portals.yml: domain {key} listed for {domains[key]} and {province}")
    domains[key] = province


def url_evidence(url: str | None, portals: Portals) -> UrlEvidence:
    if not url:
        return NO_EVIDENCE
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return NO_EVIDENCE
    host = (parts.hostname or "").lower().removeprefix("www.")
    found = host_province(host, portals)
    national = found is None and _national(host, portals)
    return UrlEvidence(found, url_date(unquote(parts.path + "?" + parts.query)), national)


def host_province(host: str, portals: Portals) -> str | None:
    """The province a host publishes for: the host or a parent domain listed, else a
    department's portal ``<prefix><portal>`` (``snnbackan.gov.vn``)."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        domain = ".".join(labels[i:])
        if domain in portals.domains:
            return portals.domains[domain]
    first, _, rest = host.partition(".")
    for prefix in portals.prefixes:
        if first.startswith(prefix) and len(first) > len(prefix):
            province = portals.domains.get(f"{first[len(prefix):]}.{rest}")
            if province:
                return province
    return None


def _national(host: str, portals: Portals) -> bool:
    labels = host.split(".")
    return any(".".join(labels[i:]) in portals.domains for i in range(len(labels) - 1))


# "/2022/04/14/", "/2022/4/14/"
_YMD_PATH = re.compile(r"/(?P<y>20\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$|[?#-])")
# "-20240315093011123.htm": a timestamp of 14 to 17 digits (date, time, milliseconds)
_STAMP = re.compile(r"(?<!\d)(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)(?P<h>[01]\d|2[0-3])[0-5]\d"
                    r"[0-5]\d\d{0,3}(?!\d)")
# "-102260115093011123.htm" (baochinhphu.vn and kin): "102", then a two-digit year, month, day,
# hour, minutes, seconds, milliseconds.
_SHORT_STAMP = re.compile(r"(?<!\d)1\d\d(?P<y>[0-4]\d)(?P<m>0[1-9]|1[0-2])(?P<d>[0-3]\d)"
                          r"(?:[01]\d|2[0-3])[0-5]\d[0-5]\d\d{3}(?!\d)")
# "/202109/": a month folder
_MONTH_DIR = re.compile(r"/(?P<y>20\d\d)(?P<m>0[1-9]|1[0-2])/")
# "/2021/09/": year and month folders
_YM_PATH = re.compile(r"/(?P<y>20\d\d)/(?P<m>0?[1-9]|1[0-2])/")


def url_date(path: str) -> str | None:
    """The publication date an address holds, or None. Day forms before month forms."""
    for pattern, century in ((_YMD_PATH, 0), (_STAMP, 0), (_SHORT_STAMP, 2000)):
        for m in pattern.finditer(path):
            value = _valid(century + int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if value:
                return value
    for pattern in (_MONTH_DIR, _YM_PATH):
        m = pattern.search(path)
        if m:
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def page_address(html: str) -> tuple[str | None, str | None]:
    """A saved page's own address and title: ``<link rel="canonical">`` or ``og:url``, and
    ``<title>`` (or ``og:title``). Looked for in the head only, with regular expressions:
    the page is untrusted and nothing of it is rendered here."""
    head = html[: html.lower().find("</head>")] if "</head>" in html.lower() else html[:20000]
    url = _attr(head, r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", "href") or _attr(
        head, r"<meta\b[^>]*\bproperty=[\"']?og:url\b[^>]*>", "content")
    title_m = re.search(r"<title[^>]*>(.*?)</title>", head, re.IGNORECASE | re.DOTALL)
    title = _clean(title_m.group(1)) if title_m else None
    title = title or _attr(head, r"<meta\b[^>]*\bproperty=[\"']?og:title\b[^>]*>", "content")
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        url = None
    return url, title or None


def _attr(head: str, tag_pattern: str, name: str) -> str | None:
    m = re.search(tag_pattern, head, re.IGNORECASE)
    if not m:
        return None
    a = re.search(rf"\b{name}=(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", m.group(0), re.IGNORECASE)
    if not a:
        return None
    return _clean(next(g for g in a.groups() if g is not None))


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(value)).strip()


refdata.register(FILE, build=_from_data)
