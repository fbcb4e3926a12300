#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check an event-atlas v1 dataset (stdlib only).

Usage: check-dataset.py [DATASET.json] [--article TEXT_FILE]

Without a dataset argument the bundled data/aleppo-2016-12-05.json is checked.
With --article, sources[0].text must equal that file's content exactly.

Checks: format and version, required members, vocabularies, ids unique per kind,
every reference resolves to an entry of the right kind, no affiliation/parent
cycles, coordinates in range, areas with >= 3 distinct points, dates parse
(YYYY, YYYY-MM, YYYY-MM-DD, date-time with UTC offset), end not before start,
date_precision not finer than start, every excerpt found verbatim at its offset
(counted in code points, i.e. Python str indices) in its source's text, quotes
verbatim in the source text, fatalities well formed.

Exit status 0 when the dataset passes, 1 otherwise; problems are printed with
their JSON path.
"""

import argparse
import calendar
import datetime
import json
import os
import re
import sys

ACTOR_KINDS = {"person", "government", "state", "armed-group", "military-unit",
               "international-body", "vessel", "aircraft", "civilians", "organisation"}
LOCATION_KINDS = {"country", "city", "district", "neighbourhood", "sea", "site", "region"}
PRECISIONS = ["year", "month", "week", "day", "hour", "minute", "second"]  # coarse → fine
BASES = {"stated", "relative", "approximate", "planned", "reported"}
PLACE_ROLES = {"occurred", "about", "origin", "destination"}
PARTICIPANT_ROLES = {"agent", "target", "victim", "speaker", "subject", "mentioned"}

TIME_RE = re.compile(
    r"^(?P<y>\d{4})"
    r"(?:-(?P<mo>\d{2})"
    r"(?:-(?P<d>\d{2})"
    r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANG_RE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")

errors = []


def err(path, msg):
    errors.append(f"{path}: {msg}")


def is_str(x, nonempty=True):
    return isinstance(x, str) and (len(x) > 0 or not nonempty)


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def parse_time(s):
    """Return (start datetime in UTC, precision) or raise ValueError."""
    if not isinstance(s, str):
        raise ValueError("not a string")
    m = TIME_RE.match(s)
    if not m:
        raise ValueError(f"“{s}” is not YYYY, YYYY-MM, YYYY-MM-DD or a date-time with offset")
    y = int(m["y"])
    mo = int(m["mo"]) if m["mo"] else 1
    d = int(m["d"]) if m["d"] else 1
    if m["h"] is not None and m["tz"] is None:
        raise ValueError(f"date-time “{s}” has no UTC offset")
    h = int(m["h"]) if m["h"] else 0
    mi = int(m["mi"]) if m["mi"] else 0
    sec = int(m["s"]) if m["s"] else 0
    tz = datetime.timezone.utc
    if m["tz"] and m["tz"] != "Z":
        t = m["tz"].replace(":", "")
        sign = 1 if t[0] == "+" else -1
        oh, om = int(t[1:3]), int(t[3:5])
        if oh > 23 or om > 59:
            raise ValueError(f"bad UTC offset in “{s}”")
        tz = datetime.timezone(sign * datetime.timedelta(hours=oh, minutes=om))
    dt = datetime.datetime(y, mo, d, h, mi, sec, tzinfo=tz)  # raises on impossible dates
    if m["s"]:
        prec = "second"
    elif m["h"]:
        prec = "minute"
    elif m["d"]:
        prec = "day"
    elif m["mo"]:
        prec = "month"
    else:
        prec = "year"
    return dt.astimezone(datetime.timezone.utc), prec


def check_names(names, path):
    if not isinstance(names, dict):
        err(path, "names must be an object")
        return
    for lang, n in names.items():
        if not LANG_RE.match(lang):
            err(f"{path}.{lang}", "key is not a language tag")
        if not is_str(n):
            err(f"{path}.{lang}", "name must be a non-empty string")


def collect_ids(items, kind):
    ids = {}
    if not isinstance(items, list):
        err(kind, "must be an array")
        return ids
    for i, it in enumerate(items):
        path = f"{kind}[{i}]"
        if not isinstance(it, dict):
            err(path, "must be an object")
            continue
        iid = it.get("id")
        if not is_str(iid):
            err(f"{path}.id", "must be a non-empty string")
            continue
        if iid in ids:
            err(f"{path}.id", f"duplicate id “{iid}” (also {kind}[{ids[iid]}])")
        else:
            ids[iid] = i
    return ids


def check_cycles(items, kind, member, ids):
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            continue
        own = it.get("id")
        seen = {own}
        cur = it.get(member)
        while cur is not None and cur in ids:
            if cur in seen:
                if cur == own:  # report each cycle on its members only
                    err(f"{kind}[{i}].{member}", f"cycle: “{own}” is its own ancestor")
                break
            seen.add(cur)
            nxt = items[ids[cur]]
            cur = nxt.get(member) if isinstance(nxt, dict) else None


def check(data, article_text=None):
    if not isinstance(data, dict):
        err("$", "top level must be an object")
        return
    if data.get("format") != "event-atlas":
        err("format", "must be “event-atlas”")
    v = data.get("version")
    if not is_int(v):
        err("version", "must be an integer")
    elif v != 1:
        err("version", f"version {v} is not supported (this checker knows version 1)")
    for k in ("title", "description", "language"):
        if k in data and not isinstance(data[k], str):
            err(k, "must be a string")
    if isinstance(data.get("language"), str) and not LANG_RE.match(data["language"]):
        err("language", "not a BCP 47 tag")
    for k in ("actors", "locations", "events"):
        if k not in data:
            err(k, "required")

    sources = data.get("sources", [])
    actors = data.get("actors", [])
    locations = data.get("locations", [])
    events = data.get("events", [])

    source_ids = collect_ids(sources, "sources")
    actor_ids = collect_ids(actors, "actors")
    location_ids = collect_ids(locations, "locations")
    collect_ids(events, "events")
    if not all(isinstance(x, list) for x in (sources, actors, locations, events)):
        return

    # sources
    for i, s in enumerate(sources):
        if not isinstance(s, dict):
            continue
        p = f"sources[{i}]"
        for k in ("title", "publisher", "dateline", "text"):
            if k in s and not isinstance(s[k], str):
                err(f"{p}.{k}", "must be a string")
        if "url" in s and not (s["url"] is None or isinstance(s["url"], str)):
            err(f"{p}.url", "must be a string or null")
        if "published" in s:
            try:
                if not DATE_RE.match(str(s["published"])):
                    raise ValueError("not YYYY-MM-DD")
                datetime.date.fromisoformat(s["published"])
            except ValueError as e:
                err(f"{p}.published", f"not an ISO date: {e}")
    if article_text is not None:
        if not sources or not isinstance(sources[0], dict) or sources[0].get("text") != article_text:
            err("sources[0].text", "differs from the article file")

    # actors
    for i, a in enumerate(actors):
        if not isinstance(a, dict):
            continue
        p = f"actors[{i}]"
        if not is_str(a.get("name")):
            err(f"{p}.name", "must be a non-empty string")
        if "names" in a:
            check_names(a["names"], f"{p}.names")
        if "aliases" in a and not (isinstance(a["aliases"], list)
                                   and all(isinstance(x, str) for x in a["aliases"])):
            err(f"{p}.aliases", "must be an array of strings")
        if "kind" in a and a["kind"] not in ACTOR_KINDS:
            err(f"{p}.kind", f"“{a['kind']}” is not one of {', '.join(sorted(ACTOR_KINDS))}")
        if "affiliation" in a and a["affiliation"] not in actor_ids:
            err(f"{p}.affiliation", f"no actor “{a['affiliation']}”")
        if "description" in a and not isinstance(a["description"], str):
            err(f"{p}.description", "must be a string")
    check_cycles(actors, "actors", "affiliation", actor_ids)

    # locations
    for i, loc in enumerate(locations):
        if not isinstance(loc, dict):
            continue
        p = f"locations[{i}]"
        if not is_str(loc.get("name")):
            err(f"{p}.name", "must be a non-empty string")
        lat, lon = loc.get("lat"), loc.get("lon")
        if not is_num(lat) or not -90 <= lat <= 90:
            err(f"{p}.lat", "must be a number in −90…90")
        if not is_num(lon) or not -180 <= lon <= 180:
            err(f"{p}.lon", "must be a number in −180…180")
        if "names" in loc:
            check_names(loc["names"], f"{p}.names")
        if "kind" in loc and loc["kind"] not in LOCATION_KINDS:
            err(f"{p}.kind", f"“{loc['kind']}” is not one of {', '.join(sorted(LOCATION_KINDS))}")
        if "precision_m" in loc and not (is_num(loc["precision_m"]) and loc["precision_m"] >= 0):
            err(f"{p}.precision_m", "must be a number ≥ 0")
        if "parent" in loc and loc["parent"] not in location_ids:
            err(f"{p}.parent", f"no location “{loc['parent']}”")
        if "area" in loc:
            area = loc["area"]
            if not isinstance(area, list):
                err(f"{p}.area", "must be an array of [lon, lat]")
            else:
                pts = set()
                for j, pt in enumerate(area):
                    if not (isinstance(pt, list) and len(pt) == 2 and all(is_num(c) for c in pt)
                            and -180 <= pt[0] <= 180 and -90 <= pt[1] <= 90):
                        err(f"{p}.area[{j}]", "must be [lon, lat] within range")
                    else:
                        pts.add((pt[0], pt[1]))
                if len(pts) < 3:
                    err(f"{p}.area", "needs at least 3 distinct points")
    check_cycles(locations, "locations", "parent", location_ids)

    # events
    for i, e in enumerate(events):
        if not isinstance(e, dict):
            continue
        p = f"events[{i}]"
        if not is_str(e.get("title")):
            err(f"{p}.title", "must be a non-empty string")
        for k in ("summary", "category", "date_text"):
            if k in e and not isinstance(e[k], str):
                err(f"{p}.{k}", "must be a string")
        start = end = None
        start_prec = None
        if "start" not in e:
            err(f"{p}.start", "required")
        else:
            try:
                start, start_prec = parse_time(e["start"])
            except ValueError as ex:
                err(f"{p}.start", str(ex))
        if "end" in e:
            try:
                end, _ = parse_time(e["end"])
            except ValueError as ex:
                err(f"{p}.end", str(ex))
        if start is not None and end is not None and end < start:
            err(f"{p}.end", "is before start")
        if "date_precision" in e:
            dp = e["date_precision"]
            if dp not in PRECISIONS:
                err(f"{p}.date_precision", f"“{dp}” is not one of {', '.join(PRECISIONS)}")
            elif start_prec and PRECISIONS.index(dp) > PRECISIONS.index(start_prec):
                err(f"{p}.date_precision", f"“{dp}” is finer than start “{e['start']}”")
        if "date_basis" in e and e["date_basis"] not in BASES:
            err(f"{p}.date_basis", f"“{e['date_basis']}” is not one of {', '.join(sorted(BASES))}")

        for j, pl in enumerate(e.get("places", [])):
            pp = f"{p}.places[{j}]"
            if not isinstance(pl, dict):
                err(pp, "must be an object")
                continue
            if pl.get("location") not in location_ids:
                err(f"{pp}.location", f"no location “{pl.get('location')}”")
            if "role" in pl and pl["role"] not in PLACE_ROLES:
                err(f"{pp}.role", f"“{pl['role']}” is not one of {', '.join(sorted(PLACE_ROLES))}")
        for j, pa in enumerate(e.get("participants", [])):
            pp = f"{p}.participants[{j}]"
            if not isinstance(pa, dict):
                err(pp, "must be an object")
                continue
            if pa.get("actor") not in actor_ids:
                err(f"{pp}.actor", f"no actor “{pa.get('actor')}”")
            if "role" in pa and pa["role"] not in PARTICIPANT_ROLES:
                err(f"{pp}.role",
                    f"“{pa['role']}” is not one of {', '.join(sorted(PARTICIPANT_ROLES))}")

        text = None
        src = e.get("source")
        if src is not None:
            sp = f"{p}.source"
            if not isinstance(src, dict):
                err(sp, "must be an object")
            else:
                sid = src.get("source")
                if sid not in source_ids:
                    err(f"{sp}.source", f"no source “{sid}”")
                else:
                    s = sources[source_ids[sid]]
                    text = s.get("text") if isinstance(s, dict) else None
                if "attributed_to" in src and src["attributed_to"] not in actor_ids:
                    err(f"{sp}.attributed_to", f"no actor “{src['attributed_to']}”")
                ex, off = src.get("excerpt"), src.get("offset")
                if ex is not None and not is_str(ex):
                    err(f"{sp}.excerpt", "must be a non-empty string")
                if off is not None and not (is_int(off) and off >= 0):
                    err(f"{sp}.offset", "must be a non-negative integer")
                if isinstance(text, str) and is_str(ex):
                    if off is None:
                        err(f"{sp}.offset", "missing (the source has a text)")
                    elif is_int(off):
                        if text[off:off + len(ex)] != ex:
                            where = text.find(ex)
                            hint = f" (found at {where})" if where >= 0 else " (not in the text)"
                            err(f"{sp}.excerpt", f"not found at offset {off}{hint}")
        for j, qt in enumerate(e.get("quotes", [])):
            qp = f"{p}.quotes[{j}]"
            if not isinstance(qt, dict) or not is_str(qt.get("text")):
                err(qp, "must be an object with a non-empty text")
                continue
            if "actor" in qt and qt["actor"] not in actor_ids:
                err(f"{qp}.actor", f"no actor “{qt['actor']}”")
            if isinstance(text, str) and qt["text"] not in text:
                err(f"{qp}.text", "not found verbatim in the source text")
        if "fatalities" in e:
            fat = e["fatalities"]
            if not isinstance(fat, dict):
                err(f"{p}.fatalities", "must be an object")
            else:
                for k, c in fat.items():
                    fp = f"{p}.fatalities.{k}"
                    if is_int(c):
                        if c < 0:
                            err(fp, "must be ≥ 0")
                    elif isinstance(c, dict):
                        if not (is_int(c.get("count")) and c["count"] >= 0):
                            err(f"{fp}.count", "must be a non-negative integer")
                        if "qualifier" in c and not is_str(c["qualifier"]):
                            err(f"{fp}.qualifier", "must be a non-empty string")
                    else:
                        err(fp, "must be a count or {count, qualifier}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "data", "aleppo-2016-12-05.json"))
    ap = argparse.ArgumentParser(description="Check an event-atlas v1 dataset.")
    ap.add_argument("dataset", nargs="?", default=default)
    ap.add_argument("--article", help="file whose content sources[0].text must equal")
    args = ap.parse_args()

    try:
        with open(args.dataset, encoding="utf-8-sig") as f:
            data = json.load(f)
    except json.JSONDecodeError as ex:
        print(f"{args.dataset}:{ex.lineno}:{ex.colno}: {ex.msg}", file=sys.stderr)
        return 1
    except OSError as ex:
        print(f"{args.dataset}: {ex}", file=sys.stderr)
        return 1

    article = None
    if args.article:
        with open(args.article, encoding="utf-8") as f:
            article = f.read()

    check(data, article)
    if errors:
        for e in errors:
            print(f"{args.dataset}: {e}", file=sys.stderr)
        print(f"FAIL: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print(f"OK: {args.dataset}: {len(data.get('events', []))} events, "
          f"{len(data.get('actors', []))} actors, {len(data.get('locations', []))} locations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
