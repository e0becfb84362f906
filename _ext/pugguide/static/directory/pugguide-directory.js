/* pug-guide group directory: search and filter, from groups.json.
 *
 * The static page already lists every country; this script only adds a search box
 * with filters (text, country, region, format, language, status) over the JSON
 * export. Values from the data are only ever set as text (textContent, option
 * labels), never parsed as HTML. Nothing is loaded from another host.
 */
"use strict";
(function () {
  const MAX_SHOWN = 100;
  const box = document.querySelector(".pug-filter[data-groups]");
  if (!box) return;

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

  function build(data) {
    const groups = data.groups;
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
      select("status", "Status", [["active", "active"], ["stale", "may be inactive"],
                                  ["inactive", "inactive"]]));
    form.addEventListener("submit", (e) => e.preventDefault());
    const status = el("p", { class: "pug-filter-status", role: "status", "aria-live": "polite" });
    const list = el("ul", { class: "pug-results" });
    box.append(form, status, list);
    for (const g of groups) {
      g._text = fold([g.name, g.city, g.region, g.country_name, g.description].join(" "));
    }

    let shown = null;
    function update() {
      const f = Object.fromEntries(new FormData(form).entries());
      // "change" fires again when the search box loses focus, e.g. on a click on a
      // result: re-rendering then would pull the link away from under the pointer.
      const key = JSON.stringify(f);
      if (key === shown) return;
      shown = key;
      const words = fold(f.q).split(/\s+/).filter(Boolean);
      const hits = groups.filter((g) =>
        (!f.country || g.country === f.country) &&
        (!f.region || g.region === f.region) &&
        (!f.format || g.formats.includes(f.format)) &&
        (!f.language || g.languages.includes(f.language)) &&
        (!f.status || (f.status === "inactive" ? g.status === "inactive"
          : f.status === "stale" ? g.status === "active" && g.stale
          : g.status === "active" && !g.stale)) &&
        words.every((w) => g._text.includes(w)));
      const filtering = words.length || Object.entries(f).some(([k, v]) => k !== "q" && v);
      list.replaceChildren(...(filtering ? hits : []).slice(0, MAX_SHOWN).map((g) => {
        const a = el("a", { href: g.page }, g.name);
        // As the pages show it: no region the city already names.
        const region = g.region && !g.city.includes(g.region) ? g.region : "";
        const where = [g.city, region, g.country_name].filter(Boolean).join(", ");
        const item = el("li", { class: "pug-result" }, a, " ", el("span", { class: "pug-where" }, where));
        if (g.status === "inactive") item.append(" ", el("span", { class: "pug-badge pug-inactive" }, "inactive"));
        else if (g.stale) item.append(" ", el("span", { class: "pug-badge pug-stale" }, "may be inactive"));
        return item;
      }));
      status.textContent = !filtering
        ? `${groups.length} groups; type or choose to narrow the list.`
        : `${hits.length} of ${groups.length} groups match` +
          (hits.length > MAX_SHOWN ? `; showing the first ${MAX_SHOWN}.` : ".");
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
    box.hidden = false;
  }

  fetch(box.dataset.groups)
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then(build)
    .catch(() => { /* the static country list below still works */ });
})();
