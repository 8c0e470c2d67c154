"""Builds the macros for one build: data, renderer, page checks and citations.

Everything here is plain Python with no generator imported, so tests can make
an ExplainerSite from a fixture folder and call its macros directly, and both
generator adapters (macros/adapter_*.py) share it. `cached_site` keeps one
ExplainerSite per build: Zensical asks for the macros once per page.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

from markupsafe import Markup, escape

from . import boundary, charts, dates, i18n, pages, sources, views
from . import timeline as timelines
from .config import material_bundle
from .dataset import RECORD_FILES, SITE_FILE, Dataset, DatasetSpec, _fingerprint, cached_dataset
from .editions import EDITIONS, Edition, edition
from .errors import DataError, Problem
from .files import COMPILED_MACROS, cache_dir, check_tree, markdown_pages
from .guard import INLINE_MACROS, MacroCall, check_pages, page_metas
from .models import Site
from .render import Renderer, json_for_script, relative_prefix
from .sitemap import page_url as page_href


class ExplainerSite:
    """One edition of the site (macros/editions.py): its pages, checked, and the macros they call.
    site_url is the edition's own address (the root's, plus 'ja/' for the Japanese edition)."""

    def __init__(self, project_dir: Path, *, site_url: str = "", repo_url: str = "", lang: str = "en"):
        self.project_dir = project_dir.resolve()
        self.site_url = site_url
        self.repo_url = repo_url
        self.edit_url = f"{repo_url.rstrip('/')}/edit/main/" if repo_url else ""
        self.edition = edition(lang)
        self.words = i18n.words(lang)
        check_tree(self.project_dir)
        # The records as validated (English), and as this edition shows them. The page plan comes
        # from the English, so that both editions split the timeline and the sources alike.
        self.english: Dataset = cached_dataset(self.project_dir)
        self.dataset: Dataset = self.english.localized(lang)
        self.plan = pages.plan(self.english)
        self.renderer = Renderer(cache_dir=cache_dir(self.project_dir, COMPILED_MACROS))
        self._views = self._cached_views()
        self.macros = self.bind(lambda: "")
        self.calls: list[MacroCall] = check_pages(self.project_dir, self.macros, self._validators(), self.edition)
        # Each page's front matter, read once: the theme's values and the sitemap both need it.
        self.metas = page_metas(self.project_dir, self.edition)
        self._check_charts_have_tables()
        self.citations = self._citations()
        self.links = self._links()

    def bind(self, page_url: Callable[[], str], base: str | None = None) -> dict[str, Callable]:
        """The macros for one page (or, under MkDocs, for whichever page page_url names when they run).

        Links in macro output start with a base: the way back from the page to the site root
        (from page_url), or a fixed base where the generator rewrites links itself.
        """
        return self._macros(page_url, base)

    def theme_context(self) -> dict:
        """Values the theme templates show on every page (passed through the build's config)."""
        site, w = self.dataset.site, self.words
        # Each page shows its own dates in words; the theme cannot format dates itself.
        page_dates = {d for meta in self.metas.values() for d in (meta.published, meta.updated)}
        page_dates |= {site.published, site.last_reviewed}
        return {"corrections": self.links.page("corrections_log") or "",
                "material_bundle": material_bundle(),
                "lang": self.edition.lang,
                "root_url": self.site_url[: len(self.site_url) - len(self.edition.prefix)] if self.edition.prefix else self.site_url,
                "other_edition": self._other_edition_built(),
                **theme_words(self.edition),
                "words": {d: w.date(d) for d in sorted(page_dates)},
                "as_of": site.as_of, "as_of_words": w.date(site.as_of),
                "published": site.published,
                "last_reviewed": site.last_reviewed, "last_reviewed_words": w.date(site.last_reviewed),
                "last_reviewed_apa": dates.apa(site.last_reviewed),
                "last_reviewed_chicago": dates.chicago(site.last_reviewed)}

    def _other_edition_built(self) -> bool:
        """Whether the other edition exists, so that the language switch has somewhere to go."""
        return all((self.project_dir / e.docs).is_dir() for e in EDITIONS)

    # -- argument checks, run on every call in every page before rendering --
    def _validators(self) -> dict[str, Callable]:
        data = self.dataset
        return {
            "cite": partial(views.cite, data),
            "timeline": partial(timelines.timeline, data),
            "claims_table": partial(views.claims_table_for, data),
            "timeline_part": partial(timelines.timeline_part, data, self.plan),
            "sources_part": self._sources_part_ids,
            "event_link": partial(views.event_link_target, data),
        }

    def _sources_part_ids(self, slug: str) -> pages.Part:
        part = next((p for p in self.plan.sources if p.slug == slug), None)
        if part is None:
            raise views.MacroArgError(f"sources_part(): no sources page {slug!r}")
        return part

    CHART_TABLES = {"budget_chart": "budget_table", "share_chart": "share_table", "seats_chart": "seats_table",
                    "locator_map": "places_table"}

    def _check_charts_have_tables(self) -> None:
        """A chart's numbers are shown once, in its table, which must be on the chart's page."""
        on_page: dict[str, set[str]] = {}
        for call in self.calls:
            on_page.setdefault(call.page, set()).add(call.name)
        problems = [Problem(call.page, call.line, f"{call.name}() needs {self.CHART_TABLES[call.name]}() on the same page; the chart's numbers are there")
                    for call in self.calls if call.name in self.CHART_TABLES and self.CHART_TABLES[call.name] not in on_page[call.page]]
        if problems:
            raise DataError(problems)

    def _links(self) -> sources.Links:
        placed: dict[str, str] = {}
        for call in self.calls:
            placed.setdefault(call.name, page_href(call.src_uri))
        return sources.Links(placed, self.plan)

    def _uses(self) -> dict:
        if "_uses_cache" not in self.__dict__:
            self.__dict__["_uses_cache"] = sources.cited_by(self.dataset, self.citations, self.links)
        return self.__dict__["_uses_cache"]

    def _citations(self) -> dict[str, list[tuple[str, str]]]:
        cited: dict[str, list[tuple[str, str]]] = {}
        for call in self.calls:
            if call.name != "cite":
                continue
            href = page_href(call.src_uri)
            label = call.title or call.src_uri
            for sid in call.args:
                if (label, href) not in cited.setdefault(sid, []):
                    cited[sid].append((label, href))
        return cited

    # Views are pure functions of the data, computed once per build whichever page asks.
    TABLES = {
        "people_table": views.people_table, "agreements_table": views.agreements_table,
        "seats_table": views.seats_table, "budget_table": views.budget_table, "share_table": views.share_table,
        "trade_terms_table": views.trade_terms_table, "places_table": views.places_table,
    }
    CHARTS = {"budget_chart": charts.budget_chart, "share_chart": charts.share_chart, "seats_chart": charts.seats_chart,
              "locator_map": charts.locator_map}

    def _cached_views(self) -> dict[str, Callable]:
        data = self.dataset
        cached = {name: lru_cache(maxsize=None)(partial(fn, data)) for name, fn in {**self.TABLES, **self.CHARTS}.items()}
        cached["timeline"] = lru_cache(maxsize=None)(partial(timelines.timeline, data, plan=self.plan))
        cached["timeline_part"] = lru_cache(maxsize=None)(partial(timelines.timeline_part, data, self.plan))
        cached["timeline_index"] = lru_cache(maxsize=None)(partial(timelines.timeline_index, data, self.plan))
        cached["cite"] = lru_cache(maxsize=None)(partial(views.cite, data))
        cached["claims_table"] = lru_cache(maxsize=None)(partial(views.claims_table_for, data))
        for name in ("where_things_stand", "key_numbers", "watch_list", "common_mistakes", "glossary", "people", "claims_summary"):
            cached[name] = lru_cache(maxsize=None)(partial(getattr(views, name), data))
        return cached

    def _macros(self, page_url: Callable[[], str], fixed_base: str | None = None) -> dict[str, Callable]:
        data, render, cached = self.dataset, self.renderer.render, self._views

        def context() -> dict:
            # self.links is set once the pages are checked; the macros run only after that.
            base = relative_prefix(page_url()) if fixed_base is None else fixed_base
            return {"base": base, "edit_url": self.edit_url, "links": getattr(self, "links", sources.NO_LINKS), "t": self.words}

        def table_macro(name):
            def macro() -> str:
                view = cached[name]()
                return render("table.html", view=view, has_row_sources=any(r.sources for r in view.rows), **context())
            return macro

        def chart_macro(name):
            def macro() -> str:
                # The numbers are shown once, in the table the page places with the chart.
                return render("chart.html", chart=cached[name](), **context())
            return macro

        timeline_view, cite_view = cached["timeline"], cached["cite"]

        # The page's references, numbered in the order the page first cites each source. Under
        # MkDocs one set of macros serves every page, so the state is kept per page.
        cited: dict[str, dict[str, list]] = {}

        def page_refs() -> dict[str, list]:
            return cited.setdefault(page_url(), {})

        def cite(*ids: str) -> str:
            refs, numbered = page_refs(), []
            for link in cite_view(*ids):
                entry = refs.setdefault(link.id, [len(refs) + 1, link, 0])
                entry[2] += 1
                numbered.append((entry[0], entry[2]))
            return render("cite.html", inline=True, refs=numbered, t=self.words)

        def references() -> str:
            refs = cited.pop(page_url(), {})
            return render("references.html", refs=sorted(refs.values(), key=lambda r: r[0]), **context())

        def timeline(thread: str | None = None, start: str | None = None, end: str | None = None) -> str:
            return render("timeline.html", view=timeline_view(thread, start, end), jsonld=None, **context())

        def timeline_part(slug: str) -> str:
            part, view = cached["timeline_part"](slug)
            title = self.words("timeline_part_title", label=pages.part_label(part, self.dataset))
            jsonld = (json_for_script(timelines.timeline_jsonld(view, self.site_url, title))
                      if self.site_url else None)
            return render("timeline.html", view=view, jsonld=jsonld, **context())

        def timeline_periods() -> str:
            return render("timeline_periods.html", index=cached["timeline_index"](), **context())

        def key_moments() -> str:
            # With ids: a link to timeline/#<event> lands here even without the script that forwards it.
            index = cached["timeline_index"]()
            note = (self.words("latest_key_note", shown=len(index.key_moments), total=index.key_total)
                    if index.key_total > len(index.key_moments) else "")
            return render("timeline_compact.html", items=index.key_moments, with_id=True, note=note, **context())

        def latest_events() -> str:
            return render("timeline_compact.html", items=cached["timeline_index"]().latest, with_id=False, note="", **context())

        def sources_part(slug: str) -> str:
            part = self._sources_part_ids(slug)
            groups = sources.sources_list(data, self._uses(), self.links, part.ids, self.english)
            return render("sources_list.html", groups=groups, part=part, **context())

        def sources_index() -> str:
            return render("sources_index.html", index=sources.sources_index(data, self.links, self.english), **context())

        def primary_sources() -> str:
            return render("primary_sources.html", index=sources.sources_index(data, self.links, self.english), **context())

        def key_facts() -> str:
            return render("key_facts.html", facts=views.key_facts(data), **context())

        def sources_list() -> str:
            groups = sources.sources_list(data, self._uses(), self.links, None, self.english)
            return render("sources_list.html", groups=groups, part=None, **context())

        def data_dictionary() -> str:
            specs = RECORD_FILES + (DatasetSpec("site", SITE_FILE, Site, "site", "Settings for the whole site: its as-of and review dates."),)
            return render("data_dictionary.html", docs=views.data_dictionary(data, specs), **context())

        def corrections_log() -> str:
            changes = sorted(data.changelog, key=lambda c: (c.date, c.id), reverse=True)
            return render("changelog.html", changes=views.changelog(data, changes), **context())

        def claims_table(origin: str | None = None) -> str:
            view = cached["claims_table"](origin)
            return render("table.html", view=view, has_row_sources=True, **context())

        def where_things_stand() -> str:
            return render("brief.html", brief=cached["where_things_stand"](), **context())

        def key_numbers() -> str:
            return render("key_numbers.html", numbers=cached["key_numbers"](), **context())

        def watch_list() -> str:
            return render("watch.html", items=cached["watch_list"](), **context())

        def common_mistakes() -> str:
            return render("mistakes.html", mistakes=cached["common_mistakes"](), **context())

        def glossary() -> str:
            return render("glossary.html", terms=cached["glossary"](), **context())

        def people(country: str | None = None) -> str:
            """Who's who; with country=, one group, for a page that gives each group its own heading."""
            groups = cached["people"]()
            if country is not None:
                if country not in views.COUNTRY_LABELS:
                    raise views.MacroArgError(f"people(): unknown country {country!r}; use one of {', '.join(views.COUNTRY_LABELS)}")
                groups = tuple(g for g in groups if g[0] == country)
            # The download links go once, after the last group.
            last = country is None or country == list(views.COUNTRY_LABELS)[-1]
            return render("people.html", groups=groups, headings=country is None, downloads=last, **context())

        def claims_summary() -> str:
            scale = tuple((v, self.words.labels("verdict")[v], self.words.labels("verdict_meaning")[v]) for v, _ in views.VERDICT_SCALE)
            page = self.links.page("claims_table", "claims_summary") or ""
            reviews = [json_for_script(r) for r in views.claim_reviews(data, self.site_url, page)] if self.site_url else []
            return render("claims_summary.html", groups=cached["claims_summary"](), scale=scale, reviews=reviews, **context())

        def event_link(event_id: str, text: str) -> str:
            """Words in running text that link to an event's full entry, wherever the timeline keeps it."""
            views.event_link_target(data, event_id, text)
            ctx = context()
            href = ctx["links"].event(event_id) or f"#{event_id}"
            return boundary.inline(str(Markup('<a href="{}">{}</a>').format(ctx["base"] + href, text)))

        def who_makes_it() -> str:
            return render("publisher.html", p=views.publisher(data, self.repo_url), **context())

        def as_of() -> str:
            return boundary.inline(str(escape(self.words.date(data.site.as_of))))

        def last_reviewed() -> str:
            return boundary.inline(str(escape(self.words.date(data.site.last_reviewed))))

        macros = {
            "cite": cite,
            "event_link": event_link,
            "references": references,
            "timeline": timeline,
            "key_facts": key_facts,
            "sources_list": sources_list,
            "timeline_part": timeline_part,
            "timeline_periods": timeline_periods,
            "key_moments": key_moments,
            "latest_events": latest_events,
            "primary_sources": primary_sources,
            "sources_part": sources_part,
            "sources_index": sources_index,
            "data_dictionary": data_dictionary,
            "corrections_log": corrections_log,
            "as_of": as_of,
            "who_makes_it": who_makes_it,
            "last_reviewed": last_reviewed,
            "claims_table": claims_table,
            "where_things_stand": where_things_stand,
            "key_numbers": key_numbers,
            "watch_list": watch_list,
            "common_mistakes": common_mistakes,
            "glossary": glossary,
            "people": people,
            "claims_summary": claims_summary,
            **{name: table_macro(name) for name in self.TABLES},
            **{name: chart_macro(name) for name in self.CHARTS},
        }
        assert INLINE_MACROS <= set(macros)
        return macros


def theme_words(ed: Edition) -> dict:
    """The edition's settings and words for the theme templates (overrides/)."""
    return {"t": i18n.THEME[ed.lang], "locale": ed.locale, "hreflang": ed.hreflang, "prefix": ed.prefix,
            "other_locales": [e.locale for e in EDITIONS if e != ed],
            "alternates": [{"hreflang": e.hreflang, "prefix": e.prefix} for e in EDITIONS],
            # From this edition's root to the other's: 'ja/' from English, '../' from Japanese.
            "switch_path": "ja/" if ed.lang == "en" else "../"}


# -- one ExplainerSite per build -----------------------------------------------------------

_sites: dict[tuple, tuple[tuple, ExplainerSite]] = {}
_lock = threading.Lock()


def _pages_fingerprint(project_dir: Path) -> tuple:
    marks = []
    docs = project_dir / "docs"
    for page in markdown_pages(docs) if docs.is_dir() else ():
        try:
            st = os.lstat(docs / page)
            marks.append((page.as_posix(), st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            marks.append((page.as_posix(), None))
    return tuple(marks)


def cached_site(project_dir: Path, *, site_url: str = "", repo_url: str = "", lang: str = "en") -> ExplainerSite:
    """The build's ExplainerSite for an edition, made again only when a page or a data file changes."""
    project_dir = project_dir.resolve()
    key = (project_dir, site_url, repo_url, lang)
    with _lock:
        check_tree(project_dir)
        mark = (_fingerprint(project_dir / "data"), _pages_fingerprint(project_dir))
        hit = _sites.get(key)
        if hit and hit[0] == mark:
            return hit[1]
        site = ExplainerSite(project_dir, site_url=site_url, repo_url=repo_url, lang=lang)
        _sites[key] = (mark, site)
        return site
