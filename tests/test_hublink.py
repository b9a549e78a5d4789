"""Tests for the class links: nbgitpuller on a hub, Binder, and `python -m medialit link`."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from medialit.hublink import FIRST_LESSON, LinkError, binder_link, clone_folder, nbgitpuller_link

from .conftest import ROOT

HUB = "https://hub.school.example/"
REPO = "https://git.example.org/team/medialit.git"


def test_first_lesson_exists():
    """Does the lesson every link opens exist in the repository?"""
    assert (ROOT / FIRST_LESSON).is_file()


def test_nbgitpuller_link_pulls_the_repo_and_opens_lesson_00():
    """Does the hub link call git-pull through user-redirect with the repo, branch and lesson 00's path?"""
    link = urlsplit(nbgitpuller_link(HUB, REPO, branch="spring"))
    assert (link.scheme, link.netloc, link.path) == (
        "https",
        "hub.school.example",
        "/hub/user-redirect/git-pull",
    )
    query = parse_qs(link.query)
    assert query == {
        "repo": [REPO],
        "branch": ["spring"],
        "urlpath": ["lab/tree/medialit/lessons/00-Start-Here.ipynb"],
    }


def test_hub_under_a_path_keeps_its_path():
    """Does a hub served under a path (https://school.example/jupyter) keep that path in the link?"""
    link = nbgitpuller_link("https://school.example/jupyter", REPO)
    assert link.startswith("https://school.example/jupyter/hub/user-redirect/git-pull?")


@pytest.mark.parametrize(
    ("repo", "folder"),
    [
        ("https://git.example.org/team/medialit.git", "medialit"),
        ("https://git.example.org/team/media-kit/", "media-kit"),
        ("https://git.example.org/medialit", "medialit"),
    ],
)
def test_clone_folder_is_the_repository_name(repo, folder):
    """Is the clone folder the repository's last path part, without .git or a trailing slash?"""
    assert clone_folder(repo) == folder


def test_binder_link_opens_lesson_00_at_the_branch():
    """Does the Binder link use the git provider with the encoded repo and branch, and open lesson 00?"""
    link = urlsplit(binder_link(REPO, branch="main"))
    assert (link.netloc, link.path.split("/")[1:3]) == ("mybinder.org", ["v2", "git"])
    assert unquote(link.path.split("/")[3]) == REPO
    assert link.path.split("/")[4] == "main"
    assert parse_qs(link.query) == {"urlpath": ["lab/tree/lessons/00-Start-Here.ipynb"]}


@pytest.mark.parametrize(
    ("hub", "repo", "branch"),
    [
        ("hub.school.example", REPO, "main"),  # no scheme
        ("ftp://hub.school.example", REPO, "main"),
        (HUB, "git@git.example.org:team/medialit.git", "main"),  # not a web address
        (HUB + "?x=1", REPO, "main"),
        (HUB, "https://git.example.org/", "main"),  # no repository name
        (HUB, REPO, "  "),
    ],
)
def test_bad_addresses_are_refused_with_a_reason(hub, repo, branch):
    """Is an address that cannot make a working link refused with a LinkError saying what is wrong?"""
    with pytest.raises(LinkError, match=r"must|no repository name"):
        nbgitpuller_link(hub, repo, branch)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "medialit", "link", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_prints_the_hub_link_and_the_binder_link():
    """Does `python -m medialit link` print exactly the links the functions build?"""
    done = _cli("--hub", HUB, "--repo", REPO, "--branch", "spring")
    assert done.returncode == 0, done.stderr
    assert done.stdout == nbgitpuller_link(HUB, REPO, "spring") + "\n"
    done = _cli("--binder", "--repo", REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout == binder_link(REPO) + "\n"


def test_cli_bad_hub_is_one_line_not_a_traceback():
    """Does a bad hub address end with exit code 2 and one plain error line?"""
    done = _cli("--hub", "hub.school.example", "--repo", REPO)
    assert done.returncode == 2
    assert done.stderr.startswith("error: the hub address must be a web address")
    assert "Traceback" not in done.stderr
