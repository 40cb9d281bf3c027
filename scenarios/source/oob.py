# ruff: noqa: E501, N812  (data tables: one entry per line reads best)
"""Orders of battle for Moscow '41: one table of unit definitions and each scenario's setup.

Sources: the ``orders_of_battle`` snapshots and ``reinforcements`` of
shared/history/moscow-1941-reference.yaml (corps and army subordination there
is LOW confidence: it changed weekly). Where the reference is silent or
contradicts itself, the choice made is written in the unit's notes or below.
``build_historical.py`` turns this into scenarios/oob/*.yaml.
"""

from __future__ import annotations

UNITS: dict[str, dict] = {}


def _add(uid: str, side: str, utype: str, name: str, commander: str = "", notes: str = "", **extra) -> None:
    entry = {"id": uid, "side": side, "type": utype, "name": name}
    if commander:
        entry["commander"] = commander
    if notes:
        entry["notes"] = notes
    entry.update(extra)
    UNITS[uid] = entry


def g_inf(nums: list[int], corps: str, army: str) -> list[str]:
    out = []
    for n in nums:
        uid = f"g_{n}id"
        _add(uid, "german", "infantry", f"{n}. Infanterie-Division", notes=f"{corps}, {army} (Oct 1941; corps subordination low confidence)")
        out.append(uid)
    return out


# --- German: Army Group Centre (Bock) -------------------------------------------------------------
G9A = (g_inf([102, 206, 251, 253, 256], "XXIII AK (Schubert)", "9th Army (Strauss)")
       + g_inf([26, 110], "VI AK (Foerster)", "9th Army")
       + g_inf([5, 35, 106], "V AK (Ruoff)", "9th Army")
       + g_inf([8, 28, 87], "VIII AK (Heitz)", "9th Army")
       + g_inf([86, 162, 255], "XXVII AK (Waeger)", "9th Army")
       + g_inf([161], "VIII AK / 9th Army reserve", "9th Army"))
UNITS["g_161id"]["notes"] = "9th Army; not in the reference's 2 Oct corps lists, but at Kalinin in December (KALININ_SIB) - placed in 9th Army reserve (designer's choice)"

_add("g_1pz", "german", "panzer", "1. Panzer-Division", "Gen.Maj. Walter Krueger", "XXXXI Mot.K (Reinhardt, later Model), 3rd Pz Gr; took Kalinin 14 Oct")
_add("g_6pz", "german", "panzer", "6. Panzer-Division", "Gen.Maj. Franz Landgraf", "LVI Mot.K (Schaal), 3rd Pz Gr; many Czech 35(t) tanks that failed in the cold", quality=-1)
_add("g_7pz", "german", "panzer", "7. Panzer-Division", "Gen.Maj. Hans Freiherr von Funck", "LVI Mot.K, 3rd Pz Gr; closed the Vyazma pocket 7 Oct; Yakhroma canal bridgehead 28 Nov")
_add("g_36mot", "german", "motorized", "36. Infanterie-Division (mot.)", "Gen.Lt. Otto-Ernst Ottenbacher", "XXXXI Mot.K, 3rd Pz Gr")
_add("g_14mot", "german", "motorized", "14. Infanterie-Division (mot.)", "Gen.Lt. Friedrich Fuerst", "3rd Pz Gr reserve, then LVI Mot.K (Klin)")
G3PZ = ["g_1pz", "g_6pz", "g_7pz", "g_36mot", "g_14mot"] + g_inf([6, 129], "3rd Pz Gr (XXXXI / LVI Mot.K)", "3rd Panzer Group (Hoth, Reinhardt from 5 Oct)")
_add("g_lehr900", "german", "motorized", "Lehr-Brigade 900 (mot.)", notes="3rd Pz Gr; took Zubtsov 12 Oct", steps=1, size="brigade")
G3PZ.append("g_lehr900")

G4A = (g_inf([7, 23, 197, 267], "VII AK (Fahrmbacher)", "4th Army (Kluge)")
       + g_inf([15, 78, 268], "XX AK (Materna)", "4th Army")
       + g_inf([137, 183, 263, 292], "IX AK (Geyer)", "4th Army")
       + g_inf([34, 98], "XII AK (Schroth)", "4th Army"))

_add("g_2pz", "german", "panzer", "2. Panzer-Division", "Gen.Lt. Rudolf Veiel", "XXXX Mot.K (Stumme), 4th Pz Gr; fresh from OKH reserve (Balkans); Krasnaya Polyana 30 Nov", quality=1)
_add("g_10pz", "german", "panzer", "10. Panzer-Division", "Gen.Lt. Wolfgang Fischer", "XXXX Mot.K, 4th Pz Gr; closed the Vyazma pocket from the south 7 Oct; Borodino")
_add("g_5pz", "german", "panzer", "5. Panzer-Division", "Gen.Maj. Gustav Fehn", "XXXXVI Mot.K (Vietinghoff), 4th Pz Gr; fresh from OKH reserve", quality=1)
_add("g_11pz", "german", "panzer", "11. Panzer-Division", "Gen.Maj. Hans-Karl von Esebeck", "XXXXVI Mot.K, 4th Pz Gr")
_add("g_20pz", "german", "panzer", "20. Panzer-Division", "Gen.Lt. Horst Stumpff", "LVII Mot.K (Kuntzen), 4th Pz Gr")
_add("g_19pz", "german", "panzer", "19. Panzer-Division", "Gen.Lt. Otto von Knobelsdorff", "LVII Mot.K; 2 Oct location uncertain in the reference - placed with 4th Pz Gr (designer's choice)")
_add("g_3mot", "german", "motorized", "3. Infanterie-Division (mot.)", "Gen.Lt. Curt Jahn", "LVII Mot.K, 4th Pz Gr; Borovsk 14 Oct")
_add("g_ssr", "german", "motorized", "SS-Division 'Das Reich' (mot.)", "SS-Gruf. Paul Hausser", "XXXX Mot.K; Gzhatsk, Borodino, Istra", quality=1)
G4PZ = ["g_2pz", "g_10pz", "g_5pz", "g_11pz", "g_20pz", "g_19pz", "g_3mot", "g_ssr"] + g_inf([258, 252], "XXXX / XXXXVI Mot.K", "4th Panzer Group (Hoepner)")

G2A = (g_inf([17, 260], "XIII AK (Felber)", "2nd Army (Weichs)") + g_inf([31, 131], "XXXXIII AK (Heinrici)", "2nd Army")
       + g_inf([56, 167], "LIII AK (Weisenberger)", "2nd Army") + g_inf([112, 52], "2nd Army reserve", "2nd Army"))
UNITS["g_52id"]["notes"] = "XIII AK in November (reference 15 Nov snapshot); not in the 2 Oct lists - placed in 2nd Army reserve (designer's choice)"

_add("g_3pz", "german", "panzer", "3. Panzer-Division", "Gen.Lt. Walter Model (to 21 Oct), then Hermann Breith", "XXIV Mot.K (Geyr), 2nd Pz Gr")
_add("g_4pz", "german", "panzer", "4. Panzer-Division", "Gen.Maj. Willibald von Langermann; Kampfgruppe Eberbach", "XXIV Mot.K; took Orel 3 Oct; ambushed by Katukov at Mtsensk 6 Oct; Eberbach to Tula 29 Oct")
_add("g_10mot", "german", "motorized", "10. Infanterie-Division (mot.)", "Gen.Lt. Friedrich-Wilhelm von Loeper", "XXIV Mot.K, 2nd Pz Gr")
_add("g_17pz", "german", "panzer", "17. Panzer-Division", "Gen.Lt. Hans-Juergen von Arnim", "XXXXVII Mot.K (Lemelsen); took Bryansk and the Desna bridge 6 Oct; Kashira 25-27 Nov")
_add("g_18pz", "german", "panzer", "18. Panzer-Division", "Gen.Maj. Walther Nehring", "XXXXVII Mot.K; Karachev 5 Oct")
_add("g_29mot", "german", "motorized", "29. Infanterie-Division (mot.)", "Gen.Maj. Walter von Boltenstern", "XXXXVII Mot.K")
_add("g_9pz", "german", "panzer", "9. Panzer-Division", "Gen.Lt. Alfred Ritter von Hubicki", "XXXXVIII Mot.K (Kempf); turned south toward Fatezh/Kursk - leaves the map 20 Oct")
_add("g_16mot", "german", "motorized", "16. Infanterie-Division (mot.)", "Gen.Maj. Sigfrid Henrici", "XXXXVIII Mot.K; leaves the map 20 Oct (Kursk)")
_add("g_25mot", "german", "motorized", "25. Infanterie-Division (mot.)", "Gen.Lt. Heinrich Clossner", "XXXXVIII Mot.K; leaves the map 20 Oct (Kursk)")
_add("g_1cav", "german", "cavalry", "1. Kavallerie-Division", "Gen.Maj. Kurt Feldt", "XXXV AK; withdrawn in November to convert into 24th Panzer Division")
_add("g_gd", "german", "motorized", "Infanterie-Regiment (mot.) 'Grossdeutschland'", notes="attached to XXIV Mot.K (reference: low confidence)", steps=1, size="regiment", quality=1)
G2PZ = (["g_3pz", "g_4pz", "g_10mot", "g_17pz", "g_18pz", "g_29mot", "g_9pz", "g_16mot", "g_25mot", "g_1cav", "g_gd"]
        + g_inf([45, 134], "XXXIV AK (Metz)", "2nd Panzer Group (Guderian)")
        + g_inf([95, 262, 293, 296], "XXXV AK (Kaempfe)", "2nd Panzer Group"))
UNITS["g_296id"]["notes"] = ("XXXV AK in October; the reference also calls it 'fresh' when it attacked Tula on the night "
                             "of 6/7 Dec - kept as one division present throughout (designer's choice)")

GREAR = []
for n in (221, 286, 403):
    _add(f"g_{n}sd", "german", "infantry", f"{n}. Sicherungs-Division", notes="rear-area security division: weak, few heavy weapons",
         steps=2, quality=-1)
    GREAR.append(f"g_{n}sd")
_add("g_sscav", "german", "cavalry", "SS-Kavallerie-Brigade", "SS-Staf. Hermann Fegelein", "rear-area security (reference: low confidence)", steps=1, size="brigade", quality=-1)
GREAR.append("g_sscav")
_add("g_216id", "german", "infantry", "216. Infanterie-Division", notes="from France; arrived at Sukhinichi in early January 1942 (date and place: designer's choice, low confidence)")

# --- Soviet -----------------------------------------------------------------------------------------


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def s_unit(uid: str, utype: str, name: str, army: str, commander: str = "", **extra) -> str:
    if uid not in UNITS:
        _add(uid, "soviet", utype, name, commander, army, winterized=True, **extra)
    return uid


def s_tb(nums: list[int], army: str, **extra) -> list[str]:
    return [s_unit(f"s_{n}tb", "tank_brigade", f"{ordinal(n)} Tank Brigade", army, **extra) for n in nums]


def s_cd(nums: list[int], army: str, **extra) -> list[str]:
    return [s_unit(f"s_{n}cd", "cavalry", f"{ordinal(n)} Cavalry Division", army, **extra) for n in nums]


def s_rb(nums: list[int], army: str, **extra) -> list[str]:
    return [s_unit(f"s_{n}rb", "rifle", f"{ordinal(n)} Rifle Brigade", army, steps=2, size="brigade", **extra) for n in nums]


def s_rds(nums: list[int], army: str, **extra) -> list[str]:
    out = []
    for n in nums:
        out.append(s_unit(f"s_{n}rd", "rifle", f"{ordinal(n)} Rifle Division", army, **extra))
    return out


MILITIA = {"quality": -1, "steps": 2}
# Western Front (Konev; Zhukov from 10 Oct)
S22A = s_rds([133, 174, 178, 179, 186, 256], "22nd Army (Yushkevich, Vostrukhov from mid-Oct), Western then Kalinin Front")
S29A = s_rds([243, 246, 252], "29th Army (Maslennikov); 174th RD is listed under both 22nd and 29th Armies in the reference - kept in 22nd")
S30A = s_rds([162, 242, 250, 251], "30th Army (Khomenko; Lelyushenko from 17 Nov)") + [
    s_unit("s_107md", "motorized", "107th Tank Division (107th Motorized Rifle Div)", "30th Army; ~2,000 men, 13 tanks by 15 Nov (JMEDI)", steps=2)]
S19A = s_rds([50, 89, 91, 166, 244], "19th Army (Lukin); encircled at Vyazma") + s_cd([45], "19th Army")
S16A = s_rds([38, 108, 112, 214], "16th Army (Rokossovsky)") + s_tb([127], "16th Army")
S20A = s_rds([73, 129, 144, 229], "20th Army (Yershakov); encircled at Vyazma")
SBOLDIN = s_rds([152], "Operational group Boldin (Western Front reserve)") + [
    s_unit("s_101md", "motorized", "101st Motorized Rifle Division", "Operational group Boldin", "I. V. Boldin (group)")] + s_tb([126, 128], "Operational group Boldin")
# Reserve Front (Budyonny)
S24A = s_rds([19, 103, 106, 139, 170, 309], "24th Army (Rakutin, KIA Oct), Reserve Front; encircled at Vyazma")
S43A = s_rds([53, 113, 149, 211, 222], "43rd Army (Sobennikov; Golubev from ~30 Oct), Reserve Front") + s_tb([145, 148], "43rd Army")
S31A = s_rds([5, 110, 119, 247, 249], "31st Army (Dalmatov), Reserve Front 2nd echelon on the Rzhev-Vyazma line")
S32A = s_rds([2, 8, 13, 18, 29, 140], "32nd Army (Vishnevsky): Moscow militia (DNO) divisions; encircled at Vyazma", **MILITIA)
S33A = s_rds([17, 60, 173], "33rd Army (Onuprienko; Yefremov from 25 Oct): militia divisions; the reference's list [1, 5, 9, 17, 21, 60, 173] mixes old militia numbers with the Sept. renumbering - kept the three that fought on in Nov-Dec (designer's choice)", quality=-1)
S49A = s_rds([194, 220, 248, 303], "49th Army (Zakharkin), Reserve Front 2nd echelon")
# Bryansk Front (Yeremenko)
S50A = s_rds([217, 258, 260, 278, 279, 290, 299], "50th Army (Petrov, KIA Oct; Yermakov; Boldin from 22 Nov), Bryansk Front") + [
    s_unit("s_108td", "tank_brigade", "108th Tank Division", "50th Army; a tank division in name, a strong brigade in tanks", steps=2, size="division")]
S3A = s_rds([137, 148, 269, 280, 282], "3rd Army (Kreizer), Bryansk Front") + s_cd([4], "3rd Army")
S13A = s_rds([6, 132, 143, 155, 298, 307], "13th Army (Gorodnyansky), Bryansk Front") + s_tb([141], "13th Army")
SYERM = [s_unit("s_2grd", "rifle", "2nd Guards Rifle Division", "Operational group Yermakov", "A. N. Yermakov (group)", quality=1)] + s_rds(
    [160, 283], "Operational group Yermakov") + [
    s_unit("s_121tb", "tank_brigade", "121st Tank Brigade", "Operational group Yermakov; 70 tanks (6 KV-1, 18 T-34, 46 T-26)"),
    s_unit("s_150tb", "tank_brigade", "150th Tank Brigade", "Operational group Yermakov; 12 T-34 + 8 T-50")]
# 1st Guards Rifle Corps (Lelyushenko), Stavka reserve to Mtsensk 3-6 Oct
S1GRC = [s_unit("s_5grd", "rifle", "5th Guards Rifle Division", "1st Guards Rifle Corps (Lelyushenko); 49th Army from late Oct", quality=1),
         s_unit("s_6grd", "rifle", "6th Guards Rifle Division", "1st Guards Rifle Corps; 26th Army (Sokolov) ~9 Oct", quality=1),
         s_unit("s_4tb", "tank_brigade", "4th Tank Brigade (1st Guards Tank Bde from 11 Nov)", "1st Guards Rifle Corps; ambushed 4th Pz Div at Mtsensk", "Col. M. Ye. Katukov", quality=1),
         s_unit("s_11tb", "tank_brigade", "11th Tank Brigade", "1st Guards Rifle Corps; later 50th Army at Tula"),
         s_unit("s_201ab", "rifle", "201st Airborne Brigade", "1st Guards Rifle Corps (flown to Orel/Mtsensk)", steps=1, size="brigade", quality=1)]

# Mozhaisk line and October arrivals
SMOZ = [
    s_unit("s_32rd", "rifle", "32nd Rifle Division", "5th Army; from the Far East; Borodino 13-18 Oct", "Col. V. I. Polosukhin", quality=1),
    s_unit("s_316rd", "rifle", "316th Rifle Division (8th Guards from 17 Nov)", "16th Army; formed at Alma-Ata; held 41 km at Volokolamsk; Dubosekovo 16 Nov", "Maj.Gen. I. V. Panfilov (KIA 18 Nov)", quality=1),
    s_unit("s_312rd", "rifle", "312th Rifle Division", "43rd Army; arrived at Maloyaroslavets ~9 Oct"),
    s_unit("s_82md", "motorized", "82nd Motorized Rifle Division", "5th Army; from Mongolia (Transbaikal MD)"),
    s_unit("s_93rd", "rifle", "93rd Rifle Division", "43rd Army; from the Far East"),
    s_unit("s_78rd", "rifle", "78th Rifle Division (9th Guards from 26 Nov)", "16th Army; from Khabarovsk", "Col. A. P. Beloborodov", quality=1),
    s_unit("s_1gmrd", "motorized", "1st Moscow Motorized Rifle Division (1st Guards MRD)", "33rd Army, Naro-Fominsk", "Col. A. I. Lizyukov", quality=1),
    s_unit("s_238rd", "rifle", "238th Rifle Division", "49th Army; from Central Asia (designer: arrival date estimated)"),
    s_unit("s_podolsk", "rifle", "Podolsk infantry & artillery schools (cadets)", "43rd Army; the 'Ilyinsky line' on the Warsaw highway", steps=1, size="regiment", quality=1),
    s_unit("s_kremlin", "rifle", "Moscow (Kremlin) infantry school cadet regiment", "16th Army, Volokolamsk", steps=1, size="regiment", quality=1),
    s_unit("s_mozh_ur", "fortified_region", "Mozhaisk fortified sector (artillery and AT regiments)", "5th Army; 'more than 40 artillery regiments' on the line (CODENAMES)"),
    s_unit("s_mdz", "fortified_region", "Moscow Defence Zone garrison: NKVD troops, workers' battalions, 1st PVO Corps guns",
           "Moscow Defence Zone (Lt.Gen. P. A. Artemyev); stays in the city", "Lt.Gen. P. A. Artemyev", steps=3),
    s_unit("s_tula", "fortified_region", "Tula defence: Workers' Regt, 156th NKVD Regt, 732nd AA Regt", "50th Army; held Tula against Eberbach 29-30 Oct", steps=3),
    s_unit("s_8tb", "tank_brigade", "8th Tank Brigade", "NW Front group Vatutin, then 30th Army", "Col. P. A. Rotmistrov", quality=1),
    s_unit("s_183rd", "rifle", "183rd Rifle Division", "NW Front group Vatutin (Mednoye), then Kalinin Front"),
    s_unit("s_185rd", "rifle", "185th Rifle Division", "NW Front group Vatutin, then 30th Army"),
] + s_tb([18, 19, 20], "5th Army, Mozhaisk") + s_tb([17], "43rd Army, Maloyaroslavets") + s_tb([32], "50th Army; reached Tula night 30/31 Oct") + s_cd(
    [50, 53], "3rd Cavalry Corps (Dovator): 2nd Guards Cav Corps from 26 Nov", commander="Maj.Gen. L. M. Dovator")

# The Moscow workers' divisions raised under the state of siege (designer's addition from general
# knowledge - not in the reference; campaign only, where the inner defence of Moscow decides games).
SMOSCOW = [s_unit(f"s_mos{n}", "rifle", f"{ordinal(n)} Moscow Communist Rifle Division",
                  "Moscow Defence Zone; raised from Moscow volunteers 13-20 Oct 1941 (KNOWLEDGE, medium)", **MILITIA)
           for n in (2, 3, 4, 5)]

# November arrivals
SNOV = [
    s_unit("s_413rd", "rifle", "413th Rifle Division", "50th Army; from the Far East; Bolokhovo 18 Nov, Shat river 24 Nov", quality=1),
    s_unit("s_239rd", "rifle", "239th Rifle Division", "50th Army; from the Far East; Stalinogorsk 18-21 Nov", quality=1),
    s_unit("s_58td", "tank_brigade", "58th Tank Division", "16th Army; from the Far East; heavy losses in its first action", steps=2, size="division"),
    s_unit("s_112td", "tank_brigade", "112th Tank Division", "from Transbaikal; with Belov at Kashira 27 Nov", steps=2, size="division"),
    s_unit("s_1gcd", "cavalry", "1st Guards Cavalry Division (ex-5th)", "2nd Cav Corps (Belov) = 1st Guards Cav Corps 26 Nov", "Maj.Gen. P. A. Belov (corps)", quality=1),
    s_unit("s_2gcd", "cavalry", "2nd Guards Cavalry Division (ex-9th)", "1st Guards Cav Corps", "Col. V. K. Baranov / Oslikovsky (reference)", quality=1),
    s_unit("s_9tb", "tank_brigade", "9th Tank Brigade", "with Belov at Kashira"),
    s_unit("s_7grd", "rifle", "7th Guards Rifle Division", "from 49th Army (Serpukhov) to 16th Army at Kryukovo 26 Nov", quality=1),
    s_unit("s_415rd", "rifle", "415th Rifle Division", "49th Army; Far East"),
    s_unit("s_21tb", "tank_brigade", "21st Tank Brigade", "30th Army; 5 KV/T-34 + 15 light (JMEDI)"),
] + s_tb([27, 28, 146], "16th Army") + s_tb([22], "5th Army") + s_cd([46], "30th Army") + s_cd([31], "50th Army")
# December: the reserve armies
S1SH = s_rb([29, 44, 47, 50, 55, 56, 71], "1st Shock Army (V. I. Kuznetsov); brigade numbers low confidence") + [
    s_unit("s_1sh_ski", "ski_brigade", "1st Shock Army ski battalions", "1st Shock Army")]
S20ARMY = s_rds([331, 352], "20th Army (Vlasov; Sandalov acting)") + s_rb([28, 35], "20th Army") + [
    s_unit("s_64rb", "rifle", "64th Naval Rifle Brigade (Pacific Fleet sailors)", "Lizyukov group / 20th Army", steps=2, size="brigade", quality=1),
    s_unit("s_24tb", "tank_brigade", "24th Tank Brigade", "20th Army")]
S10A = s_rds([322, 323, 324, 325, 326, 328, 330], "10th Army (Golikov): new reserve divisions, short of vehicles") + s_cd([57, 75], "10th Army (low confidence)")
S30NEW = s_rds([365, 371, 379], "30th Army shock group; new Urals/Siberian divisions", quality=1) + s_rds([348], "30th Army") + s_cd([18, 24, 82], "30th Army")
SDECMISC = s_rds([354], "16th Army") + s_rds([338], "33rd Army") + s_rds([340], "49th Army, then 50th Army") + s_rds([154], "50th Army") + s_rds(
    [262], "31st Army, from NW Front") + [s_unit("s_19cadet", "rifle", "19th Cadet Rifle Brigade", "49th Army; entered Tarusa 19 Dec", steps=2, size="brigade")]
S39A = s_rds([355, 357, 361, 373], "39th Army (Maslennikov), Stavka reserve to Kalinin Front ~22 Dec; division numbers: designer's reconstruction (low confidence)")
SSW = (s_cd([3, 14, 32], "Operational group Kostenko (5th Cavalry Corps), SW Front right wing")
       + [s_unit("s_129tb", "tank_brigade", "129th Tank Brigade", "Operational group Kostenko (low confidence)")]
       + s_rds([273, 287], "3rd / 13th Armies, SW Front right wing (division list: designer's choice, low confidence)"))
S61A = s_rds([342, 346, 356], "61st Army (Popov), Stavka reserve to Bryansk Front mid-Dec (division numbers low confidence)")
