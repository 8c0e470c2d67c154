"""Every page passes axe-core's WCAG 2.2 A/AA rules in both the light and the dark scheme."""

from __future__ import annotations

import pytest

from .conftest import AXE_JS

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Material's scheme names for each prefers-color-scheme (see the palette in mkdocs.yml).
SCHEMES = {"light": "default", "dark": "slate"}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 160)})),
  }));
}"""


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}, {len(v['nodes'])} element(s)")
        for node in v["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}\n      {node['html']}\n      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_axe_violations(open_page, node_tool, page_path, scheme):
    axe = node_tool(AXE_JS, "axe-core")
    page, _ = open_page(page_path, color_scheme=scheme)
    # Material picks the palette whose media query matches, after its script has run.
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme])
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert violations == [], f"{page_path or '/'} in the {scheme} scheme:\n{describe(violations)}"
