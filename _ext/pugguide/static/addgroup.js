/* The "Add your group" form (pugguide): builds data/groups/<cc>/<slug>.yaml in the
 * browser, checks it with the rules `pugguide validate` applies, and opens GitHub's
 * "new file" page with the content filled in. Nothing is sent anywhere else.
 *
 * The rules come from the page: the JSON Schema data/schema/group.schema.json (the file
 * the validator reads, embedded at build time) is interpreted by the small checker
 * below, and the rules no schema can say (which codes exist, which slugs are taken)
 * mirror pugguide/groups/load.py. The checker refuses a schema keyword it does not
 * know, so a schema change it cannot follow shows up as a failing test, not as a form
 * that quietly accepts bad files.
 */
"use strict";

(() => {
  // Keys in the order `pugguide new-group` writes them.
  const ORDER = ["name", "city", "region", "country", "url", "links", "location",
    "languages", "formats", "frequency", "founded", "status", "description", "contact",
    "last_verified"];
  const TEXT_FIELDS = ["name", "city", "region", "description", "source"];
  const ONLINE = "online";
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const HTML = /<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/;
  const CASELESS_PATHS = ["meetup.com"];
  const SCHEMA_HINT = "# yaml-language-server: $schema=../../schema/group.schema.json";

  // ---------------------------------------------------------------------------
  // A JSON Schema (2020-12) checker for the keywords our schemas use.

  const ANNOTATIONS = new Set(["$schema", "$id", "$defs", "$comment", "title",
    "description", "x-hint", "default", "examples"]);
  const KEYWORDS = new Set(["$ref", "type", "enum", "const", "pattern", "format",
    "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "required", "properties", "additionalProperties",
    "minProperties", "maxProperties", "items", "minItems", "maxItems", "uniqueItems"]);
  const TYPE_NAMES = {string: "text", integer: "a whole number", number: "a number",
    boolean: "true or false", array: "a list", object: "a mapping of keys to values",
    null: "empty"};

  const codePoints = (s) => [...s].length;
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  function typeOf(value) {
    if (typeof value === "boolean") return "true or false";
    if (typeof value === "number") return "a number";
    if (typeof value === "string") return "text";
    if (Array.isArray(value)) return "a list";
    if (isObject(value)) return "a mapping";
    return "empty";
  }

  function hasType(value, type) {
    switch (type) {
      case "string": return typeof value === "string";
      case "integer": return typeof value === "number" && Number.isInteger(value);
      case "number": return typeof value === "number";
      case "boolean": return typeof value === "boolean";
      case "array": return Array.isArray(value);
      case "object": return isObject(value);
      case "null": return value === null;
      default: throw new Error(`schema type ${type} is not supported`);
    }
  }

  function isDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  class SchemaChecker {
    constructor(root) {
      this.root = root;
      this.audit(root, "#");
    }

    // Refuse keywords this checker would silently ignore.
    audit(schema, where) {
      if (typeof schema === "boolean") return;
      for (const [key, value] of Object.entries(schema)) {
        if (ANNOTATIONS.has(key) && key !== "$defs") continue;
        if (key === "$defs" || key === "properties") {
          for (const [name, sub] of Object.entries(value)) this.audit(sub, `${where}/${key}/${name}`);
        } else if (key === "items" || (key === "additionalProperties" && isObject(value))) {
          this.audit(value, `${where}/${key}`);
        } else if (!KEYWORDS.has(key)) {
          throw new Error(`the form does not understand the schema keyword ${key} (at ${where})`);
        }
      }
    }

    resolve(ref) {
      if (!ref.startsWith("#/")) throw new Error(`only local $ref is supported, not ${ref}`);
      return ref.slice(2).split("/").reduce((node, part) => node[part], this.root);
    }

    // -> [{pointer: [...], message}]
    check(value, schema = this.root, pointer = []) {
      if (schema === true) return [];
      if (schema === false) return [{pointer, message: `${field(pointer)} is not allowed`}];
      const out = [];
      if (schema.$ref) out.push(...this.check(value, this.resolve(schema.$ref), pointer));
      const hint = schema["x-hint"];
      const add = (p, message) => out.push({pointer: p, message: hint ? `${message} (${hint})` : message});
      const name = field(pointer);
      if (schema.type !== undefined) {
        const types = [].concat(schema.type);
        if (!types.some((t) => hasType(value, t))) {
          add(pointer, `${name} must be ${types.map((t) => TYPE_NAMES[t] || t).join(" or ")}, not ${typeOf(value)}`);
          return out;
        }
      }
      if (schema.enum && !schema.enum.some((e) => e === value)) {
        add(pointer, `${name}: ${JSON.stringify(value)} is not one of the allowed values: ${schema.enum.join(", ")}`);
      }
      if ("const" in schema && schema.const !== value) add(pointer, `${name} must be ${JSON.stringify(schema.const)}`);
      if (typeof value === "string") {
        const length = codePoints(value);
        if (schema.minLength !== undefined && length < schema.minLength) {
          add(pointer, schema.minLength === 1 ? `${name} must not be empty` : `${name} is too short`);
        }
        if (schema.maxLength !== undefined && length > schema.maxLength) {
          add(pointer, `${name} is ${length} characters; the limit is ${schema.maxLength}`);
        }
        if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
          add(pointer, `${name}: ${JSON.stringify(value)} is not valid`);
        }
        if (schema.format === "date" && !isDate(value)) {
          add(pointer, `${name}: ${JSON.stringify(value)} is not valid (date)`);
        }
      }
      if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) add(pointer, `${name} must be at least ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) add(pointer, `${name} must be at most ${schema.maximum}`);
        if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) add(pointer, `${name} must be more than ${schema.exclusiveMinimum}`);
        if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) add(pointer, `${name} must be less than ${schema.exclusiveMaximum}`);
      }
      if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) add(pointer, `${name} must list at least ${schema.minItems} entry`);
        if (schema.maxItems !== undefined && value.length > schema.maxItems) add(pointer, `${name} lists more than ${schema.maxItems} entries`);
        if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
          add(pointer, `${name} lists the same entry twice`);
        }
        if (schema.items !== undefined) value.forEach((item, i) => out.push(...this.check(item, schema.items, [...pointer, i])));
      }
      if (isObject(value)) {
        const props = schema.properties || {};
        for (const key of schema.required || []) {
          if (!(key in value)) add([...pointer, key], `missing required key '${key}'${pointer.length ? ` in ${name}` : ""}`);
        }
        const count = Object.keys(value).length;
        if (schema.minProperties !== undefined && count < schema.minProperties) add(pointer, `${name} must have at least ${schema.minProperties} entry`);
        if (schema.maxProperties !== undefined && count > schema.maxProperties) add(pointer, `${name} has too many entries`);
        for (const [key, item] of Object.entries(value)) {
          if (key in props) out.push(...this.check(item, props[key], [...pointer, key]));
          else if (schema.additionalProperties === false) {
            add([...pointer, key], `unknown key '${key}'; allowed keys: ${Object.keys(props).sort().join(", ")}`);
          } else if (isObject(schema.additionalProperties)) {
            out.push(...this.check(item, schema.additionalProperties, [...pointer, key]));
          }
        }
      }
      return out;
    }
  }

  const field = (pointer) => pointer.join(".") || "the file";

  // ---------------------------------------------------------------------------
  // The rules of pugguide/groups/load.py that no schema can say.

  function normaliseUrl(url) {
    let parts;
    try { parts = new URL(url.trim()); } catch { return url.trim(); }
    let host = parts.hostname.toLowerCase().replace(/^www\./, "");
    if (parts.port && !["80", "443"].includes(parts.port)) host += `:${parts.port}`;
    // URL() percent-encodes non-ASCII paths; Python's urlsplit keeps them as written.
    let path = parts.pathname;
    try { path = decodeURI(path); } catch { /* a stray % stays encoded */ }
    path = path.replace(/\/+$/, "");
    if (CASELESS_PATHS.some((h) => host.endsWith(h))) path = path.toLowerCase();
    return host + path + parts.search;
  }

  function urlProblem(url) {
    if (!/^https?:/i.test(url)) return null; // the schema reports the scheme
    let parts;
    try { parts = new URL(url); } catch { return `${JSON.stringify(url)} is not a valid address`; }
    if (parts.username || parts.password) return `${JSON.stringify(url)} contains a user name or password; remove it`;
    return null;
  }

  function extraRules(data, slug, rules, today) {
    const out = [];
    const add = (pointer, message) => out.push({pointer, message});
    if (!SLUG.test(slug)) {
      add(["slug"], `file name ${JSON.stringify(slug)} is not a valid slug: use lower-case letters, digits and single hyphens`);
    } else if (rules.slugs && rules.slugs.includes(slug)) {
      add(["slug"], `slug ${JSON.stringify(slug)} is already used by another group; slugs are unique in the whole directory (add the city: ${slug}-<city>)`);
    }
    const country = data.country;
    if (typeof country === "string" && /^([A-Z]{2}|online)$/.test(country)) {
      if (country !== ONLINE && !(country in rules.countries)) {
        const meant = (rules.mistakes || {})[country];
        add(["country"], `country ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code${meant ? `; did you mean ${meant}?` : ""}`);
      }
    }
    for (const key of TEXT_FIELDS) {
      const value = data[key];
      if (typeof value !== "string") continue;
      const m = HTML.exec(value);
      if (m) add([key], `${key} contains HTML (${JSON.stringify(m[0])}...); write plain text (& and < followed by a space are fine)`);
      if (value.trim() && value !== value.trim()) add([key], `${key} starts or ends with spaces; remove them`);
    }
    const urls = [];
    if (typeof data.url === "string") urls.push([["url"], data.url]);
    if (isObject(data.links)) for (const [k, v] of Object.entries(data.links)) if (typeof v === "string") urls.push([["links", k], v]);
    for (const [pointer, url] of urls) {
      const reason = urlProblem(url);
      if (reason) add(pointer, `${pointer.join(".")}: ${reason}`);
    }
    if (typeof data.url === "string" && /^https?:\/\//i.test(data.url) && rules.urls) {
      const other = rules.urls[normaliseUrl(data.url)];
      if (other) add(["url"], `url ${JSON.stringify(data.url)} is already the address of ${other}; two files would describe the same group`);
    }
    if (Number.isInteger(data.founded) && data.founded > today.getFullYear()) add(["founded"], `founded ${data.founded} is in the future`);
    if (Array.isArray(data.languages)) {
      data.languages.forEach((code, i) => {
        if (typeof code === "string" && /^[a-z]{2}$/.test(code) && !rules.languages.includes(code)) {
          add(["languages", i], `languages: ${JSON.stringify(code)} is not an ISO 639-1 language code`);
        }
      });
    }
    return out;
  }

  // ---------------------------------------------------------------------------
  // YAML output: plain scalars where no YAML reader could misread them, else quoted.

  const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan|-\.inf)$/i;

  function scalar(value) {
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    const s = String(value);
    const plainSafe = s.length > 0 && s === s.trim() && !RESERVED.test(s)
      && !/^[-?:,[\]{}#&*!|>'"%@`+.0-9]/.test(s) && !/[\n\r\t\u0000-\u001f\u007f\u2028\u2029\ufeff]/.test(s)
      && !/: |:$| #/.test(s);
    return plainSafe ? s : JSON.stringify(s);
  }

  function toYaml(data) {
    const lines = [SCHEMA_HINT];
    for (const key of ORDER) {
      if (!(key in data)) continue;
      const value = data[key];
      if (Array.isArray(value)) {
        lines.push(`${key}:`, ...value.map((v) => `  - ${scalar(v)}`));
      } else if (isObject(value)) {
        lines.push(`${key}:`, ...Object.entries(value).map(([k, v]) => `  ${k}: ${scalar(v)}`));
      } else {
        lines.push(`${key}: ${scalar(value)}`);
      }
    }
    return lines.join("\n") + "\n";
  }

  // ---------------------------------------------------------------------------
  // From the form's fields to the group's data.

  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function localDate(day) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  }

  // "2012" -> 2012, "52.5" -> 52.5, anything else stays text (and fails the type check).
  const numberOrText = (text) => (/^[-+]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text);

  function collect(form, today) {
    const get = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
    const data = {};
    for (const key of ["name", "city", "region", "url", "frequency", "description", "contact"]) {
      if (get(key)) data[key] = get(key);
    }
    const country = get("country");
    if (country) data.country = country.toLowerCase() === ONLINE ? ONLINE : country.toUpperCase();
    const links = {};
    for (const input of form.querySelectorAll("[data-link]")) {
      if (input.value.trim()) links[input.dataset.link] = input.value.trim();
    }
    if (Object.keys(links).length) data.links = links;
    const location = {};
    if (get("lat")) location.lat = numberOrText(get("lat"));
    if (get("lon")) location.lon = numberOrText(get("lon"));
    if (Object.keys(location).length) data.location = location;
    const languages = get("languages").split(/[\s,]+/).filter(Boolean);
    if (languages.length) data.languages = languages;
    const formats = [...form.querySelectorAll("[data-format]:checked")].map((box) => box.value);
    if (formats.length) data.formats = formats;
    if (get("founded")) data.founded = numberOrText(get("founded"));
    data.last_verified = localDate(today);
    return data;
  }

  // The form field that shows a problem at *pointer*.
  function fieldOf(pointer) {
    const [head, second] = pointer;
    if (head === "location") return second === "lon" ? "lon" : second === "lat" ? "lat" : "location";
    if (head === "links" && second !== undefined) return `link-${second}`;
    return head === undefined ? "slug" : String(head);
  }

  // ---------------------------------------------------------------------------
  // The page.

  function setUp(root) {
    const read = (id) => JSON.parse(root.querySelector(`script[data-pg="${id}"]`).textContent);
    const schema = read("schema");
    const rules = read("rules");
    const checker = new SchemaChecker(schema);
    const form = root.querySelector(".pg-form");
    const result = root.querySelector(".pg-result");
    const repository = root.dataset.repository.replace(/\/+$/, "");
    const branch = root.dataset.branch;

    // Lists that come from the schema, so the form follows it.
    const countries = root.querySelector("#pg-countries");
    for (const [code, name] of [[ONLINE, "Online only"], ...Object.entries(rules.countries).sort((a, b) => a[1].localeCompare(b[1]))]) {
      const option = document.createElement("option");
      option.value = code;
      option.label = name;
      countries.append(option);
    }
    const frequency = form.elements.frequency;
    for (const value of schema.properties.frequency.enum) frequency.append(new Option(value, value));
    const choices = root.querySelector(".pg-choices");
    for (const value of schema.properties.formats.items.enum) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      Object.assign(box, {type: "checkbox", value, name: "formats"});
      box.dataset.format = "";
      label.append(box, ` ${value}`);
      choices.append(label);
    }
    const linksBody = root.querySelector(".pg-links-body");
    for (const [kind, sub] of Object.entries(schema.properties.links.properties)) {
      const wrap = document.createElement("div");
      wrap.className = "pg-field";
      wrap.dataset.field = `link-${kind}`;
      const label = document.createElement("label");
      label.htmlFor = `pg-link-${kind}`;
      label.textContent = `${kind.replace(/_/g, " ")}: ${sub.description || ""}`;
      const input = document.createElement("input");
      Object.assign(input, {type: "url", id: `pg-link-${kind}`, name: `link-${kind}`});
      input.dataset.link = kind;
      input.setAttribute("aria-describedby", `pg-link-${kind}-error`);
      const error = document.createElement("p");
      Object.assign(error, {className: "pg-error", id: `pg-link-${kind}-error`, hidden: true});
      wrap.append(label, input, error);
      linksBody.append(wrap);
    }

    const slugInput = form.elements.slug;
    let slugEdited = false;
    slugInput.addEventListener("input", () => { slugEdited = slugInput.value !== ""; });
    form.elements.name.addEventListener("input", () => {
      if (!slugEdited) slugInput.value = slugify(form.elements.name.value);
    });

    const touched = new Set();
    let current = null;

    function update() {
      const today = new Date();
      const data = collect(form, today);
      const slug = slugInput.value.trim();
      const problems = [...checker.check(data), ...extraRules(data, slug, rules, today)];
      const yaml = toYaml(data);
      const folder = data.country === ONLINE ? ONLINE : (data.country || "xx").toLowerCase();
      const path = `data/groups/${folder}/${slug || "your-group"}.yaml`;
      current = {yaml, slug, path};

      // Problems next to their fields (once the field was left or the form submitted)...
      const byField = new Map();
      for (const p of problems) {
        const name = fieldOf(p.pointer);
        if (!byField.has(name)) byField.set(name, []);
        byField.get(name).push(p.message);
      }
      for (const box of root.querySelectorAll(".pg-field[data-field]")) {
        const name = box.dataset.field;
        const messages = byField.get(name) || [];
        const show = messages.length > 0 && (touched.has(name) || touched.has("*"));
        const error = box.querySelector(":scope > .pg-error");
        const control = box.querySelector(":scope > input, :scope > select, :scope > textarea");
        if (error) { error.hidden = !show; error.textContent = show ? messages.join(" ") : ""; }
        if (control) {
          if (show) control.setAttribute("aria-invalid", "true");
          else control.removeAttribute("aria-invalid");
        }
      }
      // ...and all of them above the file.
      const list = root.querySelector(".pg-problems");
      list.replaceChildren();
      if (problems.length) {
        const intro = document.createElement("p");
        intro.textContent = problems.length === 1
          ? "1 thing to fix before the file can be proposed:"
          : `${problems.length} things to fix before the file can be proposed:`;
        const ul = document.createElement("ul");
        for (const p of problems) {
          const li = document.createElement("li");
          li.dataset.field = p.pointer.join(".") || "slug";
          const a = document.createElement("a");
          const target = fieldOf(p.pointer);
          a.href = `#pg-${target}`;
          a.textContent = p.message;
          li.append(a);
          ul.append(li);
        }
        list.append(intro, ul);
      } else {
        const ok = document.createElement("p");
        ok.className = "pg-ok";
        ok.textContent = "The file passes every check. Propose it on GitHub, or copy it.";
        list.append(ok);
      }
      result.querySelector(".pg-path code").textContent = path;
      result.querySelector(".pg-yaml code").textContent = yaml;
      const github = result.querySelector(".pg-github");
      if (problems.length) {
        github.removeAttribute("href");
        github.setAttribute("aria-disabled", "true");
      } else {
        const params = new URLSearchParams({filename: `${slug}.yaml`, value: yaml});
        github.href = `${repository}/new/${encodeURIComponent(branch)}/data/groups/${folder}?${params}`;
        github.setAttribute("aria-disabled", "false");
      }
      root.dataset.problems = String(problems.length);
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    const duplicates = duplicateFinder(root, result);
    form.addEventListener("input", () => duplicates.check(form));
    form.addEventListener("focusout", (event) => {
      const box = event.target.closest("[data-field]");
      if (box) { touched.add(box.dataset.field); update(); }
    });
    form.addEventListener("submit", (event) => { event.preventDefault(); touched.add("*"); update(); });

    result.querySelector(".pg-copy").addEventListener("click", async (event) => {
      try {
        await navigator.clipboard.writeText(current.yaml);
        event.target.textContent = "Copied";
      } catch {
        event.target.textContent = "Select the file above and copy it";
      }
    });
    result.querySelector(".pg-download").addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([current.yaml], {type: "application/yaml"}));
      link.download = `${current.slug || "your-group"}.yaml`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });

    root.querySelector(".pg-loading").remove();
    form.hidden = false;
    result.hidden = false;
    update();
    root.dataset.ready = "true";

    // The directory's slugs and addresses, for the uniqueness rules. Opened from a file
    // (file://) the browser refuses to fetch it; the pull request's check still applies.
    fetch(root.dataset.index)
      .then((response) => { if (!response.ok) throw new Error(response.statusText); return response.json(); })
      .then((exported) => {
        // The directory's groups.json export (data/schema/groups-export.schema.json).
        rules.slugs = exported.groups.map((g) => g.slug);
        rules.urls = Object.fromEntries(exported.groups.map((g) => [normaliseUrl(g.url), g.file]));
        duplicates.loaded(exported);
        root.dataset.index = "loaded";
        update();
        duplicates.check(form);
      })
      .catch(() => {
        const note = document.createElement("p");
        note.className = "pg-hint";
        note.textContent = "The list of groups already in the directory could not be loaded, so "
          + "this page cannot tell whether the name or address is taken; the pull request's checks will.";
        result.prepend(note);
        root.dataset.index = "failed";
      });
  }


  // ---------------------------------------------------------------------------
  // "Is it one of these?": groups already in the directory that look like this one:
  // the same address, a similar name, or a meeting place within 25 km (the city
  // found in the directory's offline gazetteer, search/places/ beside groups.json).

  const NEAR_KM = 25;
  const { key: placeKey, shardName, haversine } = window.pugguidePlaces;

  function nameKey(name) {
    return placeKey(name).replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function bigrams(text) {
    const grams = new Map();
    for (let i = 0; i < text.length - 1; i++) {
      const g = text.slice(i, i + 2);
      grams.set(g, (grams.get(g) || 0) + 1);
    }
    return grams;
  }

  // Sørensen-Dice over letter pairs: 1 for the same name, 0 for nothing shared.
  function similarity(a, b) {
    if (a === b) return 1;
    if (a.length < 2 || b.length < 2) return 0;
    const x = bigrams(a), y = bigrams(b);
    let shared = 0;
    for (const [g, n] of x) shared += Math.min(n, y.get(g) || 0);
    return (2 * shared) / (a.length - 1 + b.length - 1);
  }

  function duplicateFinder(root, result) {
    const box = document.createElement("div");
    box.className = "pg-duplicates";
    box.setAttribute("role", "status");
    box.hidden = true;
    // Styled here: the form's stylesheet belongs to the form's markup.
    box.style.cssText = "margin:.8rem 0;padding:.5rem .8rem;border-left:3px solid #b7791f;" +
      "background:var(--color-background-secondary)";
    result.querySelector(".pg-actions").before(box);
    const groupsUrl = new URL(root.dataset.index, location.href);
    const placesUrl = new URL("search/places/", groupsUrl);
    const shards = new Map();
    let groups = [];
    let ticket = 0;

    function shard(name) {
      if (!shards.has(name)) {
        shards.set(name, fetch(new URL(`${name}.json`, placesUrl))
          .then((r) => (r.ok ? r.json() : null)).catch(() => null));
      }
      return shards.get(name);
    }

    async function cityPoint(city, country) {
      const key = placeKey(city);
      if ([...key].length < 2) return null;
      const data = await shard(shardName(key));
      if (!data) return null;
      const found = (data.k[key] || []).map((i) => data.p[i]);
      const inCountry = found.filter((p) => p[2] === country);
      const place = (country && country !== "online" ? inCountry : found)[0];
      return place ? { lat: place[3], lon: place[4] } : null;
    }

    async function check(form) {
      const mine = ++ticket;
      const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
      const name = nameKey(value("name"));
      const url = value("url") && /^https?:\/\//i.test(value("url")) ? normaliseUrl(value("url")) : "";
      const country = value("country").toUpperCase() === "ONLINE" ? "online" : value("country").toUpperCase();
      let point = null;
      const lat = Number(value("lat")), lon = Number(value("lon"));
      if (value("lat") && value("lon") && Number.isFinite(lat) && Number.isFinite(lon)) point = { lat, lon };
      else if (value("city") && country !== "online") point = await cityPoint(value("city"), country);
      if (mine !== ticket) return;
      const hits = [];
      for (const g of groups) {
        const reasons = [];
        if (url && normaliseUrl(g.url) === url) reasons.push("the same address");
        if (name.length >= 4 && similarity(name, nameKey(g.name)) >= 0.8) reasons.push("a similar name");
        let km = null;
        if (point && g.lat !== null && g.lon !== null) {
          km = haversine(point.lat, point.lon, g.lat, g.lon);
          if (km <= NEAR_KM) reasons.push(`meets ${km < 10 ? km.toFixed(1) : Math.round(km)} km away`);
        }
        if (reasons.length) hits.push({ g, reasons, km: km === null ? Infinity : km });
      }
      hits.sort((a, b) => b.reasons.length - a.reasons.length || a.km - b.km);
      box.replaceChildren();
      box.hidden = !hits.length;
      if (!hits.length) return;
      const title = document.createElement("p");
      title.className = "pg-duplicates-title";
      title.style.fontWeight = "600";
      title.textContent = "Is it one of these? Update it instead: each entry's page has a link to edit its file.";
      const list = document.createElement("ul");
      for (const { g, reasons, km } of hits.slice(0, 10)) {
        const item = document.createElement("li");
        item.dataset.slug = g.slug;
        if (km !== Infinity) item.dataset.km = km.toFixed(1);
        const link = document.createElement("a");
        link.href = new URL(g.page, groupsUrl).href;
        link.textContent = g.name;
        const where = [g.city, g.country_name].filter(Boolean).join(", ");
        item.append(link, ` (${where}): ${reasons.join(", ")}`);
        list.append(item);
      }
      box.append(title, list);
    }

    return {
      loaded(exported) { groups = exported.groups; },
      check,
    };
  }

  function start() {
    for (const root of document.querySelectorAll(".pg-addgroup")) {
      try {
        setUp(root);
      } catch (error) {
        const status = root.querySelector(".pg-loading");
        if (status) status.textContent = `The form could not start (${error.message}). Use pugguide new-group instead.`;
        root.dataset.ready = "error";
        throw error;
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
