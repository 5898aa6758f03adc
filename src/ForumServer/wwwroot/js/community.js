// Likes without a page load, and who liked a post on hover or click. Without this script the like button is
// a form post and the count links to the page listing who liked the post.
(() => {
  "use strict";
  const plural = (link, count) => (count === 1 ? link.dataset.one : link.dataset.other).replace("{0}", String(count));

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("like-form")) return;
    event.preventDefault();
    const button = form.querySelector("button.like");
    const field = form.querySelector('input[name="like"]');
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", headers: { Accept: "application/json" },
      });
      if (!response.ok) { form.submit(); return; }
      const result = await response.json();
      const liked = result.liked === true;
      field.value = liked ? "false" : "true";
      button.classList.toggle("liked", liked);
      button.setAttribute("aria-pressed", String(liked));
      button.textContent = "♥ " + (liked ? button.dataset.unlike : button.dataset.like);
      const link = form.closest(".post-community")?.querySelector("a.likes");
      if (link) {
        link.dataset.count = String(result.count);
        link.textContent = plural(link, result.count);
        link.hidden = result.count === 0;
        delete link.dataset.names;
      }
    } finally {
      button.disabled = false;
    }
  });

  const names = async (link) => {
    if (link.dataset.names !== undefined) return link.dataset.names;
    const response = await fetch(link.href, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return "";
    const result = await response.json();
    link.dataset.names = result.names.join(", ");
    return link.dataset.names;
  };

  const isLikes = (target) => target instanceof Element && target.closest("a.likes");
  document.addEventListener("mouseover", async (event) => {
    const link = isLikes(event.target);
    if (link && !link.title) link.title = await names(link);
  });
  document.addEventListener("click", async (event) => {
    const link = isLikes(event.target);
    if (!link) return;
    event.preventDefault();
    const footer = link.closest(".post-community");
    let pop = footer.querySelector(".liked-by-pop");
    if (pop) { pop.remove(); return; }
    pop = document.createElement("span");
    pop.className = "liked-by-pop";
    pop.setAttribute("role", "status");
    pop.textContent = await names(link);
    link.after(pop);
  });
})();
