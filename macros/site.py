"""Builds the macros for one build: data, renderer, page checks and citations.

Everything here is plain Python, so tests can make an ExplainerSite from a
fixture folder and call its macros without MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

from . import charts, dates, views
from .dataset import RECORD_FILES, SITE_FILE, Dataset, DatasetSpec, load_dataset
from .guard import MacroCall, check_pages
from .models import Site
from .render import Renderer, json_for_script, relative_prefix

TEMPLATE_DIR = Path("overrides") / "partials" / "macros"


class ExplainerSite:
    def __init__(self, project_dir: Path, docs_dir: Path, edit_url: str = "",
                 page_url: Callable[[], str] = lambda: "", site_url: str = ""):
        self.site_url = site_url
        self.project_dir = project_dir
        self.dataset: Dataset = load_dataset(project_dir / "data")
        self.renderer = Renderer(project_dir / TEMPLATE_DIR)
        self.edit_url = edit_url
        self.page_url = page_url
        self.macros = self._macros()
        self.calls: list[MacroCall] = check_pages(docs_dir, docs_dir.name, self.macros, self._validators())
        self.citations = self._citations()

    def theme_context(self) -> dict:
        """Values the theme templates show on every page."""
        site = self.dataset.site
        return {"as_of": site.as_of, "as_of_words": dates.in_words(site.as_of),
                "published": site.published,
                "last_reviewed": site.last_reviewed, "last_reviewed_words": dates.in_words(site.last_reviewed),
                "last_reviewed_apa": dates.apa(site.last_reviewed),
                "last_reviewed_chicago": dates.chicago(site.last_reviewed)}

    # -- argument checks, run on every call in every page before rendering --
    def _validators(self) -> dict[str, Callable]:
        data = self.dataset
        return {
            "cite": partial(views.cite, data),
            "timeline": partial(views.timeline, data),
        }

    def _citations(self) -> dict[str, list[tuple[str, str]]]:
        cited: dict[str, list[tuple[str, str]]] = {}
        for call in self.calls:
            if call.name != "cite":
                continue
            href = "" if call.src_uri == "index.md" else call.src_uri.removesuffix(".md").removesuffix("/index") + "/"
            label = call.title or call.src_uri
            for sid in call.args:
                if (label, href) not in cited.setdefault(sid, []):
                    cited[sid].append((label, href))
        return cited

    def _context(self) -> dict:
        return {"base": relative_prefix(self.page_url()), "edit_url": self.edit_url}

    def _macros(self) -> dict[str, Callable]:
        data, render = self.dataset, self.renderer.render
        cached_view = lru_cache(maxsize=None)

        def table_macro(view_fn):
            view_fn = cached_view(partial(view_fn, data))

            def macro() -> str:
                view = view_fn()
                return render("table.html", view=view, has_row_sources=any(r.sources for r in view.rows), **self._context())
            return macro

        def chart_macro(chart_fn):
            chart_fn = cached_view(partial(chart_fn, data))

            def macro() -> str:
                chart = chart_fn()
                # The chart's own copy of the table carries no row ids: the page's table has them.
                return render("chart.html", chart=chart, view=chart.table, row_ids=False,
                              has_row_sources=any(r.sources for r in chart.table.rows), **self._context())
            return macro

        timeline_view = cached_view(partial(views.timeline, data))
        cite_view = cached_view(partial(views.cite, data))

        def cite(*ids: str) -> str:
            return render("cite.html", inline=True, links=cite_view(*ids))

        def timeline(thread: str | None = None, start: str | None = None, end: str | None = None) -> str:
            view = timeline_view(thread, start, end)
            # Only the complete timeline describes itself as the list of events.
            jsonld = json_for_script(views.timeline_jsonld(view, self.site_url)) if view.filterable and self.site_url else None
            return render("timeline.html", view=view, jsonld=jsonld, **self._context())

        def key_facts() -> str:
            return render("key_facts.html", facts=views.key_facts(data), **self._context())

        def sources_list() -> str:
            groups = views.sources_list(data, self.citations)
            return render("sources_list.html", groups=groups, total=len(data.sources), **self._context())

        def data_dictionary() -> str:
            specs = RECORD_FILES + (DatasetSpec("site", SITE_FILE, Site, "site", "Settings for the whole site: its as-of and review dates."),)
            return render("data_dictionary.html", docs=views.data_dictionary(data, specs), **self._context())

        def corrections_log() -> str:
            changes = sorted(data.changelog, key=lambda c: (c.date, c.id), reverse=True)
            return render("changelog.html", changes=views.changelog(data, changes), **self._context())

        def as_of() -> str:
            return dates.in_words(data.site.as_of)

        def last_reviewed() -> str:
            return dates.in_words(data.site.last_reviewed)

        return {
            "cite": cite,
            "timeline": timeline,
            "key_facts": key_facts,
            "sources_list": sources_list,
            "data_dictionary": data_dictionary,
            "corrections_log": corrections_log,
            "as_of": as_of,
            "last_reviewed": last_reviewed,
            "people_table": table_macro(views.people_table),
            "agreements_table": table_macro(views.agreements_table),
            "claims_table": table_macro(views.claims_table),
            "seats_table": table_macro(views.seats_table),
            "budget_table": table_macro(views.budget_table),
            "share_table": table_macro(views.share_table),
            "trade_terms_table": table_macro(views.trade_terms_table),
            "budget_chart": chart_macro(charts.budget_chart),
            "share_chart": chart_macro(charts.share_chart),
            "seats_chart": chart_macro(charts.seats_chart),
        }

