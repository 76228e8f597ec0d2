"""Command line: ``python -m indexer {build,inspect,stats}``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .reading import DEFAULT_MAX_BYTES, ReadError

EPILOG = """exit status (build): 0 every file was indexed; 3 some files were skipped (listed with
their reasons); 1 fatal error (the index could not be opened or written). 2 bad arguments.

environment: VNSEARCH_INDEX sets the default --index (data/index)."""


def main(argv: list[str] | None = None) -> int:
    default_index = Path(os.environ.get("VNSEARCH_INDEX", "data/index"))
    parser = argparse.ArgumentParser(
        prog="python -m indexer",
        description="Index Vietnamese district reports into Tantivy.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser(
        "build",
        help="index folders or files of reports (incremental)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("sources", nargs="*", type=Path, default=[Path("seeds")], help="folders or files (default: seeds/)")
    b.add_argument("--index", type=Path, default=default_index, help=f"index folder (default: {default_index})")
    b.add_argument("--prune", action="store_true", help="remove documents whose file is gone")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    b.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip larger files (default 20 MiB)")
    b.add_argument("--from-originals", action="store_true", help="re-analyse the originals kept in the index folder")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    i = sub.add_parser("inspect", help="explain what the indexer makes of one file (no index needed)")
    i.add_argument("file", type=Path)
    s = sub.add_parser("stats", help="counts by district, province, year and topic")
    s.add_argument("--index", type=Path, default=default_index)
    args = parser.parse_args(argv)

    if args.command == "inspect":
        from .inspect_report import inspect_file

        try:
            print(inspect_file(args.file))
        except ReadError as exc:
            print(f"{args.file}: skipped: {exc}", file=sys.stderr)
            return 3
        return 0
    if args.command == "stats":
        from .stats import render_stats

        try:
            print(render_stats(args.index))
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0

    from .build import build_index

    try:
        summary = build_index(
            args.sources,
            args.index,
            prune=args.prune,
            jobs=args.jobs,
            max_bytes=args.max_bytes,
            progress=not args.quiet and sys.stderr.isatty(),
            from_originals=args.from_originals,
        )
    except (OSError, ValueError) as exc:
        print(f"fatal: {exc}", file=sys.stderr)
        return 1
    print(summary.render())
    return summary.exit_code


if __name__ == "__main__":
    sys.exit(main())
