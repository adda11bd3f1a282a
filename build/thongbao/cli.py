"""``thongbao extract FILE``, ``thongbao build``, ``thongbao check`` and ``thongbao parts``: the
build step without MkDocs."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from . import citations, parts, sitesize
from .decoding import DecodeError, read_notice
from .extract import NotANotice, extract
from .pipeline import build_heads, build_pages
from .programs import load_programs
from .progress import Reporter
from .quality import quality_report, report_lines
from .record import SCHEMA_KEYS, Source
from .reference import ReferenceError as ReferenceDataError
from .reference import load_reference
from .sidecar import Sidecar, SidecarError, apply_sidecar, parse_sidecar
from .sources import load_portals, page_address


def default_content_dir() -> Path:
    here = Path.cwd() / "content"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "content"


def cmd_extract(args: argparse.Namespace) -> int:
    path = Path(args.file)
    content = Path(args.content) if args.content else default_content_dir()
    try:
        ref = load_reference(content / "reference")
        vocab = citations.load_vocabulary(content / "reference" / "documents.yml")
        decoded = read_notice(path)
        data = path.read_bytes()
        sidecar_path = next(
            (p for p in (path.with_suffix(".yml"), path.with_suffix(".yaml")) if p.exists()), None
        )
        sidecar = Sidecar()
        if sidecar_path:
            sidecar = parse_sidecar(sidecar_path.read_text(encoding="utf-8-sig"), ref)
        url, page_title = sidecar.source_url, None
        if decoded.fmt == "html":
            page_url, page_title = page_address(data.decode("utf-8", "replace"))
            url = url or page_url
        source = Source(path.name, hashlib.sha256(data).hexdigest(), url, decoded.encoding)
        programs = load_programs(content / "reference" / "programs.yml")
        portals = load_portals(content / "reference" / "portals.yml")
        record = extract(decoded.text, source, ref, vocab, programs, portals, page_title).record
        record = apply_sidecar(record, sidecar, ref)
    except FileNotFoundError:
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(f"{path}: is a directory, not a notice", file=sys.stderr)
        return 2
    except (DecodeError, NotANotice, SidecarError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    data_out = record.to_dict(extras=args.all)
    if not args.all:
        data_out = {key: data_out[key] for key in SCHEMA_KEYS}
    json.dump(data_out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    content = Path(args.content) if args.content else default_content_dir()
    out = Path(args.out)
    cache = None if args.no_cache else Path(args.cache)
    started = time.perf_counter()
    progress = Reporter(lambda line: print(f"thongbao: {line}", file=sys.stderr))
    # Heads, not pages: only the pages to write are read in full (docs/scale.md).
    result = build_heads(content, out, cache, progress=progress)
    elapsed = time.perf_counter() - started
    for problem in result.problems:
        print(f"thongbao: {problem}", file=sys.stderr)
    for note in result.incomplete:
        print(f"thongbao: INFO: {note}", file=sys.stderr)
    print(
        f"{len(result.heads)} pages in {out} ({result.extracted} extracted, "
        f"{result.from_cache} from cache, {len(result.problems)} problems) in {elapsed:.2f}s",
        file=sys.stderr,
    )
    return 1 if args.strict and result.problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Field completeness over the content folder: what is missing, what sidecars corrected."""
    content = Path(args.content) if args.content else default_content_dir()
    cache = None if args.no_cache else Path(args.cache)
    try:
        result = build_pages(content, None, cache)
    except ReferenceDataError as exc:
        print(f"thongbao: {exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"thongbao: {problem}", file=sys.stderr)
    report = quality_report((p.src, p.url, p.record) for p in result.pages)
    print("\n".join(report_lines(report)))
    return 1 if args.strict and result.problems else 0


def cmd_parts_plan(args: argparse.Namespace) -> int:
    """Extract every notice (filling the cache the parts read) and print the groups of
    provinces as a GitHub Actions matrix (docs/parts.md)."""
    content = Path(args.content) if args.content else default_content_dir()
    try:
        ref = load_reference(content / "reference")
        result = build_pages(content, None, Path(args.cache), ref=ref)
    except ReferenceDataError as exc:
        print(f"thongbao: {exc}", file=sys.stderr)
        return 2
    # Every province of the reference is in a group, with or without notices: a province that
    # absorbed others in 2025 has a page listing theirs.
    counts = dict.fromkeys(ref.provinces, 0)
    for page in result.pages:
        for province in {page.record.province_id, page.record.province_now_id} - {None}:
            counts[province] = counts.get(province, 0) + 1
    print(json.dumps(parts.matrix(parts.groups(counts, args.groups)), ensure_ascii=False))
    return 0


def cmd_parts_merge(args: argparse.Namespace) -> int:
    """Copy the shared build's and the parts' site folders into one site."""
    out = Path(args.out)
    sources = [Path(p) for p in args.parts]
    missing = [str(p) for p in sources if not p.is_dir()]
    if missing:
        print(f"thongbao: no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    try:
        copied = parts.merge(out, sources)
    except parts.MergeConflict as exc:
        print(f"thongbao: {exc}", file=sys.stderr)
        return 1
    print(f"thongbao: {copied} files from {len(sources)} parts in {out}", file=sys.stderr)
    # The merged site is what the host receives: its size, against that host's limit.
    print(f"thongbao: {sitesize.size_line(sitesize.measure(out))}", file=sys.stderr)
    missing_pages = parts.missing_pages(out)
    for path in missing_pages[:20]:
        print(f"thongbao: {path}: in sitemap.xml, written by no part", file=sys.stderr)
    return 1 if missing_pages else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="thongbao", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print one notice's record as JSON")
    ex.add_argument("file")
    ex.add_argument("--content", help="content folder (reference data); default ./content")
    ex.add_argument("--all", action="store_true", help="include the page's extra keys")
    ex.set_defaults(func=cmd_extract)
    bd = sub.add_parser("build", help="write every notice's Markdown page")
    bd.add_argument("--content", help="content folder; default ./content")
    bd.add_argument("--out", default="generated", help="output folder (default: generated)")
    bd.add_argument("--cache", default=".cache/thongbao", help="extraction cache folder")
    bd.add_argument("--no-cache", action="store_true")
    bd.add_argument("--strict", action="store_true", help="exit 1 when any notice has a problem")
    bd.set_defaults(func=cmd_build)
    ck = sub.add_parser("check", help="print field completeness and the incomplete notices")
    ck.add_argument("content", nargs="?", help="content folder; default ./content")
    ck.add_argument("--cache", default=".cache/thongbao", help="extraction cache folder")
    ck.add_argument("--no-cache", action="store_true")
    ck.add_argument("--strict", action="store_true", help="exit 1 when any file is refused")
    ck.set_defaults(func=cmd_check)
    pt = sub.add_parser("parts", help="partitioned build: plan the groups, merge the parts")
    pts = pt.add_subparsers(dest="parts_command", required=True)
    plan = pts.add_parser("plan", help="print the groups of provinces as an Actions matrix")
    plan.add_argument("--groups", type=int, default=4, help="number of parts (default 4)")
    plan.add_argument("--content", help="content folder; default ./content")
    plan.add_argument("--cache", default=".cache/thongbao", help="extraction cache folder")
    plan.set_defaults(func=cmd_parts_plan)
    mg = pts.add_parser("merge", help="copy the parts' site folders into one site")
    mg.add_argument("out", help="the site folder to write")
    mg.add_argument("parts", nargs="+", help="site folders of the shared build and the parts")
    mg.set_defaults(func=cmd_parts_merge)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
