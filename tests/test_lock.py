"""The lock is a lock: every package pinned with hashes, the closure complete, and no drift from the .in files.

All offline: the closure and the drift are checked against the packages' own metadata in the
environment that `make` installed from the lock (pip --require-hashes --no-deps, then pip check).
"""

from __future__ import annotations

import importlib.metadata as md
import re

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCKS = {
    # lock file: (its .in file, the locks it is constrained by)
    "requirements.txt": ("requirements.in", ()),
    "requirements-zensical.txt": ("requirements-zensical.in", ("requirements.txt",)),
    "requirements-dev.txt": ("requirements-dev.in", ("requirements.txt", "requirements-zensical.txt")),
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)\s*\\\\?$")
# The project itself, installed from the working tree (pip install -e .).
PROJECT = "takaichi-trump-explainer"


def pins(name: str) -> dict[str, str]:
    """{canonical name: version} of a lock file; fails on any requirement that is not name==version with hashes."""
    found, current = {}, None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = PIN.match(stripped)
        if match:
            current = canonicalize_name(match.group(1))
            found[current] = match.group(2)
            continue
        assert stripped.startswith("--hash=sha256:"), f"{name}: not an exact pin with hashes: {stripped!r}"
        assert current is not None, f"{name}: a hash before any requirement"
    hashed = (ROOT / name).read_text(encoding="utf-8")
    for package in found:
        block = re.search(rf"(?ims)^{re.escape(package)}==.*?(?=^\S|\Z)", hashed.replace("_", "-"))
        assert block and "--hash=sha256:" in block.group(0), f"{name}: {package} has no hash"
    return found


def roots(name: str) -> list[Requirement]:
    reqs = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            reqs.append(Requirement(line))
    return reqs


def dependencies(package: str) -> set[str]:
    """What an installed package requires (markers evaluated for this environment, no extras)."""
    requires = md.distribution(package).requires or []
    names = set()
    for text in requires:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            names.add(canonicalize_name(req.name))
    return names


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_requirement_is_pinned_with_hashes(lock):
    assert pins(lock)


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_matches_its_in_file(lock):
    """Drift: each .in requirement is met by its pin, and every pin is needed by some .in requirement."""
    source, constraints = LOCKS[lock]
    pinned = pins(lock)
    allowed = dict(pinned)
    for other in constraints:
        allowed.update(pins(other))
    for req in roots(source):
        name = canonicalize_name(req.name)
        assert name in pinned, f"{source} asks for {req.name}, which {lock} does not pin: run `make lock`"
        assert req.specifier.contains(pinned[name], prereleases=True), f"{lock} pins {name}=={pinned[name]}, outside {source}'s {req.specifier}"
    needed, todo = set(), [canonicalize_name(r.name) for r in roots(source)]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        todo.extend(dependencies(name))
    # pip-tools keeps pip and setuptools (--allow-unsafe) where something needs them.
    stale = set(pinned) - needed
    assert not stale, f"{lock} pins packages nothing in {source} needs: {sorted(stale)}; run `make lock`"


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_is_closed(lock):
    """Every dependency of every pinned package is pinned too (in this lock or the locks it builds on)."""
    _, constraints = LOCKS[lock]
    allowed = set(pins(lock))
    for other in constraints:
        allowed |= set(pins(other))
    for package in pins(lock):
        missing = dependencies(package) - allowed
        assert not missing, f"{lock}: {package} needs {sorted(missing)}, which no lock pins"


def test_the_environment_holds_exactly_the_locked_set():
    locked: dict[str, str] = {}
    for lock in LOCKS:
        locked.update(pins(lock))
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in md.distributions()}
    installed.pop(canonicalize_name(PROJECT), None)
    assert installed == locked


def test_the_floors_that_matter():
    site = {canonicalize_name(r.name): r.specifier for r in roots("requirements.in")}
    assert not site["mkdocs"].contains("2.0"), "MkDocs 2.0 has no plugins"
    assert not site["mkdocs-material"].contains("9.7.6"), "Material before 9.7.7 has the search-suggest XSS"
    pinned = pins("requirements.txt")
    assert "properdocs" not in pinned, "mkdocs-redirects 1.2.3 pulls in properdocs, a fork of MkDocs"
    assert pins("requirements-zensical.txt")["zensical"] == "0.0.73"
