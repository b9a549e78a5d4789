"""Links that open lesson 00 for a class: an nbgitpuller link for a JupyterHub, and a Binder link."""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from .errors import MedialitError

__all__ = ["FIRST_LESSON", "LinkError", "binder_link", "clone_folder", "nbgitpuller_link"]

#: The lesson a class link opens, relative to the repository's top level.
FIRST_LESSON = "lessons/00-Start-Here.ipynb"
#: The public Binder service; any BinderHub works (``binder_link(..., binder=...)``).
MYBINDER = "https://mybinder.org"


class LinkError(MedialitError, ValueError):
    """A hub, Binder or repository address that cannot make a working link; the message says why."""


def _web_address(url: str, what: str) -> str:
    """``url`` without a trailing slash, or LinkError unless it is an http(s) address with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise LinkError(f"the {what} must be a web address starting with https:// (got {url!r})")
    if parts.query or parts.fragment:
        raise LinkError(f"the {what} must not contain '?' or '#' (got {url!r})")
    return url.strip().rstrip("/")


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: its last path part without ``.git`` ("medialit")."""
    name = urlsplit(_web_address(repo, "repository address")).path.rstrip("/").rsplit("/", 1)[-1]
    name = name.removesuffix(".git")
    if not name:
        raise LinkError(f"the repository address {repo!r} has no repository name at its end")
    return name


def nbgitpuller_link(hub: str, repo: str, branch: str = "main", lesson: str = FIRST_LESSON) -> str:
    """The nbgitpuller link that copies ``repo`` into each student's home on ``hub`` and opens ``lesson``.

    Shape (https://nbgitpuller.readthedocs.io/en/latest/link.html)::

        {hub}/hub/user-redirect/git-pull?repo={repo}&branch={branch}&urlpath=lab/tree/{folder}/{lesson}

    ``hub`` is the hub's address (a TLJH server or a Zero to JupyterHub deployment); ``folder`` is
    :func:`clone_folder`. The hub's image needs nbgitpuller installed (see deploy/). Raises LinkError for
    an address that is not http(s) or a blank branch.
    """
    hub, repo = _web_address(hub, "hub address"), _web_address(repo, "repository address")
    if not branch.strip():
        raise LinkError("the branch must not be blank")
    urlpath = f"lab/tree/{clone_folder(repo)}/{lesson}"
    query = urlencode({"repo": repo, "branch": branch.strip(), "urlpath": urlpath}, quote_via=quote)
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def binder_link(repo: str, branch: str = "main", lesson: str = FIRST_LESSON, binder: str = MYBINDER) -> str:
    """The Binder link that builds ``repo`` at ``branch`` (from its environment.yml) and opens ``lesson``.

    Shape (https://mybinder.readthedocs.io/en/latest/howto/user_interface.html)::

        {binder}/v2/git/{repo, percent-encoded}/{branch}?urlpath=lab/tree/{lesson}

    The ``git`` provider works for any public git host. Raises LinkError for a bad address or blank branch.
    """
    binder, repo = _web_address(binder, "Binder address"), _web_address(repo, "repository address")
    if not branch.strip():
        raise LinkError("the branch must not be blank")
    return f"{binder}/v2/git/{quote(repo, safe='')}/{quote(branch.strip(), safe='')}?" + urlencode(
        {"urlpath": f"lab/tree/{lesson}"}, quote_via=quote
    )
