/* pug-guide checklists: remember ticks in this browser, count progress, reset, print.
 *
 * The page already holds a list of real checkboxes with labels; this script only adds
 * to it, so without it the list still reads and ticks (they are just not remembered).
 * Ticks are stored per checklist as the ids of the ticked items, so reordering or
 * rewording items keeps them.
 */
(() => {
  "use strict";

  const PREFIX = "pugguide.checklist.";

  const load = (id) => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(PREFIX + id) || "[]");
      return new Set(Array.isArray(stored) ? stored.filter((x) => typeof x === "string") : []);
    } catch {
      return new Set(); // storage blocked or a corrupt value: start empty
    }
  };

  const save = (id, ticked) => {
    try {
      if (ticked.size) {
        window.localStorage.setItem(PREFIX + id, JSON.stringify([...ticked].sort()));
      } else {
        window.localStorage.removeItem(PREFIX + id);
      }
    } catch {
      /* private mode or full storage: ticks last until the page closes */
    }
  };

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));

  const element = (tag, className, text) => {
    const el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };

  const all = []; // {id, root, boxes, update}

  const setUp = (root) => {
    const id = root.dataset.checklist;
    const boxes = [...root.querySelectorAll("li[data-item] input[type=checkbox]")];
    if (!id || !boxes.length) return;
    const itemOf = (box) => box.closest("li[data-item]").dataset.item;

    const tools = element("div", "pug-checklist-tools");
    const progress = element("p", "pug-checklist-progress");
    progress.setAttribute("role", "status"); // a polite live region: counts are read out
    progress.setAttribute("aria-live", "polite");
    const reset = element("button", "pug-checklist-reset", root.dataset.resetText || "Clear all ticks");
    reset.type = "button";
    tools.append(progress, reset);
    if (root.classList.contains("pug-checklist-standalone")) {
      const print = element("button", "pug-checklist-print", root.dataset.printText || "Print");
      print.type = "button";
      print.addEventListener("click", () => window.print());
      tools.append(print);
    }
    root.querySelector(".pug-checklist-items").before(tools);

    const update = () => {
      const ticked = load(id);
      let done = 0;
      for (const box of boxes) {
        box.checked = ticked.has(itemOf(box));
        box.closest("li").classList.toggle("pug-checklist-done", box.checked);
        if (box.checked) done += 1;
      }
      progress.textContent = fill(root.dataset.progressText || "{done} of {total} done", {
        done,
        total: boxes.length,
      });
      reset.disabled = done === 0;
      root.classList.toggle("pug-checklist-complete", done === boxes.length);
    };

    // Every copy of this checklist on the page shows the same ticks.
    const refresh = () => all.filter((c) => c.id === id).forEach((c) => c.update());

    for (const box of boxes) {
      box.addEventListener("change", () => {
        const ticked = load(id);
        if (box.checked) ticked.add(itemOf(box));
        else ticked.delete(itemOf(box));
        save(id, ticked);
        refresh();
      });
    }
    reset.addEventListener("click", () => {
      save(id, new Set());
      refresh();
      boxes[0].focus(); // the button is now disabled; keep focus in the checklist
    });

    all.push({ id, update });
    update();
  };

  const start = () => {
    document.querySelectorAll(".pug-checklist[data-checklist]").forEach(setUp);
    // Ticks made in another tab of the same site show up here too.
    window.addEventListener("storage", (event) => {
      if (event.key === null || event.key.startsWith(PREFIX)) all.forEach((c) => c.update());
    });
    // Back/forward cache restores a stale page; reread the ticks.
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) all.forEach((c) => c.update());
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
