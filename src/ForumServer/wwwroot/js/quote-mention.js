// The reply box on a topic page: "Quote" inserts the selected text (or the whole post) with a reference to the
// post, and typing @ offers display names. Without this script the Quote link reloads the page with the box
// filled, and a typed @Name still becomes a mention.
(() => {
    "use strict";
    const box = document.querySelector("form#reply textarea");
    if (!box) return;

    // ---- Quote ----
    document.addEventListener("click", (event) => {
        const link = event.target.closest && event.target.closest("a.quote[data-quote-post]");
        if (!link) return;
        const article = link.closest("article.post");
        const body = article && article.querySelector(".post-body");
        if (!body) return;
        const selection = window.getSelection();
        let text = "";
        if (selection && !selection.isCollapsed && body.contains(selection.anchorNode) && body.contains(selection.focusNode))
            text = selection.toString();
        if (!text.trim()) text = body.innerText;
        event.preventDefault();
        const quoted = text.trim().split(/\r?\n/).map((l) => (l ? "> " + l : ">")).join("\n");
        const source = `> [${link.dataset.quoteAuthor.replace(/[\[\]]/g, "")}](/p/${link.dataset.quotePost})\n>\n`;
        const before = box.value && !box.value.endsWith("\n\n") ? (box.value.endsWith("\n") ? "\n" : "\n\n") : "";
        box.value += before + source + quoted + "\n\n";
        box.focus();
        box.setSelectionRange(box.value.length, box.value.length);
        box.scrollIntoView({ block: "center" });
    });

    // ---- @mention autocomplete ----
    const list = document.createElement("ul");
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.id = "mention-suggestions";
    list.hidden = true;
    box.insertAdjacentElement("afterend", list);
    box.setAttribute("aria-controls", list.id);

    let active = -1;
    let pending = 0;
    let lastPrefix = "";

    const current = () => {
        const upto = box.value.slice(0, box.selectionStart);
        const m = /(^|[\s(])@([^\s@<>]{1,32})$/.exec(upto);
        return m ? { prefix: m[2], start: upto.length - m[2].length - 1 } : null;
    };
    const close = () => { list.hidden = true; list.replaceChildren(); active = -1; };
    const choose = (name) => {
        const at = current();
        if (!at) return close();
        const after = box.value.slice(box.selectionStart);
        box.value = box.value.slice(0, at.start) + "@" + name + " " + after;
        const caret = at.start + name.length + 2;
        box.setSelectionRange(caret, caret);
        close();
        box.focus();
    };
    const highlight = (i) => {
        const items = [...list.children];
        items.forEach((li, n) => li.setAttribute("aria-selected", n === i ? "true" : "false"));
        active = i;
    };

    box.addEventListener("input", () => {
        const at = current();
        if (!at) return close();
        if (at.prefix === lastPrefix && !list.hidden) return;
        lastPrefix = at.prefix;
        clearTimeout(pending);
        pending = setTimeout(async () => {
            try {
                const response = await fetch("/notifications/names?prefix=" + encodeURIComponent(at.prefix), { credentials: "same-origin" });
                if (!response.ok) return close();
                const { names } = await response.json();
                if (!current() || names.length === 0) return close();
                list.replaceChildren(...names.map((name) => {
                    const li = document.createElement("li");
                    li.setAttribute("role", "option");
                    li.textContent = name;
                    li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(name); });
                    return li;
                }));
                list.hidden = false;
                highlight(0);
            } catch { close(); }
        }, 150);
    });

    box.addEventListener("keydown", (e) => {
        if (list.hidden) return;
        const n = list.children.length;
        if (e.key === "ArrowDown") { e.preventDefault(); highlight((active + 1) % n); }
        else if (e.key === "ArrowUp") { e.preventDefault(); highlight((active - 1 + n) % n); }
        else if (e.key === "Enter" || e.key === "Tab") { if (active >= 0) { e.preventDefault(); choose(list.children[active].textContent); } }
        else if (e.key === "Escape") close();
    });
    box.addEventListener("blur", () => setTimeout(close, 100));
})();
