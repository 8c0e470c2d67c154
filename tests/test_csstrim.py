"""The theme's stylesheet cut down to what the site uses (macros/csstrim.py)."""

from __future__ import annotations

import hashlib

import pytest

from macros import csstrim
from macros.csstrim import trim, trim_theme_stylesheet, used_names

NAMES = {"md-header", "md-nav", "a", "p", "body", "data-md-color-scheme", "__drawer", "open"}


@pytest.mark.parametrize(("css", "kept"), [
    (".md-header{color:red}", ".md-header{color:red}"),
    (".md-tabs{color:red}", ""),                                    # a class no page or script names
    ("#__search{top:0}", ""),                                       # an id
    ("#__drawer{top:0}", "#__drawer{top:0}"),
    ("kbd{font:inherit}", ""),                                      # an element
    ("a:hover{color:red}", "a:hover{color:red}"),                   # pseudo-classes are not names
    ("p::before{content:'x'}", 'p::before{content:"x"}'),
    ("[dir=rtl] .md-nav{left:0}", ""),                              # an attribute
    ("[data-md-color-scheme=slate]{--x:1}", "[data-md-color-scheme=slate]{--x:1}"),
    (".md-header,.md-tabs{color:red}", ".md-header{color:red}"),    # only the selectors that can match
    (".md-nav:not(.md-tabs){color:red}", ".md-nav:not(.md-tabs){color:red}"),  # inside :not() is not examined
    (".md-tag--hot{color:red}", ".md-tag--hot{color:red}"),         # a script builds `md-tag--${name}`
    ("@media screen{.md-tabs{color:red}}", ""),                     # a group left empty goes
    ("@media screen{.md-tabs{color:red}.md-nav{color:blue}}", "@media screen{.md-nav{color:blue}}"),
    ("@keyframes spin{0%{opacity:0}}", "@keyframes spin{0%{opacity:0}}"),  # other at-rules stay whole
])
def test_only_rules_that_can_match_are_kept(css, kept):
    assert trim(css, NAMES, ("md-tag--",)) == kept


def test_names_come_from_pages_and_scripts():
    names, beginnings = used_names([b'<div class="md-header is-open" id="x">\xe6\x97\xa5\xe6\x9c\xac</div>',
                                    b"e.classList.add(`md-source__fact--${t}`)"])
    assert {"div", "class", "md-header", "is-open", "id", "x", "classList"} <= names
    assert beginnings == ("md-source__fact--",)


def edition(tmp_path, with_bundle=True):
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(".md-header{a:b}.md-tabs{c:d}")
    (tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css.map").write_text("{}")
    if with_bundle:
        (tmp_path / "assets" / "javascripts" / "bundle.1.min.js").write_text("x.classList.add('md-search')")
    (tmp_path / "talks").mkdir()
    page = '<link rel="stylesheet" href="{}assets/stylesheets/main.0123abcd.min.css"><div class="md-header"></div>'
    (tmp_path / "index.html").write_text(page.format(""))
    (tmp_path / "talks" / "index.html").write_text(page.format("../"))
    return tmp_path


def test_an_editions_stylesheet_is_rewritten_under_a_name_from_its_content(tmp_path):
    site = edition(tmp_path)
    target = trim_theme_stylesheet(site, tmp_path / "cache")
    assert target.read_text() == ".md-header{a:b}"
    assert target.name == f"main.{hashlib.sha256(b'.md-header{a:b}').hexdigest()[:8]}.min.css"
    assert sorted(p.name for p in (site / "assets" / "stylesheets").iterdir()) == [target.name]
    assert f'href="../assets/stylesheets/{target.name}"' in (site / "talks" / "index.html").read_text()
    assert f'href="assets/stylesheets/{target.name}"' in (site / "index.html").read_text()


def test_a_trim_is_kept_and_used_again(tmp_path, monkeypatch):
    first = trim_theme_stylesheet(edition(tmp_path / "a"), tmp_path / "cache")
    monkeypatch.setattr(csstrim, "trim", lambda *args: pytest.fail("trimmed again"))
    second = trim_theme_stylesheet(edition(tmp_path / "b"), tmp_path / "cache")
    assert first.read_bytes() == second.read_bytes() and len(list((tmp_path / "cache").iterdir())) == 1


def test_a_site_without_the_themes_files_is_left_as_it_is(tmp_path):
    # Zensical's stylesheets live elsewhere; without Material's bundle, what adds classes is unknown.
    site = edition(tmp_path, with_bundle=False)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert trim_theme_stylesheet(site) is None
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
