"""Tests for deploy/: the hub configuration loads and sets real options, the Z2JH values and the image agree."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from medialit.hublink import FIRST_LESSON

from .conftest import ROOT

DEPLOY = ROOT / "deploy"
needs_hub = pytest.mark.skipif(
    importlib.util.find_spec("jupyterhub") is None, reason="jupyterhub is not installed (the hub extra)"
)


def load_config(tmp_path, monkeypatch, env=None, before=""):
    """The configuration JupyterHub gets from deploy/jupyterhub_config.py (after ``before``, as TLJH does).

    Lists and dicts the file extends stay lazy until a class reads them: :func:`value` resolves them.
    """
    from traitlets.config.loader import PyFileConfigLoader

    for name in ("MEDIALIT_HANDIN", "MEDIALIT_REPO", "MEDIALIT_BRANCH", "MEDIALIT_CULL_AFTER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    main = tmp_path / "jupyterhub_config.py"
    main.write_text(f"c = get_config()\n{before}\nload_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n")
    return PyFileConfigLoader(main.name, path=str(tmp_path)).load_config()


def value(config, section, name, default):
    """The option's value as JupyterHub would see it: lazy .append()/.update() applied to ``default``."""
    from traitlets.config.loader import LazyConfigValue

    found = config[section][name] if name in config[section] else default
    return found.get_value(default) if isinstance(found, LazyConfigValue) else found


def test_students_land_in_lesson_00(tmp_path, monkeypatch):
    """Without a repository, is the landing page lesson 00 in the ~/medialit copy?"""
    config = load_config(tmp_path, monkeypatch)
    assert config.Spawner.default_url == f"/lab/tree/medialit/{FIRST_LESSON}"


def test_with_a_repository_the_landing_page_pulls_it_first(tmp_path, monkeypatch):
    """With MEDIALIT_REPO set, does the landing page go through nbgitpuller to lesson 00?"""
    repo = "https://git.example.org/team/medialit.git"
    config = load_config(tmp_path, monkeypatch, {"MEDIALIT_REPO": repo, "MEDIALIT_BRANCH": "spring"})
    url = urlsplit(config.Spawner.default_url)
    assert url.path == "/git-pull"
    assert parse_qs(url.query) == {
        "repo": [repo],
        "branch": ["spring"],
        "urlpath": [f"lab/tree/medialit/{FIRST_LESSON}"],
    }


def test_hand_in_folder_reaches_every_server(tmp_path, monkeypatch):
    """Is MEDIALIT_HANDIN put in each student's server environment (default /srv/medialit/handin)?"""
    config = load_config(tmp_path, monkeypatch)
    assert value(config, "Spawner", "environment", {}) == {"MEDIALIT_HANDIN": "/srv/medialit/handin"}
    config = load_config(tmp_path, monkeypatch, {"MEDIALIT_HANDIN": "/data/handin"})
    assert value(config, "Spawner", "environment", {})["MEDIALIT_HANDIN"] == "/data/handin"


def test_an_earlier_environment_is_kept(tmp_path, monkeypatch):
    """Loaded after another file (TLJH's), does the config add to its spawner environment, not replace it?"""
    config = load_config(tmp_path, monkeypatch, before="c.Spawner.environment = {'TZ': 'UTC'}")
    assert value(config, "Spawner", "environment", {}) == {
        "TZ": "UTC",
        "MEDIALIT_HANDIN": "/srv/medialit/handin",
    }


def test_a_server_whose_port_is_taken_stops_instead_of_moving(tmp_path, monkeypatch):
    """Do servers start with no port retries, so a port collision cannot route a student to a classmate's server?"""
    config = load_config(tmp_path, monkeypatch)
    assert "--ServerApp.port_retries=0" in value(config, "Spawner", "args", [])


def test_idle_culler_is_a_service_with_only_the_scopes_it_needs(tmp_path, monkeypatch):
    """Is jupyterhub-idle-culler a hub-managed service with its timeout, and a role with just its scopes?"""
    config = load_config(tmp_path, monkeypatch, {"MEDIALIT_CULL_AFTER": "2700"})
    (service,) = value(config, "JupyterHub", "services", [])
    assert service["command"][1:] == ["-m", "jupyterhub_idle_culler", "--timeout=2700"]
    (role,) = value(config, "JupyterHub", "load_roles", [])
    assert role["services"] == [service["name"]]
    assert set(role["scopes"]) == {"list:users", "read:users:activity", "read:servers", "delete:servers"}


def test_services_set_earlier_are_kept(tmp_path, monkeypatch):
    """Loaded after a file that set a service, does the config add the culler beside it?"""
    config = load_config(tmp_path, monkeypatch, before="c.JupyterHub.services = [{'name': 'gradebook'}]")
    assert [s["name"] for s in value(config, "JupyterHub", "services", [])] == ["gradebook", "idle-culler"]


def test_no_second_culler_on_tljh(tmp_path, monkeypatch):
    """On TLJH (its tljh package importable), which runs its own culler, is no second culler added?"""
    (tmp_path / "tljh").mkdir()
    (tmp_path / "tljh" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    config = load_config(tmp_path, monkeypatch)
    assert value(config, "JupyterHub", "services", []) == []


@needs_hub
def test_jupyterhub_knows_every_option_set(tmp_path, monkeypatch):
    """Does `jupyterhub --help-all` list every option the deploy config sets (no typo is silently ignored)?"""
    config = load_config(tmp_path, monkeypatch, {"MEDIALIT_REPO": "https://git.example.org/medialit"})
    options = [f"--{section}.{name}=" for section in config for name in config[section]]
    assert len(options) >= 6
    done = subprocess.run(
        [sys.executable, "-m", "jupyterhub", "--help-all"], capture_output=True, text=True, check=True
    )
    missing = [option for option in options if option not in done.stdout]
    assert not missing


@needs_hub
def test_the_culler_accepts_its_arguments():
    """Does jupyterhub-idle-culler itself know the --timeout the config passes?"""
    done = subprocess.run(
        [sys.executable, "-m", "jupyterhub_idle_culler", "--help"], capture_output=True, text=True, check=True
    )
    assert "--timeout" in done.stdout


def test_z2jh_values_match_the_kit():
    """Do the Z2JH values open lesson 00, set the hand-in folder, cull idle servers and mount per-student folders?"""
    values = yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert single["defaultUrl"] == f"/lab/tree/medialit/{FIRST_LESSON}"
    handin = single["extraEnv"]["MEDIALIT_HANDIN"]
    (mount,) = single["storage"]["extraVolumeMounts"]
    assert mount["mountPath"] == handin and "{username}" in mount["subPath"]
    assert mount["name"] in {volume["name"] for volume in single["storage"]["extraVolumes"]}
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] >= 3000
    assert "/opt/medialit/lessons" in " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])


def test_image_recipe_copies_what_exists_and_installs_the_wheel():
    """Does deploy/Dockerfile copy only folders that exist, install the built wheel, and ship the lessons?"""
    recipe = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    sources = re.findall(r"^COPY (?:--chown=\S+ )?(?!--from)(\S+) ", recipe, flags=re.M)
    assert sources, "no COPY lines found"
    for source in sources:
        assert (ROOT / source).exists(), source
    assert "pip wheel" in recipe and "medialit-*.whl" in recipe and "nbgitpuller" in recipe
    assert "/opt/medialit/lessons/" in recipe
