/* Version switcher: lists the editions in versions.json (written by `pugguide
 * editions` one folder above each edition) and, on choice, opens the same page in the
 * other edition when it exists there, else that edition's home page.
 * Without versions.json (a single build, a file:// copy) the switcher stays hidden. */
"use strict";

(function () {
  const box = document.querySelector(".pug-edition");
  const wrapper = box && box.querySelector(".pug-edition-switcher");
  if (!wrapper) return;
  const select = wrapper.querySelector("select");
  const current = box.dataset.pugRelease;
  const page = box.dataset.pugPage || "index.html";
  // The folder that holds every edition: one level above this edition's root.
  const editionsRoot = new URL((box.dataset.pugRoot || "./") + "../", window.location.href);

  async function exists(url) {
    try {
      const response = await fetch(url, { method: "HEAD", cache: "no-store" });
      return response.ok;
    } catch (error) {
      return false;
    }
  }

  async function open(edition) {
    const root = new URL(edition.url, editionsRoot);
    const samePage = new URL(page, root);
    const home = new URL("index.html", root);
    window.location.href = (await exists(samePage)) ? samePage.href : home.href;
  }

  fetch(new URL("versions.json", editionsRoot), { cache: "no-store" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((data) => {
      const editions = data.editions || [];
      if (!editions.some((e) => e.version === current)) return;
      for (const edition of editions) {
        const option = document.createElement("option");
        option.value = edition.version;
        option.textContent = edition.version +
          (edition.version === data.latest ? " (latest)" : "") +
          (edition.date ? " \u2013 " + edition.date : "");
        option.selected = edition.version === current;
        select.append(option);
      }
      select.addEventListener("change", () => {
        const chosen = editions.find((e) => e.version === select.value);
        if (chosen && chosen.version !== current) open(chosen);
      });
      wrapper.hidden = false;
    })
    .catch(() => { /* no editions alongside this build: nothing to switch to */ });
})();
