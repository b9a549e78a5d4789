"""The command line: python -m medialit COMMAND, one subcommand per task (listed in ``parser``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import MedialitError
from .present import CULL_IDLE

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


def _read_input(args: argparse.Namespace):
    """The article to analyse: standard input, a link (fetched now, as asked) or a file; see medialit.ingest."""
    from .errors import NotTextError, TextFileError
    from .ingest import MAX_BYTES, is_link, read_bytes, read_link, read_path

    errors = "replace" if args.replace_errors else "strict"
    try:
        if args.path == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise TextFileError(f"standard input is over the limit of {MAX_BYTES:,} bytes")
            return read_bytes(data, "standard input", errors=errors)
        if is_link(args.path):
            return read_link(args.path)
        return read_path(args.path, errors=errors)
    except NotTextError as error:  # on the command line, say how to read it anyway
        raise NotTextError(
            f"{error} If it is text with a few damaged bytes, add --replace-errors to read it anyway."
        ) from error


def _analyze(args: argparse.Namespace) -> int:
    import json

    from .detect import analyze
    from .ingest import FIELD_LABELS, language_note
    from .report import render_html, render_text
    from .schema import SpanSet

    article = _read_input(args)
    text = article.text
    skip = language_note(article.language, args.language)
    report = SpanSet() if skip else analyze(text)
    note = " ".join([*article.notes, *([skip] if skip else [])]) or None
    if args.format == "json":
        data = report.to_dict()
        if note:
            data["notes"] = note
        if article.extracted:
            data["text"] = text
            data["source"] = {
                "kind": article.kind,
                "language": article.language,
                "metadata": article.metadata_dict(),
            }
        output = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        title = article.metadata["title"].value if "title" in article.metadata else article.name
        output = render_html(text, report, title=f"medialit: {title}", note=note)
    else:
        found = "".join(
            f"  {label}: {article.metadata[key].value} (from {article.metadata[key].source})\n"
            for key, label in FIELD_LABELS.items()
            if key in article.metadata
        )
        found = f"Who is behind this?\n{found}\n" if found else ""
        output = (f"Note: {note}\n\n" if note else "") + found + render_text(text, report)
    sys.stdout.write(output)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from . import corpus
    from .detect import analyze
    from .evaluate import Evaluation, evaluate, format_table

    ids = {
        "articles": [a.id for a in corpus.articles()],
        "contrast": [c.id for c in corpus.contrast_passages()],
    }.get(args.set, corpus.ids())
    total = Evaluation()
    for doc_id in tqdm(ids, desc="analysing", unit="text", file=sys.stderr, disable=None):
        total.merge(evaluate(analyze(corpus.load(doc_id).text), corpus.annotations(doc_id)))
    print(f"{len(ids)} texts ({args.set}); spans match when they overlap.\n")
    print(format_table(total))
    return 0


def _present(args: argparse.Namespace) -> int:
    from .present import LESSONS, serve
    from .teacher_lessons import find_installed

    teacher = (
        find_installed(args.lesson) if args.lesson else None
    )  # a teacher's lesson: served from its folder
    return serve(
        args.lesson,
        port=args.port,
        open_browser=not args.no_browser,
        folder=teacher or LESSONS,
        cull_idle=args.cull_idle,
    )


def _make_lesson(args: argparse.Namespace) -> int:
    from .authoring.lesson import make_lesson

    made = make_lesson(args.key)
    print(f"Wrote {made.count} quizzes to {made.quizzes}")
    print(f"Wrote the lesson {made.notebook}")
    return 0


def _export_lesson(args: argparse.Namespace) -> int:
    from .authoring.bundle import export_lesson
    from .teacher_lessons import find_installed

    folder = args.lesson if args.lesson.is_dir() else find_installed(str(args.lesson))
    if folder is None:
        raise MedialitError(f"{args.lesson}: no such lesson folder, and no installed lesson by that name")
    print(f"Wrote {export_lesson(folder, args.out)}")
    return 0


def _import_lesson(args: argparse.Namespace) -> int:
    from .authoring.bundle import import_lesson

    installed = import_lesson(args.source)
    print(f"Installed the lesson in {installed}")
    return 0


def _gradebook(args: argparse.Namespace) -> int:
    from .gradebook import run

    chart = None if args.no_chart else args.chart or args.out.with_suffix(".png")
    return run(args.paths, out=args.out, chart=chart)


def _origin() -> str:
    """The checkout's ``origin`` remote as a web address, or MedialitError asking for --repo."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        done = None
    url = done.stdout.strip() if done and done.returncode == 0 else ""
    if not url.startswith(("https://", "http://")):
        raise MedialitError(
            "give the kit's repository address with --repo (the https:// address students' servers clone)"
        )
    return url


def _link(args: argparse.Namespace) -> int:
    from .hublink import binder_link, nbgitpuller_link

    repo = args.repo or _origin()
    if args.binder:
        print(binder_link(repo, args.branch))
    else:
        print(nbgitpuller_link(args.hub, repo, args.branch))
    return 0


def _pacing(args: argparse.Namespace) -> int:
    from .pacing import run

    return run(args.folder, check=args.check, limit=args.limit)


def _answer_sheet(args: argparse.Namespace) -> int:
    from .answer_sheet import run

    return run(args.out)


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per task."""
    top = argparse.ArgumentParser(prog="python -m medialit", description="The medialit teaching kit.")
    commands = top.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser("analyze", help="find loaded language, statistics and opinion in a text")
    analyze.add_argument(
        "path",
        help="a .txt, .html, .pdf or .docx file, a link (https://...) to fetch, or - for standard input",
    )
    analyze.add_argument("--format", choices=("text", "html", "json"), default="text")
    analyze.add_argument(
        "--replace-errors",
        action="store_true",
        help="read a file that is not text in any known encoding as UTF-8, with U+FFFD for unreadable bytes",
    )
    analyze.add_argument(
        "--language",
        metavar="CODE",
        help="the text's language (ISO 639-1, e.g. en) instead of detecting it; the detectors run only on English",
    )
    analyze.set_defaults(run=_analyze)

    scores = commands.add_parser("evaluate", help="score the detectors against the answer key")
    scores.add_argument("--set", choices=("articles", "contrast", "all"), default="articles")
    scores.set_defaults(run=_evaluate)

    build = commands.add_parser(
        "build-lessons", help="write lessons/ from solutions/ (strip solutions and outputs)"
    )
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if lessons/ is stale")
    build.add_argument("--solutions", type=Path, default=ROOT / "solutions", help=argparse.SUPPRESS)
    build.add_argument("--lessons", type=Path, default=ROOT / "lessons", help=argparse.SUPPRESS)
    build.set_defaults(run=_build_lessons)

    present = commands.add_parser(
        "present", help="serve lessons to students with Voilà: quizzes only, no code"
    )
    present.add_argument(
        "lesson", nargs="?", help="a lesson name such as 01-Loaded-Words (default: the index)"
    )
    present.add_argument("--port", type=int, default=8866)
    present.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    present.add_argument(
        "--cull-idle",
        type=int,
        default=CULL_IDLE,
        metavar="SECONDS",
        help=f"shut down a lesson's kernel after this long with its page closed (default {CULL_IDLE}; 0: never)",
    )
    present.set_defaults(run=_present)

    grades = commands.add_parser(
        "gradebook", help="combine students' exported results into a class gradebook"
    )
    grades.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="exported result files, or folders of them (default: the folder in $MEDIALIT_HANDIN)",
    )
    grades.add_argument(
        "--out",
        type=Path,
        default=Path("gradebook.csv"),
        help="the CSV to write, one row per student and quiz (default: gradebook.csv here)",
    )
    grades.add_argument(
        "--chart", type=Path, help="the PNG of the class's scores per quiz (default: --out with .png)"
    )
    grades.add_argument("--no-chart", action="store_true", help="do not draw the chart")
    grades.set_defaults(run=_gradebook)

    link = commands.add_parser(
        "link", help="print the link that opens lesson 00 for a class (on a JupyterHub, or on Binder)"
    )
    where = link.add_mutually_exclusive_group(required=True)
    where.add_argument("--hub", help="the hub's address, such as https://hub.your-school.example")
    where.add_argument("--binder", action="store_true", help="a Binder link instead of a hub link")
    link.add_argument("--repo", help="the kit's git repository (default: this checkout's origin remote)")
    link.add_argument("--branch", default="main", help="the branch to open (default: main)")
    link.set_defaults(run=_link)

    pacing = commands.add_parser("pacing", help="estimate each lesson's minutes, section by section")
    pacing.add_argument("--check", action="store_true", help="exit 1 if any lesson is over the limit")
    pacing.add_argument("--limit", type=float, default=50.0, help="minutes in a lesson (default 50)")
    pacing.add_argument("--folder", type=Path, default=ROOT / "lessons", help="the lesson notebooks")
    pacing.set_defaults(run=_pacing)

    sheet = commands.add_parser(
        "answer-sheet", help="write a printable HTML answer sheet: every quiz, its answers and reasons"
    )
    sheet.add_argument(
        "--out", type=Path, default=Path("medialit-answer-sheet.html"), help="the HTML file to write"
    )
    sheet.set_defaults(run=_answer_sheet)

    make = commands.add_parser(
        "make-lesson", help="write the quizzes and the lesson notebook for a teacher's reviewed answer key"
    )
    make.add_argument("key", type=Path, help="the key.json of a teacher lesson (or its folder)")
    make.set_defaults(run=_make_lesson)

    export = commands.add_parser("export-lesson", help="zip a teacher's lesson to give to another teacher")
    export.add_argument(
        "lesson", type=Path, help="the lesson's folder, or the name or id of an installed one"
    )
    export.add_argument(
        "--out", type=Path, help="the zip file or the folder for it (default: beside the lesson)"
    )
    export.set_defaults(run=_export_lesson)

    bring = commands.add_parser(
        "import-lesson",
        help="check a teacher's lesson (a folder or zip) and install it beside the kit's lessons",
    )
    bring.add_argument("source", type=Path, help="the lesson's folder or zip file")
    bring.set_defaults(run=_import_lesson)

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
