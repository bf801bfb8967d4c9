"""An offline map of a story's places: country outlines from countryinfo, drawn as SVG numbers.

The template draws the SVG; this module only computes geometry (path strings made of
numbers, point positions), so every name reaches the page through auto-escaping.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from countryinfo import CountryInfo

WIDTH = 460                 # SVG user units, about the width of the map column at 1280 px
ASPECT = (1.25, 2.0)        # width/height kept inside this range, so a map is never a sliver
MIN_SPAN = 2.0              # degrees: one town alone still shows its surroundings
MARGIN = 0.25               # share of the span added on every side
MAX_LAT = 85.0
FAR = 20.0                  # degrees from the places' centre beyond which a place is listed, not drawn


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]   # (lon, lat) rings, outer and holes
    bbox: tuple[float, float, float, float]              # lon0, lat0, lon1, lat1
    centre: tuple[float, float] | None                   # (lon, lat) for the country's label


def _bbox(points) -> tuple[float, float, float, float]:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _rings(geometry: dict | None) -> list[tuple[tuple[float, float], ...]]:
    if not geometry:
        return []
    polygons = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        polygons = [polygons]
    elif geometry.get("type") != "MultiPolygon":
        return []
    return [tuple((float(x), float(y)) for x, y, *_ in ring) for polygon in polygons for ring in polygon if ring]


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every country outline countryinfo ships, read once per process (about 50 ms)."""
    out = []
    for info in CountryInfo.all().values():
        rings = [r for f in (info.get("geoJSON") or {}).get("features", []) for r in _rings(f.get("geometry"))]
        if not rings:
            continue  # countryinfo has no outline for some small states (and a few others)
        latlng = info.get("latlng") or []
        centre = (latlng[1], latlng[0]) if len(latlng) == 2 else None
        iso2 = (info.get("ISO") or {}).get("alpha2") or ""
        out.append(Country(iso2, info["name"], tuple(rings), _bbox([p for r in rings for p in r]), centre))
    return tuple(out)


@functools.cache
def _country_keys() -> dict[str, str]:
    """ISO2, ISO3 and lower-case names -> ISO2, to match a place's `country` however it is written."""
    keys = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        if iso.get("alpha2"):
            for key in (iso["alpha2"], iso.get("alpha3"), info.get("name")):
                if key:
                    keys[str(key).lower()] = iso["alpha2"]
    return keys


def _view(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The places' bounding box with a margin, widened to a readable aspect (in projected units)."""
    lon0, lat0, lon1, lat1 = _bbox(points)
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    k = math.cos(math.radians(cy))
    w = max(lon1 - lon0, MIN_SPAN) * (1 + 2 * MARGIN) * k    # projected width
    h = max(lat1 - lat0, MIN_SPAN) * (1 + 2 * MARGIN)
    w, h = max(w, h * ASPECT[0]), max(h, w / ASPECT[1])
    lat_lo, lat_hi = max(cy - h / 2, -MAX_LAT), min(cy + h / 2, MAX_LAT)
    return cx - w / k / 2, lat_lo, cx + w / k / 2, lat_hi


def _overlaps(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class _Projection:
    """Equirectangular, with longitudes shrunk by cos(latitude) at the view's centre."""

    def __init__(self, view, width: float = WIDTH):
        self.lon0, self.lat0, lon1, self.lat1 = view
        self.scale = width / (lon1 - self.lon0)
        self.k = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        self.width = width
        self.height = (self.lat1 - self.lat0) * self.scale / self.k

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.scale, (self.lat1 - lat) * self.scale / self.k


def _path(rings, proj: _Projection, view) -> str:
    """An SVG path for the rings that reach the view; points closer than a pixel merged."""
    parts = []
    for ring in rings:
        if not _overlaps(_bbox(ring), view):
            continue
        xy: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = proj(lon, lat)
            if not xy or abs(x - xy[-1][0]) + abs(y - xy[-1][1]) >= 1.0:
                xy.append((round(x, 1), round(y, 1)))
        if len(xy) >= 3:
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    return "".join(parts)


def _label_box(x: float, y: float, text: str, anchor: str, char: float) -> tuple[float, float, float, float]:
    w = char * len(text) + 4
    x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return x0, y - 10, x0 + w, y + 4


def _label_points(points: list[dict], width: float, boxes: list) -> None:
    """Name each point where its label covers no earlier one (the most mentioned first)."""
    for p in sorted(points, key=lambda p: -p["mentions"]):
        right = p["x"] + 6.5 * len(p["name"]) + 12 > width
        p["anchor"], p["lx"] = ("end", round(p["x"] - 8, 1)) if right else ("start", round(p["x"] + 8, 1))
        box = _label_box(p["lx"], p["y"] + 4, p["name"], p["anchor"], 6.5)
        p["label"] = not any(_overlaps(box, b) for b in boxes)
        if p["label"]:
            boxes.append(box)


def _label_countries(shapes: list[dict], boxes: list) -> None:
    """Name the countries whose name fits inside their outline and covers no other label."""
    for s in sorted(shapes, key=lambda s: (not s["involved"], -s["width"])):
        centre, s["label"] = s.pop("centre"), None
        if centre is None or 8 * len(s["name"]) > s["width"]:
            continue
        box = _label_box(*centre, s["name"], "middle", 8)
        if not any(_overlaps(box, b) for b in boxes):
            s["label"] = centre
            boxes.append(box)


def _shape(c: Country, proj: _Projection, view, involved: set) -> dict | None:
    """A country's outline in the view, with its visible width and its centre when that is in view."""
    d = _path(c.rings, proj, view)
    if not d:
        return None
    lon0, _, lon1, _ = c.bbox
    width = (min(lon1, view[2]) - max(lon0, view[0])) * proj.scale
    centre = None
    if c.centre and _overlaps((*c.centre, *c.centre), view):
        centre = tuple(round(v, 1) for v in proj(*c.centre))
    return {"name": c.name, "d": d, "involved": c.iso2 in involved, "width": width, "centre": centre}


def _weighted_median(values: list[float], weights: list[int]) -> float:
    pairs = sorted(zip(values, weights))
    half, seen = sum(weights) / 2, 0
    for v, w in pairs:
        seen += w
        if seen >= half:
            return v
    return pairs[-1][0]


def _main_group(located: list[dict]) -> tuple[list[dict], list[dict]]:
    """The places near the story's centre of mentions, and the far ones (one stray town would
    otherwise stretch the map over an ocean)."""
    weights = [int(p.get("mentions") or 1) for p in located]
    lon = _weighted_median([float(p["lon"]) for p in located], weights)
    lat = _weighted_median([float(p["lat"]) for p in located], weights)
    near = [p for p in located if abs(float(p["lon"]) - lon) <= FAR and abs(float(p["lat"]) - lat) <= FAR]
    if sum(int(p.get("mentions") or 1) for p in near) * 2 <= sum(weights):
        return located, []  # no clear centre: show everything
    return near, [p for p in located if p not in near]


def _point(p: dict, proj: _Projection) -> dict:
    x, y = proj(float(p["lon"]), float(p["lat"]))
    mentions = int(p.get("mentions") or 1)
    return {"name": p.get("name") or "?", "x": round(x, 1), "y": round(y, 1),
            "r": round(3.5 + min(3.0, math.sqrt(mentions) - 1), 1), "mentions": mentions,
            "outlets": list(p.get("outlets") or []), "country": p.get("country")}


def story_map(places: list[dict], width: float = WIDTH) -> dict | None:
    """Geometry for the map of a story's places; None when no place has coordinates."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    shown, far = _main_group(located)
    view = _view([(float(p["lon"]), float(p["lat"])) for p in shown])
    proj = _Projection(view, width)
    keys = _country_keys()
    involved = {keys.get(str(p.get("country") or "").lower()) for p in shown}
    points = [_point(p, proj) for p in shown]
    boxes = [(p["x"] - p["r"], p["y"] - p["r"], p["x"] + p["r"], p["y"] + p["r"]) for p in points]
    _label_points(points, width, boxes)
    shapes = [s for c in countries() if _overlaps(c.bbox, view) and (s := _shape(c, proj, view, involved))]
    _label_countries(shapes, boxes)
    return {"width": round(width), "height": round(proj.height), "countries": shapes, "points": points,
            "elsewhere": [p.get("name") or "?" for p in far], "bounds": [round(v, 2) for v in view]}
