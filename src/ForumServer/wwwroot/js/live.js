// Live updates for topic, category and front pages over SignalR (/live).
// Pages are complete without this script; it only keeps an open page current. The server sends markup it
// rendered and sanitized with the pages' own partials, so this script never builds post content itself.
(() => {
    "use strict";
    if (!window.signalR) return;

    const posts = document.querySelector(".posts[data-topic-id]");
    const front = document.querySelector("[data-live-front]");
    const category = document.querySelector("[data-live-category]");
    if (!posts && !front && !category) return;

    const root = document.documentElement;
    const setState = (state) => { root.dataset.live = state; };

    const fromHtml = (html) => {
        const template = document.createElement("template");
        template.innerHTML = html;
        return template.content.firstElementChild;
    };

    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/live")
        .withAutomaticReconnect({
            // Retry at once, then back off to every 10 s, and never give up while the page is open.
            nextRetryDelayInMilliseconds: (retry) =>
                retry.previousRetryCount === 0 ? 0 : Math.min(10000, 500 * 2 ** retry.previousRetryCount),
        })
        .configureLogging(signalR.LogLevel.None)
        .build();

    const joins = [];
    const afterJoin = [];

    if (posts) watchTopic();
    if (category) watchList(category, "WatchCategory", Number(category.dataset.liveCategory), "rowHtml");
    if (front) watchList(front, "WatchFront", undefined, "frontRowHtml");

    function watchTopic() {
        const topicId = Number(posts.dataset.topicId);
        const page = Number(posts.dataset.page);
        const isLastPage = posts.dataset.lastPage === "true";
        const signedIn = posts.dataset.signedIn === "true";
        const moderator = posts.dataset.moderator === "true";
        const notice = document.querySelector(".live-notice");
        const noticeLink = notice && notice.querySelector("a");
        // Texts come translated from the page (data-* on the notice); English if a page lacks them.
        const text = (name, fallback) => (notice && notice.dataset[name]) || fallback;
        let knownId = Number(posts.dataset.lastPostId) || 0;
        const counted = new Set();

        const belongsHere = (postPage) => isLastPage && postPage === page;

        const place = (postId, html) => {
            const element = fromHtml(html);
            if (!element) return;
            const existing = document.getElementById(`post-${postId}`);
            if (existing) existing.replaceWith(element);
            else posts.appendChild(element);
        };

        const announce = (postId, url) => {
            if (!notice || counted.has(postId) || document.getElementById(`post-${postId}`)) return;
            counted.add(postId);
            const template = counted.size === 1 ? text("one", "{0} new reply") : text("other", "{0} new replies");
            noticeLink.textContent = template.replace("{0}", String(counted.size));
            if (url) noticeLink.href = url;
            notice.hidden = false;
        };

        // The hub sends what anyone may see; a signed-in viewer gets their own edit/delete actions from the server.
        const fetchAfter = async (afterId, take) => {
            const response = await fetch(`/t/${topicId}/posts-after/${afterId}${take ? `?take=${take}` : ""}`,
                { credentials: "same-origin", headers: { Accept: "application/json" } });
            if (!response.ok) throw new Error(`posts-after answered ${response.status}`);
            return response.json();
        };

        const refreshForViewer = async (postId) => {
            if (!signedIn) return;
            const result = await fetchAfter(postId - 1, 1);
            const mine = result.posts.find((p) => p.postId === postId);
            if (mine && document.getElementById(`post-${postId}`)) place(postId, mine.html);
        };

        const catchUp = async () => {
            for (;;) {
                const result = await fetchAfter(knownId);
                for (const p of result.posts) {
                    if (belongsHere(p.page)) place(p.postId, p.html);
                    else announce(p.postId, null);
                    knownId = Math.max(knownId, p.postId);
                }
                if (!result.hasMore || result.posts.length === 0) return;
            }
        };

        connection.on("PostCreated", (m) => {
            if (m.topicId !== topicId || document.getElementById(`post-${m.postId}`)) return;
            knownId = Math.max(knownId, m.postId);
            if (belongsHere(m.page)) {
                place(m.postId, m.html);
                refreshForViewer(m.postId).catch(() => {});
            } else {
                announce(m.postId, m.url);
            }
        });

        const replaceShown = (m) => {
            if (m.topicId !== topicId || !document.getElementById(`post-${m.postId}`)) return;
            place(m.postId, m.html);
            refreshForViewer(m.postId).catch(() => {});
        };
        connection.on("PostEdited", replaceShown);
        connection.on("PostRemoved", replaceShown);

        connection.on("TopicLocked", (m) => {
            if (m.topicId !== topicId) return;
            const heading = document.querySelector(".topic-heading");
            if (heading && !heading.querySelector(".badge")) {
                const badge = document.createElement("span");
                badge.className = "badge";
                badge.textContent = text("locked", "locked");
                heading.append(" ", badge);
            }
            const form = document.getElementById("reply");
            if (form && !moderator) form.replaceWith(paragraph("notice", text("lockedNotice", "This topic is locked: no new replies.")));
        });

        connection.on("TopicRemoved", (m) => {
            if (m.topicId !== topicId) return;
            posts.replaceChildren(paragraph("notice", text("removed", "This topic was removed.")));
            document.getElementById("reply")?.remove();
            if (notice) notice.hidden = true;
        });

        joins.push(() => connection.invoke("WatchTopic", topicId));
        afterJoin.push(catchUp);
    }

    function watchList(container, method, id, rowField) {
        const firstPage = Number(container.dataset.page || "1") === 1;
        const list = () => {
            let ol = container.querySelector("ol.topic-list:not(.pinned-topics)");
            if (!ol) {
                ol = document.createElement("ol");
                ol.className = "topic-list";
                const empty = container.querySelector(".empty");
                const heading = container.querySelector("h2");
                if (empty) empty.replaceWith(ol);
                else if (heading) heading.after(ol);
                else container.prepend(ol);
            }
            return ol;
        };
        const rowOf = (topicId) => container.querySelector(`.topic-row[data-topic-id="${topicId}"]`);
        const accepts = (m) => id === undefined || m.categoryId === id;

        const moveToTop = (m) => {
            if (!accepts(m)) return;
            const existing = rowOf(m.topicId);
            const row = fromHtml(m[rowField]);
            if (!row) return;
            if (existing?.closest(".pinned-topics")) {
                existing.replaceWith(row); // pinned topics keep their place above the others
            } else if (firstPage) {
                existing?.remove();
                list().prepend(row);
            } else if (existing) {
                existing.replaceWith(row);
            }
        };
        connection.on("TopicCreated", moveToTop);
        connection.on("TopicActivity", moveToTop);
        connection.on("TopicLocked", (m) => {
            const existing = accepts(m) && rowOf(m.topicId);
            const row = existing && fromHtml(m[rowField]);
            if (row) existing.replaceWith(row);
        });
        connection.on("TopicRemoved", (m) => rowOf(m.topicId)?.remove());

        joins.push(() => id === undefined ? connection.invoke(method) : connection.invoke(method, id));
    }

    function paragraph(className, text) {
        const p = document.createElement("p");
        p.className = className;
        p.textContent = text;
        return p;
    }

    // Join the groups, then fetch what was posted between rendering the page and joining (or while offline).
    async function joinAndCatchUp() {
        await Promise.all(joins.map((join) => join()));
        await Promise.all(afterJoin.map((step) => step()));
        setState("connected");
    }

    connection.onreconnecting(() => setState("reconnecting"));
    connection.onreconnected(() => joinAndCatchUp().catch(() => setState("error")));
    connection.onclose(() => { setState("disconnected"); setTimeout(start, 5000); });

    async function start() {
        if (connection.state !== signalR.HubConnectionState.Disconnected) return;
        try {
            setState("connecting");
            await connection.start();
            await joinAndCatchUp();
        } catch {
            setState("disconnected");
            setTimeout(start, 5000);
        }
    }

    start();
})();
