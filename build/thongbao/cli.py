"""``thongbao extract FILE`` and ``thongbao build``: the build step without MkDocs."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from . import citations
from .decoding import DecodeError, read_notice
from .extract import NotANotice, extract
from .pipeline import build_pages
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
    result = build_pages(content, out, cache, progress=progress)
    elapsed = time.perf_counter() - started
    for problem in result.problems:
        print(f"thongbao: {problem}", file=sys.stderr)
    for note in result.incomplete:
        print(f"thongbao: INFO: {note}", file=sys.stderr)
    print(
        f"{len(result.pages)} pages in {out} ({result.extracted} extracted, "
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
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
