"""mkdocs-macros entry point: registers the project's macros and build steps.

The work is done in the sibling modules; this file only wires them to MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .errors import DataError
from .exports import write_downloads
from .feed import write_feed
from .postbuild import check_site
from .site import ExplainerSite
from .social import write_share_images
from .urls import MANIFEST, check_contract

_current: dict[str, ExplainerSite] = {}


def define_env(env) -> None:
    conf = env.conf
    project_dir = Path(conf["config_file_path"]).resolve().parent
    edit_url = f"{conf['repo_url'].rstrip('/')}/edit/main/" if conf.get("repo_url") else ""
    try:
        site = ExplainerSite(project_dir, Path(conf["docs_dir"]), edit_url, page_url=lambda: _page_url(env),
                             site_url=conf.get("site_url") or "")
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
    project_dir = Path(env.conf["config_file_path"]).resolve().parent
    try:
        check_site(site_dir)
        check_contract(site_dir, project_dir / MANIFEST)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    site = _current["site"]
    write_downloads(site.dataset, site_dir)
    write_feed(site.dataset, env.conf["site_url"], site_dir)
    write_share_images(site_dir, footer=f"{env.conf['site_name']} · as of {site.theme_context()['as_of_words']}")
