"""Whole-site builds of small fixture projects with the real MkDocs command line."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, build, error_lines, make_project
from macros.dataset import RECORD_FILES, load_dataset
from macros.postbuild import find_leftovers


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def test_good_fixture_builds_without_warnings(fixture_site):
    assert "WARNING" not in fixture_site.output
    assert (fixture_site.site / "index.html").exists()
    assert (fixture_site.site / "tables" / "index.html").exists()


def test_built_pages_hold_no_template_leftovers(fixture_site):
    for page in fixture_site.site.rglob("*.html"):
        assert find_leftovers(page.read_text(encoding="utf-8")) == [], page


def test_bad_reference_fails_with_one_exact_message(project):
    events = project / "data" / "events.yaml"
    events.write_text(events.read_text().replace("sources: [kyodo-2016-11]", "sources: [kyodo-2016-11x]"))
    result = build(project)
    assert result.returncode != 0
    assert error_lines(result.output) == [
        "data/events.yaml:21: event 'trump-tower-2016-11': sources: 'kyodo-2016-11x' is not defined in data/sources.yaml"
    ]
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()


def test_hostile_page_is_refused_before_rendering(project):
    page = project / "docs" / "index.md"
    page.write_text(page.read_text() + "\n{{ lipsum.__globals__['os'].system('touch pwned') }}\n")
    result = build(project)
    assert result.returncode != 0
    assert error_lines(result.output) == ["docs/index.md:20: access to '__globals__' is not allowed"]
    assert "Traceback" not in result.output
    assert not (project / "pwned").exists()


def test_undefined_name_fails(project):
    page = project / "docs" / "index.md"
    page.write_text(page.read_text() + "\n{{ totl }}\n")
    result = build(project)
    assert result.returncode != 0
    assert error_lines(result.output)[0].startswith("docs/index.md:20: the name 'totl' is not allowed")


def test_broken_anchor_fails(project):
    page = project / "docs" / "tables.md"
    page.write_text(page.read_text().replace("index.md#summit-2025-10-28", "index.md#no-such-event"))
    result = build(project)
    assert result.returncode != 0
    assert "no-such-event" in result.output


def test_link_to_event_anchor_in_macro_output_passes(fixture_site):
    # tables.md links to index.md#summit-2025-10-28, an id that only the timeline macro writes.
    assert 'href="../#summit-2025-10-28"' in (fixture_site.site / "tables" / "index.html").read_text()


def test_downloads_round_trip(fixture_site):
    dataset = load_dataset(FIXTURES / "data")
    for spec in RECORD_FILES:
        document = json.loads((fixture_site.site / "data" / f"{spec.name}.json").read_text(encoding="utf-8"))
        assert document["dataset"] == spec.name
        rebuilt = [spec.model.model_validate(r, strict=False) for r in document["records"]]
        assert tuple(rebuilt) == dataset.records[spec.name]
        with open(fixture_site.site / "data" / f"{spec.name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        expected_rows = sum(len(r.parties) for r in dataset.seats) if spec.name == "seats" else len(dataset.records[spec.name])
        assert len(rows) == expected_rows
        if spec.name == "events":
            assert rows[0]["id"] == dataset.events[0].id
            assert rows[0]["threads"] == "; ".join(dataset.events[0].threads)


def test_atomic_build_keeps_the_old_site_on_failure(project_with_script):
    project = project_with_script
    script = project / "scripts" / "build.py"
    first = subprocess.run([sys.executable, str(script), str(project / "site")], cwd=project, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    good = (project / "site" / "index.html").read_text()
    events = project / "data" / "events.yaml"
    events.write_text(events.read_text().replace('date: "2016-11"', 'date: "2016-13"'))
    second = subprocess.run([sys.executable, str(script), str(project / "site")], cwd=project, capture_output=True, text=True)
    assert second.returncode != 0
    assert "left as it was" in second.stderr
    assert (project / "site" / "index.html").read_text() == good
    assert not list(project.glob(".site-build-*"))


@pytest.fixture
def project_with_script(project):
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "build.py", project / "scripts" / "build.py")
    return project


def test_a_warning_fails_the_atomic_build(project_with_script):
    project = project_with_script
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "nav:\n- Home: index.md\n- Missing: missing.md\n")
    result = subprocess.run([sys.executable, "scripts/build.py", str(project / "site")], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "missing.md" in result.stderr
    assert not (project / "site").exists()


def real_project(tmp_path, more: tuple[str, ...] = ()):
    """A copy of the real project (data, pages, code and config) to break."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("data", "docs", "macros", "overrides", *more):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_a_warning_in_the_japanese_edition_names_its_page_and_keeps_the_old_site(tmp_path):
    # The editions are generated at once, the Japanese one in a forked process (scripts/build.py):
    # its warnings must reach the output, name the page as it is in docs/, and stop the build.
    project = real_project(tmp_path)
    page = project / "docs" / "ja" / "talks.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[壊れたリンク](nope.md)\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("old", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "WARNING -  Doc file 'ja/talks.md' contains a link 'nope.md', but the target is not found among documentation files." in result.output
    assert "Traceback" not in result.output
    assert [p.name for p in (project / "site").iterdir()] == ["old.html"]
    assert not list(project.glob(".site-build-*")) and not list(project.glob(".build-*"))


def test_the_local_server_prints_no_traceback_when_a_browser_hangs_up(tmp_path, capfd):
    # make serve and the browser tests share scripts/serve_static.py; a reader closing a tab
    # mid-download (or Lighthouse ending a run) must not fill the terminal with tracebacks.
    import socket
    import time
    sys.path.insert(0, str(ROOT / "scripts"))
    import serve_static

    (tmp_path / "big.txt").write_bytes(b"x" * 4_000_000)
    server, _, url = serve_static.start(tmp_path, "/")
    try:
        host, port = server.server_address[:2]
        for _ in range(3):
            with socket.create_connection((host, port)) as conn:
                conn.sendall(b"GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n")
                conn.recv(1024)
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        time.sleep(0.5)
    finally:
        server.shutdown()
    assert "Traceback" not in capfd.readouterr().err


def test_plain_mkdocs_build_gives_the_same_site_as_the_build_script(built_site, tmp_path):
    # `mkdocs build --strict`, the command anyone tries first, hands over to scripts/build.py
    # (macros/mkdocs_hooks.py): the same files, byte for byte, and no refusal.
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    mine = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    assert mine.keys() == theirs.keys()
    assert [name for name in mine if mine[name] != theirs[name]] == []


def test_plain_mkdocs_build_of_bad_data_fails_with_the_build_scripts_message(tmp_path):
    project = real_project(tmp_path, ("scripts",))
    events = project / "data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("sources: [", "sources: [no-such-source, ", 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    assert "'no-such-source' is not defined in data/sources.yaml" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()


def test_a_problem_in_a_japanese_page_stops_the_build_with_its_line(tmp_path):
    # Each edition's pages are checked in the process that builds it (the Japanese one forked):
    # a bad macro call there still stops the build with one located line and no traceback,
    # keeps the old site and leaves no build files behind.
    project = real_project(tmp_path)
    page = project / "docs" / "ja" / "trade.md"
    text = page.read_text(encoding="utf-8") + '\n{{ event_link("no-such-event", "存在しない出来事") }}\n'
    page.write_text(text, encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("old", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    line = text.count("\n")
    assert error_lines(result.output) == [f"docs/ja/trade.md:{line}: event_link(): 'no-such-event' is not an event in data/events.yaml"]
    assert "Traceback" not in result.output
    assert [p.name for p in (project / "site").iterdir()] == ["old.html"]
    assert not list(project.glob(".site-build-*")) and not list(project.glob(".build-*"))
