#!/usr/bin/env python3
"""Build and validate the WikiWars development event gold (see README.md).

    python3 build.py           # rebuild the *.events.jsonl files from SPEC below, then validate
    python3 build.py --check   # validate the existing *.events.jsonl files only

Standard library only. Every offset is found by searching the document's bytes:
each annotation names a context string that must occur exactly once in the
document and a trigger string inside it; nothing is counted by hand.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.environ.get("WIKIWARS_DOCS", "/work/shared/eval/wikiwars/docs")

# ---------------------------------------------------------------------------
# CAMEO -> Goldstein. GUIDE is the table of EVENT-GUIDELINES.md section 3 (the codes
# it lists with their values); GDELT is GDELT's CAMEO.goldsteinscale.txt for the
# further real CAMEO codes used here. The two must agree wherever both list a code.
GUIDE = {
    "01": 0.0, "02": 3.0, "022": 3.2, "0211": 3.4, "025": -0.3,
    "03": 4.0, "030": 4.0, "0311": 5.2, "0312": 5.2, "032": 4.5, "035": 7.0, "036": 4.0, "037": 5.0,
    "04": 1.0, "040": 1.0, "042": 1.9, "046": 7.0,
    "05": 3.5, "051": 3.4, "054": 6.0, "057": 8.0,
    "06": 6.0, "061": 6.4, "064": 7.0,
    "07": 7.0, "071": 7.4,
    "08": 5.0, "0874": 10.0,
    "09": -2.0, "091": -2.0,
    "10": -5.0, "1042": -5.0,
    "11": -2.0, "111": -2.0, "114": -2.0, "1125": -2.0,
    "12": -4.0, "124": -4.0, "125": -5.0, "127": -5.0, "1211": -4.0,
    "13": -6.0, "130": -4.4, "1313": -5.8,
    "14": -6.5,
    "15": -7.2, "150": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "1621": -5.6, "163": -8.0, "164": -7.0,
    "17": -7.0, "172": -5.0, "173": -5.0,
    "18": -9.0, "1822": -9.0,
    "19": -10.0, "190": -10.0, "192": -9.5,
    "20": -10.0, "2042": -10.0,
}
GDELT = {  # GDELT CAMEO.goldsteinscale.txt, codes used here beyond GUIDE
    "0232": 3.4, "0841": 7.0, "0871": 9.0, "0873": 9.0, "072": 8.3, "074": 8.5,
    "041": 1.0, "1123": -2.0, "1212": -4.0, "137": -7.0, "138": -7.0, "145": -6.5,
    "171": -9.2, "1711": -9.2, "1712": -9.2, "186": -10.0, "191": -9.5, "194": -10.0,
    "195": -10.0, "202": -10.0,
}
GS = dict(GDELT)
GS.update(GUIDE)

# PLOVER type -> CAMEO code prefixes allowed for it (as in the seed gold and
# CAMEO2PLOVER-2021); 1712 "destroy property" is ASSAULT/destroy in CAMEO2PLOVER.
TYPE_CODES = {
    "AGREE": ("03",), "CONSULT": ("04",), "SUPPORT": ("05",), "COOPERATE": ("06",),
    "AID": ("07",), "CONCEDE": ("035", "08", "080", "081", "082", "083"),
    "RETREAT": ("08", "084", "085", "086", "087"), "ACCUSE": ("09", "11"),
    "REQUEST": ("02", "10"), "REJECT": ("12",), "THREATEN": ("13",), "PROTEST": ("14",),
    "MOBILIZE": ("15",), "SANCTION": ("16",), "COERCE": ("17", "191", "192"),
    "ASSAULT": ("18", "19", "20", "1712"),
}
EXCLUDE = {"COERCE": ("1712",), "ASSAULT": ("191", "192")}
# Modes: those of the guidelines' table plus the PLOVER-manual modes added here
# (README.md, "Decisions"). Types absent here take no mode.
MODES = {
    "CONSULT": {"visit", "multilateral", "phone"},
    "RETREAT": {"withdraw", "disarm", "release", "ceasefire"},
    "REQUEST": {"yield", "assist", "change", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"meet", "yield", "assist"},
    "THREATEN": {"relations", "violence"},
    "PROTEST": {"riot"},
    "SANCTION": {"discontinue", "withdraw"},
    "MOBILIZE": {"troops", "weapons"},
    "COERCE": {"seize", "arrest", "restrict", "confiscate"},
    "ASSAULT": {"unconventional", "torture", "targeted", "heavy-weapons", "destroy", "massacre"},
}
FIELDS = ["id", "sentence_start", "sentence_end", "trigger", "type", "mode", "cameo", "goldstein",
          "source", "target", "date", "location", "negated", "hypothetical", "same_as", "summary"]
TIMEX = re.compile(r"^(BC)?\d{2,4}(-(\d{2}|SP|SU|FA|WI|H[12]|Q[1-4])(-\d{2})?)?$")
MODS = {"BEFORE", "AFTER", "START", "MID", "END", "APPROX", "ON_OR_BEFORE", "ON_OR_AFTER"}

# ---------------------------------------------------------------------------
# Sentences (EVENT-GUIDELINES.md, "Sentences"): each non-empty line is a block;
# prose splits after . ? ! (plus closing quotes/brackets) when the next non-space
# character is a capital, a digit, a quote or "(". No split after a single capital
# initial, after "i.e.", after an initialism such as "U.S."/"R.E.", nor after the
# title and unit abbreviations below (a decision of this gold; README.md).
ABBR = {"Maj", "Gen", "Lt", "Col", "Capt", "Brig", "Mr", "Mrs", "Dr", "St", "No", "Sgt", "Adm",
        "Jr", "Sr", "vs", "Gov", "Sen", "Rep", "Pres", "Mt", "Ft"}


def sentences(data):
    out, pos = [], 0
    for raw in data.split(b"\n"):
        base = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        s = raw.decode("utf-8")
        cb = [0]
        for ch in s:
            cb.append(cb[-1] + len(ch.encode("utf-8")))
        n, st = len(s), 0
        while st < n and s[st] == " ":
            st += 1
        i = st
        while i < n:
            if s[i] in ".?!":
                j = i + 1
                while j < n and s[j] in "\"')]":
                    j += 1
                k = j
                while k < n and s[k] == " ":
                    k += 1
                if k < n and k > j and (s[k].isupper() or s[k].isdigit() or s[k] in "\"('"):
                    ok = True
                    if s[i] == ".":
                        m = re.search(r"(\S+)$", s[st:i])
                        w = (m.group(1) if m else "").lstrip("(\"'")
                        if (re.fullmatch(r"[A-Z]", w) or w.endswith("i.e") or w in ABBR
                                or re.fullmatch(r"([A-Z]\.)+[A-Z]", w)):
                            ok = False
                    if ok:
                        out.append((base + cb[st], base + cb[j]))
                        st = i = k
                        continue
            i += 1
        e = n
        while e > st and s[e - 1] == " ":
            e -= 1
        if e > st:
            out.append((base + cb[st], base + cb[e]))
    return out


# ---------------------------------------------------------------------------
# Annotation helpers
def D(value, end=None, mod=None):
    d = {"value": value}
    if end:
        d["end"] = end
    if mod:
        d["mod"] = mod
    return d


def E(ctx, trig, typ, cameo, src, tgt, date, summ, mode=None, loc=None, neg=False, hyp=False,
      same=None, lab=None):
    return dict(ctx=ctx, trig=trig, type=typ, cameo=cameo, source=list(src), target=list(tgt),
                date=date, summary=summ, mode=mode, location=loc, negated=neg, hypothetical=hyp,
                same=same, lab=lab)


# ---------------------------------------------------------------------------
# 03_AmCivWar (whole document)
U = "Union (American Civil War)"
C = "Confederate States of America"
UA = "Union Army"
CA = "Confederate States Army"
UNAVY = "Union Navy"
CNAVY = "Confederate States Navy"
UC = [U, C]
WAR = D("1861", "1865")
ALN = "Abraham Lincoln"
LEE = "Robert E. Lee"
GRANT = "Ulysses S. Grant"
SHERMAN = "William Tecumseh Sherman"
MCC = "George B. McClellan"
BRAGG = "Braxton Bragg"
HOOD = "John Bell Hood"
ROSE = "William Rosecrans"
MEADE = "George Meade"
W1 = D("1861", "1863")      # section "Eastern/Western Theater 1861-1863"
TM = D("1861", "1865")      # section "Trans-Mississippi Theater 1861-1865"
Y64 = D("1864")
BLOCK = D("1861-05")
SIEGE = D("1864", "1865-04")
SURR = D("1865-04", "1865-11")

ACW = [
    E("Over 10,000 military engagements", "engagements", "ASSAULT", "190", UC, [], WAR,
      "Union and Confederacy fight over 10,000 engagements in the war"),
    E("The war begins", "war", "ASSAULT", "190", UC, [], WAR,
      "Heading: the American Civil War begins", lab="war"),
    E("triggered South Carolina's declaration of secession", "declaration", "SANCTION", "16",
      ["South Carolina"], [U], D("1860", mod="AFTER"),
      "South Carolina declares secession from the Union", mode="withdraw"),
    E("six more Southern states made similar declarations", "declarations", "SANCTION", "16",
      ["Southern United States"], [U], D("1861-02", mod="BEFORE"),
      "Six more Southern states declare secession by February 1861", mode="withdraw"),
    E("the seven states adopted a provisional constitution", "adopted", "SUPPORT", "057", [C], [],
      D("1861-02-07"), "Seven seceded states adopt a provisional Confederate constitution"),
    E("Peace Conference of 1861 met in Washington", "met", "CONSULT", "040",
      ["Peace Conference of 1861"], [], D("1861-02"),
      "February 1861 Peace Conference meets in Washington", mode="multilateral",
      loc="Washington, D.C."),
    E("failed attempt at resolving the crisis", "resolving", "SUPPORT", "057",
      ["Peace Conference of 1861"], [], D("1861-02"),
      "Peace Conference fails to resolve the secession crisis", neg=True),
    E("eight slave states rejected pleas", "rejected", "REJECT", "12", ["Upper South"], [C],
      D("1861"), "Remaining eight slave states reject pleas to join the Confederacy",
      mode="assist", lab="rej8"),
    E("rejected pleas to join", "pleas", "REQUEST", "022", [C], ["Upper South"], D("1861"),
      "Confederacy pleads with remaining slave states to join it", mode="assist",
      lab="pleas"),
    E("Confederate forces seized most of the federal forts", "seized", "COERCE", "192", [C], [U],
      D("1861"), "Confederate forces seize most federal forts in their states", mode="seize"),
    E("President Buchanan protested", "protested", "ACCUSE", "114", ["James Buchanan"], [C],
      D("1861"), "President Buchanan protests the seizure of federal forts",
      mode="disapprove"),
    E("made no military response", "military response", "ASSAULT", "190", ["James Buchanan"],
      [C], D("1861"), "Buchanan makes no military response to the seizures", neg=True),
    E("failed attempt to resupply Fort Sumter", "resupply", "MOBILIZE", "154", ["James Buchanan"],
      [], D("1861"), "Buchanan's attempt to resupply Fort Sumter fails", mode="troops",
      loc="Fort Sumter", neg=True),
    E("which was fired upon by South Carolina forces", "fired upon", "ASSAULT", "190",
      ["South Carolina"], ["Star of the West"], D("1861"),
      "South Carolina forces fire on the supply ship Star of the West",
      loc="Charleston, South Carolina"),
    E("and turned back before it reached the fort", "turned back", "RETREAT", "0874",
      ["Star of the West"], ["South Carolina"], D("1861"),
      "Star of the West turns back before reaching Fort Sumter", mode="withdraw",
      loc="Fort Sumter"),
    E("quietly began buying weapons", "buying weapons", "MOBILIZE", "150",
      ["Massachusetts", "New York (state)", "Pennsylvania"], [], D("1861"),
      "Massachusetts, New York and Pennsylvania governors buy weapons",
      mode="weapons"),
    E("buying weapons and training militia units", "training", "MOBILIZE", "154",
      ["Massachusetts", "New York (state)", "Pennsylvania"], [], D("1861"),
      "Northern governors quietly train militia units", mode="troops", lab="militia"),
    E("and called any secession", "called", "ACCUSE", "111", [ALN], [C], D("1861-03-04"),
      "Lincoln's inaugural address calls any secession legally void",
      mode="disapprove"),
    E("no intent to invade Southern states", "invade", "ASSAULT", "190", [ALN],
      ["Southern United States"], D("1861-03-04", mod="AFTER"),
      "Lincoln states he has no intent to invade the Southern states", neg=True),
    E("he would use force to maintain possession", "use force", "THREATEN", "138", [ALN], [C],
      D("1861-03-04"), "Lincoln says he would use force to keep federal property",
      mode="violence"),
    E("closed with a plea for restoration", "plea", "REQUEST", "025", [ALN], [C], D("1861-03-04"),
      "Lincoln's inaugural pleads for restoring the bonds of union", mode="yield"),
    E("The South sent delegations to Washington", "sent delegations", "CONSULT", "042", [C], [U],
      D("1861-03-04", mod="AFTER"), "The South sends delegations to Washington",
      mode="visit", loc="Washington, D.C."),
    E("and offered to pay for the federal properties", "offered", "AGREE", "037", [C], [U],
      D("1861-03-04", mod="AFTER"),
      "South offers to pay for federal property and make a peace treaty", hyp=True),
    E("Lincoln rejected any negotiations", "rejected", "REJECT", "125", [ALN], [C],
      D("1861-03-04", mod="AFTER"), "Lincoln rejects negotiations with Confederate agents",
      mode="meet"),
    E("that making any treaty with it", "making", "SUPPORT", "057", UC, [], None,
      "A treaty with the Confederacy (rejected) is considered", hyp=True),
    E("tantamount to recognition of it", "recognition", "SUPPORT", "054", [U], [C], None,
      "Treaty would amount to recognizing the Confederacy as sovereign", hyp=True),
    E("engaged in unauthorized and indirect negotiations", "negotiations", "CONSULT", "046",
      ["William H. Seward", C], [], D("1861-03-04", mod="AFTER"),
      "Seward holds unauthorized indirect negotiations with the South"),
    E("indirect negotiations that failed.", "failed", "SANCTION", "164",
      ["William H. Seward", C], [], D("1861-03-04", mod="AFTER"),
      "Seward's indirect negotiations with the Confederacy fail", mode="withdraw"),
    E("Lincoln was determined to hold Fort Sumter", "determined to hold", "REJECT", "124", [ALN],
      [C], D("1861-04-12", mod="BEFORE"), "Lincoln is determined to hold Fort Sumter",
      mode="yield", loc="Fort Sumter"),
    E("bombarded the fort with artillery on April 12", "bombarded", "ASSAULT", "194", [C], [U],
      D("1861-04-12"), "Confederate troops under Beauregard bombard Fort Sumter",
      mode="heavy-weapons", loc="Fort Sumter", lab="sumter"),
    E("forcing the fort's capitulation", "capitulation", "RETREAT", "0874", [U], [C],
      D("1861-04"), "Fort Sumter capitulates to the Confederates", mode="disarm",
      loc="Fort Sumter"),
    E("Northerners rallied behind", "rallied", "SUPPORT", "051", ["Northern United States"],
      [ALN], D("1861-04"), "Northerners rally behind Lincoln's call for troops"),
    E("rallied behind Lincoln's call for all the states", "call", "MOBILIZE", "154", [ALN], [C],
      D("1861-04"), "Lincoln calls on the states to send troops against the South",
      mode="troops", lab="call"),
    E("send troops to recapture the forts", "recapture", "COERCE", "192", [U], [C], None,
      "Troops are to recapture the forts seized by the Confederacy", mode="seize",
      hyp=True),
    E("Lincoln called for 75,000 volunteers", "called for", "MOBILIZE", "154", [ALN], [C],
      D("1861-04"), "Lincoln calls for 75,000 volunteers for 90 days", mode="troops",
      same="call"),
    E("discreetly readied their state militias", "readied", "MOBILIZE", "154",
      ["Northern United States"], [], D("1861"),
      "Northern governors had readied their state militias", mode="troops",
      same="militia"),
    E("they began to move forces the next day", "move forces", "MOBILIZE", "154",
      ["Northern United States"], [C], D("1861-04"),
      "Northern governors begin moving forces the day after the call", mode="troops"),
    E("Liberty Arsenal in Liberty, Missouri was seized", "seized", "COERCE", "192", [], [U],
      D("1861-04-20"), "Liberty Arsenal in Missouri is seized", mode="seize",
      loc="Liberty, Missouri"),
    E("eight days after Fort Sumter.", "Fort Sumter", "ASSAULT", "194", [C], [U],
      D("1861-04-12"), "Fort Sumter attack used as a time anchor", mode="heavy-weapons",
      loc="Fort Sumter", same="sumter"),
    E("which had repeatedly rejected Confederate overtures", "rejected", "REJECT", "12",
      ["Tennessee", "Arkansas", "North Carolina", "Virginia"], [C], D("1861"),
      "Four upper South states had rejected Confederate overtures", mode="assist",
      same="rej8"),
    E("repeatedly rejected Confederate overtures", "overtures", "REQUEST", "022", [C],
      ["Tennessee", "Arkansas", "North Carolina", "Virginia"], D("1861"),
      "Confederacy makes overtures to the upper South states", mode="assist",
      same="pleas"),
    E("now refused to send forces against their neighbors", "refused", "REJECT", "1212",
      ["Tennessee", "Arkansas", "North Carolina", "Virginia"], [U], D("1861"),
      "Four upper South states refuse to send forces against the South",
      mode="assist"),
    E("declared their secession, and joined", "declared", "SANCTION", "16",
      ["Tennessee", "Arkansas", "North Carolina", "Virginia"], [U], D("1861"),
      "Tennessee, Arkansas, North Carolina and Virginia declare secession",
      mode="withdraw"),
    E("and joined the Confederacy", "joined", "SUPPORT", "05",
      ["Tennessee", "Arkansas", "North Carolina", "Virginia"], [C], D("1861"),
      "Four upper South states join the Confederacy"),
    E("reduced by Sherman's capture of Atlanta", "capture", "COERCE", "192", [SHERMAN], [C],
      D("1864-09-02"), "Sherman captures Atlanta", mode="seize", loc="Atlanta",
      lab="atlanta"),
    E("when Grant besieged Petersburg", "besieged", "COERCE", "191", [GRANT], [C], SIEGE,
      "Grant besieges Petersburg and its railroads", mode="restrict",
      loc="Petersburg, Virginia", lab="petersburg"),
    E("Anaconda Plan and blockade, 1861", "blockade", "COERCE", "191", [U], [C], BLOCK,
      "Heading: the Union blockade of 1861", mode="restrict", lab="blockade"),
    E("a Union blockade of the main ports", "blockade", "COERCE", "191", [U], [C], BLOCK,
      "Scott's plan: a Union blockade of the main Southern ports", mode="restrict",
      same="blockade"),
    E("then the capture of the Mississippi River", "capture", "COERCE", "192", [U], [C],
      D("1862", "1863"), "Plan to capture the Mississippi River and split the South",
      mode="seize", loc="Mississippi River"),
    E("warnings against an immediate attack on Richmond", "attack", "ASSAULT", "190", [U], [C],
      D("1861"), "An immediate Union attack on Richmond, warned against by Scott",
      loc="Richmond, Virginia", hyp=True),
    E("Lincoln enacted the Union blockade", "enacted", "COERCE", "191", [ALN], [C], BLOCK,
      "Lincoln enacts the Union blockade of all Southern ports", mode="restrict",
      same="blockade"),
    E("When violators' ships and cargoes were seized", "seized", "COERCE", "1711", [UNAVY],
      ["Blockade runners of the American Civil War"], D("1861-05", mod="AFTER"),
      "Union seizes blockade violators' ships and cargoes", mode="confiscate"),
    E("but the British crews were released", "released", "RETREAT", "0841", [UNAVY],
      ["United Kingdom"], D("1861-05", mod="AFTER"),
      "Union releases the British crews of seized blockade runners", mode="release"),
    E("By late 1861, the blockade stopped", "blockade", "COERCE", "191", [U], [C],
      D("1861", mod="END"), "By late 1861 the blockade stops port-to-port traffic",
      mode="restrict", same="blockade"),
    E("The blockade shut down King Cotton", "blockade", "COERCE", "191", [U], [C], BLOCK,
      "Blockade shuts down King Cotton and the Southern economy", mode="restrict",
      same="blockade"),
    E("blockade runners\" that traded arms", "traded", "COOPERATE", "061",
      ["Blockade runners of the American Civil War"], [C], D("1861-05", mod="AFTER"),
      "British-built blockade runners trade arms with the Confederacy for cotton"),
    E("goods triggered by the blockade", "blockade", "COERCE", "191", [U], [C], BLOCK,
      "Blockade causes shortages of food and goods in the South", mode="restrict",
      same="blockade"),
    E("foraging by Northern armies", "foraging", "COERCE", "171", [UA], [C],
      D("1861", mod="AFTER"), "Northern armies forage in the South", mode="confiscate"),
    E("the impressment of crops by Confederate armies", "impressment", "COERCE", "171", [CA],
      [], D("1861", mod="AFTER"), "Confederate armies impress crops in the South",
      mode="confiscate"),
    E("hyperinflation and bread riots in the South", "bread riots", "PROTEST", "145",
      ["Southern United States"], [C], D("1861", mod="AFTER"),
      "Shortages lead to bread riots in the South", mode="riot"),
    E("when the ironclad CSS Virginia attacked the blockade", "attacked", "ASSAULT", "190",
      [CNAVY], [UNAVY], D("1862-03-08"),
      "CSS Virginia attacks the Union blockading squadron"),
    E("but the next day she had to fight the new Union warship", "fight", "ASSAULT", "190",
      [CNAVY, UNAVY], [], D("1862-03-09"),
      "CSS Virginia fights USS Monitor in the Battle of the Ironclads", lab="ironclads"),
    E("The battle ended in a draw", "battle", "ASSAULT", "190", [CNAVY, UNAVY], [],
      D("1862-03-09"), "Battle of the Ironclads ends in a draw", same="ironclads"),
    E("in that the blockade was sustained", "blockade", "COERCE", "191", [U], [C], BLOCK,
      "The Union blockade is sustained after the ironclad battle", mode="restrict",
      same="blockade"),
    E("scuttled to prevent capture", "capture", "COERCE", "1711", [UNAVY], [CNAVY], D("1862"),
      "Scuttling prevents the Union capturing CSS Virginia", mode="confiscate",
      neg=True),
    E("the Union built many copies of Monitor", "built", "MOBILIZE", "150", [U], [C], D("1862"),
      "Union builds many copies of the Monitor", mode="weapons"),
    E("the Confederacy attempted to obtain warships from Britain", "attempted to obtain",
      "REQUEST", "0232", [C], ["United Kingdom"], D("1862"),
      "Confederacy tries to obtain warships from Britain", mode="assist"),
    E("The Union victory at the Second Battle of Fort Fisher", "victory", "ASSAULT", "190", [U],
      [C], D("1865-01"), "Union wins the Second Battle of Fort Fisher",
      loc="Fort Fisher"),
    E("a march by Union troops under the command", "march", "MOBILIZE", "154", [U], [C],
      D("1861-07"), "McDowell's Union troops march on Confederates at Manassas",
      mode="troops", loc="Manassas, Virginia"),
    E("was halted in the First Battle of Bull Run", "Battle", "ASSAULT", "190", UC, [],
      D("1861-07"), "Union and Confederate forces fight the First Battle of Bull Run",
      loc="Manassas, Virginia", lab="bullrun1"),
    E("whereupon they were forced back to Washington", "forced back", "RETREAT", "0874", [U], [C],
      D("1861-07"), "Union troops are forced back to Washington after Bull Run",
      mode="withdraw", loc="Washington, D.C."),
    E("It was in this battle that", "battle", "ASSAULT", "190", UC, [], D("1861-07"),
      "First Bull Run, where Jackson earns the name Stonewall", loc="Manassas, Virginia",
      same="bullrun1"),
    E("Alarmed at the loss", "loss", "ASSAULT", "190", [C], [U], D("1861-07"),
      "Union loss at First Bull Run alarms Congress", loc="Manassas, Virginia",
      same="bullrun1"),
    E("prevent more slave states from leaving the Union", "leaving", "SANCTION", "16",
      ["Border states (American Civil War)"], [U], None,
      "More slave states might leave the Union", mode="withdraw", hyp=True),
    E("which stated that the war was being fought", "war", "ASSAULT", "190", UC, [], WAR,
      "Crittenden-Johnson Resolution: war fought to preserve the Union", same="war"),
    E("and the war began in earnest in 1862", "war", "ASSAULT", "190", UC, [], WAR,
      "The war begins in earnest in 1862", same="war"),
    E("McClellan attacked Virginia in the spring of 1862", "attacked", "ASSAULT", "190", [MCC],
      [C], D("1862-SP"), "McClellan attacks Virginia by way of the peninsula",
      loc="Virginia Peninsula", lab="peninsula"),
    E("McClellan's army reached the gates of Richmond", "reached", "MOBILIZE", "154", [MCC], [C],
      D("1862"), "McClellan's army reaches the gates of Richmond", mode="troops",
      loc="Richmond, Virginia"),
    E("the gates of Richmond in the Peninsula Campaign", "Campaign", "ASSAULT", "190", [MCC], [C],
      D("1862-SP"), "McClellan's Peninsula Campaign", loc="Virginia Peninsula",
      same="peninsula"),
    E("Johnston halted his advance at the Battle of Seven Pines", "halted", "ASSAULT", "190",
      ["Joseph E. Johnston"], [MCC], D("1862"),
      "Johnston halts McClellan at the Battle of Seven Pines", loc="Seven Pines, Virginia"),
    E("defeated McClellan in the Seven Days Battles", "defeated", "ASSAULT", "190",
      [LEE, "James Longstreet", "Stonewall Jackson"], [MCC], D("1862"),
      "Lee, Longstreet and Jackson defeat McClellan in the Seven Days Battles"),
    E("and forced his retreat", "retreat", "RETREAT", "0874", [MCC], [LEE], D("1862"),
      "McClellan is forced to retreat after the Seven Days Battles", mode="withdraw"),
    E("the Second Battle of Bull Run, ended", "Battle", "ASSAULT", "190", UC, [], D("1862"),
      "Union and Confederates fight the Second Battle of Bull Run", lab="bullrun2"),
    E("ended in yet another victory for the South", "victory", "ASSAULT", "190", [C], [U],
      D("1862"), "Northern Virginia Campaign ends in another victory for the South",
      loc="Northern Virginia"),
    E("easier for Lee's Confederates to defeat", "defeat", "ASSAULT", "190", [LEE], [U],
      D("1862"), "Lee's Confederates defeat twice their number of Union troops",
      same="bullrun2"),
    E("orders to send reinforcements to John Pope's", "send reinforcements", "MOBILIZE", "154",
      [MCC], [], D("1862"), "McClellan resists orders to reinforce Pope's army",
      mode="troops", neg=True),
    E("Emboldened by Second Bull Run", "Second Bull Run", "ASSAULT", "190", UC, [], D("1862"),
      "Second Bull Run emboldens the Confederacy", same="bullrun2"),
    E("made its first invasion of the North", "invasion", "ASSAULT", "190", [C], [U],
      D("1862-09-05"), "Lee leads the first Confederate invasion of the North", loc="Maryland",
      lab="inv1"),
    E("McClellan and Lee fought at the Battle of Antietam", "fought", "ASSAULT", "190", [MCC, LEE],
      [], D("1862-09-17"), "McClellan and Lee fight the Battle of Antietam",
      loc="Sharpsburg, Maryland", lab="antietam"),
    E("Lee's army, checked at last", "checked", "ASSAULT", "190", [MCC], [LEE], D("1862-09-17"),
      "Lee's army is checked at Antietam", loc="Sharpsburg, Maryland", same="antietam"),
    E("returned to Virginia before McClellan", "returned", "RETREAT", "0874", [LEE], [MCC],
      D("1862-09"), "Lee's army withdraws to Virginia after Antietam", mode="withdraw",
      loc="Virginia"),
    E("before McClellan could destroy it", "destroy", "ASSAULT", "190", [MCC], [LEE],
      D("1862-09"), "McClellan does not get to destroy Lee's army", neg=True, hyp=True),
    E("Antietam is considered a Union victory", "victory", "ASSAULT", "190", [U], [C],
      D("1862-09-17"), "Antietam counts as a Union victory", loc="Sharpsburg, Maryland",
      same="antietam"),
    E("it halted Lee's invasion of the North", "invasion", "ASSAULT", "190", [LEE], [U],
      D("1862-09-05"), "Lee's invasion of the North is halted at Antietam", same="inv1"),
    E("failed to follow up on Antietam", "follow up", "ASSAULT", "190", [MCC], [LEE],
      D("1862-09-17", mod="AFTER"), "McClellan fails to follow up his success at Antietam",
      neg=True),
    E("follow up on Antietam", "Antietam", "ASSAULT", "190", [MCC, LEE], [], D("1862-09-17"),
      "Antietam referred to", loc="Sharpsburg, Maryland", same="antietam"),
    E("Burnside was soon defeated at the Battle of Fredericksburg", "defeated", "ASSAULT", "190",
      [C], ["Ambrose Burnside"], D("1862-12-13"),
      "Burnside is defeated at the Battle of Fredericksburg",
      loc="Fredericksburg, Virginia", lab="fredericksburg"),
    E("repeated futile frontal assaults", "assaults", "ASSAULT", "190", [U], [C], D("1862-12-13"),
      "Union soldiers make futile frontal assaults on Marye's Heights",
      loc="Marye's Heights"),
    E("After the battle, Burnside was replaced", "battle", "ASSAULT", "190", [C],
      ["Ambrose Burnside"], D("1862-12-13"), "Fredericksburg referred to",
      loc="Fredericksburg, Virginia", same="fredericksburg"),
    E("proved unable to defeat Lee's army", "defeat", "ASSAULT", "190", ["Joseph Hooker"], [LEE],
      D("1863-05"), "Hooker proves unable to defeat Lee's army", neg=True),
    E("he was humiliated in the Battle of Chancellorsville", "humiliated", "ASSAULT", "190", [LEE],
      ["Joseph Hooker"], D("1863-05"), "Hooker is humiliated at the Battle of Chancellorsville",
      loc="Chancellorsville, Virginia"),
    E("during Lee's second invasion of the North", "invasion", "ASSAULT", "190", [LEE], [U],
      D("1863-06"), "Lee launches his second invasion of the North", lab="inv2"),
    E("Meade defeated Lee at the Battle of Gettysburg", "defeated", "ASSAULT", "190", [MEADE],
      [LEE], D("1863-07-01", "1863-07-03"), "Meade defeats Lee at the Battle of Gettysburg",
      loc="Gettysburg, Pennsylvania"),
    E("Pickett's Charge on July 3", "Charge", "ASSAULT", "190", ["George Pickett"], [U],
      D("1863-07-03"), "Confederates make Pickett's Charge at Gettysburg",
      loc="Gettysburg, Pennsylvania"),
    E("the key stronghold to control of the Mississippi, fell", "fell", "COERCE", "192", [U], [C],
      D("1863-07-04"), "Vicksburg falls to the Union", mode="seize",
      loc="Vicksburg, Mississippi", lab="vicksburg"),
    E("Meade failed to intercept Lee's retreat", "intercept", "ASSAULT", "190", [MEADE], [LEE],
      D("1863-07"), "Meade fails to intercept Lee's retreating army", neg=True),
    E("failed to intercept Lee's retreat", "retreat", "RETREAT", "0874", [LEE], [MEADE],
      D("1863-07"), "Lee's army retreats from Gettysburg", mode="withdraw"),
    E("Meade's inconclusive fall campaign", "campaign", "ASSAULT", "190", [MEADE], [C],
      D("1863-FA"), "Meade conducts an inconclusive fall campaign"),
    E("Confederate forces had numerous successes", "successes", "ASSAULT", "190", [C], [U], W1,
      "Confederate forces win numerous successes in the Eastern theater",
      loc="Eastern Theater of the American Civil War"),
    E("they were defeated many times in the West", "defeated", "ASSAULT", "190", [U], [C], W1,
      "Confederate forces are defeated many times in the West",
      loc="Western Theater of the American Civil War"),
    E("They were driven from Missouri", "driven from", "RETREAT", "0874", [C], [U], W1,
      "Confederate forces are driven from Missouri", mode="withdraw", loc="Missouri"),
    E("as a result of the Battle of Pea Ridge", "Battle", "ASSAULT", "190", UC, [], W1,
      "Union and Confederate forces fight the Battle of Pea Ridge",
      loc="Pea Ridge, Arkansas"),
    E("Leonidas Polk's invasion of Columbus", "invasion", "ASSAULT", "190", ["Leonidas Polk"],
      ["Kentucky"], W1, "Polk invades Columbus, Kentucky", loc="Columbus, Kentucky"),
    E("Nashville and central Tennessee fell to the Union", "fell", "COERCE", "192", [U], [C],
      D("1862", mod="START"), "Nashville and central Tennessee fall to the Union",
      mode="seize", loc="Nashville, Tennessee"),
    E("with the taking of Island No. 10", "taking", "COERCE", "192", [U], [C], D("1862"),
      "Union takes Island No. 10, New Madrid and Memphis", mode="seize",
      loc="Island No. 10"),
    E("the Union Navy captured New Orleans", "captured", "COERCE", "192", [UNAVY], [C],
      D("1862-05"), "Union Navy captures New Orleans", mode="seize",
      loc="New Orleans"),
    E("New Orleans without a major fight", "fight", "ASSAULT", "190", [UNAVY, C], [],
      D("1862-05"), "New Orleans falls without a major fight", loc="New Orleans", neg=True),
    E("Union forces to begin moving up the Mississippi", "moving up", "MOBILIZE", "154", [U], [C],
      D("1862-05", mod="AFTER"), "Union forces begin moving up the Mississippi",
      mode="troops", loc="Mississippi River"),
    E("Bragg's second Confederate invasion of Kentucky", "invasion", "ASSAULT", "190", [BRAGG],
      ["Kentucky"], D("1862"), "Bragg leads the second Confederate invasion of Kentucky",
      loc="Kentucky"),
    E("ended with a meaningless victory over", "victory", "ASSAULT", "190", [BRAGG],
      ["Don Carlos Buell"], D("1862"), "Bragg beats Buell at the Battle of Perryville",
      loc="Perryville, Kentucky"),
    E("his attempt at invading Kentucky and retreat", "retreat", "RETREAT", "0874", [BRAGG],
      ["Don Carlos Buell"], D("1862"), "Bragg abandons the Kentucky invasion and retreats",
      mode="withdraw", loc="Kentucky"),
    E("Bragg was narrowly defeated by", "defeated", "ASSAULT", "190", [ROSE], [BRAGG], W1,
      "Rosecrans narrowly defeats Bragg at the Battle of Stones River", loc="Tennessee"),
    E("The one clear Confederate victory in the West", "victory", "ASSAULT", "190", [C], [U], W1,
      "Confederates win the Battle of Chickamauga", loc="Chickamauga, Georgia",
      lab="chickamauga"),
    E("Bragg, reinforced by Lt. Gen.", "reinforced", "MOBILIZE", "154", ["James Longstreet"], [],
      W1, "Longstreet's corps reinforces Bragg from the east", mode="troops"),
    E("defeated Rosecrans, despite", "defeated", "ASSAULT", "190", [BRAGG], [ROSE], W1,
      "Bragg defeats Rosecrans at Chickamauga", loc="Chickamauga, Georgia",
      same="chickamauga"),
    E("Rosecrans retreated to Chattanooga", "retreated", "RETREAT", "0874", [ROSE], [BRAGG], W1,
      "Rosecrans retreats to Chattanooga", mode="withdraw", loc="Chattanooga, Tennessee"),
    E("which Bragg then besieged", "besieged", "COERCE", "191", [BRAGG], [ROSE], W1,
      "Bragg besieges Rosecrans in Chattanooga", mode="restrict",
      loc="Chattanooga, Tennessee"),
    E("who won victories at Forts Henry and Donelson", "victories", "ASSAULT", "190", [GRANT], [C],
      W1, "Grant wins victories at Forts Henry and Donelson", loc="Fort Donelson"),
    E("the Union seized control of the Tennessee", "seized control", "COERCE", "192", [U], [C], W1,
      "Union seizes control of the Tennessee and Cumberland Rivers", mode="seize",
      loc="Tennessee River"),
    E("the Battle of Shiloh;", "Battle", "ASSAULT", "190", [GRANT], [C], W1,
      "Grant wins the Battle of Shiloh", loc="Shiloh, Tennessee"),
    E("and the Battle of Vicksburg, which cemented", "Battle", "ASSAULT", "190", [GRANT], [C],
      D("1863"), "Grant wins the Battle of Vicksburg", loc="Vicksburg, Mississippi"),
    E("Grant marched to the relief of Rosecrans", "marched", "MOBILIZE", "154", [GRANT], [BRAGG],
      W1, "Grant marches to relieve Rosecrans at Chattanooga", mode="troops",
      loc="Chattanooga, Tennessee"),
    E("and defeated Bragg at the Third Battle of Chattanooga", "defeated", "ASSAULT", "190",
      [GRANT], [BRAGG], W1, "Grant defeats Bragg at the Third Battle of Chattanooga",
      loc="Chattanooga, Tennessee"),
    E("driving Confederate forces out of Tennessee", "driving", "RETREAT", "0874", [C], [GRANT], W1,
      "Confederate forces are driven out of Tennessee", mode="withdraw", loc="Tennessee"),
    E("Guerrilla activity turned much of Missouri", "Guerrilla activity", "ASSAULT", "190", [],
      ["Missouri"], TM, "Guerrilla fighting turns Missouri into a battleground",
      loc="Missouri"),
    E("the third-most battles of any state", "battles", "ASSAULT", "190", UC, [], TM,
      "Missouri sees the third-most battles of any state", loc="Missouri"),
    E("saw numerous small-scale military actions", "military actions", "ASSAULT", "190", UC, [],
      TM, "Western states see numerous small-scale military actions"),
    E("Battles in the region served to secure", "Battles", "ASSAULT", "190", UC, [], TM,
      "Battles in the Trans-Mississippi region", loc="Trans-Mississippi"),
    E("served to secure Missouri, Indian Territory", "secure", "COERCE", "192", [U], [C], TM,
      "Battles secure Missouri, Indian and New Mexico Territories for the Union",
      mode="seize", loc="Missouri"),
    E("Confederate incursions into New Mexico territory", "incursions", "ASSAULT", "190", [C], [U],
      D("1862"), "Confederates make incursions into New Mexico Territory",
      loc="New Mexico Territory"),
    E("New Mexico territory were repulsed", "repulsed", "ASSAULT", "190", [U], [C], D("1862"),
      "Confederate incursions into New Mexico are repulsed",
      loc="New Mexico Territory"),
    E("a Union campaign to secure Indian Territory", "campaign", "ASSAULT", "190", [U], [C],
      D("1863"), "Union campaign secures Indian Territory", loc="Indian Territory"),
    E("the Union's Red River Campaign was a failure", "Campaign", "ASSAULT", "190", [U], [C], TM,
      "Union's Red River Campaign fails", loc="Red River of the South"),
    E("after the capture of Vicksburg in 1863", "capture", "COERCE", "192", [U], [C], D("1863"),
      "Capture of Vicksburg cuts Texas off from the Confederacy", mode="seize",
      loc="Vicksburg, Mississippi", same="vicksburg"),
    E("End of the war 1864-1865", "war", "ASSAULT", "190", UC, [], WAR,
      "Heading: the end of the war", same="war"),
    E("only the utter defeat of Confederate forces", "defeat", "ASSAULT", "190", [U], [C],
      D("1864", "1865"), "Union aims at the utter defeat of Confederate forces"),
    E("not in terms of killing civilians", "killing", "ASSAULT", "18", [U], [C],
      D("1864", "1865"), "Union total war does not target civilians' lives", neg=True),
    E("in terms of destroying homes, farms, and railroads", "destroying", "ASSAULT", "1712", [U],
      [C], D("1864", "1865"), "Union total war destroys Southern homes, farms, railroads",
      mode="destroy"),
    E("coordinated strategy that would strike at", "strike", "ASSAULT", "190", [GRANT], [C], Y64,
      "Grant's coordinated strategy strikes the Confederacy from all sides"),
    E("were ordered to move against Lee near Richmond", "move against", "MOBILIZE", "154",
      [MEADE, "Benjamin Butler"], [LEE], Y64,
      "Meade and Butler are ordered to move against Lee near Richmond", mode="troops",
      loc="Richmond, Virginia"),
    E("were to attack the Shenandoah Valley", "attack", "ASSAULT", "190",
      ["Franz Sigel", "Philip Sheridan"], [C], Y64,
      "Sigel, later Sheridan, to attack the Shenandoah Valley", loc="Shenandoah Valley",
      lab="valley"),
    E("General Sherman was to capture Atlanta", "capture", "COERCE", "192", [SHERMAN], [C],
      D("1864-09-02"), "Sherman is assigned to capture Atlanta", mode="seize",
      loc="Atlanta", same="atlanta"),
    E("capture Atlanta and march to the sea", "march", "MOBILIZE", "154", [SHERMAN], [C],
      D("1864", "1864-12"), "Sherman is to march to the sea", mode="troops", loc="Georgia (U.S. state)",
      lab="march"),
    E("were to operate against railroad supply lines", "operate against", "ASSAULT", "190",
      ["George Crook", "William W. Averell"], [C], Y64,
      "Crook and Averell to operate against West Virginia railroads",
      loc="West Virginia", hyp=True),
    E("Banks was to capture Mobile", "capture", "COERCE", "192", ["Nathaniel P. Banks"], [C], Y64,
      "Banks is to capture Mobile, Alabama", mode="seize", loc="Mobile, Alabama",
      hyp=True),
    E("attempted to maneuver past Lee", "maneuver past", "MOBILIZE", "154", [U], [LEE], Y64,
      "Union forces in the East try to maneuver past Lee", mode="troops"),
    E("and fought several battles during that phase", "fought", "ASSAULT", "190", [U, LEE], [],
      Y64, "Union forces and Lee fight the battles of the Overland Campaign"),
    E("Grant's battles of attrition", "battles", "ASSAULT", "190", [GRANT, LEE], [], Y64,
      "Grant and Lee fight at the Wilderness, Spotsylvania, Cold Harbor"),
    E("forced Lee's Confederates to fall back", "fall back", "RETREAT", "0874", [LEE], [GRANT], Y64,
      "Lee's Confederates are forced to fall back repeatedly", mode="withdraw"),
    E("An attempt to outflank Lee from the south", "outflank", "MOBILIZE", "154",
      ["Benjamin Butler"], [LEE], Y64, "Butler's attempt to outflank Lee from the south fails",
      mode="troops", neg=True),
    E("who was trapped inside the Bermuda Hundred", "trapped", "COERCE", "191", [C],
      ["Benjamin Butler"], Y64, "Butler is trapped in the Bermuda Hundred river bend",
      mode="restrict", loc="Bermuda Hundred"),
    E("kept pressing Lee's Army of Northern Virginia", "pressing", "ASSAULT", "190", [GRANT],
      ["Army of Northern Virginia"], Y64,
      "Grant keeps pressing Lee's army back to Richmond", loc="Richmond, Virginia"),
    E("He pinned down the Confederate army", "pinned down", "COERCE", "191", [GRANT], [CA], SIEGE,
      "Grant pins down the Confederate army in the Siege of Petersburg",
      mode="restrict", loc="Petersburg, Virginia", same="petersburg"),
    E("the two armies engaged in trench warfare", "trench warfare", "ASSAULT", "190", [UA, CA], [],
      SIEGE, "Union and Confederate armies wage trench warfare at Petersburg",
      loc="Petersburg, Virginia"),
    E("aggressive enough to prevail in the Valley Campaigns", "prevail", "ASSAULT", "190",
      ["Philip Sheridan"], [C], Y64, "Sheridan prevails in the Valley Campaigns of 1864",
      loc="Shenandoah Valley", same="valley"),
    E("Sheridan defeated Maj. Gen. Jubal A. Early", "defeated", "ASSAULT", "190",
      ["Philip Sheridan"], ["Jubal Early"], Y64,
      "Sheridan defeats Early in a series of Valley battles", loc="Shenandoah Valley",
      same="valley"),
    E("a final decisive defeat at the Battle of Cedar Creek", "defeat", "ASSAULT", "190",
      ["Philip Sheridan"], ["Jubal Early"], Y64,
      "Sheridan decisively defeats Early at the Battle of Cedar Creek",
      loc="Cedar Creek (Virginia)"),
    E("proceeded to destroy the agricultural base", "destroy", "ASSAULT", "1712",
      ["Philip Sheridan"], [C], Y64, "Sheridan destroys the Shenandoah Valley's agriculture",
      mode="destroy", loc="Shenandoah Valley"),
    E("the tactics Sherman later employed in Georgia", "employed", "ASSAULT", "1712", [SHERMAN], [C],
      Y64, "Sherman later uses destructive tactics in Georgia", mode="destroy",
      loc="Georgia (U.S. state)", lab="waste"),
    E("Sherman marched from Chattanooga to Atlanta", "marched", "MOBILIZE", "154", [SHERMAN], [C],
      Y64, "Sherman marches from Chattanooga to Atlanta", mode="troops", loc="Atlanta"),
    E("defeating Confederate Generals Joseph E. Johnston", "defeating", "ASSAULT", "190",
      [SHERMAN], ["Joseph E. Johnston", HOOD], Y64,
      "Sherman defeats Johnston and Hood on the way to Atlanta"),
    E("The fall of Atlanta, on September 2, 1864", "fall", "COERCE", "192", [SHERMAN], [C],
      D("1864-09-02"), "Atlanta falls on September 2, 1864", mode="seize", loc="Atlanta",
      same="atlanta"),
    E("to menace Sherman's supply lines", "menace", "MOBILIZE", "154", [HOOD], [SHERMAN], Y64,
      "Hood moves to menace Sherman's supply lines", mode="troops"),
    E("and invade Tennessee in the Franklin-Nashville Campaign", "invade", "ASSAULT", "190", [HOOD],
      [U], Y64, "Hood invades Tennessee in the Franklin-Nashville Campaign",
      loc="Tennessee"),
    E("Schofield defeated Hood at the Battle of Franklin", "defeated", "ASSAULT", "190",
      ["John Schofield"], [HOOD], Y64, "Schofield defeats Hood at the Battle of Franklin",
      loc="Franklin, Tennessee"),
    E("dealt Hood a massive defeat", "defeat", "ASSAULT", "190", ["George Henry Thomas"], [HOOD],
      Y64, "Thomas crushes Hood's army at the Battle of Nashville",
      loc="Nashville, Tennessee"),
    E("Sherman's army marched with an unknown destination", "marched", "MOBILIZE", "154",
      [SHERMAN], [C], D("1864", "1864-12"), "Sherman's army marches to the sea",
      mode="troops", loc="Georgia (U.S. state)", same="march"),
    E("laying waste to about 20% of the farms", "laying waste", "ASSAULT", "1712", [SHERMAN], [C],
      Y64, "Sherman lays waste to a fifth of Georgia's farms", mode="destroy",
      loc="Georgia (U.S. state)", same="waste"),
    E("He reached the Atlantic Ocean at Savannah", "reached", "MOBILIZE", "154", [SHERMAN], [C],
      D("1864-12"), "Sherman reaches the Atlantic at Savannah", mode="troops",
      loc="Savannah, Georgia", same="march"),
    E("there were no major battles along the March", "battles", "ASSAULT", "190", [SHERMAN, C], [],
      Y64, "No major battles are fought along the March to the Sea", neg=True),
    E("no major battles along the March.", "March", "MOBILIZE", "154", [SHERMAN], [C],
      D("1864", "1864-12"), "Sherman's March to the Sea referred to", mode="troops",
      loc="Georgia (U.S. state)", same="march"),
    E("Sherman turned north through South Carolina", "turned north", "MOBILIZE", "154", [SHERMAN],
      [LEE], D("1864-12", mod="AFTER"),
      "Sherman turns north through the Carolinas toward Lee", mode="troops",
      loc="South Carolina"),
    E("Union forces won a decisive victory at the Battle of Five Forks", "victory", "ASSAULT", "190",
      [U], [C], D("1865-04-01"), "Union forces win the Battle of Five Forks",
      loc="Five Forks, Virginia"),
    E("forcing Lee to evacuate Petersburg and Richmond", "evacuate", "RETREAT", "0874", [LEE], [U],
      D("1865-04"), "Lee evacuates Petersburg and Richmond", mode="withdraw",
      loc="Petersburg, Virginia"),
    E("The Confederate capital fell to the Union XXV Corps", "fell", "COERCE", "192",
      ["XXV Corps (Union Army)"], [C], D("1865-04"),
      "Richmond falls to the Union XXV Corps", mode="seize", loc="Richmond, Virginia"),
    E("The remaining Confederate units fled west", "fled", "RETREAT", "0874", [C], [U],
      D("1865-04"), "Remaining Confederate units flee west", mode="withdraw"),
    E("after a defeat at Sayler's Creek", "defeat", "ASSAULT", "190", [U], [C], D("1865-04"),
      "Confederates are defeated at Sayler's Creek", loc="Sayler's Creek",
      lab="saylers"),
    E("continued fighting against the United States", "fighting", "ASSAULT", "190", [LEE], [U],
      D("1865-04", mod="AFTER"), "Lee judges continued fighting impossible", hyp=True),
    E("Confederate Surrenders", "Surrenders", "RETREAT", "0874", [C], [U], SURR,
      "Heading: the Confederate surrenders", mode="disarm", lab="surrenders"),
    E("Lee surrendered his Army of Northern Virginia", "surrendered", "RETREAT", "0874", [LEE],
      [GRANT], D("1865-04-09"), "Lee surrenders the Army of Northern Virginia at Appomattox",
      mode="disarm", loc="Appomattox Court House", lab="appomattox"),
    E("Lee was permitted to keep his officer's saber", "permitted", "CONCEDE", "08", [GRANT], [LEE],
      D("1865-04-09"), "Grant lets Lee keep his saber and horse"),
    E("President Lincoln was shot", "shot", "ASSAULT", "186", [], [ALN], D("1865-04-14"),
      "President Lincoln is shot", mode="targeted"),
    E("Events leading to Lee's surrender", "surrender", "RETREAT", "0874", [LEE], [GRANT],
      D("1865-04-09"), "Lee's surrender referred to", mode="disarm",
      loc="Appomattox Court House", same="appomattox"),
    E("began with the capture of key Confederate officers", "capture", "COERCE", "173", [U],
      ["Richard S. Ewell", "Richard H. Anderson"], D("1865-04-06"),
      "Union captures Confederate officers Ewell and Anderson", mode="arrest"),
    E("following Confederate defeat at the battle of Sayler's Creek", "defeat", "ASSAULT", "190",
      [U], [C], D("1865-04"), "Confederate defeat at Sayler's Creek referred to",
      loc="Sayler's Creek", same="saylers"),
    E("destroyed three trains of Confederate supplies", "destroyed", "ASSAULT", "1712", [U], [C],
      D("1865-04-08"), "Custer's Union cavalry destroys three Confederate supply trains",
      mode="destroy", loc="Appomattox Station"),
    E("leading to the surrender of General Lee the next day", "surrender", "RETREAT", "0874", [LEE],
      [GRANT], D("1865-04-09"), "Lee surrenders the next day", mode="disarm",
      loc="Appomattox Court House", same="appomattox"),
    E("Liddell's army surrendered", "surrendered", "RETREAT", "0874",
      ["St. John Richardson Liddell"], [U], D("1865-04-09"),
      "Liddell's army surrenders after the Battle of Spanish Fort", mode="disarm",
      loc="Alabama"),
    E("after the loss of the Confederate fortifications", "loss", "ASSAULT", "190", [U], [C],
      D("1865-04-09", mod="BEFORE"), "Confederates lose their forts at the Battle of Spanish Fort",
      loc="Spanish Fort, Alabama"),
    E("43rd Battalion Virginia Cavalry disbanded", "disbanded", "RETREAT", "0873",
      ["John S. Mosby"], [], D("1865-04-21"), "Mosby's raiders of the 43rd Battalion disband",
      mode="disarm"),
    E("General Joseph E. Johnston surrendered his troops", "surrendered", "RETREAT", "0874",
      ["Joseph E. Johnston"], [SHERMAN], D("1865-04-26"),
      "Johnston surrenders his troops to Sherman at Bennett Place", mode="disarm",
      loc="Durham, North Carolina"),
    E("Surrendering on May 4 and 5", "Surrendering", "RETREAT", "0874", [CA], [U],
      D("1865-05-04", "1865-05-05"),
      "Confederate departments in Alabama, Mississippi and the Gulf surrender",
      mode="disarm"),
    E("The Confederate President was captured on May 10", "captured", "COERCE", "173", [U],
      ["Jefferson Davis"], D("1865-05-10"), "Confederate President Jefferson Davis is captured",
      mode="arrest"),
    E("the surrender of the Department of Florida", "surrender", "RETREAT", "0874", [CA], [U],
      D("1865-05-10"), "Department of Florida and South Georgia surrenders", mode="disarm"),
    E("Meriwether Thompson surrendered his brigade", "surrendered", "RETREAT", "0874",
      ["M. Jeff Thompson"], [U], D("1865-05-11"), "Jeff Thompson surrenders his brigade",
      mode="disarm"),
    E("saw the surrender of the Confederate forces of North Georgia", "surrender", "RETREAT", "0874",
      [C], [U], D("1865-05-12"), "Confederate forces of North Georgia surrender",
      mode="disarm", loc="Georgia (U.S. state)"),
    E("Stand Watie signed a cease-fire agreement", "signed", "SUPPORT", "057", ["Stand Watie", U],
      [], D("1865-06-23"), "Stand Watie signs a cease-fire with Union representatives",
      loc="Fort Towson"),
    E("the last Confederate general in the field to stand down", "stand down", "RETREAT", "0874",
      ["Stand Watie"], [U], D("1865-06-23"), "Stand Watie is the last Confederate general to stand down",
      mode="disarm", loc="Fort Towson"),
    E("The last Confederate ship to surrender", "surrender", "RETREAT", "0874", ["CSS Shenandoah"],
      [], D("1865-11-06"), "CSS Shenandoah is the last Confederate ship to surrender",
      mode="disarm", lab="shenandoah"),
    E("Not wanting to surrender to Federal authorities", "Not wanting to surrender", "REJECT",
      "124", ["CSS Shenandoah"], [U], D("1865-08-02", mod="AFTER"),
      "Shenandoah's commander refuses to surrender to Federal authorities",
      mode="yield"),
    E("so that they surrendered on November 6, 1865", "surrendered", "RETREAT", "0874",
      ["CSS Shenandoah"], ["United Kingdom"], D("1865-11-06"),
      "CSS Shenandoah surrenders in Liverpool, England", mode="disarm", loc="Liverpool",
      same="shenandoah"),
    E("These surrenders marked the conclusion", "surrenders", "RETREAT", "0874", [C], [U], SURR,
      "These surrenders conclude the American Civil War", mode="disarm",
      same="surrenders"),
    E("the conclusion of the American Civil War", "American Civil War", "ASSAULT", "190", UC, [],
      WAR, "The American Civil War concludes", same="war"),
]

# ---------------------------------------------------------------------------
# 06_KoreanWar (annotated prefix, bytes [0, 12661): sections up to "China intervenes")
NK = "North Korea"
SK = "South Korea"
KPA = "Korean People's Army"
KPAF = "Korean People's Army Air Force"
ROKA = "Republic of Korea Army"
US = "United States"
UNO = "United Nations"
UNSC = "United Nations Security Council"
UNCMD = "United Nations Command"
USSR = "Soviet Union"
PRC = "China"
TRUMAN = "Harry S. Truman"
MAC = "Douglas MacArthur"
USAF = "United States Air Force"
D24 = "24th Infantry Division (United States)"
CAV1 = "1st Cavalry Division (United States)"
XC = "X Corps (United States)"
KWAR = D("1950-06-25", "1953")
INV = D("1950-06-25")
PUSAN = D("1950-08", "1950-09")
INCH = D("1950-09-15")
KWAR_SIDES = [NK, SK, US, UNO]

KOREA = [
    E("North Korea invades (June 1950)", "invades", "ASSAULT", "190", [NK], [SK], D("1950-06"),
      "Heading: North Korea invades South Korea in June 1950", loc="South Korea", lab="inv"),
    E("the North Koreans were about to invade", "invade", "ASSAULT", "190", [NK], [SK], INV,
      "UN receives warnings that North Korea is about to invade", same="inv"),
    E("about to invade, all were rejected", "rejected", "REJECT", "12", [UNO], [], D("1950-06-25",
      mod="BEFORE"), "United Nations dismisses warnings of a North Korean invasion"),
    E("notice of the Korean War-the", "Korean War", "ASSAULT", "190", KWAR_SIDES, [], KWAR,
      "The Korean War", lab="kwar"),
    E("the Chinese-authorized, North Korean", "authorized", "SUPPORT", "051", [PRC], [NK],
      D("1950-06-25", mod="BEFORE"), "China authorizes the North Korean invasion"),
    E("North Korean invasion of South Korea on 25 June 1950", "invasion", "ASSAULT", "190", [NK],
      [SK], INV, "North Korea invades South Korea on 25 June 1950", same="inv"),
    E("The CIA provided the early notice", "provided", "COOPERATE", "064",
      ["Central Intelligence Agency"], [US], D("1950-06-25", mod="BEFORE"),
      "CIA gives the US government early notice of the invasion"),
    E("forecasting the summer KPA invasion of the South", "invasion", "ASSAULT", "190", [KPA], [SK],
      D("1950-SU"), "Intelligence forecasts the summer KPA invasion of the South",
      same="inv"),
    E("after the US missions had left the communist", "left", "SANCTION", "161", [US], [PRC],
      D("1950", mod="BEFORE"), "US diplomatic missions leave the People's Republic of China",
      mode="withdraw"),
    E("he was killed within miles of Lhasa", "killed", "ASSAULT", "18", [],
      ["Douglas Mackiernan"], D("1950"), "CIA officer Douglas Mackiernan is killed near Lhasa",
      loc="Lhasa"),
    E("crossed the 38th-parallel border and invaded South Korea", "invaded", "ASSAULT", "190",
      [KPA], [SK], INV, "KPA crosses the 38th parallel and invades South Korea",
      same="inv"),
    E("Mackiernan was posthumously awarded", "awarded", "SUPPORT", "051",
      ["Central Intelligence Agency"], ["Douglas Mackiernan"], D("1950", mod="AFTER"),
      "CIA posthumously awards Mackiernan the Intelligence Star"),
    E("a South Korean provocation raid", "raid", "ASSAULT", "190", [SK], [NK], INV,
      "Alleged South Korean provocation raid used as pretext", hyp=True, lab="raid"),
    E("the North Korean Army (KPA) crossed the 38th parallel", "crossed", "ASSAULT", "190", [KPA],
      [SK], INV, "KPA crosses the 38th parallel at dawn on 25 June 1950", loc="38th parallel north",
      same="inv"),
    E("The KPA said that Republic of Korea Army", "said", "ACCUSE", "1123", [KPA], [ROKA], INV,
      "KPA accuses ROK Army troops of crossing the border first", mode="allege"),
    E("had crossed the border first", "crossed", "ASSAULT", "190", [ROKA], [NK], INV,
      "Alleged ROK Army crossing of the border", hyp=True, same="raid"),
    E("that they would arrest and execute Rhee", "arrest and execute", "THREATEN", "137", [KPA],
      ["Syngman Rhee"], INV, "KPA threatens to arrest and execute Syngman Rhee",
      mode="violence"),
    E("both Korean armies had continually harassed each other", "harassed", "ASSAULT", "190",
      [KPA, ROKA], [], D("1949", "1950-06"),
      "North and South Korean armies skirmish in the year before the war",
      loc="38th parallel north"),
    E("each continually raided the other country", "raided", "ASSAULT", "190", [KPA, ROKA], [],
      D("1949", "1950-06"), "Each Korean army raids the other across the 38th parallel",
      loc="38th parallel north"),
    E("Security Council unanimously condemned", "condemned", "ACCUSE", "111", [UNSC], [NK], INV,
      "UN Security Council condemns the North Korean invasion (Res. 82)",
      mode="disapprove"),
    E("condemned the North Korean invasion", "invasion", "ASSAULT", "190", [NK], [SK], INV,
      "North Korean invasion condemned by the Security Council", same="inv"),
    E("despite the USSR, a veto-wielding power, boycotting", "boycotting", "SANCTION", "16",
      [USSR], [UNSC], D("1950-01", "1950-06"), "Soviet Union boycotts Security Council meetings",
      mode="withdraw", lab="boycott"),
    E("since January-protesting that", "protesting", "ACCUSE", "114", [USSR], [UNO], D("1950-01"),
      "Soviet Union protests the Republic of China's UN seat", mode="disapprove"),
    E("ordered US air and sea forces to help", "help", "AID", "072", [US], [SK],
      D("1950-06-27"), "Truman orders US air and sea forces to help South Korea",
      lab="usint"),
    E("After debating the matter, the Security Council", "debating", "CONSULT", "040", [UNSC], [],
      D("1950-06-27"), "UN Security Council debates the Korean question",
      mode="multilateral"),
    E("Resolution 83 recommending member-state", "recommending", "REQUEST", "0232", [UNSC],
      ["Member states of the United Nations"], D("1950-06-27"),
      "Resolution 83 recommends members give South Korea military aid",
      mode="assist"),
    E("the Soviet Deputy Foreign Minister accused the US", "accused", "ACCUSE", "1123", [USSR], [US],
      D("1950-06-27"), "Soviet deputy foreign minister accuses the US of armed intervention",
      mode="allege"),
    E("starting armed intervention in behalf", "intervention", "AID", "072", [US], [SK],
      D("1950-06-27"), "US armed intervention on behalf of South Korea", same="usint"),
    E("The USSR challenged the legitimacy", "challenged", "ACCUSE", "111", [USSR], [UNO],
      D("1950-06-27", mod="AFTER"), "Soviet Union challenges the legitimacy of the UN-approved war",
      mode="disapprove", lab="challenge"),
    E("legitimacy of the UN-approved war", "war", "ASSAULT", "190", KWAR_SIDES, [], KWAR,
      "The UN-approved war in Korea", same="kwar"),
    E("the Soviet representative boycotted the UN", "boycotted", "SANCTION", "16", [USSR], [UNSC],
      D("1950-01", "1950-06"), "Soviet representative boycotts the UN Security Council",
      mode="withdraw", same="boycott"),
    E("to challenge the legitimacy of UN action", "challenge", "ACCUSE", "111", [USSR], [UNO],
      D("1950-06-27", mod="AFTER"), "Soviet boycott challenges the legitimacy of UN action",
      mode="disapprove", same="challenge"),
    E("The North Korean Army launched", "launched", "ASSAULT", "190", [KPA], [SK], INV,
      "KPA launches the \"Fatherland Liberation War\"", same="kwar"),
    E("a comprehensive air-land invasion", "invasion", "ASSAULT", "190", [KPA], [SK], INV,
      "KPA invades with 231,000 soldiers and hundreds of tanks", same="inv"),
    E("who captured scheduled objectives", "captured", "COERCE", "192", [KPA], [SK], D("1950-06"),
      "KPA captures Kaesong, Chuncheon, Uijeongbu and Ongjin", mode="seize",
      loc="Kaesong"),
    E("30,000 soldiers stationed in North Korea", "stationed", "MOBILIZE", "154", [KPA], [],
      D("1950-06"), "KPA keeps reserve forces stationed in North Korea", mode="troops",
      loc="North Korea"),
    E("South Korean navies fought in the war", "fought", "ASSAULT", "190",
      ["Korean People's Navy", "Republic of Korea Navy"], [], D("1950-06-25", mod="AFTER"),
      "North and South Korean navies fight as sea-borne artillery"),
    E("in Korea at invasion time", "invasion", "ASSAULT", "190", [NK], [SK], INV,
      "North Korean invasion used as a time anchor", same="inv"),
    E("large US garrisons and air forces in Japan", "garrisons", "MOBILIZE", "154", [US], [],
      D("1950-06-25"), "United States keeps large garrisons and air forces in Japan",
      mode="troops", loc="Japan"),
    E("Within days of the invasion", "invasion", "ASSAULT", "190", [NK], [SK], INV,
      "North Korean invasion used as a time anchor", same="inv"),
    E("either were retreating southwards", "retreating", "RETREAT", "0874", [ROKA], [KPA],
      D("1950-06-25", mod="AFTER"), "ROK Army soldiers retreat southwards", mode="withdraw"),
    E("were defecting en masse", "defecting", "RETREAT", "08", [ROKA], [KPA],
      D("1950-06-25", mod="AFTER"), "ROK Army soldiers defect en masse to the KPA"),
    E("Police Action: US intervention", "intervention", "AID", "072", [US], [SK], D("1950-06-27"),
      "Heading: US intervention in Korea", same="usint"),
    E("post-Second World War Allied demobilizations", "demobilizations", "RETREAT", "0873",
      ["Allies of World War II"], [], D("1945", mod="AFTER"),
      "Allies rapidly demobilize after the Second World War", mode="disarm"),
    E("substantial US forces occupying Japan", "occupying", "COERCE", "192", [US], ["Japan"],
      D("1945", mod="AFTER"), "US forces occupy Japan", mode="seize", loc="Japan"),
    E("discussed a US invasion response", "invasion", "ASSAULT", "190", [NK], [SK], INV,
      "North Korean invasion discussed by Truman and Acheson", same="inv"),
    E("Adolf Hitler's 1930s aggressions", "aggressions", "ASSAULT", "190", ["Adolf Hitler"], [],
      D("193"), "Hitler's 1930s aggressions recalled"),
    E("fighting the invasion was pertinent", "invasion", "ASSAULT", "190", [NK], [SK], INV,
      "North Korean invasion referred to by Truman", same="inv"),
    E("if South Korea was allowed to fall", "fall", "COERCE", "192", [NK], [SK], None,
      "Truman fears South Korea falling to the Communists", mode="seize", hyp=True),
    E("permitted to force their way into the Republic of Korea", "force their way", "ASSAULT",
      "190", [NK], [SK], None, "Communists forcing their way into South Korea unopposed",
      hyp=True),
    E("announced that the US would counter", "would counter", "THREATEN", "138", [TRUMAN], [NK],
      D("1950-06"), "Truman announces the US will counter the aggression",
      mode="violence"),
    E("would counter \"unprovoked aggression\"", "aggression", "ASSAULT", "190", [NK], [SK], INV,
      "North Korean \"unprovoked aggression\"", same="inv"),
    E("\"vigorously support the effort", "support", "AGREE", "032", [TRUMAN], [UNSC], D("1950-06"),
      "Truman pledges vigorous support for the Security Council's effort"),
    E("transfer materiel to the Army of the Republic of Korea", "transfer", "AID", "072", [MAC],
      [ROKA], D("1950-06"), "MacArthur is ordered to transfer materiel to the ROK Army"),
    E("air cover to the evacuation of US nationals", "evacuation", "SANCTION", "16", [US], [SK],
      D("1950-06"), "United States evacuates its nationals from Korea", mode="withdraw"),
    E("recommending unilateral US bombing", "bombing", "ASSAULT", "195", [US], [NK], D("1950-06"),
      "Advisers' proposed unilateral US bombing of North Korean forces",
      mode="heavy-weapons", hyp=True),
    E("order the US Seventh Fleet to protect Taiwan", "protect", "AID", "074",
      ["United States Seventh Fleet"], ["Taiwan"], D("1950-06-27"),
      "US Seventh Fleet is ordered to protect Taiwan", loc="Taiwan Strait"),
    E("asked to fight in Korea", "asked", "AGREE", "0312", ["Taiwan"], [US], D("1950-06"),
      "Nationalist China offers to fight in Korea", hyp=True, lab="rocoffer"),
    E("The US denied the Nationalist Chinese request", "denied", "REJECT", "1212", [US], ["Taiwan"],
      D("1950-06"), "US declines the Nationalist Chinese offer of combat troops",
      mode="assist"),
    E("Nationalist Chinese request for combat", "request", "AGREE", "0312", ["Taiwan"], [US],
      D("1950-06"), "Nationalist Chinese offer of troops referred to", hyp=True,
      same="rocoffer"),
    E("provoke a communist Chinese intervention", "intervention", "ASSAULT", "190", [PRC], [UNCMD],
      D("1950-10"), "Feared Chinese intervention in the Korean War"),
    E("The Battle of Osan was the first", "Battle", "ASSAULT", "190", ["Task Force Smith", KPA], [],
      D("1950-07-05"), "Task Force Smith and the KPA fight the Battle of Osan",
      loc="Osan", lab="osan"),
    E("USA-KPA fighting in the Korean War", "Korean War", "ASSAULT", "190", KWAR_SIDES, [], KWAR,
      "The Korean War referred to", same="kwar"),
    E("Task Force Smith attacked the North Koreans", "attacked", "ASSAULT", "190",
      ["Task Force Smith"], [NK], D("1950-07-05"), "Task Force Smith attacks the North Koreans at Osan",
      loc="Osan", same="osan"),
    E("The KPA progressed southwards", "progressed", "MOBILIZE", "154", [KPA], [], D("1950-07"),
      "KPA advances southwards", mode="troops", lab="advance"),
    E("forcing the 24th Division's retreat", "retreat", "RETREAT", "0874", [D24], [KPA],
      D("1950-07"), "US 24th Infantry Division retreats to Taejon", mode="withdraw",
      loc="Daejeon"),
    E("which the KPA also captured in the Battle", "captured", "COERCE", "192", [KPA], [D24],
      D("1950-07"), "KPA captures Taejon", mode="seize", loc="Daejeon"),
    E("captured in the Battle of Taejon", "Battle", "ASSAULT", "190", [KPA, D24], [], D("1950-07"),
      "KPA and the US 24th Division fight the Battle of Taejon", loc="Daejeon"),
    E("2,962 captured GIs", "captured", "COERCE", "173", [KPA], [D24, "William F. Dean"],
      D("1950-07"), "KPA captures 2,962 GIs including Maj. Gen. William F. Dean",
      mode="arrest"),
    E("the KPAF shot down 18 USAF fighters", "shot down", "ASSAULT", "190", [KPAF], [USAF],
      D("1950-07"), "KPAF shoots down 18 USAF fighters and 29 bombers"),
    E("the USAF shot down 5 KPAF fighters", "shot down", "ASSAULT", "190", [USAF], [KPAF],
      D("1950-07"), "USAF shoots down 5 KPAF fighters"),
    E("the KPA had pushed back the ROK Army", "pushed back", "ASSAULT", "190", [KPA],
      [ROKA, "Eighth United States Army"], D("1950-08", mod="BEFORE"),
      "KPA pushes the ROK Army and US Eighth Army back to Pusan", loc="Busan"),
    E("In their southward advance", "advance", "MOBILIZE", "154", [KPA], [], D("1950-07"),
      "KPA's southward advance", mode="troops", same="advance"),
    E("the KPA purged the Republic of Korea's intelligentsia", "purged", "ASSAULT", "202", [KPA],
      [SK], D("1950-07", "1950-08"),
      "KPA kills South Korean civil servants and intellectuals", mode="massacre",
      lab="purge"),
    E("Gen. MacArthur warned North Korean Leader", "warned", "THREATEN", "130", [MAC],
      ["Kim Il Sung"], D("1950-08-20"), "MacArthur warns Kim Il Sung he is responsible for atrocities"),
    E("responsible for the KPA's atrocities", "atrocities", "ASSAULT", "202", [KPA], [SK],
      D("1950-07", "1950-08"), "KPA atrocities referred to", mode="massacre",
      same="purge"),
    E("Only on being reinforced, re-equipped", "reinforced", "MOBILIZE", "154", [UNCMD], [KPA],
      D("1950-09", mod="BEFORE"), "UN Command forces are reinforced and re-equipped",
      mode="troops"),
    E("with naval artillery and air force bombing support", "naval artillery", "ASSAULT", "194",
      [UNCMD], [KPA], D("1950-09", mod="BEFORE"),
      "UN Command uses naval artillery support at the Pusan Perimeter",
      mode="heavy-weapons"),
    E("air force bombing support", "bombing", "ASSAULT", "195", [UNCMD], [KPA],
      D("1950-09", mod="BEFORE"), "UN Command uses air force bombing support",
      mode="heavy-weapons"),
    E("could the UN Command forces stand at the Nakdong River", "stand", "ASSAULT", "190",
      [UNCMD, KPA], [], PUSAN, "UN Command forces hold the Nakdong River line",
      loc="Nakdong River", lab="pusan"),
    E("this \"back-against-the-sea\" holding action", "holding action", "ASSAULT", "190",
      [UNCMD, KPA], [], PUSAN, "The Pusan Perimeter holding action", loc="Busan",
      same="pusan"),
    E("In the desperate Battle of Pusan Perimeter", "Battle", "ASSAULT", "190",
      ["United States Army", KPA], [], PUSAN, "US Army and KPA fight the Battle of Pusan Perimeter",
      loc="Busan", same="pusan"),
    E("withstood KPA attacks meant to capture", "attacks", "ASSAULT", "190", [KPA],
      ["United States Army"], PUSAN, "KPA attacks the Pusan Perimeter", loc="Busan"),
    E("KPA attacks meant to capture the city", "capture", "COERCE", "192", [KPA],
      ["United States Army"], PUSAN, "KPA fails to capture Pusan", mode="seize", loc="Busan",
      neg=True, hyp=True),
    E("40 daily ground-support sorties", "sorties", "ASSAULT", "195", [USAF], [KPA], PUSAN,
      "USAF flies 40 daily sorties against KPA logistics", mode="heavy-weapons"),
    E("sorties that destroyed 32 bridges", "destroyed", "ASSAULT", "1712", [USAF], [KPA], PUSAN,
      "USAF sorties destroy 32 bridges", mode="destroy"),
    E("the USAF destroyed logistics depots", "destroyed", "ASSAULT", "1712", [USAF], [KPA], PUSAN,
      "USAF destroys depots, refineries and harbors", mode="destroy"),
    E("the US Navy air forces attacked transport hubs", "attacked", "ASSAULT", "195",
      ["United States Navy"], [KPA], PUSAN, "US Navy aircraft attack transport hubs",
      mode="heavy-weapons"),
    E("continually dispatched soldiers and material", "dispatched", "MOBILIZE", "154", [US], [KPA],
      PUSAN, "US garrisons in Japan send soldiers and materiel to Pusan",
      mode="troops", loc="Busan"),
    E("Tank battalions deployed to Korea", "deployed", "MOBILIZE", "154", [US], [KPA],
      D("1950-08"), "US tank battalions deploy to Korea from San Francisco",
      mode="troops", loc="Busan"),
    E("and then counterattacked", "counterattacked", "ASSAULT", "190", [ROKA, UNCMD], [KPA],
      D("1950-09", mod="START"), "ROK Army and UN Command forces counterattack"),
    E("\nBattle of Incheon\n", "Battle", "ASSAULT", "190", [US, SK, KPA], [], INCH,
      "Heading: the Battle of Incheon", loc="Incheon", lab="incheon"),
    E("recommended an amphibious landing at Incheon", "amphibious landing", "ASSAULT", "190", [MAC],
      [KPA], INCH, "MacArthur proposes an amphibious landing at Incheon", loc="Incheon",
      same="incheon"),
    E("to plan the division's amphibious landing", "amphibious landing", "ASSAULT", "190", [CAV1],
      [KPA], D("1950-07-06"), "1st Cavalry Division's planned Incheon landing",
      loc="Incheon", hyp=True),
    E("the 1st Cavalry Division embarked from Yokohama", "embarked", "MOBILIZE", "154", [CAV1], [],
      D("1950-07-12", "1950-07-14"), "1st Cavalry Division embarks from Yokohama",
      mode="troops", loc="Yokohama"),
    E("The Operation Chromite amphibious assault", "assault", "ASSAULT", "190", [US, SK, KPA], [],
      INCH, "Operation Chromite amphibious assault of Incheon", loc="Incheon",
      same="incheon"),
    E("Soon after the war began", "war", "ASSAULT", "190", KWAR_SIDES, [], KWAR,
      "The Korean War begins", same="kwar"),
    E("he activated his attack USA-USMC-ROKA force", "activated", "MOBILIZE", "154", [MAC], [KPA],
      D("1950-09-15", mod="BEFORE"), "MacArthur activates X Corps for the Incheon attack",
      mode="troops"),
    E("By the 15 September attack date", "attack", "ASSAULT", "190", [US, SK, KPA], [], INCH,
      "Incheon attack date referred to", loc="Incheon", same="incheon"),
    E("and protracted bombardment facilitated", "bombardment", "ASSAULT", "194", [US], [KPA],
      D("1950-09-15", mod="BEFORE"), "Protracted bombardment of Incheon before the landing",
      mode="heavy-weapons", loc="Incheon"),
    E("a relatively light battle between", "battle", "ASSAULT", "190", [US, SK, KPA], [], INCH,
      "A relatively light battle between US-ROK and KPA at Incheon",
      loc="Incheon", same="incheon"),
    E("The Incheon landing allowed", "landing", "ASSAULT", "190", [US, SK, KPA], [], INCH,
      "Incheon landing referred to", loc="Incheon", same="incheon"),
    E("to begin its northward fighting", "fighting", "ASSAULT", "190", [CAV1], [KPA],
      D("1950-09-15", mod="AFTER"), "1st Cavalry Division fights northward from Pusan"),
    E("effected the \"Pusan Perimeter Breakout\"", "Breakout", "ASSAULT", "190",
      ["Task Force Lynch"], [KPA], D("1950-09"), "Task Force Lynch breaks out of the Pusan Perimeter",
      loc="Osan"),
    E("The X Corps rapidly defeated the KPA defenders", "defeated", "ASSAULT", "190", [XC], [KPA],
      INCH, "X Corps rapidly defeats the KPA defenders", loc="Incheon",
      same="incheon"),
    E("threatening to trap the main KPA force", "trap", "COERCE", "191", [XC], [KPA], D("1950-09"),
      "X Corps threatens to trap the main KPA force in the South",
      mode="restrict", hyp=True),
    E("Gen. MacArthur quickly recaptured Seoul", "recaptured", "COERCE", "192", [MAC], [KPA],
      D("1950-09"), "MacArthur recaptures Seoul", mode="seize", loc="Seoul"),
    E("the almost-isolated KPA rapidly retreated north", "retreated", "RETREAT", "0874", [KPA],
      [UNCMD], D("1950-09"), "Almost-isolated KPA retreats north", mode="withdraw"),
    E("The UN Offensive: North Korea invaded", "invaded", "ASSAULT", "190", [UNCMD], [NK],
      D("1950-09", "1950-10"), "Heading: the UN offensive invades North Korea",
      loc="North Korea", lab="uninv"),
    E("the UN Command repelled the KPA northwards", "repelled", "ASSAULT", "190", [UNCMD], [KPA],
      D("1950-10-01"), "UN Command drives the KPA back past the 38th parallel"),
    E("the ROK Army crossed after them, into North Korea", "crossed", "ASSAULT", "190", [ROKA],
      [NK], D("1950-10-01"), "ROK Army crosses into North Korea", loc="North Korea",
      same="uninv"),
    E("with UN authorization", "authorization", "SUPPORT", "051", [UNO], [UNCMD], D("1950-10-07"),
      "United Nations authorizes the advance into North Korea"),
    E("the UN Command forces followed the ROK forces northwards", "followed", "ASSAULT", "190",
      [UNCMD], [NK], D("1950-10-07"), "UN Command forces follow the ROK Army into North Korea",
      loc="North Korea", same="uninv"),
    E("The X Corps landed at Wonsan", "landed", "MOBILIZE", "154", [XC], [NK], D("1950-10"),
      "X Corps lands at Wonsan and Iwon", mode="troops", loc="Wonsan"),
    E("already captured by ROK forces", "captured", "COERCE", "192", [SK], [NK], D("1950-10"),
      "ROK forces capture Wonsan and Iwon", mode="seize", loc="Wonsan"),
    E("and the ROK Army drove up western Korea", "drove up", "MOBILIZE", "154",
      ["Eighth United States Army", ROKA], [NK], D("1950-10"),
      "Eighth Army and ROK Army drive up western Korea", mode="troops"),
    E("and captured Pyongyang city", "captured", "COERCE", "192",
      ["Eighth United States Army", ROKA], [NK], D("1950-10-19"),
      "Eighth Army and ROK Army capture Pyongyang", mode="seize", loc="Pyongyang"),
    E("UN forces held 135,000 KPA prisoners of war", "held", "COERCE", "173", [UNCMD], [KPA],
      D("1950-10", mod="END"), "UN forces hold 135,000 KPA prisoners of war", mode="arrest"),
    E("to extend the Korean War into Communist China", "extend", "ASSAULT", "190", [MAC], [PRC],
      D("1950-10"), "MacArthur wants to extend the war into China", hyp=True),
    E("extend the Korean War into", "Korean War", "ASSAULT", "190", KWAR_SIDES, [], KWAR,
      "The Korean War referred to", same="kwar"),
    E("to destroy the PRC depots", "destroy", "ASSAULT", "1712", [MAC], [PRC], D("1950-10"),
      "Proposed destruction of Chinese supply depots", mode="destroy", hyp=True),
    E("PRC depots supplying the North Korean war effort", "supplying", "AID", "072", [PRC], [NK],
      D("1950-10"), "China supplies the North Korean war effort"),
]

SPEC = {"03_AmCivWar": (ACW, None), "06_KoreanWar": (KOREA, 12661)}


# ---------------------------------------------------------------------------
def find_once(data, needle, what):
    b = needle.encode("utf-8")
    i = data.find(b)
    if i < 0:
        raise SystemExit(f"{what}: context not found: {needle!r}")
    if data.find(b, i + 1) >= 0:
        raise SystemExit(f"{what}: context not unique: {needle!r}")
    return i


def build(doc, spec):
    data = open(os.path.join(DOCS, doc + ".txt"), "rb").read()
    sents = sentences(data)
    rows = []
    for k, a in enumerate(spec):
        what = f"{doc} spec #{k} ({a['trig']})"
        c = find_once(data, a["ctx"], what)
        t = data.find(a["trig"].encode("utf-8"), c, c + len(a["ctx"].encode("utf-8")))
        if t < 0:
            raise SystemExit(f"{what}: trigger not inside context")
        te = t + len(a["trig"].encode("utf-8"))
        ss = [s for s in sents if s[0] <= t and te <= s[1]]
        if len(ss) != 1:
            raise SystemExit(f"{what}: trigger not inside exactly one sentence")
        rows.append((t, te, ss[0], a))
    rows.sort(key=lambda r: (r[0], r[1]))
    seen = set()
    for r in rows:
        if (r[0], r[1]) in seen:
            raise SystemExit(f"{doc}: two annotations on one trigger span {r[:2]}")
        seen.add((r[0], r[1]))
    ids, out = {}, []
    for n, (t, te, (s0, s1), a) in enumerate(rows, 1):
        eid = f"E{n}"
        if a["lab"]:
            if a["lab"] in ids:
                raise SystemExit(f"{doc}: duplicate label {a['lab']}")
            ids[a["lab"]] = eid
        rec = {"id": eid, "sentence_start": s0, "sentence_end": s1,
               "trigger": {"start": t, "end": te, "text": data[t:te].decode("utf-8")},
               "type": a["type"]}
        if a["mode"]:
            rec["mode"] = a["mode"]
        rec["cameo"] = a["cameo"]
        rec["goldstein"] = GS[a["cameo"]]
        rec["source"] = a["source"]
        rec["target"] = a["target"]
        rec["date"] = a["date"]
        if a["location"]:
            rec["location"] = a["location"]
        if a["negated"]:
            rec["negated"] = True
        if a["hypothetical"]:
            rec["hypothetical"] = True
        if a["same"]:
            if a["same"] not in ids:
                raise SystemExit(f"{doc}: same_as label {a['same']!r} not defined earlier ({eid})")
            rec["same_as"] = ids[a["same"]]
        rec["summary"] = a["summary"]
        out.append(rec)
    path = os.path.join(HERE, doc + ".events.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(out)


def write_scope():
    with open(os.path.join(HERE, "scope.tsv"), "w", encoding="utf-8") as f:
        for doc, (_, end) in SPEC.items():
            if end is not None:
                f.write(f"{doc}\t{end}\n")


def read_scope():
    scope = {}
    p = os.path.join(HERE, "scope.tsv")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            if line.strip():
                d, e = line.rstrip("\n").split("\t")
                scope[d] = int(e)
    return scope


def check_date(d, where, errs):
    if d is None:
        return
    if not isinstance(d, dict) or set(d) - {"value", "end", "mod"} or "value" not in d:
        errs.append(f"{where}: bad date {d!r}")
        return
    for k in ("value", "end"):
        if k in d and not TIMEX.match(d[k]):
            errs.append(f"{where}: bad date {k} {d[k]!r}")
    if "mod" in d and d["mod"] not in MODS:
        errs.append(f"{where}: bad mod {d['mod']!r}")


def validate():
    errs = []
    for code, v in GUIDE.items():
        if code in GDELT and GDELT[code] != v:
            errs.append(f"Goldstein tables disagree on {code}")
    scope = read_scope()
    totals = Counter()
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".events.jsonl"))
    if not files:
        errs.append("no *.events.jsonl files")
    for fn in files:
        doc = fn[: -len(".events.jsonl")]
        data = open(os.path.join(DOCS, doc + ".txt"), "rb").read()
        sents = set(sentences(data))
        end_scope = scope.get(doc, len(data))
        if doc in scope and not any(s[1] == end_scope for s in sents):
            errs.append(f"{doc}: scope end {end_scope} is not a sentence end")
        recs = [json.loads(l) for l in open(os.path.join(HERE, fn), encoding="utf-8") if l.strip()]
        byid = {}
        last = (-1, -1)
        for n, r in enumerate(recs, 1):
            w = f"{fn}:{n}"
            keys = list(r)
            if [k for k in FIELDS if k in r] != keys:
                errs.append(f"{w}: fields missing, unknown or out of order: {keys}")
            for k in ("id", "sentence_start", "sentence_end", "trigger", "type", "cameo",
                      "goldstein", "source", "target", "date", "summary"):
                if k not in r:
                    errs.append(f"{w}: missing {k}")
            if r.get("id") != f"E{n}":
                errs.append(f"{w}: id {r.get('id')} should be E{n}")
            byid[r["id"]] = r
            tr = r["trigger"]
            if data[tr["start"]:tr["end"]].decode("utf-8") != tr["text"]:
                errs.append(f"{w}: trigger text mismatch")
            if tr["text"] != tr["text"].strip() or not tr["text"]:
                errs.append(f"{w}: trigger has edge spaces or is empty")
            if not (r["sentence_start"] <= tr["start"] < tr["end"] <= r["sentence_end"]):
                errs.append(f"{w}: sentence does not contain trigger")
            if (r["sentence_start"], r["sentence_end"]) not in sents:
                errs.append(f"{w}: sentence span is not a sentence of the splitter")
            if tr["end"] > end_scope:
                errs.append(f"{w}: trigger beyond scope end {end_scope}")
            if (tr["start"], tr["end"]) <= last:
                errs.append(f"{w}: not in document order / duplicate span")
            last = (tr["start"], tr["end"])
            ty, cam = r["type"], r["cameo"]
            if ty not in TYPE_CODES:
                errs.append(f"{w}: unknown type {ty}")
            else:
                ok = any(cam.startswith(p) for p in TYPE_CODES[ty])
                if any(cam.startswith(p) for p in EXCLUDE.get(ty, ())):
                    ok = False
                if not ok:
                    errs.append(f"{w}: CAMEO {cam} does not belong to {ty}")
            if cam not in GS:
                errs.append(f"{w}: CAMEO {cam} has no Goldstein value in the tables")
            elif r["goldstein"] != GS[cam]:
                errs.append(f"{w}: goldstein {r['goldstein']} != table {GS[cam]} for {cam}")
            if "mode" in r and r["mode"] not in MODES.get(ty, set()):
                errs.append(f"{w}: mode {r['mode']!r} not allowed for {ty}")
            for k in ("source", "target"):
                if not isinstance(r[k], list) or not all(isinstance(x, str) and x for x in r[k]):
                    errs.append(f"{w}: {k} must be a list of titles")
            if not r["source"] and not r["target"]:
                errs.append(f"{w}: no actor at all")
            if r["target"] and set(r["target"]) & set(r["source"]):
                errs.append(f"{w}: actor in both source and target")
            check_date(r["date"], w, errs)
            for k in ("negated", "hypothetical"):
                if k in r and r[k] is not True:
                    errs.append(f"{w}: {k} present but not true")
            if "location" in r and not r["location"]:
                errs.append(f"{w}: empty location")
            if not (10 <= len(r["summary"]) <= 80):
                errs.append(f"{w}: summary length {len(r['summary'])}")
            if "same_as" in r:
                a = byid.get(r["same_as"])
                if a is None:
                    errs.append(f"{w}: same_as {r['same_as']} is not an earlier id")
                else:
                    if "same_as" in a:
                        errs.append(f"{w}: same_as points to {a['id']}, which is not a root")
                    if a["type"] != ty:
                        errs.append(f"{w}: same_as root has type {a['type']}, not {ty}")
            totals[ty] += 1
        print(f"{fn}: {len(recs)} events; " + ", ".join(
            f"{k} {v}" for k, v in Counter(r["type"] for r in recs).most_common()))
    print("total:", sum(totals.values()), "; " + ", ".join(f"{k} {v}" for k, v in totals.most_common()))
    if errs:
        print("\n".join(errs))
        raise SystemExit(f"{len(errs)} problem(s)")
    print("all checks passed")


if __name__ == "__main__":
    if "--check" not in sys.argv:
        for doc, (spec, _) in SPEC.items():
            build(doc, spec)
        write_scope()
    validate()
