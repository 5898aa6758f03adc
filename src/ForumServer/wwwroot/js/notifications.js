// The bell: the member's own hub connection (/live/notifications) pushes the unread count. On a topic page the
// same connection says the topic is open (no mail about it meanwhile) and reports posts scrolled into view as read.
// Pages work without this script: the count is right on every load and reading a page marks it read.
(() => {
    "use strict";
    const bell = document.querySelector("[data-notification-bell]");
    if (!bell || !window.signalR) return;
    const count = bell.querySelector(".count");
    const root = document.documentElement;

    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/live/notifications")
        .withAutomaticReconnect({
            nextRetryDelayInMilliseconds: (retry) =>
                retry.previousRetryCount === 0 ? 0 : Math.min(10000, 500 * 2 ** retry.previousRetryCount),
        })
        .configureLogging(signalR.LogLevel.None)
        .build();

    connection.on("UnreadChanged", (unread) => {
        count.textContent = String(unread);
        count.hidden = unread === 0;
    });

    const posts = document.querySelector(".posts[data-topic-id]");
    const topicId = posts ? Number(posts.dataset.topicId) : 0;
    let reported = 0;
    let highest = 0;
    let timer = 0;

    const reading = () => {
        if (topicId && connection.state === signalR.HubConnectionState.Connected && document.visibilityState === "visible")
            connection.invoke("Reading", topicId).then(() => { root.dataset.reading = String(topicId); }).catch(() => {});
    };

    const report = () => {
        timer = 0;
        if (highest <= reported || connection.state !== signalR.HubConnectionState.Connected) return;
        reported = highest;
        connection.invoke("MarkPostRead", highest).catch(() => {});
    };

    if (posts && "IntersectionObserver" in window) {
        const seen = new IntersectionObserver((entries) => {
            for (const entry of entries) {
                if (!entry.isIntersecting) continue;
                const id = Number(entry.target.dataset.postId) || 0;
                if (id > highest) highest = id;
                seen.unobserve(entry.target);
            }
            if (!timer) timer = setTimeout(report, 1000);
        }, { threshold: 0.5 });
        const observe = (el) => { if (el.matches && el.matches("article.post")) seen.observe(el); };
        posts.querySelectorAll("article.post").forEach(observe);
        // Replies that arrive live are read when they are scrolled into view.
        new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach(observe)))
            .observe(posts, { childList: true });
    }

    connection.onreconnected(() => { reading(); report(); });
    document.addEventListener("visibilitychange", reading);
    setInterval(reading, 60000);

    connection.start()
        .then(() => { root.dataset.bell = "connected"; reading(); report(); })
        .catch(() => { root.dataset.bell = "failed"; });
})();
