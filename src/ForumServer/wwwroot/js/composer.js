// The composer on reply and new-topic forms: formatting toolbar, preview tab (rendered by the server's own
// renderer) and drafts kept on the server per member and place. Without this script the form is the plain form.
(() => {
  "use strict";
  const SAVE_AFTER_MS = 3000;

  const wrap = (area, before, after, placeholder) => {
    const { selectionStart: start, selectionEnd: end, value } = area;
    const selected = value.slice(start, end) || placeholder;
    area.setRangeText(before + selected + after, start, end, "end");
    area.setSelectionRange(start + before.length, start + before.length + selected.length);
  };

  const prefixLines = (area, prefix) => {
    const { selectionStart: start, selectionEnd: end, value } = area;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    const text = value.slice(lineStart, end) || "";
    const lines = text.split("\n").map((line) => prefix + line).join("\n");
    area.setRangeText(lines, lineStart, end, "end");
  };

  const formats = {
    bold: (a) => wrap(a, "**", "**", "bold"),
    italic: (a) => wrap(a, "_", "_", "italic"),
    link: (a) => wrap(a, "[", "](https://)", "text"),
    code: (a) => {
      const selected = a.value.slice(a.selectionStart, a.selectionEnd);
      if (selected.includes("\n")) wrap(a, "```\n", "\n```", "");
      else wrap(a, "`", "`", "code");
    },
    quote: (a) => prefixLines(a, "> "),
    list: (a) => prefixLines(a, "- "),
  };

  const post = (url, form, fields) => {
    const body = new URLSearchParams(fields);
    const token = form.querySelector('input[name="__af"]');
    if (token) body.set("__af", token.value);
    return fetch(url, { method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" } });
  };

  const setUp = (template) => {
    const form = template.closest("form");
    const area = form?.querySelector('textarea[name="Input.Body"]');
    if (!area) return;
    const title = form.querySelector('input[name="Input.Title"]');
    const key = template.dataset.draftKey;
    const parts = template.content.cloneNode(true);
    const bar = parts.querySelector(".composer-bar");
    const preview = parts.querySelector(".composer-preview");
    const status = parts.querySelector(".composer-status");
    area.before(bar);
    area.after(preview);
    preview.after(status);
    form.classList.add("composer");
    const say = (name) => { status.textContent = status.dataset[name] || ""; };

    bar.querySelectorAll("[data-format]").forEach((button) =>
      button.addEventListener("click", () => {
        formats[button.dataset.format]?.(area);
        area.focus();
        area.dispatchEvent(new Event("input"));
      }));

    const write = bar.querySelector(".tab-write");
    const show = bar.querySelector(".tab-preview");
    const select = (previewing) => {
      write.setAttribute("aria-selected", String(!previewing));
      show.setAttribute("aria-selected", String(previewing));
      preview.hidden = !previewing;
      area.hidden = previewing;
      bar.querySelector(".composer-toolbar").hidden = previewing;
    };
    write.addEventListener("click", () => { select(false); area.focus(); });
    show.addEventListener("click", async () => {
      select(true);
      if (!area.value.trim()) { preview.textContent = ""; say("empty"); return; }
      try {
        const response = await post("/composer/preview", form, { body: area.value });
        if (!response.ok) throw new Error(String(response.status));
        // The server's sanitized HTML, exactly what the stored post will show.
        preview.innerHTML = (await response.json()).html;
        status.textContent = "";
      } catch {
        say("failed");
      }
    });

    if (!key) return;
    let timer = 0;
    let lastSaved = area.value + "\u0000" + (title?.value ?? "");
    const save = async () => {
      timer = 0;
      const current = area.value + "\u0000" + (title?.value ?? "");
      if (current === lastSaved) return;
      try {
        const response = await post("/composer/draft", form, { key, title: title?.value ?? "", body: area.value });
        if (response.ok) { lastSaved = current; say("saved"); }
      } catch { /* kept in the page; the next change tries again */ }
    };
    const later = () => { if (timer) clearTimeout(timer); timer = setTimeout(save, SAVE_AFTER_MS); };
    area.addEventListener("input", later);
    title?.addEventListener("input", later);
    form.addEventListener("submit", () => { if (timer) clearTimeout(timer); timer = 0; });
    window.addEventListener("pagehide", () => { if (timer) save(); });

    // A failed submit comes back with the text in the form: that wins over the stored draft.
    if (!area.value.trim() && !(title && title.value.trim())) {
      fetch(`/composer/draft?key=${encodeURIComponent(key)}`, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.status === 200 ? response.json() : null))
        .then((draft) => {
          if (!draft || area.value.trim()) return;
          area.value = draft.body || "";
          if (title && !title.value) title.value = draft.title || "";
          lastSaved = area.value + "\u0000" + (title?.value ?? "");
          say("restored");
        })
        .catch(() => {});
    }
  };

  document.querySelectorAll("template.composer-tools").forEach(setUp);
})();
