"""mkdocs-macros entry point: registers the project's macros and build steps.

The work is done in the sibling modules; this file only wires them to MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .errors import DataError
from .exports import write_downloads
from .postbuild import check_site
from .site import ExplainerSite

_current: dict[str, ExplainerSite] = {}


def define_env(env) -> None:
    conf = env.conf
    project_dir = Path(conf["config_file_path"]).resolve().parent
    edit_url = f"{conf['repo_url'].rstrip('/')}/edit/main/" if conf.get("repo_url") else ""
    try:
        site = ExplainerSite(project_dir, Path(conf["docs_dir"]), edit_url, page_url=lambda: _page_url(env))
    except DataError as exc:
        # PluginError makes MkDocs print the message alone and exit non-zero.
        raise PluginError(str(exc)) from None
    _current["site"] = site
    conf["extra"]["explainer"] = site.theme_context()
    for name, macro in site.macros.items():
        env.macro(macro, name)


def _page_url(env) -> str:
    try:
        return env.page.url
    except AttributeError:
        return ""


def on_post_build(env) -> None:
    site_dir = Path(env.conf["site_dir"])
    try:
        check_site(site_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    write_downloads(_current["site"].dataset, site_dir)
