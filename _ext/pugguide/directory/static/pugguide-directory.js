/* pug-guide group directory: search, filter and "groups near a place".
 *
 * The static page already lists every country; this script adds, inside each
 * <div class="pug-filter" data-groups="…/groups.json">, a search box with filters
 * and a "near" box. It never fetches groups.json (that is a download): it reads the
 * compact index search/index.json beside it, and for a place name one shard of the
 * offline gazetteer, search/places/<hash>.json (see pugguide/groups/places.py).
 * Values from the data are only ever set as text (textContent, attributes), never
 * parsed as HTML. Nothing is loaded from another host, and a position from
 * "Use my location" stays in this page: it is neither sent nor put in the address.
 */
"use strict";
(function () {
  const MAX_SHOWN = 100;
  const NEAR_SHOWN = 10;
  const FAR_KM = 300;
  const PREFIX = 3, SHARDS = 1024;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }

  function select(name, label, values) {
    const s = el("select", { name: name });
    s.append(el("option", { value: "" }, "any"));
    for (const [value, text] of values) s.append(el("option", { value: value }, text));
    return el("label", {}, label, s);
  }

  function sorted(map) {
    return [...map.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // The gazetteer's look-up key: the same as places.key() in Python.
  const LETTERS = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss" };
  function placeKey(text) {
    return text.trim().toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/[łøđħıæœß]/g, (c) => LETTERS[c])
      .replace(/[\s\-\u2010-\u2015_.,'\u2019\u00b7]+/g, " ").trim();
  }

  function shardName(key) {
    const chars = [...key];
    const size = chars.length && chars[0] < "\u2e80" ? PREFIX : 1;
    let value = 0x811c9dc5;
    for (const c of chars.slice(0, size)) {
      value = Math.imul(value ^ c.codePointAt(0), 0x01000193) >>> 0;
    }
    return (value % SHARDS).toString(16).padStart(3, "0");
  }

  function haversine(lat1, lon1, lat2, lon2) {
    const rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    const a = Math.sin(dLat / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  const COORDS = /^\s*([-+]?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$/;
  function coordinates(text) {
    const m = COORDS.exec(text);
    if (!m) return null;
    const lat = Number(m[1]), lon = Number(m[2]);
    return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
  }

  function setUp(box, index, indexUrl) {
    const groupsUrl = new URL(box.dataset.groups, location.href);
    const placesUrl = new URL("places/", indexUrl);
    const at = Object.fromEntries(index.fields.map((f, i) => [f, i]));
    const groups = index.groups.map((row) => {
      const page = row[at.page];
      const g = {
        slug: row[at.slug], name: row[at.name], city: row[at.city], region: row[at.region],
        country: row[at.country], lat: row[at.lat], lon: row[at.lon], status: row[at.status],
        returns: row[at.returns] || "", mark: row[at.mark],
        stale: !!row[at.stale], formats: row[at.formats], languages: row[at.languages],
        page: typeof page === "number" ? `${index.pages[page]}#group-${row[at.slug]}` : page,
      };
      g.country_name = index.countries[g.country] || g.country;
      g._text = fold([g.name, g.city, g.region, g.country_name].join(" "));
      return g;
    });

    const countries = new Map(), regions = new Map(), formats = new Map(), langs = new Map();
    for (const g of groups) {
      countries.set(g.country, g.country_name);
      if (g.region) regions.set(g.region, g.region);
      for (const f of g.formats) formats.set(f, f.replace(/-/g, " "));
      for (const l of g.languages) langs.set(l, l);
    }
    const q = el("input", { type: "search", name: "q", placeholder: "Group, city or words",
                            autocomplete: "off" });
    const form = el("form", { role: "search" },
      el("label", { class: "pug-q" }, "Search", q),
      select("country", "Country", sorted(countries)),
      select("region", "Region or state", sorted(regions)),
      select("format", "Format", sorted(formats)),
      select("language", "Language", sorted(langs)),
      select("status", "Status", [["active", "active"], ["seeking-organizers", "seeking organizers"],
                                  ["paused", "paused"], ["stale", "may be inactive"],
                                  ["inactive", "inactive"]]));
    form.addEventListener("submit", (e) => e.preventDefault());
    // A country page starts the filter on its country; the list under the box already
    // shows those groups, so results appear once the reader narrows further.
    const wanted = (box.dataset.country || "").toLowerCase();
    const preset = { country: [...countries.keys()].find((c) => c.toLowerCase() === wanted) || "" };
    form.elements.country.value = preset.country;
    const status = el("p", { class: "pug-filter-status", role: "status", "aria-live": "polite" });
    const list = el("ul", { class: "pug-results" });

    // -- near a place ------------------------------------------------------------
    const nearInput = el("input", { type: "search", name: "near", autocomplete: "off",
      placeholder: "Town, or latitude, longitude", spellcheck: "false" });
    const locate = el("button", { type: "button", class: "pug-locate" }, "Use my location");
    const nearForm = el("form", { class: "pug-near-form", role: "search" },
      el("label", { class: "pug-near-label" }, "Groups near", nearInput), locate);
    nearForm.addEventListener("submit", (e) => e.preventDefault());
    const privacy = el("p", { class: "pug-near-note" },
      "Your location, if you share it, stays in this browser: the search runs on this page " +
      "and sends it nowhere.");
    const nearStatus = el("p", { class: "pug-near-status", role: "status", "aria-live": "polite" });
    const choices = el("div", { class: "pug-near-choices" });
    const nearList = el("ol", { class: "pug-near-results" });
    const onlineBox = el("div", { class: "pug-near-online-box" });
    const near = el("section", { class: "pug-near", "aria-label": "Groups near a place" },
      nearForm, privacy, nearStatus, choices, nearList, onlineBox);
    box.append(near, form, status, list);

    function filters() {
      return Object.fromEntries(new FormData(form).entries());
    }

    function passes(g, f, withPlace) {
      return (!withPlace || !f.country || g.country === f.country) &&
        (!withPlace || !f.region || g.region === f.region) &&
        (!f.format || g.formats.includes(f.format)) &&
        (!f.language || g.languages.includes(f.language)) &&
        (!f.status || kind(g) === f.status);
    }

    // The mark a group carries comes with the index (groups/entries.py status_kind).
    const kind = (g) => g.mark;
    const MARKS = {
      inactive: ["pug-inactive", "inactive"], paused: ["pug-paused", "paused"],
      stale: ["pug-stale", "may be inactive"],
      "seeking-organizers": ["pug-seeking", "seeking organizers"],
    };

    function mark(item, g) {
      const found = MARKS[kind(g)];
      if (!found) return;
      const words = kind(g) === "paused" && g.returns ? `paused until ${g.returns}` : found[1];
      item.append(" ", el("span", { class: `pug-badge ${found[0]}` }, words));
    }

    function where(g) {
      // As the pages show it: no region the city already names.
      const region = g.region && !g.city.includes(g.region) ? g.region : "";
      return [g.city, region, g.country_name].filter(Boolean).join(", ");
    }

    function link(g) {
      return el("a", { href: new URL(g.page, groupsUrl).href }, g.name);
    }

    let shown = null;
    function update() {
      const f = filters();
      // "change" fires again when the search box loses focus, e.g. on a click on a
      // result: re-rendering then would pull the link away from under the pointer.
      const key = JSON.stringify(f);
      if (key === shown) return;
      shown = key;
      const words = fold(f.q).split(/\s+/).filter(Boolean);
      const hits = groups.filter((g) => passes(g, f, true) && words.every((w) => g._text.includes(w)));
      const filtering = words.length ||
        Object.entries(f).some(([k, v]) => k !== "q" && v && v !== (preset[k] || ""));
      list.replaceChildren(...(filtering ? hits : []).slice(0, MAX_SHOWN).map((g) => {
        const item = el("li", { class: "pug-result", "data-slug": g.slug }, link(g), " ",
                        el("span", { class: "pug-where" }, where(g)));
        mark(item, g);
        return item;
      }));
      status.textContent = !filtering
        ? `${groups.length} groups; type or choose to narrow the list.`
        : `${hits.length} of ${groups.length} groups match` +
          (hits.length > MAX_SHOWN ? `; showing the first ${MAX_SHOWN}.` : ".");
      if (here) showNear(here);
    }

    // The place the near results are about: {lat, lon, label}, or null.
    let here = null;
    const shards = new Map();
    function shard(name) {
      if (!shards.has(name)) {
        shards.set(name, fetch(new URL(`${name}.json`, placesUrl))
          .then((r) => { if (!r.ok) throw new Error(r.statusText); return r.json(); })
          .catch(() => null));
      }
      return shards.get(name);
    }

    function placeLabel(p) {
      return [p[0], p[1], index.countries[p[2]] || p[2]].filter(Boolean).join(", ");
    }

    // Places called *text*, the same town once (a city and its districts share a name).
    async function places(text) {
      const key = placeKey(text);
      if (!key) return [];
      const data = await shard(shardName(key));
      if (!data) return [];
      let found = (data.k[key] || []).map((i) => data.p[i]);
      if (!found.length && [...key].length >= PREFIX) {
        // Not a whole name: the biggest places whose name starts so.
        const seen = new Set();
        for (const [k, ids] of Object.entries(data.k)) {
          if (k.startsWith(key)) for (const i of ids) seen.add(i);
        }
        found = [...seen].map((i) => data.p[i]).sort((a, b) => b[5] - a[5]).slice(0, 8);
      }
      const kept = [];
      for (const p of found) {
        if (!kept.some((k) => k[0] === p[0] && k[2] === p[2] && k[1] === p[1] &&
                              haversine(k[3], k[4], p[3], p[4]) < 30)) kept.push(p);
      }
      return kept;
    }

    function setAddress(near, atValue) {
      const url = new URL(location.href);
      if (near) url.searchParams.set("near", near); else url.searchParams.delete("near");
      if (atValue) url.searchParams.set("at", atValue); else url.searchParams.delete("at");
      history.replaceState(history.state, "", url);
    }

    function clearNear(message) {
      here = null;
      nearStatus.textContent = message;
      choices.replaceChildren();
      nearList.replaceChildren();
      onlineBox.replaceChildren();
    }

    function showNear(place) {
      here = place;
      choices.replaceChildren();
      const f = filters();
      const scored = [];
      for (const g of groups) {
        if (g.lat === null || g.lon === null || g.country === "online" || !passes(g, f, false)) continue;
        scored.push([haversine(place.lat, place.lon, g.lat, g.lon), g]);
      }
      scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name));
      const nearest = scored.slice(0, NEAR_SHOWN);
      nearList.replaceChildren(...nearest.map(([km, g]) => {
        const shownKm = km < 10 ? km.toFixed(1) : Math.round(km).toString();
        const item = el("li", { class: "pug-near-result", "data-slug": g.slug,
                                "data-km": km.toFixed(1) },
          el("span", { class: "pug-km" }, `${shownKm} km`), " ", link(g), " ",
          el("span", { class: "pug-where" }, where(g)));
        mark(item, g);
        return item;
      }));
      const within = scored.filter(([km]) => km <= FAR_KM).length;
      if (!nearest.length) {
        nearStatus.textContent = `No group with a place on the map matches the filters.`;
      } else if (!within) {
        nearStatus.replaceChildren(
          `No group meets within ${FAR_KM} km of ${place.label}: the nearest is ` +
          `${Math.round(nearest[0][0])} km away. You could start one: `,
          el("a", { href: new URL(index.start, indexUrl).href, class: "pug-start" },
             "how to start a group"), ".");
        nearStatus.classList.add("pug-far");
      } else {
        nearStatus.textContent = `${within} group${within === 1 ? "" : "s"} within ${FAR_KM} km ` +
          `of ${place.label}, nearest first.`;
      }
      if (within) nearStatus.classList.remove("pug-far");
      const online = groups.filter((g) => g.country === "online" && passes(g, f, false));
      onlineBox.replaceChildren();
      if (online.length) {
        onlineBox.append(
          el("p", { class: "pug-near-online-title" }, "Groups that meet online, wherever you are:"),
          el("ul", { class: "pug-near-online" }, ...online.slice(0, MAX_SHOWN).map((g) => {
            const item = el("li", { class: "pug-near-online-result", "data-slug": g.slug }, link(g));
            mark(item, g);
            return item;
          })));
      }
    }

    function offerChoice(text, found) {
      here = null;
      nearList.replaceChildren();
      onlineBox.replaceChildren();
      nearStatus.classList.remove("pug-far");
      nearStatus.textContent = `Several places are called ${text}: which one?`;
      choices.replaceChildren(...found.map((p) => {
        const button = el("button", { type: "button", class: "pug-choice",
                                      "data-lat": String(p[3]), "data-lon": String(p[4]) },
                          placeLabel(p));
        button.addEventListener("click", () => {
          setAddress(text, `${p[3]},${p[4]}`);
          showNear({ lat: p[3], lon: p[4], label: placeLabel(p) });
        });
        return button;
      }));
    }

    let asked = 0;
    async function searchNear(text, atValue) {
      const ticket = ++asked;
      const point = coordinates(text);
      if (!text.trim()) { setAddress("", ""); clearNear(""); return; }
      if (point) {
        setAddress(text.trim(), "");
        showNear({ ...point, label: `${point.lat}, ${point.lon}` });
        return;
      }
      const found = await places(text);
      if (ticket !== asked) return;  // the reader typed on meanwhile
      const chosen = atValue && coordinates(atValue);
      const pick = chosen && found.find((p) => Math.abs(p[3] - chosen.lat) < 1e-6 &&
                                               Math.abs(p[4] - chosen.lon) < 1e-6);
      if (pick) {
        setAddress(text.trim(), atValue);
        showNear({ lat: pick[3], lon: pick[4], label: placeLabel(pick) });
      } else if (found.length === 1) {
        setAddress(text.trim(), "");
        showNear({ lat: found[0][3], lon: found[0][4], label: placeLabel(found[0]) });
      } else if (found.length > 1) {
        setAddress(text.trim(), "");
        offerChoice(text.trim(), found);
      } else {
        setAddress(text.trim(), "");
        clearNear([...placeKey(text)].length < PREFIX && placeKey(text) < "\u2e80"
          ? "Type a few more letters of the place's name."
          : `No town of 15,000 people or more is called ${text.trim()}; try a bigger ` +
            `town nearby, or type its coordinates (latitude, longitude).`);
      }
    }

    nearInput.addEventListener("input", () => searchNear(nearInput.value, ""));
    locate.addEventListener("click", () => {
      if (!navigator.geolocation) { clearNear("This browser cannot tell its location."); return; }
      nearStatus.textContent = "Asking the browser for your location…";
      navigator.geolocation.getCurrentPosition((position) => {
        asked++;
        nearInput.value = "";
        setAddress("", "");  // a position is never written into the address
        showNear({ lat: position.coords.latitude, lon: position.coords.longitude,
                   label: "your location" });
      }, () => clearNear("The browser did not give a location; type a place instead."),
      { maximumAge: 600000, timeout: 15000 });
    });

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
    box.hidden = false;
    const params = new URLSearchParams(location.search);
    if (params.get("near")) {
      nearInput.value = params.get("near");
      searchNear(nearInput.value, params.get("at") || "");
    }
  }

  for (const box of document.querySelectorAll(".pug-filter[data-groups]")) {
    const indexUrl = new URL("search/index.json", new URL(box.dataset.groups, location.href));
    fetch(indexUrl)
      .then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then((index) => setUp(box, index, indexUrl))
      .catch(() => { /* the static country list below still works */ });
  }
})();
