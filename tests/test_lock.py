"""``requirements.lock`` pins every dependency of ``.[dev]`` to one version, inside the bounds
``pyproject.toml`` gives, and the README's install commands and ``.ci/run`` use it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parent.parent


def pins() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and re.fullmatch(r"[A-Za-z0-9._-]+", name), f"not NAME==VERSION: {line}"
        found[canonicalize_name(name)] = Version(version)
    return found


def test_every_dependency_is_pinned_within_its_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    locked = pins()
    for spec in wanted:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock"
        assert requirement.specifier.contains(locked[name]), (spec, locked[name])


def test_the_install_commands_use_the_lock() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line for line in readme.splitlines()[:6] if "pip install" in line]
    assert len(commands) == 2
    for text in [*commands, ci]:
        for install in re.findall(r"pip install[^&\n]*", text):
            assert "-c requirements.lock" in install, install
