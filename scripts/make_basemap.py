"""Make macros/geo/east-asia-land.json, the coastlines the locator map is drawn on.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_basemap.py package/land-50m.json

world-atlas (ISC licence) redistributes Natural Earth's 1:50m land (public domain) as TopoJSON.
This keeps the land between 120°E and 150°E, 28°N and 47°N, clipped to that box, with
lines simplified (Douglas–Peucker) and coordinates rounded to 0.05° (about 5 km, a third of a pixel on a phone-wide map) and islands
smaller than 0.15° across left out, so that the map adds little to its page. The map is drawn from it at
build time (macros/charts.py); nothing is fetched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "macros" / "geo" / "east-asia-land.json"
WEST, EAST, SOUTH, NORTH = 120.0, 150.0, 28.0, 47.0
STEP = 0.05


def decode(topology: dict) -> list[list[list[tuple[float, float]]]]:
    """The land's polygons, each a list of rings of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        return out

    polygons = []
    for geometry in topology["objects"]["land"]["geometries"]:
        shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        polygons.extend([ring(r) for r in shape] for shape in shapes)
    return polygons


def clip(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the part of a ring inside the box."""
    edges = [(lambda p: p[0] >= WEST, lambda a, b: _cross_x(a, b, WEST)),
             (lambda p: p[0] <= EAST, lambda a, b: _cross_x(a, b, EAST)),
             (lambda p: p[1] >= SOUTH, lambda a, b: _cross_y(a, b, SOUTH)),
             (lambda p: p[1] <= NORTH, lambda a, b: _cross_y(a, b, NORTH))]
    for inside, cross in edges:
        if not points:
            break
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        points = out
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: drop the points that move the line less than tolerance."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    def distance(p):
        if length == 0:
            return ((p[0] - ax) ** 2 + (p[1] - ay) ** 2) ** 0.5
        return abs((bx - ax) * (ay - p[1]) - (ax - p[0]) * (by - ay)) / length
    index, far = max(((i, distance(p)) for i, p in enumerate(points[1:-1], 1)), key=lambda x: x[1])
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def main(argv: list[str]) -> int:
    sys.setrecursionlimit(100_000)
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    rings = []
    for polygon in decode(topology):
        outer = clip(polygon[0])
        if len(outer) < 3:
            continue
        xs, ys = [x for x, _ in outer], [y for _, y in outer]
        if max(max(xs) - min(xs), max(ys) - min(ys)) < 0.15:
            continue
        outer = simplify(outer, STEP)
        rounded = [(round(x / STEP) * STEP, round(y / STEP) * STEP) for x, y in outer]
        rounded = [(round(x, 2), round(y, 2)) for x, y in rounded]
        deduped = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if len(deduped) >= 3:
            rings.append(deduped)
    document = {"source": "Natural Earth 1:50m land (public domain), via world-atlas 2.0.2 (ISC)",
                "box": [WEST, SOUTH, EAST, NORTH], "rings": rings}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}: {len(rings)} rings, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
