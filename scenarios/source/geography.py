# ruff: noqa: E501, N812  (data tables: one entry per line reads best)
"""Campaign map data for Moscow '41, derived from the history reference file.

``build_historical.py`` imports this to write ``scenarios/maps/campaign.yaml``.
Facts (coordinates, river and railway traces, roads, terrain boxes, defensive
lines) come from ``shared/history/moscow-1941-reference.yaml``; the game
values here (settlement sizes, victory points, which river counts as major,
fortification levels, the extra link roads) are the designer's choices and
are listed in docs/scenarios.md.
"""

from __future__ import annotations

# Projection: flat-topped 10 km hexes, 66 columns x 60 rows, covering roughly
# 31.5-40.2 E x 52.0-57.35 N (Smolensk/Bryansk/Sevsk to Kalinin/Torzhok, Ryazan, Yelets).
PROJECTION = {"origin": [57.33, 31.45], "hex_km": 10.0, "orientation": "flat", "parity": "odd",
              "width": 66, "height": 60}

# Gazetteer entries left off the map (outside the projection) or not wanted as places.
OFF_MAP = {"kursk", "glukhov", "velikiye_luki", "bologoye", "vyshny_volochek", "moscow_sea"}

# Settlement size shown on the map (0 = landmark) by kind, then per-place overrides.
SIZE_BY_KIND = {"capital": 5, "city": 3, "town": 2, "village": 1, "station": 1, "site": 0, "water": 0}
SIZE = {"tula": 4, "kalinin": 4, "smolensk": 4, "ryazan": 4, "orel": 4, "bryansk": 3, "kaluga": 3,
        "lobnya": 0, "dubna": 0, "ivankovo_dam": 0, "suvorov": 0}

# Victory points of places on the map (the map's own values; scenarios list their objectives).
VP = {
    "moscow": 20, "tula": 5, "kalinin": 4, "kaluga": 3, "orel": 3, "bryansk": 3, "vyazma": 3,
    "mozhaisk": 3, "klin": 3, "kashira": 3, "serpukhov": 3, "rzhev": 2, "maloyaroslavets": 2,
    "volokolamsk": 2, "naro_fominsk": 2, "solnechnogorsk": 2, "krasnaya_polyana": 2, "khimki": 2,
    "kolomna": 2, "istra": 2, "podolsk": 2, "smolensk": 2, "ryazan": 2, "yelets": 2, "sukhinichi": 2,
    "stalinogorsk": 2, "dmitrov": 2, "torzhok": 2, "yakhroma": 1, "venev": 1, "mtsensk": 1,
    "yukhnov": 1, "gzhatsk": 1, "medyn": 1, "zvenigorod": 1, "aleksin": 1, "tarusa": 1,
    "kozelsk": 1, "belyov": 1, "staritsa": 1, "yefremov": 1, "mikhailov": 1, "borovsk": 1,
    "rogachevo": 1, "karachev": 1, "sychevka": 1, "zubtsov": 1, "mosalsk": 1, "meshchovsk": 1,
    "uzlovaya": 1, "plavsk": 1, "ruza": 1, "vereya": 1, "sevsk": 1,
}

# Rivers (reference ids) -> hexside type. The Moskva is split at Mozhaisk (major below).
RIVER_TYPE = {
    "volga_upper": "major_river", "oka": "major_river", "dnieper_upper": "minor_river",
    "desna": "major_river", "nara": "minor_river", "protva": "minor_river", "ugra": "minor_river",
    "vazuza": "minor_river", "lama": "minor_river", "ruza": "minor_river", "istra": "minor_river",
    "upa": "minor_river", "zhizdra": "minor_river", "zusha": "minor_river", "don_upper": "minor_river",
    "shat_osetr": "minor_river",
}
MOSKVA_SPLIT = [55.50, 36.03]  # Mozhaisk: minor upstream, major downstream

# Main paved highways (the rest of the reference roads are unpaved 'road').
HIGHWAYS = {"road_minsk_moscow", "road_warsaw", "road_leningrad", "road_orel_tula_moscow"}

# Link roads added by the designer between gazetteer towns so that every town of the map is on a
# road (the reference lists only the main axes). Low confidence: they follow the 1941 road net in
# outline only. Each is a chain of gazetteer ids.
EXTRA_ROADS = {
    "road_vyazma_rzhev_kalinin": ("Vyazma - Sychevka - Rzhev - Staritsa - Kalinin",
                                  ["vyazma", "novodugino", "sychevka", "rzhev", "staritsa", "kalinin"]),
    "road_smolensk_roslavl": ("Smolensk - Roslavl", ["smolensk", "roslavl"]),
    "road_smolensk_bely": ("Smolensk - Dukhovshchina - Bely - Olenino", ["smolensk", "dukhovshchina", "bely", "olenino"]),
    "road_vyazma_yukhnov_kaluga": ("Vyazma - Yukhnov - Kondrovo - Kaluga",
                                   ["vyazma", "yukhnov", "kondrovo", "polotnyany_zavod", "kaluga"]),
    "road_kaluga_maloyaroslavets": ("Kaluga - Detchino - Maloyaroslavets", ["kaluga", "detchino", "maloyaroslavets"]),
    "road_old_kaluga": ("Old Kaluga road: Maloyaroslavets - Balabanovo - Naro-Fominsk - Aprelevka - Moscow",
                        ["maloyaroslavets", "balabanovo", "naro_fominsk", "aprelevka", "moscow"]),
    "road_mozhaisk_borovsk": ("Mozhaisk - Vereya - Borovsk - Maloyaroslavets",
                              ["mozhaisk", "vereya", "borovsk", "maloyaroslavets"]),
    "road_ruza_zvenigorod": ("Ruza - Zvenigorod - Moscow", ["ruza", "zvenigorod", "moscow"]),
    "road_volokolamsk_klin": ("Volokolamsk - Klin", ["volokolamsk", "klin"]),
    "road_klin_dmitrov": ("Klin - Rogachevo - Dmitrov - Moscow", ["klin", "rogachevo", "dmitrov", "yakhroma", "moscow"]),
    "road_moscow_noginsk": ("Moscow - Noginsk (Gorky road)", ["moscow", "noginsk"]),
    "road_moscow_ryazan": ("Moscow - Voskresensk - Kolomna - Ryazan", ["moscow", "voskresensk", "kolomna", "lukhovitsy", "ryazan"]),
    "road_serpukhov_tarusa_aleksin": ("Serpukhov - Tarusa - Aleksin", ["serpukhov", "tarusa", "aleksin"]),
    "road_tula_venev_kashira": ("Tula - Venev - Kashira", ["tula", "venev", "kashira", "kolomna"]),
    "road_tula_stalinogorsk": ("Tula - Stalinogorsk - Mikhailov - Ryazan", ["tula", "stalinogorsk", "mikhailov", "ryazan"]),
    "road_tula_odoyev_belyov": ("Tula - Odoyev - Belyov", ["tula", "odoyev", "belyov"]),
    "road_orel_belyov_sukhinichi": ("Orel - Bolkhov - Belyov - Kozelsk - Sukhinichi",
                                    ["orel", "bolkhov", "belyov", "kozelsk", "sukhinichi"]),
    "road_sukhinichi_yukhnov": ("Sukhinichi - Meshchovsk - Mosalsk - Yukhnov", ["sukhinichi", "meshchovsk", "mosalsk", "yukhnov"]),
    "road_kaluga_likhvin_belyov": ("Kaluga - Peremyshl - Likhvin - Belyov", ["kaluga", "peremyshl", "likhvin", "belyov"]),
    "road_bryansk_kirov": ("Bryansk - Dyatkovo - Lyudinovo - Kirov - Spas-Demensk",
                           ["bryansk", "dyatkovo", "lyudinovo", "kirov_kaluga", "spas_demensk"]),
    "road_bryansk_zhizdra_kozelsk": ("Bryansk - Zhizdra - Kozelsk", ["bryansk", "zhizdra", "kozelsk"]),
    "road_bryansk_sevsk": ("Bryansk - Trubchevsk; Sevsk - Dmitrovsk - Kromy - Orel",
                           ["trubchevsk", "sevsk", "dmitrovsk", "kromy", "orel"]),
    "road_orel_yelets": ("Orel - Zmiyovka - Livny - Yelets", ["orel", "zmiyovka", "livny", "yelets"]),
    "road_yelets_tula": ("Yelets - Yefremov - Bogoroditsk - Tula", ["yelets", "yefremov", "bogoroditsk", "uzlovaya", "tula"]),
    "road_vyazma_dorogobuzh_yelnya": ("Vyazma - Dorogobuzh - Yelnya - Roslavl", ["vyazma", "dorogobuzh", "yelnya", "roslavl"]),
    "road_gzhatsk_sychevka_bely": ("Gzhatsk - Sychevka - Bely", ["gzhatsk", "sychevka", "bely"]),
    "road_rzhev_nelidovo": ("Rzhev - Olenino - Nelidovo - Toropets", ["rzhev", "olenino", "nelidovo", "andreapol", "toropets"]),
    "road_rzhev_selizharovo_ostashkov": ("Rzhev - Selizharovo - Ostashkov", ["rzhev", "selizharovo", "ostashkov"]),
    "road_kalinin_kuvshinovo": ("Torzhok - Kuvshinovo - Selizharovo", ["torzhok", "kuvshinovo", "selizharovo"]),
    "road_klin_kozlovo": ("Klin - Kozlovo - Gorodnya (Moscow Sea south shore)", ["klin", "kozlovo", "gorodnya"]),
    "road_serpukhov_kashira": ("Serpukhov - Stupino - Kashira", ["serpukhov", "stupino", "kashira"]),
    "road_kashira_zaraysk": ("Kashira - Ozyory - Zaraysk - Serebryanye Prudy - Mikhailov",
                             ["kashira", "ozyory", "zaraysk", "serebryanye_prudy", "mikhailov"]),
    "road_medyn_maloyaroslavets": ("Medyn - Myatlevo - Kondrovo", ["medyn", "myatlevo", "kondrovo"]),
}

TERRAIN_BY_AREA = {
    "bryansk_forest": "forest", "vyazma_ugra_forests": "forest", "bely_olenino_forests": "forest",
    "valdai_seliger": "forest", "shosha_lama_swamps": "swamp", "klin_dmitrov_ridge": "forest",
    "west_moscow_forests": "forest", "meshchera": "swamp", "kaluga_zaseki": "forest",
}

# Extra swamp patches inside the forest boxes (designer: the reference calls these forests 'and bogs').
EXTRA_AREAS = [
    {"id": "olenino_bogs", "name": "Bogs between Bely and Olenino", "terrain": "swamp",
     "box": [55.95, 32.80, 56.15, 33.40]},
    {"id": "upper_dnieper_bogs", "name": "Upper Dnieper bogs NE of Kholm-Zhirkovsky", "terrain": "swamp",
     "box": [55.60, 33.50, 55.80, 33.90]},
]

LAKES = [
    {"id": "moscow_sea", "name": "Moscow Sea (Ivankovo reservoir)", "terrain": "lake", "ref_outline": "moscow_sea"},
    {"id": "lake_seliger", "name": "Lake Seliger", "terrain": "lake", "circle": {"center": [57.20, 33.05], "radius_km": 9}},
    {"id": "istra_reservoir", "name": "Istra reservoir", "terrain": "lake", "circle": {"center": [56.04, 36.80], "radius_km": 4}},
]

# Moscow is bigger than one hex: its built-up area.
MOSCOW_CITY = {"id": "moscow_city", "name": "Moscow (built-up area)", "terrain": "city",
               "circle": {"center": [55.75, 37.62], "radius_km": 11}}

# Fortifications (ruleset shifts: 1 field works, 2 Mozhaisk line, 3 Moscow defence zone and Tula).
# Lines are chains of [lat, lon]; every hex along the line gets the level (the highest wins).
FORT_LINES = [
    ("mozhaisk_line", 2, "ref"),  # from geography.defensive_lines
    ("rzhev_vyazma_line", 1, "ref"),
    # Moscow defence zone outer line as named in the reference (Khimki - Kryukovo - Zvenigorod -
    # Naro-Fominsk - Serpukhov); designer's trace through those towns.
    ("moscow_zone_outer", 2, [[55.90, 37.43], [55.98, 37.17], [55.73, 36.86], [55.39, 36.73], [54.92, 37.42]]),
]
FORT_POINTS = [
    # (lat, lon, radius in hexes, level)
    (55.75, 37.62, 2, 3),   # Moscow city belts
    (54.20, 37.62, 0, 3),   # Tula city defences (workers' regiment, NKVD, AA belt): held 43 days semi-encircled
    (55.04, 36.63, 0, 2),   # Ilyinskoye line (Podolsk cadets) on the Warsaw highway
]
