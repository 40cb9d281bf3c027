# ruff: noqa: E501, N812  (data tables: one entry per line reads best)
"""Write the historical scenarios' shared data from the reference file and the tables here.

    python scenarios/source/build_historical.py [path/to/moscow-1941-reference.yaml]

Writes scenarios/maps/campaign.yaml (the campaign map), scenarios/oob/*.yaml
(unit definitions, one file per set of scenarios a unit appears in),
scenarios/common/moscow41.yaml (what every historical scenario shares) and
scenarios/setups/<scenario>-{forces,setup}.yaml (which units, where, arriving
when, front line, historical track). The top scenario files
(scenarios/typhoon.yaml, ...) are written by hand and extend the setups.
The output is plain YAML that a modder edits directly; this script only
documents how it was derived and lets the derivation be repeated.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT.parent))

import geography as G  # noqa: E402
import oob as O  # noqa: E402
import setups as S  # noqa: E402

from game.scenario.geography import Projector, chain_hexes, inside_polygon  # noqa: E402

REF_DEFAULT = Path("/work/shared/history/moscow-1941-reference.yaml")


def dump(obj) -> str:
    return yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)


def flow_list(items: list[dict]) -> str:
    """One flow mapping per line, for long lists."""
    out = []
    for it in items:
        out.append("- " + yaml.safe_dump(it, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000).strip())
    return "\n".join(out) + "\n"


def projector() -> Projector:
    p = G.PROJECTION
    return Projector(p["origin"][0], p["origin"][1], p["hex_km"], True, p["parity"], p["width"], p["height"])


def hex_label(proj: Projector, index: int) -> str:
    w = proj.width
    h = proj.offsets.to_hex(index % w, index // w)
    return proj.offsets.label(h)


def idx_of(proj: Projector, lat: float, lon: float) -> int:
    return int(proj.index_of_latlon(np.array([lat]), np.array([lon]))[0])


# --- map ------------------------------------------------------------------------------------------------


def build_map(ref: dict, proj: Projector) -> tuple[dict, dict]:
    gaz = ref["gazetteer"]["requested"] + ref["gazetteer"]["extra"]
    places = []
    coords = {}
    used: dict[int, str] = {}
    for g in gaz:
        pid = g["id"]
        if pid in G.OFF_MAP:
            continue
        i = idx_of(proj, g["lat"], g["lon"])
        if i < 0:
            print(f"  off map: {pid}")
            continue
        coords[pid] = (g["lat"], g["lon"])
        kind = g.get("kind", "town")
        size = G.SIZE.get(pid, G.SIZE_BY_KIND.get(kind, 1))
        if size and i in used:
            size = 0  # shares a hex with a more important place: a landmark only
        if size:
            used[i] = pid
        p = {"id": pid, "name": g["name"], "at": [g["lat"], g["lon"]], "kind": kind, "size": size}
        vp = G.VP.get(pid, 0)
        if vp:
            p["victory_points"] = vp
        if kind in ("capital", "city"):
            p["terrain"] = "city"
        if g.get("alt_names"):
            p["alt_names"] = [str(a) for a in g["alt_names"]]
        note = g.get("note") or g.get("rail_notes") or ""
        if note:
            p["note"] = f"{note} [{', '.join(g.get('source', []))}; {g.get('confidence', '')}]"
        places.append(p)

    geo = ref["geography"]
    rivers = []
    for r in geo["rivers"]:
        if r["id"] == "moskva":
            pts = r["points"]
            k = pts.index(G.MOSKVA_SPLIT)
            rivers.append({"id": "moskva_upper", "name": "Moskva (above Mozhaisk)", "type": "minor_river", "points": pts[: k + 1]})
            rivers.append({"id": "moskva", "name": "Moskva", "type": "major_river", "points": pts[k:],
                           "note": f"[{', '.join(r['source'])}; {r['confidence']}]"})
            continue
        rivers.append({"id": r["id"], "name": r["name"], "type": G.RIVER_TYPE[r["id"]], "points": r["points"],
                       "note": f"{r.get('military_note', r.get('note', ''))} [{', '.join(r['source'])}; {r['confidence']}]".strip()})
    for c in geo["canals"]:
        rivers.append({"id": c["id"], "name": c["name"], "type": "canal", "points": c["points"],
                       "note": f"{c.get('military_note', '')} [{', '.join(c['source'])}; {c['confidence']}]"})

    roads = []
    for r in geo["roads"]:
        roads.append({"id": r["id"], "name": r["name"], "type": "highway" if r["id"] in G.HIGHWAYS else "road",
                      "points": r["points"], "note": f"[{', '.join(r['source'])}; {r['confidence']}]"})
    for rid, (name, chain) in G.EXTRA_ROADS.items():
        pts = [list(coords[c]) for c in chain]
        roads.append({"id": rid, "name": name, "type": "road", "points": pts,
                      "note": "designer's link road between gazetteer towns (low confidence)"})

    railways = []
    for r in geo["railways"]["lines"]:
        line = {"id": r["id"], "name": r["name"], "points": r["points"], "note": f"[{', '.join(r['source'])}; {r['confidence']}]"}
        if r.get("double_track"):
            line["double_track"] = True
        railways.append(line)
        if r.get("branch_to_kaluga"):
            railways.append({"id": r["id"] + "_kaluga", "name": "Tikhonova Pustyn - Kaluga branch", "points": r["branch_to_kaluga"]})

    areas = []
    for a in geo["terrain_areas"]["areas"]:
        t = G.TERRAIN_BY_AREA.get(a["id"])
        if t:
            areas.append({"id": a["id"], "name": a["name"], "terrain": t, "box": a["box"],
                          "note": f"{a['type']} [{', '.join(a['source'])}; {a['confidence']}]"})
    areas.extend(G.EXTRA_AREAS)
    for lake in G.LAKES:
        a = {k: v for k, v in lake.items() if k != "ref_outline"}
        if "ref_outline" in lake:
            wb = next(w for w in geo["water_bodies"] if w["id"] == lake["ref_outline"])
            a["outline"] = wb["outline"]
        areas.append(a)
    areas.append(G.MOSCOW_CITY)

    # fortifications
    fort: dict[int, int] = {}
    lines = {d["id"]: d for d in geo["defensive_lines"] if "points" in d}
    for name, level, pts in G.FORT_LINES:
        if pts == "ref":
            pts = lines[name]["points"]
        px, py = proj.to_km(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]))
        for h in chain_hexes(proj, px, py):
            i = int(proj.index_of_axial(np.array([h.q]), np.array([h.r]))[0])
            if i >= 0:
                fort[i] = max(fort.get(i, 0), level)
    for lat, lon, radius, level in G.FORT_POINTS:
        i = idx_of(proj, lat, lon)
        w = proj.width
        centre = proj.offsets.to_hex(i % w, i // w)
        for h in centre.range(radius) if radius else [centre]:
            j = int(proj.index_of_axial(np.array([h.q]), np.array([h.r]))[0])
            if j >= 0:
                fort[j] = max(fort.get(j, 0), level)
    hexes = {hex_label(proj, i): {"fort": lv} for i, lv in sorted(fort.items())}

    mapdef = {
        "id": "moscow1941",
        "name": "Moscow 1941: Smolensk and Bryansk to Kalinin, Ryazan and Yelets",
        "projection": G.PROJECTION,
        "default_terrain": "clear",
        "places": places,
        "rivers": rivers,
        "roads": roads,
        "railways": railways,
        "areas": areas,
        "hexes": hexes,
    }
    return mapdef, coords


# --- control and placement ------------------------------------------------------------------------------


def german_polygon(line: list[list[float]]) -> list[list[float]]:
    """The area west of a north-to-south front line, closed round the west of the map."""
    n, s = line[0], line[-1]
    return [[57.6, n[1]], *line, [51.8, s[1]], [51.8, 30.5], [57.6, 30.5]]


def control_mask(proj: Projector, areas: list[dict], coords: dict) -> np.ndarray:
    """Bool per hex: German controlled, from control areas (outline or hexes around places)."""
    cx, cy = proj.centres_km
    german = np.zeros(len(cx), bool)
    for a in areas:
        if "outline" in a:
            px, py = proj.to_km(np.array([p[0] for p in a["outline"]]), np.array([p[1] for p in a["outline"]]))
            m = inside_polygon(cx, cy, px, py)
        else:
            m = np.zeros(len(cx), bool)
            for loc in a["hexes"]:
                m[loc_index(proj, loc, coords)] = True
        german[m] = a["side"] == "german"
    return german


def loc_index(proj: Projector, loc, coords: dict) -> int:
    if isinstance(loc, str):
        return idx_of(proj, *coords[loc])
    place = loc["place"]
    i = idx_of(proj, *coords[place])
    w = proj.width
    h = proj.offsets.to_hex(i % w, i // w)
    d = proj.compass()[loc["dir"]]
    for _ in range(loc.get("hexes", 1)):
        h = h.neighbor(d)
    return int(proj.index_of_axial(np.array([h.q]), np.array([h.r]))[0])


def place_units(proj: Projector, groups: list[tuple], german: np.ndarray, blocked: np.ndarray) -> dict[str, str]:
    """Unit id -> hex label: each group spirals out from its anchor over hexes its side controls."""
    taken: dict[int, int] = {}
    out = {}
    w = proj.width
    for label, side, anchor, ids in groups:
        i0 = idx_of(proj, *anchor)
        assert i0 >= 0, (label, anchor)
        centre = proj.offsets.to_hex(i0 % w, i0 // w)
        cells = []
        for h in centre.spiral(8):
            j = int(proj.index_of_axial(np.array([h.q]), np.array([h.r]))[0])
            if j < 0 or blocked[j] or german[j] != (side == "german"):
                continue
            cells.append(j)
        assert cells, label
        k = 0
        for uid in ids:
            while taken.get(cells[k % len(cells)], 0) >= 1 + k // len(cells):
                k += 1
            j = cells[k % len(cells)]
            taken[j] = taken.get(j, 0) + 1
            out[uid] = hex_label(proj, j)
            k += 1
    return out


# --- history ----------------------------------------------------------------------------------------------

GROUND = {
    "dry": "dry", "mud beginning": None, "mud": "mud", "deep mud (rasputitsa peak)": "deep_mud", "freezing": "frozen",
    "frozen/partly thawing": "frozen", "frozen": "frozen", "frozen, light snow cover": "frozen",
    "thaw at surface": "frozen", "hard frozen, snow": "snow", "frozen, brief thaw": "snow", "frozen, snow": "snow",
    "frozen, deepening snow": "snow", "deep snow": "snow",
}


def history(ref: dict, coords: dict, first: dt.date, last: dt.date, extra_lines: list[dict]) -> dict:
    events = []
    for e in sorted(ref["timeline"] + [dict(x, event=x["text"]) for x in S.EXTRA_EVENTS], key=lambda e: str(e["date"])):
        d = dt.date.fromisoformat(str(e["date"]))
        if not (first <= d <= last):
            continue
        ev = {"date": d.isoformat(), "type": e["type"], "text": e["event"]}
        if e.get("place") in coords:
            ev["place"] = e["place"]
        if e.get("controller_after") in ("german", "soviet") and "place" in ev:
            ev["controller_after"] = e["controller_after"]
        if e.get("alt_dates"):
            ev["text"] += f" (other dates: {', '.join(str(a) for a in e['alt_dates'])})"
        ev["source"] = list(e.get("source", []))
        ev["confidence"] = e.get("confidence", "medium")
        events.append(ev)
    fronts = []
    for f in ref["geography"]["front_lines_approx"]["lines"] + extra_lines:
        d = dt.date.fromisoformat(str(f["date"]))
        if first - dt.timedelta(days=3) <= d <= last + dt.timedelta(days=1):
            fronts.append({"date": d.isoformat(), "points": f["points"], "right": "german", "confidence": "low"})
    fronts.sort(key=lambda f: f["date"])
    weather = []
    for w in ref["weather"]["calendar"]:
        a, b = (dt.date.fromisoformat(str(x)) for x in w["dates"])
        if b < first or a > last:
            continue
        ow = {"dates": [a.isoformat(), b.isoformat()], "ground": GROUND[w["ground"]],
              "text": f"{w['weather']} [{', '.join(w['source'])}; {w['confidence']}]"}
        if ow["ground"] is None:  # a transition the game's grounds cannot name
            del ow["ground"]
            ow["text"] = f"{w['ground']}: {ow['text']}"
        weather.append(ow)
    return {"events": events, "front_lines": fronts, "weather": weather}


def historical_holder(ref: dict, place: str, on: dt.date, start_holder: str) -> str:
    holder = start_holder
    for e in sorted(ref["timeline"] + S.EXTRA_EVENTS, key=lambda e: str(e["date"])):
        d = dt.date.fromisoformat(str(e["date"]))
        if e.get("place") == place and e.get("controller_after") in ("german", "soviet") and d <= on:
            holder = e["controller_after"]
    return holder


# --- main -------------------------------------------------------------------------------------------------


def main(ref_path: Path) -> None:
    ref = yaml.safe_load(ref_path.read_text())
    proj = projector()
    mapdef, coords = build_map(ref, proj)
    mapname = {p["id"]: p["name"] for p in mapdef["places"]}
    (ROOT / "maps").mkdir(exist_ok=True)
    head = ("# Moscow '41 campaign map - written by scenarios/source/build_historical.py from\n"
            "# shared/history/moscow-1941-reference.yaml (every feature notes its sources and confidence).\n"
            "# 10 km flat-topped hexes; places, rivers, roads, railways in [lat, lon].\n")
    (ROOT / "maps" / "campaign.yaml").write_text(head + dump(mapdef))

    # which scenarios each unit appears in
    scen_units: dict[str, set[str]] = {}
    for name, sc in S.SCENARIOS.items():
        ids = set()
        for _, _, _, grp in sc["groups"]:
            ids.update(grp)
        for r in sc.get("reinforcements", []):
            ids.update(r["units"])
        scen_units[name] = ids
    unknown = set().union(*scen_units.values()) - set(O.UNITS)
    assert not unknown, unknown
    order = list(S.SCENARIOS)
    files: dict[tuple[str, str], list[str]] = {}
    for uid in O.UNITS:
        sig = tuple(n for n in order if uid in scen_units[n])
        if not sig:
            print(f"  unused unit {uid}")
            continue
        files.setdefault((O.UNITS[uid]["side"], "-".join(sig)), []).append(uid)
    (ROOT / "oob").mkdir(exist_ok=True)
    for old in (ROOT / "oob").glob("*.yaml"):
        old.unlink()
    for (side, sig), ids in sorted(files.items()):
        text = (f"# {side.capitalize()} unit definitions used by: {sig.replace('-', ', ')}.\n"
                "# Written by scenarios/source/build_historical.py (tables in scenarios/source/oob.py).\n")
        (ROOT / "oob" / f"{side}-{sig}.yaml").write_text(text + flow_list([O.UNITS[u] for u in ids]))

    (ROOT / "common").mkdir(exist_ok=True)
    (ROOT / "common" / "moscow41.yaml").write_text(
        "# What every historical Moscow '41 scenario shares: map, sides, turn length, weather, supply, air, winter.\n"
        "# Written by scenarios/source/build_historical.py.\n" + dump(S.common(ref)))

    (ROOT / "setups").mkdir(exist_ok=True)
    for name, sc in S.SCENARIOS.items():
        inc = [f"../oob/{side}-{sig}.yaml" for (side, sig) in sorted(files) if name in sig.split("-")]
        forces = {"extends": "../common/moscow41.yaml", "units": {"include": inc}}
        (ROOT / "setups" / f"{name}-forces.yaml").write_text(
            f"# The units of '{name}': unit definitions shared with the other scenarios.\n" + dump(forces))
        control_areas = sc["control"]
        german = control_mask(proj, control_areas, coords)
        blocked = np.zeros(proj.width * proj.height, bool)
        for a in mapdef["areas"]:
            if a["terrain"] == "lake":
                cx, cy = proj.centres_km
                if "outline" in a:
                    px, py = proj.to_km(np.array([p[0] for p in a["outline"]]), np.array([p[1] for p in a["outline"]]))
                    blocked |= inside_polygon(cx, cy, px, py)
                else:
                    c = a["circle"]
                    ox, oy = proj.to_km(np.array([c["center"][0]]), np.array([c["center"][1]]))
                    blocked |= (cx - ox[0]) ** 2 + (cy - oy[0]) ** 2 <= c["radius_km"] ** 2
                    blocked[idx_of(proj, *c["center"])] = True
        pos = place_units(proj, sc["groups"], german, blocked)
        units = []
        unit_text = []
        for label, _, anchor, grp in sc["groups"]:
            block = []
            for uid in grp:
                e = {"id": uid, "at": pos[uid]}
                e.update(sc.get("overrides", {}).get(uid, {}))
                block.append(e)
            units.extend(block)
            unit_text.append(f"  # {label} (around {anchor[0]:.2f} N {anchor[1]:.2f} E)")
            unit_text.extend("  " + line for line in flow_list(block).splitlines())
        late = [{"id": uid, **sc["overrides"][uid]} for r in sc.get("reinforcements", []) for uid in r["units"]
                if uid in sc.get("overrides", {})]
        if late:
            units.extend(late)
            unit_text.append("  # arriving later, with their strength on arrival")
            unit_text.extend("  " + line for line in flow_list(late).splitlines())
        first = dt.date.fromisoformat(sc["start"])
        last = first + dt.timedelta(days=2 * sc["turns"] - 1)
        setup = {
            "extends": f"{name}-forces.yaml",
            "control": {"default": "soviet", "areas": control_areas},
            "reinforcements": sc.get("reinforcements", []),
            "withdrawals": sc.get("withdrawals", []),
            "history": history(ref, coords, first - dt.timedelta(days=2), last, S.EXTRA_FRONTS),
        }
        if not setup["withdrawals"]:
            del setup["withdrawals"]
        if "german_sources" in sc:
            setup["supply"] = {"sides": {"german": {"sources": sc["german_sources"]}}}
        air = {}
        for side, entries in S.AIR.items():
            keep = [dict(e) for e in entries if e["from_date"] <= sc["start"]][-1:] + [
                dict(e) for e in entries if sc["start"] < e["from_date"] <= last.isoformat()]
            keep[0].pop("from_date")
            keep[0] = {"from_turn": 1, **keep[0]}
            air[side] = keep
        setup["air"] = air
        holders = {p: historical_holder(ref, p, last, "german" if german[idx_of(proj, *coords[p])] else "soviet")
                   for p in sc["objectives"]}
        pts = {p: G.VP.get(p, 1) for p in sc["objectives"]}
        net = sum(v if holders[p] == "german" else -v for p, v in pts.items())
        setup["victory"] = {
            "scoring_side": "german",
            "objectives": [{"at": p, "name": mapname[p], "points": v} for p, v in pts.items()],
            "sudden_death": [{"side": "german", "capture": ["moscow"], "text": "Moscow has fallen"}],
            "levels": [
                {"min_points": net + 8, "winner": "german", "level": "decisive", "text": "far beyond the German achievement of 1941"},
                {"min_points": net + 3, "winner": "german", "level": "marginal", "text": "better than the Germans did in 1941"},
                {"min_points": net - 2, "level": "draw", "text": "about what happened in 1941"},
                {"min_points": net - 7, "winner": "soviet", "level": "marginal", "text": "better than the Red Army did in 1941"},
                {"winner": "soviet", "level": "decisive", "text": "far beyond the Soviet achievement of 1941"},
            ],
            "historical": {"points": net, "level": "draw", "text": sc["historical_text"]},
        }
        text = (f"# Setup of '{name}': starting positions (hex labels), front line, arrivals, historical track.\n"
                "# Written by scenarios/source/build_historical.py (scenarios/source/setups.py).\n"
                f"# Historical holders of the objectives on {last.isoformat()}: "
                + ", ".join(f"{p}={h}" for p, h in holders.items()) + "\n")
        body = dump({k: v for k, v in setup.items() if k not in ("history", "victory")}) + dump({"victory": setup["victory"]})
        body += "units:\n" + "\n".join(unit_text) + "\n"
        body += dump({"history": setup["history"]})
        (ROOT / "setups" / f"{name}-setup.yaml").write_text(text + body)
        print(f"{name}: {len(units)} unit entries; {sum(1 for u in units if 'at' in u)} on the map")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REF_DEFAULT)
