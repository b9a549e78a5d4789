"""Do several processes, and several real kernels, writing one progress store at once lose nothing?"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import nbformat
from nbclient import NotebookClient

from medialit.progress import ProgressStore

from .conftest import ROOT

# One writer: waits for the start signal, then checks CHECKS answers (and saves a name if given one).
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from medialit.progress import ProgressStore
    path, worker, checks, name, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
    store = ProgressStore(path)
    while not go.exists():
        time.sleep(0.005)
    for i in range(checks):
        store.record(f"w{worker}-q{i % 25}", "01-Loaded-Words", [worker, i], (i % 5) / 4, i % 5 == 4)
        if name and i == checks // 2:
            store.set_learner(name)
    """
)


def test_four_processes_lose_no_check_and_no_name(tmp_path):
    """With 4 processes checking 250 answers each into one store, two also saving a name, are all 1,000
    attempts there afterwards, and one of the two names?"""
    path, go = tmp_path / "progress.sqlite3", tmp_path / "go"
    names = ["Ana Lopez", "", "Sam", ""]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(w), "250", names[w], str(go)], cwd=ROOT
        )
        for w in range(4)
    ]
    time.sleep(1.0)  # let every writer import and open the store, so that they really write at once
    go.touch()
    assert [w.wait(timeout=300) for w in writers] == [0, 0, 0, 0]
    store = ProgressStore(path)
    answers = store.snapshot()["answers"]
    assert sum(e["attempts"] for e in answers.values()) == 1000
    assert sorted({tuple(h["answer"]) for e in answers.values() for h in e["history"]}) == sorted(
        (w, i) for w in range(4) for i in range(250)
    )
    assert store.learner in {"Ana Lopez", "Sam"}
    assert store.warnings == []


def _cell(source: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(source)


def test_two_kernels_checking_quizzes_interleaved_lose_nothing(tmp_path, monkeypatch):
    """With two real kernels (two notebooks under nbclient) opening the store, then checking quizzes in turn
    through their widgets, and one saving the name, is every answer and the name saved?"""
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "progress.sqlite3"))
    from medialit.quiz import load_quizzes

    quizzes = [q.id for q in load_quizzes()][:8]
    setup = "from medialit import widgets as w\nfrom medialit.quiz import get_quiz\nw._store(None)"
    check = "q = w.quiz_widget(get_quiz({!r}), w._default_store)\nq.set_answer(q.quiz.solution())\nq.check()"
    books = [nbformat.v4.new_notebook(cells=[_cell(setup)]) for _ in range(2)]
    books[0].cells.append(_cell("w._default_store.set_learner('Ana Lopez')"))
    books[1].cells.append(_cell("pass"))
    for n, quiz_id in enumerate(quizzes):
        books[n % 2].cells.append(_cell(check.format(quiz_id)))
    clients = [NotebookClient(b, timeout=120, kernel_name="python3") for b in books]
    with clients[0].setup_kernel(), clients[1].setup_kernel():
        for index in range(max(len(b.cells) for b in books)):
            for client, book in zip(clients, books, strict=True):
                if index < len(book.cells):
                    client.execute_cell(book.cells[index], index)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    answers = store.snapshot()["answers"]
    assert store.learner == "Ana Lopez"
    assert sorted(answers) == sorted(quizzes)
    assert all(e["correct"] and e["attempts"] == 1 for e in answers.values())
