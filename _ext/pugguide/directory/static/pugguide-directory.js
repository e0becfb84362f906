/* pug-guide group directory: search, filter and "groups near a place".
 *
 * The static page already lists every country; this script adds, inside each
 * <div class="pug-filter" data-groups="…/groups.json">, a search box with filters
 * and a "near" box. It never fetches groups.json (that is a download): it reads the
 * split index in search/ beside it (pugguide/groups/searchindex.py), fetching only
 * what a query needs: the index of counts and choices, one shard of words per word
 * typed, the points for a near search, and the files of the rows it shows; for a
 * place name, one shard of the offline gazetteer (pugguide/groups/places.py).
 * Values from the data are only ever set as text (textContent, attributes), never
 * parsed as HTML. Nothing is loaded from another host, and a position from
 * "Use my location" stays in this page: it is neither sent nor put in the address.
 */
"use strict";
(function () {
  const MAX_SHOWN = 100;
  const NEAR_SHOWN = 10;
  const FAR_KM = 300;

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

  const { PREFIX, key: placeKey, shardName, haversine, EARTH_KM } = window.pugguidePlaces;

  // A word long enough to name its shard: three letters, or one CJK character.
  const searchable = (word) => [...word].length >= PREFIX || word >= "\u2e80";

  // Fetches each file once; a failed one gives null (the page keeps working).
  function loader(base) {
    const cache = new Map();
    return (path) => {
      if (!cache.has(path)) {
        cache.set(path, fetch(new URL(path, base))
          .then((r) => { if (!r.ok) throw new Error(r.statusText); return r.json(); })
          .catch(() => null));
      }
      return cache.get(path);
    };
  }

  function inRuns(runs, n) {
    return runs.some(([first, end]) => n >= first && n < end);
  }

  function* numbers(runs) {
    for (const [first, end] of runs) for (let n = first; n < end; n++) yield n;
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
    const get = loader(indexUrl);
    const at = Object.fromEntries(index.fields.map((f, i) => [f, i]));
    const countryName = (cc) => (index.countries[cc] || [cc])[0];
    const online = index.countries.online ? index.countries.online[1] : [];

    // The rows the index brings (the first online groups), by number.
    const known = new Map(index.online.map((row, i) => [online.length ? online[0][0] + i : i, row]));

    // Group number -> its row ({slug, name, ...}), from the file holding it.
    async function rows(ids) {
      const files = [...new Set(ids.filter((n) => !known.has(n))
                                   .map((n) => Math.floor(n / index.chunk)))];
      const loaded = await Promise.all(files.map((f) => get(`groups/${f}.json`)));
      const byFile = new Map(files.map((f, i) => [f, loaded[i]]));
      return ids.map((n) => {
        const chunk = byFile.get(Math.floor(n / index.chunk));
        const row = known.get(n) || (chunk && chunk[n % index.chunk]);
        if (!row) return null;
        const page = row[at.page];
        return {
          n, slug: row[at.slug], name: row[at.name], city: row[at.city],
          region: row[at.region], country: row[at.country], status: row[at.status],
          returns: row[at.returns] || "", mark: row[at.mark],
          country_name: countryName(row[at.country]),
          page: typeof page === "number" ? `${index.pages[page]}#group-${row[at.slug]}` : page,
        };
      }).filter(Boolean);
    }

    // The groups whose words start with *word*.
    async function matching(word) {
      const shard = await get(`words/${shardName(word, index.shards)}.json`);
      const found = new Set();
      for (const [w, ids] of Object.entries(shard || {})) {
        if (w.startsWith(word)) for (const n of ids) found.add(n);
      }
      return found;
    }

    // Filters by mark, format and language need facets.json: [mark, formats, languages]
    // as numbers for each group (bit masks of index.formats and index.languages).
    const everyGroup = () => true;
    async function facetTest(f) {
      if (!f.format && !f.language && !f.status) return everyGroup;
      const facets = await get("facets.json");
      if (!facets) return () => false;
      const mark = f.status ? index.marks.indexOf(f.status) : -1;
      const format = f.format ? 1 << index.formats.indexOf(f.format) : 0;
      const language = f.language ? 1 << index.languages.indexOf(f.language) : 0;
      return (n) => (mark < 0 || facets[3 * n] === mark) &&
        (!format || (facets[3 * n + 1] & format)) &&
        (!language || (facets[3 * n + 2] & language));
    }

    const regionNames = new Set();
    for (const found of Object.values(index.regions)) {
      for (const region of Object.keys(found)) regionNames.add(region);
    }
    const countries = new Map(Object.entries(index.countries).map(([cc, v]) => [cc, v[0]]));
    const regions = new Map([...regionNames].map((r) => [r, r]));
    const formats = new Map(index.formats.map((f) => [f, f.replace(/-/g, " ")]));
    const langs = new Map(index.languages.map((l) => [l, l]));
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

    // The mark a group carries comes with its row (groups/entries.py status_kind).
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

    // The runs of group numbers in the chosen country and region, or null.
    function placeRuns(f) {
      if (f.region) {
        const within = f.country ? [index.regions[f.country] || {}] : Object.values(index.regions);
        return within.flatMap((r) => r[f.region] || []);
      }
      return f.country ? (index.countries[f.country] || [null, []])[1] : null;
    }

    // The numbers of the groups a query finds (directory order), or null when it
    // asks nothing; *short* gets the words too short to look up.
    async function search(f, short) {
      const words = placeKey(f.q || "").split(" ").filter(Boolean);
      const lookups = words.filter(searchable);
      short.push(...words.filter((w) => !searchable(w)));
      const narrowed = Object.entries(f).some(([k, v]) => k !== "q" && v && v !== (preset[k] || ""));
      if (!lookups.length && !narrowed) return null;
      let ids = null;
      for (const found of await Promise.all(lookups.map(matching))) {
        ids = ids === null ? found : new Set([...ids].filter((n) => found.has(n)));
      }
      const place = placeRuns(f);
      let hits = ids === null
        ? (place ? [...numbers(place)] : [...Array(index.count).keys()])
        : [...ids].filter((n) => !place || inRuns(place, n)).sort((a, b) => a - b);
      const test = await facetTest(f);
      hits = hits.filter(test);
      return hits;
    }

    let shown = null, searched = 0;
    async function update() {
      const f = filters();
      // "change" fires again when the search box loses focus, e.g. on a click on a
      // result: re-rendering then would pull the link away from under the pointer.
      const key = JSON.stringify(f);
      if (key === shown) return;
      shown = key;
      const ticket = ++searched;
      list.setAttribute("aria-busy", "true");  // until this query's results are in
      const short = [];
      const hits = await search(f, short);
      const found = hits ? await rows(hits.slice(0, MAX_SHOWN)) : [];
      if (ticket !== searched) return;  // the reader typed on meanwhile
      list.removeAttribute("aria-busy");
      list.replaceChildren(...found.map((g) => {
        const item = el("li", { class: "pug-result", "data-slug": g.slug }, link(g), " ",
                        el("span", { class: "pug-where" }, where(g)));
        mark(item, g);
        return item;
      }));
      const skipped = short.length ? ` (${short.join(", ")}: too short to look up)` : "";
      status.textContent = hits === null
        ? (short.length ? `Type at least ${PREFIX} letters of a word.`
                        : `${index.count} groups; type or choose to narrow the list.`)
        : `${hits.length} of ${index.count} groups match${skipped}` +
          (hits.length > MAX_SHOWN ? `; showing the first ${MAX_SHOWN}.` : ".");
      if (here) showNear(here);
    }

    // The place the near results are about: {lat, lon, label}, or null.
    let here = null;
    const shard = (name) => get(`places/${name}.json`);

    function placeLabel(p) {
      return [p[0], p[1], countryName(p[2])].filter(Boolean).join(", ");
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
      nearTicket++;  // a near search still under way shows nothing
      nearStatus.textContent = message;
      choices.replaceChildren();
      nearList.replaceChildren();
      onlineBox.replaceChildren();
    }

    // points.json as typed arrays, once: radians, the cosine of each latitude, and
    // which groups can be measured (a place, not online).
    let geo = null;
    async function places2d() {
      if (!geo) {
        const points = await get("points.json");
        if (!points) return null;
        const count = index.count, rad = Math.PI / 18000;
        geo = { lat: new Float64Array(count), lon: new Float64Array(count),
                cos: new Float64Array(count), ok: new Uint8Array(count) };
        for (let n = 0; n < count; n++) {
          const lat = points[2 * n], lon = points[2 * n + 1];
          if (lat === null || lon === null) continue;
          geo.lat[n] = lat * rad; geo.lon[n] = lon * rad; geo.cos[n] = Math.cos(lat * rad);
          geo.ok[n] = 1;
        }
        for (const n of numbers(online)) geo.ok[n] = 0;
      }
      return geo;
    }

    // One pass: the NEAR_SHOWN nearest groups to *place* that pass *test*, as sorted
    // [km, number] pairs, and how many lie within FAR_KM. Great-circle distances.
    let lastNearest = null;
    function nearestTo(g, place, test) {
      // The reader's pick is usually the candidate measured while they chose.
      const key = `${place.lat},${place.lon}`;
      if (lastNearest && lastNearest.key === key && lastNearest.test === test) return lastNearest;
      lastNearest = { key, test, ...measure(g, place, test) };
      return lastNearest;
    }

    function measure(g, place, test) {
      const rad = Math.PI / 180, lat1 = place.lat * rad, lon1 = place.lon * rad;
      const cos1 = Math.cos(lat1);
      const nearest = [];
      let within = 0;
      for (let n = 0; n < index.count; n++) {
        if (!g.ok[n] || !test(n)) continue;
        // haversine() unrolled over the typed arrays: radians and cosines computed once.
        const a = Math.sin((g.lat[n] - lat1) / 2) ** 2 +
          cos1 * g.cos[n] * Math.sin((g.lon[n] - lon1) / 2) ** 2;
        const km = 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
        if (km <= FAR_KM) within++;
        if (nearest.length === NEAR_SHOWN && km >= nearest[NEAR_SHOWN - 1][0]) continue;
        let i = nearest.length;
        while (i > 0 && nearest[i - 1][0] > km) i--;
        nearest.splice(i, 0, [km, n]);
        if (nearest.length > NEAR_SHOWN) nearest.pop();
      }
      return { nearest, within };
    }

    let nearTicket = 0;
    async function showNear(place) {
      here = place;
      const ticket = ++nearTicket;
      const f = filters();
      const [g, test] = await Promise.all([places2d(), facetTest(f)]);
      if (ticket !== nearTicket) return;
      choices.replaceChildren();
      if (!g) { clearNear("The directory's places could not be loaded."); return; }
      const { nearest, within } = nearestTo(g, place, test);
      const onlineIds = [...numbers(online)].filter(test);
      const [found, remote] = await Promise.all([
        rows(nearest.map(([, n]) => n)), rows(onlineIds.slice(0, NEAR_SHOWN))]);
      // Groups for the whole country (or state, region) the place is in: a typed
      // place knows its country; a position takes that of the nearest group near it.
      const country = place.country ||
        (found.length && nearest[0][0] <= FAR_KM ? found[0].country : "");
      const runs = country ? (index.countries[country] || [null, []])[1] : [];
      const wide = await rows(index.wide.filter((n) => inRuns(runs, n) && test(n)));
      if (ticket !== nearTicket) return;
      nearList.replaceChildren(...found.map((g, i) => {
        const km = nearest[i][0];
        const shownKm = km < 10 ? km.toFixed(1) : Math.round(km).toString();
        const item = el("li", { class: "pug-near-result", "data-slug": g.slug,
                                "data-km": km.toFixed(1) },
          el("span", { class: "pug-km" }, `${shownKm} km`), " ", link(g), " ",
          el("span", { class: "pug-where" }, where(g)));
        mark(item, g);
        return item;
      }));
      nearStatus.classList.toggle("pug-far", !within && nearest.length > 0);
      if (!nearest.length) {
        nearStatus.textContent = `No group with a place on the map matches the filters.`;
      } else if (!within) {
        nearStatus.replaceChildren(
          `No group meets within ${FAR_KM} km of ${place.label}: the nearest is ` +
          `${Math.round(nearest[0][0])} km away. You could start one: `,
          el("a", { href: new URL(index.start, groupsUrl).href, class: "pug-start" },
             "how to start a group"), ".");
      } else {
        // Say what the list holds: the nearest NEAR_SHOWN, some maybe beyond FAR_KM.
        const shown = nearest.length;
        const count = `${within} group${within === 1 ? "" : "s"} within ${FAR_KM} km ` +
          `of ${place.label}`;
        nearStatus.textContent = within > shown ? `${count}; the ${shown} nearest:` :
          within < shown ? `${count}, nearest first, then the next ${shown - within} beyond.` :
          `${count}, nearest first.`;
      }
      onlineBox.replaceChildren();
      if (wide.length) {
        onlineBox.append(
          el("p", { class: "pug-near-wide-title" },
             `Groups for all of ${countryName(country)} or one of its regions:`),
          el("ul", { class: "pug-near-wide" }, ...wide.map((g) => {
            const item = el("li", { class: "pug-near-wide-result", "data-slug": g.slug },
                            link(g), " ", el("span", { class: "pug-where" }, where(g)));
            mark(item, g);
            return item;
          })));
      }
      if (remote.length) {
        onlineBox.append(
          el("p", { class: "pug-near-online-title" }, "Groups that meet online, wherever you are:"),
          el("ul", { class: "pug-near-online" }, ...remote.map((g) => {
            const item = el("li", { class: "pug-near-online-result", "data-slug": g.slug }, link(g));
            mark(item, g);
            return item;
          })));
        if (onlineIds.length > remote.length) {
          // The rest are on the online groups' own page.
          const page = new URL(remote[0].page.split("#")[0], groupsUrl).href;
          onlineBox.append(el("p", { class: "pug-near-online-more" },
            el("a", { href: page }, `All ${onlineIds.length} groups that meet online`)));
        }
      }
    }

    function offerChoice(text, found) {
      here = null;
      nearTicket++;
      nearList.replaceChildren();
      onlineBox.replaceChildren();
      nearStatus.classList.remove("pug-far");
      nearStatus.textContent = `Several places are called ${text}: which one?`;
      // Most readers want the biggest: fetch the rows its results need meanwhile.
      places2d().then((g) => g && rows(
        nearestTo(g, { lat: found[0][3], lon: found[0][4] }, everyGroup).nearest.map(([, n]) => n)));
      choices.replaceChildren(...found.map((p) => {
        const button = el("button", { type: "button", class: "pug-choice",
                                      "data-lat": String(p[3]), "data-lon": String(p[4]) },
                          placeLabel(p));
        button.addEventListener("click", () => {
          setAddress(text, `${p[3]},${p[4]}`);
          showNear({ lat: p[3], lon: p[4], label: placeLabel(p), country: p[2] });
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
        showNear({ lat: pick[3], lon: pick[4], label: placeLabel(pick), country: pick[2] });
      } else if (found.length === 1) {
        setAddress(text.trim(), "");
        showNear({ lat: found[0][3], lon: found[0][4], label: placeLabel(found[0]),
                   country: found[0][2] });
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
    // Every near search measures against points.json: fetched (and laid out) as the
    // reader starts, the first results need not wait for it.
    nearInput.addEventListener("focus", () => places2d(), { once: true });
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
