# ruff: noqa: E501 - the template keeps one map feature per line
"""The starter scenario written by ``moscow41 new-scenario NAME``."""

from __future__ import annotations

STARTER = """\
# yaml-language-server: $schema={schema}
#
# {title}: a starter scenario written by 'moscow41 new-scenario'.
# It validates and plays as it is; change it step by step and run
#     moscow41 validate {sid}.yaml
# after each change. docs/modding.md explains every key.
format_version: 1
id: {sid}
title: "{title}"
description: "Guderian's panzers try to take Tula from the south (late October 1941)."
# Each side's briefing, shown to the player of that side before the game.
briefings:
  german: "Take Tula (10 points) before the Soviet tank brigade arrives on turn 2. Supply comes from the south edge."
  soviet: "Hold Tula. The 32nd Tank Brigade arrives by rail on turn 2. Supply comes from the north edge and Tula."
designer_notes: "A starter scenario: replace this with your sources and the choices you made."
author: ""

# The rules: a shipped ruleset (scenarios/rulesets/standard.yaml). Change single
# values with {{use: standard, override: {{movement: {{stacking: {{max_units: 2}}}}}}}}.
ruleset: standard

# The map: a rectangle of hexes laid over real geography. Coordinates are
# [latitude, longitude] in decimal degrees; hex 0101 is the top-left hex.
map:
  id: {sid}_map
  name: "Tula"
  projection:
    origin: [54.45, 37.25]   # centre of hex 0101
    hex_km: 10               # distance between neighbouring hex centres
    orientation: flat
    width: 7
    height: 6
  default_terrain: clear
  places:                    # towns become settlements; units can be placed by name
    - {{id: tula, name: Tula, at: [54.20, 37.62], kind: city, size: 3, victory_points: 10, terrain: city}}
    - {{id: shchekino, name: Shchekino, at: [54.01, 37.51], kind: town}}
    - {{id: kosaya_gora, name: Kosaya Gora, at: [54.13, 37.53], kind: village, size: 0}}
  rivers:                    # onto hexsides
    - {{id: upa, name: Upa, type: minor_river, points: [[54.28, 37.85], [54.20, 37.62], [54.05, 37.30]]}}
  roads:                     # onto links between hexes
    - {{id: orel_highway, name: "Orel-Tula-Moscow highway", type: highway, points: [[53.71, 37.30], [54.07, 37.52], [54.20, 37.62], [54.92, 37.42]]}}
  railways:
    - {{id: rail_kursk, name: "Moscow-Tula-Orel railway", points: [[53.71, 37.30], [54.01, 37.51], [54.20, 37.62], [54.92, 37.42]]}}
  areas:                     # terrain areas: outline, box [lat_min, lon_min, lat_max, lon_max], circle or hexes
    - {{id: tula_zaseka, name: "Tula abatis forests", terrain: forest, box: [54.00, 37.25, 54.15, 37.45]}}
  hexes:                     # per-hex overrides
    "0404": {{fort: 1}}

sides:
  - {{id: german, name: Germany, color: "#6b6f5a"}}
  - {{id: soviet, name: Soviet Union, color: "#a33b2e"}}
first_side: german
start: 1941-10-29
days_per_turn: 2
turns: 4

# Units take their ratings from their type in the ruleset; any rating may be
# overridden. 'at' is a hex label, a place name, [lat, lon] or
# {{place: Tula, dir: SW, hexes: 1}}. Leave 'at' out for reinforcements.
units:
  - {{id: ger_4pz, side: german, type: panzer, name: "4th Panzer (Eberbach)", at: Shchekino}}
  - {{id: ger_3pz, side: german, type: panzer, name: "3rd Panzer", at: "0306", steps: 2}}
  - {{id: ger_gd, side: german, type: motorized, name: "Grossdeutschland", at: "0206"}}
  - {{id: sov_290rd, side: soviet, type: rifle, name: "290th Rifle", at: Tula}}
  - {{id: sov_tula_workers, side: soviet, type: fortified_region, name: "Tula Workers' Regiment", at: {{place: Tula, dir: SW}}}}
  - {{id: sov_32tb, side: soviet, type: tank_brigade, name: "32nd Tank Bde"}}

reinforcements:
  - {{units: [sov_32tb], turn: 2, at: Tula, note: "arrives by rail on the night of 30/31 October"}}

weather:
  mode: historical
  calendar:
    - {{dates: [1941-10-29, 1941-11-05], weather: rain, temperature: mild, ground: deep_mud}}

supply:
  sides:
    german: {{map_edges: [S]}}
    soviet: {{map_edges: [N], sources: [Tula]}}

victory:
  scoring_side: german
  objectives:
    - {{at: Tula, name: Tula, points: 10}}
  levels:
    - {{min_points: 10, winner: german, level: decisive}}
    - {{winner: soviet, level: marginal}}
  historical: {{points: 0, winner: soviet, level: marginal, text: "Tula held"}}
"""


def starter_text(sid: str, title: str, schema: str) -> str:
    """The starter scenario for id ``sid`` with a modeline pointing at ``schema``."""
    return STARTER.format(sid=sid, title=title.replace('"', "'"), schema=schema)
