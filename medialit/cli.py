"""The command line: python -m medialit COMMAND (build-lessons, articles)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import MedialitError

ROOT = Path(__file__).resolve().parent.parent


def _build_lessons(args: argparse.Namespace) -> int:
    from .lessons import build_lessons

    problems = build_lessons(args.solutions, args.lessons, check=args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems and args.check:
        print("lessons/ is out of date: run  python -m medialit build-lessons", file=sys.stderr)
    return 1 if problems else 0


def _articles(args: argparse.Namespace) -> int:
    from .corpus import articles

    for info in articles():
        print(f"{info.id:26} {info.word_count:5} words  {info.title}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per task."""
    top = argparse.ArgumentParser(prog="python -m medialit", description="The medialit teaching kit.")
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser(
        "build-lessons", help="write lessons/ from solutions/ (strip solutions and outputs)"
    )
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if lessons/ is stale")
    build.add_argument("--solutions", type=Path, default=ROOT / "solutions", help=argparse.SUPPRESS)
    build.add_argument("--lessons", type=Path, default=ROOT / "lessons", help=argparse.SUPPRESS)
    build.set_defaults(run=_build_lessons)

    listing = commands.add_parser("articles", help="list the sample articles")
    listing.set_defaults(run=_articles)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; kit errors print as one line, not a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except MedialitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
