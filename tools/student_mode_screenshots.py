"""Write docs/student-mode-<lesson>.png: each lesson as a student sees it in student mode (Voilà), whole.

Usage: python tools/student_mode_screenshots.py [LESSON ...] [--scale 0.75] [--top 1500] [--theme light|dark]

Starts `python -m medialit present` over lessons/, opens each lesson (all of them, found by globbing
lessons/*.ipynb, teachers' notebooks left out, unless some are named) in Chromium at /usr/bin/chromium through Playwright, waits until
every cell has run and every widget is drawn (the same wait as tests/test_student_mode.py), then photographs
the lesson, 1280 pixels wide: its top --top pixels (its title, aims, warm-up and first section, readable), or all
of it with --top 0; scaled by --scale. Prints what it wrote and anything a student should
not see (Python reprs, errors, long monospace lines), which tests/test_student_mode.py also checks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medialit.lessons import TEACHER_PREFIX  # noqa: E402
from tests import student_mode  # noqa: E402

DOCS = ROOT / "docs"
WIDTH = 1280
MAX_HEIGHT = 16_000  # pixels: Chromium's largest screenshot is 16,384 high


def photograph(
    page, server: student_mode.StudentMode, lesson: str, path: Path, scale: float, theme: str, top: int = 0
) -> list[str]:
    """Open ``lesson``, photograph its top ``top`` pixels (all of it if 0) into ``path`` (PNG, scaled); return
    what is wrong on the page."""
    from PIL import Image

    page.set_viewport_size({"width": WIDTH, "height": 1000})
    student_mode.open_lesson(page, server, lesson, theme)
    # Voilà scrolls the lesson inside #rendered_cells: a window as tall as the lesson shows all of it at once.
    height = min(MAX_HEIGHT, page.evaluate("document.getElementById('rendered_cells').scrollHeight") + 40)
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.wait_for_timeout(1000)
    raw = path.with_suffix(".raw.png")
    page.screenshot(path=str(raw))
    with Image.open(raw) as image:
        if top:
            height = min(height, top)
            image = image.crop((0, 0, WIDTH, height))
        small = image.convert("RGB").resize((round(WIDTH * scale), round(height * scale)), Image.LANCZOS)
        small.quantize(colors=128).save(
            path, optimize=True
        )  # text and flat colours: a palette keeps it small
    raw.unlink()
    return student_mode.problems(page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson names (default: every lesson in lessons/)")
    parser.add_argument(
        "--scale", type=float, default=0.75, help="size of the picture against the page (0.75)"
    )
    parser.add_argument(
        "--top", type=int, default=1500, help="pixels from the top to photograph (0: all; 1500)"
    )
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    lessons = args.lessons or sorted(
        p.stem for p in (ROOT / "lessons").glob("*.ipynb") if not p.stem.startswith(TEACHER_PREFIX)
    )
    if not student_mode.CHROMIUM.exists():
        print(f"{student_mode.CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="medialit-shots-") as tmp:
        server = student_mode.start(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(student_mode.CHROMIUM), args=student_mode.CHROMIUM_ARGS
                )
                for lesson in lessons:
                    page = browser.new_page()
                    path = DOCS / f"student-mode-{lesson}.png"
                    problems = photograph(page, server, lesson, path, args.scale, args.theme, args.top)
                    page.close()
                    print(
                        f"wrote {path.relative_to(ROOT)}"
                        + (f"; {len(problems)} problem(s):" if problems else "")
                    )
                    for line in problems[:10]:
                        print(f"  {line}")
                browser.close()
        finally:
            student_mode.stop(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
