# ruff: noqa: E501, N812  (data tables: one entry per line reads best)
"""Starting positions, arrivals, departures and fronts of the four historical scenarios.

Army anchors are [lat, lon] near the formation's sector on the day (from the
reference's orders of battle, moved where the reference anchor lies off the map
or on the wrong side of the front); the builder spreads each army's divisions
over the hexes its side holds around the anchor.
"""

from __future__ import annotations

import oob as O

G, S = "german", "soviet"

# --- front lines ------------------------------------------------------------------------------------------

LINE_1OCT = [[57.10, 32.60], [56.65, 32.10], [56.20, 32.30], [55.85, 32.55], [55.50, 32.55], [55.20, 32.65],
             [55.07, 32.72], [54.85, 32.95], [54.58, 33.05], [54.30, 33.25], [53.95, 33.10], [53.55, 33.55],
             [52.93, 33.45], [52.58, 33.60]]
# 2nd Panzer Group had attacked on 30 Sep and taken Sevsk on 1 Oct: the line bends east round Sevsk
# (designer's reconstruction from the timeline; the reference line runs to Glukhov, off the map).
LINE_2OCT = LINE_1OCT + [[52.45, 34.15], [52.30, 34.75], [51.95, 34.85]]

# 13 October: designer's reconstruction (the reference has no line for this date) from the timeline:
# Staritsa, Zubtsov, Sychevka, Gzhatsk, Medyn, Kaluga, Mtsensk taken; Rzhev taken 13/14 Oct (counted German);
# 1st Pz Div at the gates of Kalinin; Mozhaisk line held from Volokolamsk to Maloyaroslavets.
LINE_13OCT = [[57.10, 33.00], [56.85, 33.45], [56.60, 34.30], [56.62, 34.90], [56.80, 35.50], [56.78, 35.75],
              [56.55, 35.55], [56.35, 35.30], [56.10, 35.40], [55.85, 35.55], [55.60, 35.70], [55.40, 35.75],
              [55.15, 35.80], [55.00, 36.02], [54.75, 36.15], [54.55, 36.45], [54.30, 36.50], [54.00, 36.45],
              [53.70, 36.50], [53.40, 36.72], [53.20, 36.85], [52.80, 37.20], [52.40, 37.40], [51.95, 37.40]]

LINE_5DEC = [[57.10, 33.00], [56.85, 33.45], [56.60, 34.60], [56.90, 35.85], [56.72, 36.35], [56.65, 36.90],
             [56.40, 37.25], [56.33, 37.38], [56.28, 37.40], [56.12, 37.42], [56.00, 37.45], [55.98, 37.17],
             [55.88, 37.05], [55.73, 36.80], [55.58, 36.45], [55.39, 36.73], [55.10, 36.80], [54.95, 37.25],
             [54.72, 37.17], [54.50, 37.07], [54.20, 37.45], [54.30, 37.60], [54.20, 37.85], [54.57, 38.23],
             [54.47, 38.73], [54.23, 39.03], [53.83, 38.55], [53.14, 38.12], [52.61, 38.51], [52.42, 37.60],
             [51.95, 37.60]]

# Captures the reference's timeline states only in the text of other events (added as events of their own).
EXTRA_EVENTS = [
    {"date": "1941-10-05", "type": "capture", "place": "sukhinichi", "controller_after": "german",
     "text": "4th Army takes Sukhinichi (stated in the Yukhnov entry of the reference timeline)", "source": ["RON84Z"], "confidence": "medium"},
    {"date": "1941-10-05", "type": "capture", "place": "mosalsk", "controller_after": "german",
     "text": "4th Pz Gr takes Mosalsk", "source": ["RON84Z"], "confidence": "medium"},
    {"date": "1941-10-07", "type": "capture", "place": "vyazma", "controller_after": "german",
     "text": "Vyazma in German hands as 7th and 10th Pz Divs meet there", "source": ["KERSHAW"], "confidence": "high"},
    # towns the reference only gives a January liberation for (after the campaign's end): without their capture
    # the historical maps of 5 November and 7 January scored them Soviet (local histories give the dates)
    {"date": "1941-10-10", "type": "capture", "place": "medyn", "controller_after": "german",
     "text": "The 4th Panzer Group's drive up the Warsaw highway takes Medyn (held to 14 January 1942)", "source": ["KNOWLEDGE"],
     "confidence": "medium"},
    {"date": "1941-10-24", "type": "capture", "place": "tarusa", "controller_after": "german",
     "text": "The 260th Infantry Division takes Tarusa on the Oka (held to 19 December)", "source": ["KNOWLEDGE"],
     "confidence": "medium"},
    {"date": "1941-10-25", "type": "capture", "place": "ruza", "controller_after": "german",
     "text": "XXXX Motorized and IX Corps take Ruza (held to 17 January 1942)", "source": ["KNOWLEDGE"],
     "confidence": "medium"},
]

EXTRA_FRONTS = [{"date": "1941-10-13", "points": LINE_13OCT[:-1]}]


def poly(line: list[list[float]]) -> list[list[float]]:
    n, s = line[0], line[-1]
    return [[57.6, n[1]], *line, [51.8, s[1]], [51.8, 30.5], [57.6, 30.5]]


TULA_RING = ["tula", *({"place": "tula", "dir": d} for d in ("N", "NE", "SE", "S", "SW", "NW"))]


def by_step(ids: list[str], steps: int) -> dict[str, dict]:
    return {u: {"steps": steps} for u in ids}


# --- Typhoon: 2 October 1941 ---------------------------------------------------------------------------------

TYPHOON_GROUPS = [
    ("9th Army, XXIII AK", G, [56.55, 32.00], O.G9A[:5]),
    ("9th Army, VI/V/VIII/XXVII AK", G, [55.80, 32.20], O.G9A[5:]),
    ("3rd Panzer Group", G, [55.25, 32.45], O.G3PZ),
    ("4th Army", G, [54.85, 32.70], O.G4A),
    ("4th Panzer Group", G, [54.10, 32.85], O.G4PZ),
    ("2nd Army", G, [53.45, 33.15], O.G2A),
    ("2nd Panzer Group", G, [52.30, 34.20], O.G2PZ),
    ("Rear security", G, [54.70, 31.80], O.GREAR),
    ("22nd Army", S, [56.80, 32.75], O.S22A),
    ("29th Army", S, [56.35, 32.60], O.S29A),
    ("30th Army", S, [55.85, 32.80], O.S30A),
    ("19th Army", S, [55.40, 32.85], O.S19A),
    ("16th Army", S, [55.10, 32.95], O.S16A),
    ("20th Army", S, [54.85, 33.20], O.S20A),
    ("Operational group Boldin", S, [55.50, 33.50], O.SBOLDIN),
    ("24th Army", S, [54.55, 33.40], O.S24A),
    ("43rd Army", S, [54.15, 33.50], O.S43A),
    ("31st Army", S, [56.10, 34.00], O.S31A),
    ("32nd Army", S, [55.15, 33.80], O.S32A),
    ("33rd Army", S, [54.70, 33.90], O.S33A),
    ("49th Army", S, [55.00, 34.30], O.S49A),
    ("50th Army", S, [53.55, 33.85], O.S50A),
    ("3rd Army", S, [52.85, 33.85], O.S3A),
    ("13th Army", S, [52.40, 33.95], O.S13A),
    ("Operational group Yermakov", S, [52.25, 35.00], O.SYERM),
    ("Mozhaisk line garrison", S, [55.50, 36.03], ["s_mozh_ur"]),
    ("Tula garrison", S, [54.20, 37.62], ["s_tula"]),
    ("Moscow garrison", S, [55.75, 37.62], ["s_mdz"]),
]

OCT_ARRIVALS = [
    {"units": ["s_5grd", "s_6grd", "s_4tb", "s_11tb", "s_201ab"], "date": "1941-10-04", "at": "mtsensk",
     "note": "1st Guards Rifle Corps (Lelyushenko) from the Stavka reserve: Katukov's 4th Tank Brigade among them"},
    {"units": ["s_podolsk"], "date": "1941-10-06", "at": "ilyinskoye", "note": "Podolsk cadets to the Ilyinskoye line"},
    {"units": ["s_312rd"], "date": "1941-10-08", "at": "maloyaroslavets", "note": "312th Rifle Division (arrived ~9 Oct)"},
    {"units": ["s_32rd"], "date": "1941-10-10", "at": "borodino", "note": "Polosukhin's 32nd Rifle Division from the Far East"},
    {"units": ["s_316rd", "s_kremlin"], "date": "1941-10-10", "at": "volokolamsk", "note": "Panfilov's 316th and the Kremlin cadets"},
    {"units": ["s_18tb", "s_19tb", "s_20tb"], "date": "1941-10-12", "at": "mozhaisk", "note": "tank brigades for 5th Army"},
    {"units": ["s_1gmrd"], "date": "1941-10-12", "at": "naro_fominsk", "note": "1st Moscow Motorized Rifle Division (33rd Army)"},
    {"units": ["s_17tb"], "date": "1941-10-12", "at": "maloyaroslavets", "note": "17th Tank Brigade (43rd Army)"},
    {"units": ["s_50cd", "s_53cd"], "date": "1941-10-14", "at": "volokolamsk", "note": "Dovator's cavalry group"},
    {"units": ["s_8tb", "s_183rd", "s_185rd"], "date": "1941-10-14", "at": "torzhok",
     "note": "NW Front group Vatutin: Rotmistrov's 8th Tank Brigade stops the drive on Torzhok"},
    {"units": ["s_93rd"], "date": "1941-10-16", "at": "podolsk", "note": "93rd Rifle Division from the Far East (mid-Oct; date chosen)"},
    {"units": ["s_82md"], "date": "1941-10-20", "at": "kubinka", "note": "82nd Motorized Rifle Division from Mongolia ('second half of October'; date chosen)"},
    {"units": ["s_238rd"], "date": "1941-10-20", "at": "serpukhov", "note": "238th Rifle Division to 49th Army (date chosen)"},
    {"units": ["s_78rd"], "date": "1941-10-28", "at": "istra", "note": "Beloborodov's 78th Rifle Division from Khabarovsk (27 Oct - 1 Nov)"},
    {"units": ["s_32tb"], "date": "1941-10-30", "at": "tula", "note": "32nd Tank Brigade reaches Tula overnight 30/31 Oct"},
]

# Soviet rifle divisions of 2 October were far below establishment (Western Front: 320,600 men for
# some 30 divisions and the front's rear services, KONEV_BIO): two steps instead of three.
OCT_SOVIET_RIFLES = [u for grp in (O.S22A, O.S29A, O.S30A, O.S19A, O.S16A, O.S20A, O.SBOLDIN, O.S24A, O.S43A, O.S31A,
                                   O.S49A, O.S50A, O.S3A, O.S13A, O.SYERM)
                     for u in grp if O.UNITS[u]["type"] == "rifle" and "steps" not in O.UNITS[u]]
TYPHOON_OVERRIDES = by_step(OCT_SOVIET_RIFLES, 2)

XXXXVIII_SOUTH = {"units": ["g_9pz", "g_16mot", "g_25mot"], "date": "1941-10-20",
                  "note": "XXXXVIII Mot.K turns south toward Fatezh and Kursk and leaves the map"}

TYPHOON_OBJECTIVES = ["vyazma", "bryansk", "orel", "kaluga", "kalinin", "rzhev", "mozhaisk", "maloyaroslavets",
                      "volokolamsk", "naro_fominsk", "tula", "mtsensk", "sukhinichi", "gzhatsk", "yukhnov", "serpukhov",
                      "moscow"]

# --- Mozhaisk line: 13 October 1941 -----------------------------------------------------------------------------

MOZHAISK_GROUPS = [
    ("9th Army, XXIII AK", G, [56.70, 33.30], ["g_102id", "g_206id", "g_251id", "g_253id", "g_256id"]),
    ("9th Army, VI/XXVII AK", G, [56.35, 34.30], ["g_26id", "g_110id", "g_86id", "g_162id", "g_255id", "g_161id"]),
    ("9th Army, V AK", G, [55.90, 35.30], ["g_5id", "g_35id", "g_106id"]),
    ("9th Army, VIII AK (Vyazma pocket)", G, [55.25, 34.00], ["g_8id", "g_28id", "g_87id"]),
    ("3rd Panzer Group, XXXXI Mot.K (Kalinin)", G, [56.65, 35.30], ["g_1pz", "g_36mot", "g_lehr900"]),
    ("3rd Panzer Group, LVI Mot.K", G, [55.45, 34.60], ["g_6pz", "g_7pz", "g_14mot", "g_6id", "g_129id"]),
    ("4th Panzer Group, XXXX Mot.K", G, [55.50, 35.55], ["g_10pz", "g_ssr"]),
    ("4th Panzer Group, XXXXVI Mot.K", G, [55.85, 35.45], ["g_5pz", "g_11pz", "g_2pz", "g_252id"]),
    ("4th Panzer Group, LVII Mot.K", G, [55.05, 35.75], ["g_19pz", "g_20pz", "g_3mot", "g_258id"]),
    ("4th Army", G, [55.10, 35.20], ["g_7id", "g_23id", "g_197id", "g_267id", "g_15id", "g_78id", "g_268id",
                                     "g_137id", "g_183id", "g_263id", "g_292id", "g_34id", "g_98id"]),
    ("4th Army, XIII AK (Kaluga)", G, [54.55, 36.10], ["g_17id", "g_260id"]),
    ("2nd Army (Bryansk pockets)", G, [53.35, 34.50], ["g_31id", "g_131id", "g_56id", "g_167id", "g_112id", "g_52id"]),
    ("2nd Panzer Army, XXIV Mot.K", G, [53.20, 36.40], ["g_3pz", "g_4pz", "g_10mot", "g_gd"]),
    ("2nd Panzer Army, XXXXVII Mot.K", G, [53.40, 34.90], ["g_17pz", "g_18pz", "g_29mot"]),
    ("2nd Panzer Army, XXXIV/XXXV AK", G, [52.80, 35.60], ["g_45id", "g_134id", "g_95id", "g_262id", "g_293id", "g_296id", "g_1cav"]),
    ("2nd Panzer Army, XXXXVIII Mot.K", G, [52.25, 35.80], ["g_9pz", "g_16mot", "g_25mot"]),
    ("Rear security", G, [54.80, 33.00], O.GREAR),
    ("22nd Army", S, [56.95, 33.80], ["s_133rd", "s_174rd", "s_178rd", "s_179rd", "s_186rd"]),
    ("29th Army", S, [56.80, 34.80], ["s_243rd", "s_246rd", "s_252rd"]),
    ("Kalinin garrison", S, [56.86, 35.90], ["s_5rd", "s_256rd"]),
    ("30th/31st Armies", S, [56.55, 36.05], ["s_119rd", "s_247rd", "s_162rd", "s_242rd", "s_251rd", "s_107md"]),
    ("16th Army", S, [56.03, 36.00], ["s_316rd", "s_kremlin", "s_18rd"]),
    ("5th Army", S, [55.50, 35.95], ["s_32rd", "s_18tb", "s_19tb", "s_20tb", "s_mozh_ur", "s_50rd"]),
    ("33rd Army", S, [55.39, 36.50], ["s_1gmrd", "s_110rd", "s_113rd", "s_222rd"]),
    ("43rd Army", S, [55.03, 36.40], ["s_312rd", "s_53rd", "s_17rd", "s_podolsk", "s_17tb"]),
    ("49th Army", S, [54.80, 36.70], ["s_194rd", "s_60rd", "s_173rd"]),
    ("26th Army / 1st Guards Rifle Corps", S, [53.50, 36.75], ["s_5grd", "s_6grd", "s_4tb", "s_11tb", "s_201ab"]),
    ("Tula garrison", S, [54.20, 37.62], ["s_tula"]),
    ("Moscow garrison", S, [55.75, 37.62], ["s_mdz"]),
]
MOZHAISK_OVERRIDES = {
    **by_step(["s_18rd", "s_50rd", "s_110rd", "s_113rd", "s_222rd", "s_53rd", "s_17rd", "s_162rd", "s_242rd",
               "s_251rd", "s_119rd", "s_247rd", "s_5rd", "s_256rd"], 2),
    **by_step(["s_217rd", "s_258rd", "s_290rd", "s_299rd", "s_260rd"], 1),
    # mid-October: the panzer and motorized divisions are down to about half their tanks and vehicles
    **by_step([u for u in O.UNITS if u.startswith("g_") and O.UNITS[u]["type"] in ("panzer", "motorized")
               and "steps" not in O.UNITS[u]], 2),
}
MOZHAISK_ARRIVALS = [r for r in OCT_ARRIVALS if r["date"] >= "1941-10-14"] + [
    {"units": ["s_217rd", "s_258rd", "s_290rd", "s_299rd"], "date": "1941-10-22", "at": "tula",
     "note": "50th Army survivors break out of the Bryansk pocket and reach Tula (designer: the pocket is not played)"},
    {"units": ["s_260rd"], "date": "1941-10-30", "at": "tula", "note": "260th Rifle Division HQ (reconstituted)"},
]
MOZHAISK_OBJECTIVES = ["kalinin", "rzhev", "volokolamsk", "mozhaisk", "maloyaroslavets", "naro_fominsk", "borovsk",
                       "ruza", "zvenigorod", "serpukhov", "tula", "aleksin", "tarusa", "podolsk", "klin", "istra",
                       "torzhok", "moscow"]

# --- December counteroffensive: 5 December 1941 ------------------------------------------------------------------

DEC_GROUPS = [
    ("9th Army, XXIII AK", G, [56.75, 33.50], ["g_102id", "g_206id", "g_253id", "g_256id"]),
    ("9th Army at Kalinin", G, [56.80, 35.75], ["g_86id", "g_110id", "g_129id", "g_161id", "g_162id", "g_251id"]),
    ("9th Army, VI/XXVII AK", G, [56.55, 34.90], ["g_26id", "g_6id", "g_255id"]),
    ("3rd Panzer Group (Klin bulge)", G, [56.30, 36.95], ["g_1pz", "g_6pz", "g_7pz", "g_14mot", "g_36mot", "g_23id", "g_lehr900"]),
    ("4th Panzer Group, V AK", G, [56.00, 37.25], ["g_2pz", "g_35id", "g_106id"]),
    ("4th Panzer Group, XXXXVI/XXXX Mot.K", G, [55.92, 36.95], ["g_5pz", "g_11pz", "g_10pz", "g_ssr"]),
    ("4th Panzer Group, IX AK", G, [55.75, 36.60], ["g_78id", "g_87id", "g_252id"]),
    ("4th Army, VII AK", G, [55.62, 36.45], ["g_7id", "g_197id", "g_267id"]),
    ("4th Army, XX AK", G, [55.38, 36.55], ["g_15id", "g_183id", "g_258id", "g_292id"]),
    ("4th Army, LVII Mot.K", G, [55.20, 36.45], ["g_19pz", "g_20pz", "g_3mot"]),
    ("4th Army, XII AK", G, [55.05, 36.65], ["g_34id", "g_98id", "g_263id", "g_268id"]),
    ("4th Army, XIII AK", G, [54.75, 36.95], ["g_17id", "g_52id", "g_137id", "g_260id"]),
    ("2nd Panzer Army, XXXXIII AK", G, [54.40, 37.00], ["g_31id", "g_131id"]),
    ("2nd Panzer Army, XXIV Mot.K", G, [54.32, 37.45], ["g_3pz", "g_4pz", "g_gd", "g_296id"]),
    ("2nd Panzer Army, 17th Pz (Kashira)", G, [54.45, 38.20], ["g_17pz"]),
    ("2nd Panzer Army, XXXXVII Mot.K", G, [54.15, 38.50], ["g_18pz", "g_10mot", "g_29mot"]),
    ("2nd Panzer Army, LIII AK", G, [53.90, 38.25], ["g_112id", "g_167id", "g_56id"]),
    ("2nd Army", G, [52.90, 37.90], ["g_45id", "g_134id", "g_95id", "g_262id", "g_293id"]),
    ("Rear security", G, [55.10, 34.20], O.GREAR),
    ("22nd Army", S, [56.95, 34.00], ["s_133rd", "s_174rd", "s_178rd", "s_179rd", "s_186rd"]),
    ("29th Army", S, [56.95, 35.55], ["s_243rd", "s_252rd", "s_246rd", "s_183rd"]),
    ("31st Army", S, [56.80, 36.20], ["s_119rd", "s_256rd", "s_262rd", "s_5rd"]),
    ("30th Army", S, [56.60, 37.10], ["s_365rd", "s_371rd", "s_379rd", "s_348rd", "s_185rd", "s_107md", "s_8tb",
                                      "s_21tb", "s_18cd", "s_24cd", "s_46cd", "s_82cd"]),
    ("1st Shock Army", S, [56.33, 37.60], O.S1SH),
    ("20th Army", S, [56.02, 37.55], O.S20ARMY),
    ("16th Army", S, [55.93, 37.25], ["s_316rd", "s_78rd", "s_7grd", "s_18rd", "s_354rd", "s_4tb", "s_146tb",
                                      "s_27tb", "s_28tb", "s_50cd", "s_53cd", "s_58td"]),
    ("5th Army", S, [55.65, 36.90], ["s_32rd", "s_50rd", "s_82md", "s_108rd", "s_144rd", "s_20tb", "s_22tb"]),
    ("33rd Army", S, [55.42, 36.90], ["s_1gmrd", "s_110rd", "s_113rd", "s_222rd", "s_338rd"]),
    ("43rd Army", S, [55.10, 37.00], ["s_17rd", "s_53rd", "s_93rd"]),
    ("49th Army", S, [54.85, 37.35], ["s_5grd", "s_60rd", "s_194rd", "s_238rd", "s_415rd", "s_340rd", "s_19cadet"]),
    ("50th Army (Tula)", S, [54.20, 37.62], ["s_tula", "s_154rd", "s_217rd", "s_258rd", "s_290rd", "s_413rd",
                                             "s_108td", "s_32tb", "s_260rd", "s_11tb", "s_31cd"]),
    ("1st Guards Cavalry Corps (Belov)", S, [54.78, 38.20], ["s_1gcd", "s_2gcd", "s_9tb", "s_112td", "s_173rd", "s_239rd"]),
    ("10th Army", S, [54.45, 39.30], O.S10A),
    ("Moscow garrison", S, [55.75, 37.62], ["s_mdz"]),
    ("SW Front right wing (3rd, 13th Armies, group Kostenko)", S, [52.95, 38.90], O.SSW + ["s_6grd"]),
]
_DEC_TIRED = ["g_1pz", "g_6pz", "g_7pz", "g_2pz", "g_5pz", "g_11pz", "g_10pz", "g_19pz", "g_20pz", "g_3pz", "g_4pz",
              "g_17pz", "g_18pz", "g_14mot", "g_36mot", "g_3mot", "g_10mot", "g_29mot", "g_ssr", "g_23id", "g_35id",
              "g_106id", "g_78id", "g_87id", "g_252id", "g_296id", "g_167id", "g_112id", "g_258id", "g_292id"]
DEC_OVERRIDES = {
    # Halder: the army's fighting strength down by a quarter or more; infantry companies at a third.
    **by_step([u for u in O.UNITS if u.startswith("g_") and "steps" not in O.UNITS[u]], 2),
    **by_step(_DEC_TIRED, 2),
    **{u: {"steps": 2, "quality": -1} for u in ("g_6pz", "g_7pz", "g_1pz", "g_4pz", "g_3pz", "g_17pz")},
    **by_step(["s_18rd", "s_50rd", "s_110rd", "s_113rd", "s_222rd", "s_53rd", "s_17rd", "s_217rd", "s_258rd",
               "s_290rd", "s_260rd", "s_107md", "s_58td", "s_185rd"], 2),
    "s_316rd": {"name": "8th Guards Rifle Division (ex-316th)", "commander": "Maj.Gen. V. A. Revyakin (Panfilov KIA 18 Nov)"},
    "s_78rd": {"name": "9th Guards Rifle Division (ex-78th)"},
    "s_4tb": {"name": "1st Guards Tank Brigade (ex-4th)"},
    "s_50cd": {"name": "3rd Guards Cavalry Division (ex-50th)"},
    "s_53cd": {"name": "4th Guards Cavalry Division (ex-53rd)"},
}
DEC_ARRIVALS = [
    {"units": ["s_355rd", "s_357rd", "s_361rd", "s_373rd"], "date": "1941-12-22", "at": "torzhok",
     "note": "39th Army (Maslennikov) from the Stavka reserve for the Kalinin Front's drive on Rzhev"},
    {"units": ["s_342rd", "s_346rd", "s_356rd"], "date": "1941-12-14", "at": "ryazhsk",
     "note": "61st Army (Popov) from the Stavka reserve to the re-formed Bryansk Front (Ryazhsk)"},
    {"units": ["g_216id"], "date": "1942-01-02", "at": "sukhinichi", "note": "216th Infantry Division from France (low confidence)"},
]
DEC_OBJECTIVES = ["kalinin", "klin", "solnechnogorsk", "istra", "volokolamsk", "krasnaya_polyana", "yakhroma",
                  "rogachevo", "naro_fominsk", "maloyaroslavets", "borovsk", "kaluga", "aleksin", "tarusa", "venev",
                  "stalinogorsk", "mikhailov", "yefremov", "yelets", "kozelsk", "belyov", "mozhaisk", "rzhev",
                  "staritsa", "sukhinichi", "medyn", "meshchovsk", "tula", "moscow"]

# --- campaign: 2 October 1941 - 7 January 1942 -------------------------------------------------------------------

CAMPAIGN_ARRIVALS = OCT_ARRIVALS + [
    {"units": O.SMOSCOW, "date": "1941-10-20", "at": "moscow",
     "note": "state of siege: the Moscow workers' (Communist) divisions join the Moscow Defence Zone"},
    {"units": ["s_415rd"], "date": "1941-11-08", "at": "serpukhov", "note": "415th Rifle Division from the Far East (date chosen)"},
    {"units": ["s_27tb", "s_28tb", "s_146tb"], "date": "1941-11-12", "at": "istra", "note": "tank brigades for 16th Army"},
    {"units": ["s_22tb"], "date": "1941-11-12", "at": "kubinka", "note": "22nd Tank Brigade for 5th Army"},
    {"units": ["s_58td"], "date": "1941-11-14", "at": "solnechnogorsk", "note": "58th Tank Division from the Far East"},
    {"units": ["s_413rd"], "date": "1941-11-14", "at": "bolokhovo", "note": "413th Rifle Division from the Far East (before 18 Nov)"},
    {"units": ["s_21tb", "s_46cd"], "date": "1941-11-14", "at": "klin", "note": "21st Tank Brigade and 46th Cavalry Division for 30th Army"},
    {"units": ["s_31cd"], "date": "1941-11-14", "at": "tula", "note": "31st Cavalry Division for 50th Army"},
    {"units": ["s_239rd"], "date": "1941-11-16", "at": "stalinogorsk", "note": "239th Rifle Division from the Far East (~17-18 Nov)"},
    {"units": ["s_112td"], "date": "1941-11-20", "at": "kashira", "note": "112th Tank Division from Transbaikal"},
    {"units": ["s_1gcd", "s_2gcd", "s_9tb"], "date": "1941-11-24", "at": "kashira",
     "note": "Belov's 2nd Cavalry Corps from the Southwestern Front (1st Guards Cav Corps from 26 Nov)"},
    {"units": ["s_7grd"], "date": "1941-11-26", "at": "kryukovo", "note": "7th Guards Rifle Division to 16th Army"},
    {"units": O.S1SH, "date": "1941-11-28", "at": "dmitrov", "note": "1st Shock Army (V. I. Kuznetsov) from the Stavka reserve"},
    {"units": O.S20ARMY, "date": "1941-11-30", "at": "khimki", "note": "20th Army (Vlasov) with the Lizyukov group"},
    {"units": ["s_365rd", "s_371rd", "s_379rd", "s_348rd", "s_18cd", "s_24cd", "s_82cd"], "date": "1941-12-02",
     "at": "dmitrov", "note": "30th Army's new Urals and Siberian divisions and cavalry"},
    {"units": O.S10A, "date": "1941-12-02", "at": "ryazan", "note": "10th Army (Golikov): seven new reserve rifle divisions"},
    {"units": ["s_354rd", "s_338rd"], "date": "1941-12-02", "at": "moscow", "note": "new divisions for 16th and 33rd Armies"},
    {"units": ["s_340rd", "s_19cadet"], "date": "1941-12-02", "at": "serpukhov", "note": "for 49th Army"},
    {"units": ["s_154rd"], "date": "1941-12-02", "at": "kashira", "note": "154th Rifle Division for 50th Army"},
    {"units": ["s_262rd"], "date": "1941-12-02", "at": "torzhok", "note": "262nd Rifle Division from the NW Front"},
    {"units": O.SSW, "date": "1941-12-04", "at": "yefremov", "note": "Southwestern Front right wing (3rd, 13th Armies, group Kostenko) enters the map"},
] + DEC_ARRIVALS
CAMPAIGN_WITHDRAWALS = [
    XXXXVIII_SOUTH,
    {"units": ["g_1cav"], "date": "1941-11-04", "note": "1st Cavalry Division withdrawn to convert into 24th Panzer Division"},
    {"units": ["g_5id", "g_8id", "g_28id"], "date": "1941-11-04",
     "note": "5th, 8th and 28th Infantry Divisions sent to France to re-form as light divisions (KNOWLEDGE, medium)"},
]
CAMPAIGN_OBJECTIVES = sorted(set(TYPHOON_OBJECTIVES + MOZHAISK_OBJECTIVES + DEC_OBJECTIVES), key=lambda p: p)


# the railway junctions and highway towns the Germans ran their truck columns from in October: supply sources
# once taken (a calibration choice: without them the spearheads starve in the mud far sooner than they did);
# shared by the scenarios that play October (december keeps the common sources)
GERMAN_FORWARD_SOURCES = ["smolensk", "roslavl", "orel", "vyazma", "bryansk", "rzhev", "sychevka", "gzhatsk", "yukhnov",
                          "medyn", "zubtsov", "staritsa", "karachev"]


SCENARIOS = {
    "typhoon": {
        "start": "1941-10-02", "turns": 15, "groups": TYPHOON_GROUPS, "reinforcements": OCT_ARRIVALS,
        "withdrawals": [XXXXVIII_SOUTH], "control": [{"side": G, "outline": poly(LINE_2OCT)}],
        "overrides": TYPHOON_OVERRIDES,
        "objectives": TYPHOON_OBJECTIVES,
        "german_sources": GERMAN_FORWARD_SOURCES,
        "historical_text": "Vyazma and Bryansk pockets destroyed, Kalinin, Kaluga, Mozhaisk, Maloyaroslavets and Volokolamsk taken; Tula and Moscow held",
    },
    "mozhaisk": {
        "start": "1941-10-13", "turns": 12, "groups": MOZHAISK_GROUPS, "reinforcements": MOZHAISK_ARRIVALS,
        "withdrawals": [XXXXVIII_SOUTH], "overrides": MOZHAISK_OVERRIDES,
        "control": [{"side": G, "outline": poly(LINE_13OCT)}],
        "objectives": MOZHAISK_OBJECTIVES,
        "german_sources": GERMAN_FORWARD_SOURCES,
        "historical_text": "the Mozhaisk line broken (Mozhaisk, Maloyaroslavets 18 Oct, Volokolamsk 27 Oct) but the front held on the Nara and at Tula",
    },
    "december": {
        "start": "1941-12-05", "turns": 17, "groups": DEC_GROUPS, "reinforcements": DEC_ARRIVALS,
        "overrides": DEC_OVERRIDES,
        "control": [{"side": G, "outline": poly(LINE_5DEC)}, {"side": S, "hexes": TULA_RING}],
        "objectives": DEC_OBJECTIVES,
        "historical_text": "Kalinin, Klin, Kaluga and the Tula bulge retaken; Germans hold Mozhaisk, Rzhev, Medyn and Sukhinichi",
    },
    "campaign": {
        "start": "1941-10-02", "turns": 49, "groups": TYPHOON_GROUPS, "reinforcements": CAMPAIGN_ARRIVALS,
        "withdrawals": CAMPAIGN_WITHDRAWALS, "control": [{"side": G, "outline": poly(LINE_2OCT)}],
        "overrides": TYPHOON_OVERRIDES,
        "objectives": CAMPAIGN_OBJECTIVES,
        "german_sources": GERMAN_FORWARD_SOURCES,
        "historical_text": "Typhoon reached the outskirts of Moscow, then the counteroffensive threw Army Group Centre back 100-250 km",
    },
}


# --- shared by all ---------------------------------------------------------------------------------------------

WEATHER_CALENDAR = [
    {"dates": ["1941-09-30", "1941-10-06"], "weather": "clear", "temperature": "mild", "ground": "dry",
     "note": "clear, cool autumn: good going, full air activity (first snow on the night of 6/7 Oct melts by morning)"},
    {"dates": ["1941-10-07", "1941-10-12"], "weather": "rain", "temperature": "mild", "ground": "dry",
     "note": "snow, sleet and rain alternate; the roads begin to break up (the reference's 'mud beginning': no air, "
             "ground still firm: mud from 13 Oct, deep mud from 19 Oct)"},
    {"dates": ["1941-10-13", "1941-10-18"], "weather": "rain", "temperature": "mild", "ground": "mud",
     "note": "rain-sleet-snow cycles: the roads break up, mud"},
    {"dates": ["1941-10-19", "1941-11-02"], "weather": "rain", "temperature": "mild", "ground": "deep_mud",
     "note": "heavy rain: deep mud, the rasputitsa at its worst; German pace collapses"},
    {"dates": ["1941-11-03", "1941-11-06"], "weather": "frost", "temperature": "cold", "ground": "frozen",
     "note": "first cold wave (3 Nov; -7 C near Moscow on 4 Nov): the mud freezes"},
    {"dates": ["1941-11-07", "1941-11-10"], "weather": "snow", "temperature": "cold", "ground": "frozen",
     "note": "parade day snow (-4 C), brief thaw on 8 Nov: the ground stays mostly frozen"},
    {"dates": ["1941-11-11", "1941-11-13"], "weather": "frost", "temperature": "severe", "ground": "frozen",
     "note": "cold snap: nights -15 to -18 C at Moscow, -22 C near Tula on 13 Nov"},
    {"dates": ["1941-11-14", "1941-11-29"], "weather": "clear", "temperature": "cold", "ground": "frozen",
     "note": "nights about -10 C, light snow cover: frozen going"},
    {"dates": ["1941-11-30", "1941-12-02"], "weather": "thaw", "temperature": "mild", "ground": "frozen",
     "note": "about 0 C, rain and fog at the surface; the ground below stays frozen"},
    {"dates": ["1941-12-03", "1941-12-07"], "weather": "clear", "temperature": "extreme", "ground": "snow",
     "note": "sharp cold: -26 C at Moscow on 6 Dec, -30 C and lower in the country"},
    {"dates": ["1941-12-08", "1941-12-10"], "weather": "snow", "temperature": "cold", "ground": "snow",
     "note": "brief milder spell around 9 Dec"},
    {"dates": ["1941-12-11", "1941-12-16"], "weather": "clear", "temperature": "severe", "ground": "snow",
     "note": "cold returns: -24 C on 14 Dec, -30 C at dawn at Klin"},
    {"dates": ["1941-12-17", "1941-12-28"], "weather": "snow", "temperature": "cold", "ground": "snow",
     "note": "variable frost, deepening snow (no daily data: designer's estimate)"},
    {"dates": ["1941-12-29", "1941-12-31"], "weather": "clear", "temperature": "extreme", "ground": "snow",
     "note": "coldest days of December: -23 to -32 C"},
    {"dates": ["1942-01-01", "1942-01-08"], "weather": "blizzard", "temperature": "severe", "ground": "snow",
     "note": "January 1942, mean -21.3 C: blizzards hamper both sides"},
]

WEATHER_MONTHLY = [
    {"month": 10, "weather": {"clear": 4, "rain": 5, "snow": 1}, "temperature": {"mild": 9, "cold": 1}},
    {"month": 11, "weather": {"clear": 3, "frost": 4, "snow": 3, "rain": 1, "thaw": 1},
     "temperature": {"mild": 2, "cold": 7, "severe": 2}},
    {"month": 12, "weather": {"clear": 3, "frost": 2, "snow": 4, "blizzard": 2, "thaw": 1},
     "temperature": {"cold": 4, "severe": 5, "extreme": 2}},
    {"month": 1, "weather": {"clear": 3, "frost": 2, "snow": 4, "blizzard": 3},
     "temperature": {"cold": 2, "severe": 6, "extreme": 3}},
]


def common(ref: dict) -> dict:
    return {
        "format_version": 1,
        "author": "Moscow '41 team",
        "ruleset": "standard",
        "map": {"include": "../maps/campaign.yaml"},
        "sides": [{"id": G, "name": "Germany (Army Group Centre)", "color": "#6b6f5a"},
                  {"id": S, "name": "Soviet Union (Stavka)", "color": "#a33b2e"}],
        "first_side": G,
        "days_per_turn": 2,
        "weather": {"mode": "historical", "initial_ground": "dry", "calendar": WEATHER_CALENDAR, "monthly": WEATHER_MONTHLY},
        "winter": {"winterized_sides": [S]},
        "supply": {"sides": {
            G: {"sources": ["smolensk", "roslavl", "orel"], "map_edges": ["W", "S"], "convert_rail": True},
            S: {"sources": ["moscow", "ryazan", "kolomna", "tula"], "map_edges": ["N", "E"]},
        }},
    }


AIR = {
            G: [{"from_date": "1941-09-30", "points": 6, "note": "Luftflotte 2: II and VIII Fliegerkorps"},
                {"from_date": "1941-11-20", "points": 3, "note": "II Fliegerkorps and Kesselring leave for the Mediterranean"},
                {"from_date": "1941-12-05", "points": 2, "note": "about 600 aircraft against 1,376 Soviet (~7 Dec)"}],
            S: [{"from_date": "1941-09-30", "points": 2, "note": "677 aircraft on the three fronts, many obsolete"},
                {"from_date": "1941-11-01", "points": 3, "note": "Moscow PVO and reserve air groups"},
                {"from_date": "1941-12-05", "points": 5, "note": "about 1,000-1,376 aircraft from airfields round Moscow"}],
}
