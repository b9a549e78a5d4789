"""JupyterHub configuration for one class on one server: lesson 00 first, idle servers culled, a hand-in folder.

Use it as it is (``jupyterhub -f deploy/jupyterhub_config.py``) or, on The Littlest JupyterHub, copy it to
``/opt/tljh/config/jupyterhub_config.d/medialit.py`` and run ``sudo tljh-config reload``: TLJH keeps its own
authenticator and spawner (one system user per student), and this file adds only what the kit needs.
Settings come from the hub's environment so the file itself never needs editing:

    MEDIALIT_HANDIN      the shared hand-in folder (default /srv/medialit/handin; see deploy/README.md)
    MEDIALIT_REPO        the kit's git repository; when set, each login pulls it with nbgitpuller first
    MEDIALIT_BRANCH      the branch to pull (default main)
    MEDIALIT_CULL_AFTER  seconds without activity before a student's server is stopped (default 3600)

Checked by tests/test_deploy.py (it loads, and every option exists) and used by tests/test_hub.py, which starts
a real hub with this file plus a test authenticator and spawner.
"""

import importlib.util
import os
import sys
from urllib.parse import quote, urlencode

c = get_config()  # noqa: F821 - JupyterHub provides get_config() when it loads this file

HANDIN = os.environ.get("MEDIALIT_HANDIN", "/srv/medialit/handin")
REPO = os.environ.get("MEDIALIT_REPO", "")
BRANCH = os.environ.get("MEDIALIT_BRANCH", "main")
CULL_AFTER = int(os.environ.get("MEDIALIT_CULL_AFTER", "3600"))

# --- where a student lands ------------------------------------------------------------------------------
# Lesson 00 in JupyterLab. With MEDIALIT_REPO set, the landing page is nbgitpuller's /git-pull: it clones
# the kit into ~/medialit on the first login, merges the teacher's updates on later ones without touching
# the student's own edits, then opens lesson 00 (the same link `python -m medialit link --hub URL` prints).
LESSON_00 = "lab/tree/medialit/lessons/00-Start-Here.ipynb"
if REPO:
    c.Spawner.default_url = "/git-pull?" + urlencode(
        {"repo": REPO, "branch": BRANCH, "urlpath": LESSON_00}, quote_via=quote
    )
else:
    c.Spawner.default_url = "/" + LESSON_00

# --- the hand-in folder -----------------------------------------------------------------------------------
# The export button writes each learner's results file into $MEDIALIT_HANDIN as well as next to the lesson
# (one file per learner, mode 0o640, never replacing another learner's). The teacher collects them all with
#     python -m medialit gradebook /srv/medialit/handin --out grades.csv
# Progress itself stays in each student's home (~/.medialit/), the kit's default, so nothing is shared.
# .update() adds to the environment an earlier file (such as TLJH's own configuration) set, never replaces it.
c.Spawner.environment.update({"MEDIALIT_HANDIN": HANDIN})

# --- a class starts at once -----------------------------------------------------------------------------
# When a whole class logs in within a minute, a small server starts servers more slowly than the default
# 60 s allows; benchmarks/hub_load.py measured the login-to-kernel time (README, "Using it with a whole class").
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
# The local spawners pick each server's port before the server binds it, so when many start at once two can
# pick the same one (jupyterhub/jupyterhub#3005). By default the loser quietly moves to another port while
# the hub keeps routing the student to the first, which is a classmate's server: the student gets "404" and
# no kernel (tests/test_hub.py saw this with 30 students). With no port retries the loser stops instead, and
# the student's next start gets a new port. This narrows the race without closing it (deploy/README.md).
c.Spawner.args.append("--ServerApp.port_retries=0")
# Kernels have the same race (each picks five TCP ports before binding them). It is rarer, and a kernel that
# loses it never answers: the student restarts it (Kernel > Restart) and the new one picks new ports. Unix
# sockets (--KernelManager.transport=ipc) would avoid ports altogether, but their paths are limited to 107
# characters, which a kernel file in a deep home folder exceeds: every kernel then fails to start.

# --- the idle culler ----------------------------------------------------------------------------------------
# jupyterhub-idle-culler stops a student's server after MEDIALIT_CULL_AFTER seconds without activity, so a
# class that has gone home frees the memory for the next one. Nothing is lost: progress is saved after every
# check, and the next login starts the server again. It runs as a hub-managed service with only the scopes
# it needs (https://github.com/jupyterhub/jupyterhub-idle-culler#as-a-hub-managed-service).
# TLJH already runs the culler (set its timeout with `sudo tljh-config set services.cull.timeout 3600`), so
# this one is added only outside TLJH. .append() adds to services set elsewhere, never replaces them.
if importlib.util.find_spec("tljh") is None:
    c.JupyterHub.services.append(
        {
            "name": "idle-culler",
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_AFTER}"],
        }
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    )
