/* pug-guide: the rules the browser shares with pugguide/groups/places.py, for the
 * directory's "near" search and the add-your-group form's duplicate warning:
 * look-up keys, shard names and great-circle distances. Loaded before either. */
"use strict";
window.pugguidePlaces = (function () {
  // Characters of a key that name its shard (places.PREFIX), and the gazetteer's shards.
  const PREFIX = 3, SHARDS = 1024;
  const LETTERS = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss" };

  // places.key(): accents folded, lower case, runs of spaces and hyphens one space.
  function key(text) {
    return text.trim().toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/[łøđħıæœß]/g, (c) => LETTERS[c])
      .replace(/[\s\-\u2010-\u2015_.,'\u2019\u00b7]+/g, " ").trim();
  }

  // places.shard_name(): 32-bit FNV-1a of the key's first PREFIX characters (one for CJK).
  function shardName(folded, count = SHARDS) {
    const chars = [...folded];
    const size = chars.length && chars[0] < "\u2e80" ? PREFIX : 1;
    let value = 0x811c9dc5;
    for (const c of chars.slice(0, size)) {
      value = Math.imul(value ^ c.codePointAt(0), 0x01000193) >>> 0;
    }
    return (value % count).toString(16).padStart(3, "0");
  }

  // Great-circle distance in km, on the mean Earth radius.
  const EARTH_KM = 6371.0088;
  function haversine(lat1, lon1, lat2, lon2) {
    const rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    const a = Math.sin(dLat / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  return { PREFIX, key, shardName, haversine, EARTH_KM };
})();
