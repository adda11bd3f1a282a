"""Editor sidecars: ``NAME.yml`` beside ``NAME.txt`` corrects or completes a notice's record.

A correction always wins over extraction, and the page says which fields were corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from .dates import to_date
from .record import AgencyRef, Record, Source
from .reference import Reference
from .topics import split_main

_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_SCALARS = (
    "title", "doc_type", "doc_number", "date", "meeting_date", "chair", "chair_role",
    "signer", "signer_capacity", "author",
)
_ALLOWED = frozenset((*_SCALARS, "province", "topics", "agencies", "source_url", "permalink",
                      "redirect_from", "note"))


class SidecarError(ValueError):
    """The sidecar cannot be used; the message names the key and the problem."""


@dataclass(frozen=True)
class Sidecar:
    overrides: dict[str, Any] = field(default_factory=dict)
    source_url: str | None = None
    permalink: str | None = None
    redirect_from: tuple[str, ...] = ()
    note: str | None = None


def parse_sidecar(text: str, ref: Reference) -> Sidecar:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise SidecarError(f"invalid YAML{where}") from None
    if data is None:
        return Sidecar()
    if not isinstance(data, dict):
        raise SidecarError("expected a mapping of field: value")
    unknown = sorted(set(map(str, data)) - _ALLOWED)
    if unknown:
        raise SidecarError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_ALLOWED))})")
    overrides: dict[str, Any] = {}
    for key in _SCALARS:
        if key in data:
            overrides[key] = _scalar(key, data[key])
    if "province" in data:
        province = ref.province_by_name(str(data["province"]))
        if province is None:
            raise SidecarError(f"province: unknown province {data['province']!r}")
        overrides["province"] = province.id
    if "topics" in data:
        topics = _string_list("topics", data["topics"])
        bad = [t for t in topics if t not in ref.topics]
        if bad:
            raise SidecarError(f"topics: unknown topic {bad[0]!r}")
        overrides["topics"] = tuple(topics)
    if "agencies" in data:
        ids = _string_list("agencies", data["agencies"])
        bad = [a for a in ids if a not in ref.agencies and not a.startswith("ubnd-")]
        if bad:
            raise SidecarError(f"agencies: unknown agency id {bad[0]!r}")
        overrides["agencies"] = tuple(
            AgencyRef(a, ref.agencies[a].name if a in ref.agencies else a) for a in ids
        )
    permalink = data.get("permalink")
    if permalink is not None and not re.fullmatch(r"[a-z0-9][a-z0-9/-]*", str(permalink)):
        raise SidecarError("permalink: use lowercase ASCII letters, digits, '-' and '/'")
    return Sidecar(
        overrides=overrides,
        source_url=_optional_str("source_url", data.get("source_url")),
        permalink=str(permalink).strip("/") if permalink else None,
        redirect_from=tuple(s.strip("/") for s in _string_list("redirect_from",
                                                               data.get("redirect_from") or [])),
        note=_optional_str("note", data.get("note")),
    )


def _scalar(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if key in ("date", "meeting_date"):
        if isinstance(value, dt.date):
            return value.isoformat()
        if not _DATE.match(str(value)):
            raise SidecarError(f"{key}: expected YYYY-MM-DD or YYYY-MM, got {value!r}")
        return str(value)
    if not isinstance(value, str | int | float):
        raise SidecarError(f"{key}: expected text, got {type(value).__name__}")
    return str(value)


def _optional_str(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SidecarError(f"{key}: expected text")
    return value


def _string_list(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SidecarError(f"{key}: expected a list of strings")
    return list(value)


def apply_sidecar(record: Record, sidecar: Sidecar, ref: Reference) -> Record:
    overrides = dict(sidecar.overrides)
    if "province" in overrides:
        province = ref.provinces[overrides.pop("province")]
        now = ref.province_now(province.id)
        on = to_date(overrides.get("date") or record.date or record.meeting_date)
        overrides.update(
            province=province.name_on(on), province_id=province.id,
            province_now=now.name, province_now_id=now.id,
        )
        corrected = {"province"}
    else:
        corrected = set()
    corrected.update(k for k in sidecar.overrides if k != "province")
    if "topics" in overrides:  # main topics follow the editor's list
        overrides["topics_main"] = split_main(overrides["topics"], record.topics_main)[0]
    source = record.source
    if sidecar.source_url:
        source = replace(source, url=sidecar.source_url)
    return replace(
        record, **overrides, source=source,
        corrected=tuple(sorted(corrected | set(record.corrected))),
    )


__all__ = ["Sidecar", "SidecarError", "Source", "apply_sidecar", "parse_sidecar"]
