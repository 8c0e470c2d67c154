"""Reads mkdocs.yml for the values the build pipeline needs, and writes the build's own config.

mkdocs.yml may use tags that only a generator understands (`!ENV`, `!!python/name:`);
this reader keeps them as plain values and never constructs them. The build's own
config file INHERITs mkdocs.yml (both generators read INHERIT), sets where the site
goes, and passes the values from data/site.yaml that the theme shows; it lives in the
project folder (relative paths resolve from a config file's folder) for the build's
length only, under a name .gitignore ignores.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import i18n
from .errors import DataError, Problem, shown
from .files import read_capped

CONFIG_FILE = "mkdocs.yml"
BUILD_CONFIG_PREFIX = ".build-config-"


class _TolerantLoader(yaml.SafeLoader):
    """Constructs any tag as the plain value underneath it."""


def _plain(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_TolerantLoader.add_multi_constructor("", _plain)


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    site_url: str
    repo_url: str
    language: str
    raw: dict

    @property
    def base_path(self) -> str:
        path = urlsplit(self.site_url or "/").path
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def read_config(project_dir: Path, name: str = CONFIG_FILE) -> SiteConfig:
    raw_bytes = read_capped(project_dir / name, project_dir, 256 * 1024, name)
    try:
        raw = yaml.load(raw_bytes.decode("utf-8"), Loader=_TolerantLoader) or {}  # noqa: S506 - SafeLoader subclass
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataError(Problem(name, line + 1 if line is not None else None, f"cannot be read ({type(exc).__name__})")) from None
    if not isinstance(raw, dict):
        raise DataError(Problem(name, 1, "must be a mapping of setting: value"))
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
    site_url = str(raw.get("site_url") or "")
    if site_url and not site_url.startswith("https://"):
        raise DataError(Problem(name, None, f"site_url {shown(site_url)} must be an https:// address"))
    return SiteConfig(str(raw.get("site_name") or ""), site_url, str(raw.get("repo_url") or ""),
                      str(theme.get("language") or "en"), raw)


def material_bundle() -> str:
    """The site-relative path of mkdocs-material's script bundle ('assets/javascripts/bundle.<hash>.min.js'),
    which overrides/main.html loads on a reader's first interaction; '' where Material is not installed.
    The name carries a hash that changes with each Material release, so it is looked up, not written down."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return ""
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / "assets" / "javascripts"
    found = sorted(folder.glob("bundle.*.min.js"))
    return f"assets/javascripts/{found[0].name}" if len(found) == 1 else ""


def edition_settings(config: SiteConfig, lang: str, site_url: str, site_name: str, description: str) -> dict:
    """What an edition other than English changes in mkdocs.yml: its address, name and language,
    the navigation's labels, the search language and the heading links' title. Lists replace the
    inherited ones whole, so plugins and Markdown extensions are written out in full."""
    raw = config.raw
    labels = i18n.NAV[lang]
    nav = []
    for item in raw.get("nav") or []:
        (title, target), = item.items() if isinstance(item, dict) else ((None, item),)
        if target not in labels:
            raise DataError(Problem("macros/i18n.py", None, f"NAV[{lang!r}] has no label for {target!r}, which mkdocs.yml's nav lists"))
        nav.append({labels[target]: target})
    plugins = []
    for item in raw.get("plugins") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name == "search":
            # Word segmentation for Japanese, which has no spaces between words (lunr-languages' ja).
            options = {**(options or {}), "lang": [lang]}
        plugins.append({name: options} if options is not None else name)
    extensions = []
    for item in raw.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name == "toc":
            options = {**(options or {}), "permalink_title": i18n.words(lang).section_link}
        extensions.append({name: options} if options is not None else name)
    theme = dict(raw.get("theme") or {})
    theme["language"] = lang
    return {"site_url": site_url, "site_name": site_name, "site_description": description, "nav": nav,
            "plugins": plugins, "markdown_extensions": extensions, "theme": theme,
            "copyright": i18n.words(lang).copyright}


def write_build_config(project_dir: Path, site_dir: Path, docs_dir: Path, theme_values: dict,
                       generated: tuple[str, ...] = (), inherit: str = CONFIG_FILE, hooks: tuple[str, ...] = (),
                       settings: dict | None = None) -> Path:
    """The build's own config file: mkdocs.yml plus where the pages are (docs/ and the pages made
    from data), where the site goes, the theme's values and an edition's own settings."""
    path = project_dir / f"{BUILD_CONFIG_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.yml"
    # Relative to the project folder (where this file is), as Zensical wants them.
    document = {"INHERIT": inherit, **(settings or {}),
                "docs_dir": os.path.relpath(docs_dir, project_dir), "site_dir": os.path.relpath(site_dir, project_dir),
                "extra": {"explainer": theme_values}}
    # Always set: otherwise mkdocs.yml's own hooks (for a plain `mkdocs build`) would be inherited.
    document["hooks"] = list(hooks)
    if generated:
        # Pages made from data are reached from their index pages, not from the navigation.
        document["not_in_nav"] = "\n".join(f"/{src}" for src in generated)
    # JSON is YAML, and json.dumps quotes every string, so no value is read as anything else.
    path.write_text("# Written by scripts/build.py for one build; removed when it ends.\n"
                    + json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
