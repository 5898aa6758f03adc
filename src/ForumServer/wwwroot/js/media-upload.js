// Progressive enhancement of the post editor's file input: each chosen, dropped or pasted file is uploaded at once
// to /media with a progress bar, and its Markdown reference is inserted at the cursor. Without this script the
// files go with the form instead.
(function () {
    "use strict";

    function insertAtCursor(textarea, text) {
        var start = textarea.selectionStart || 0;
        var end = textarea.selectionEnd || 0;
        var before = textarea.value.slice(0, start);
        var after = textarea.value.slice(end);
        var block = (before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "") + text + "\n\n";
        textarea.value = before + block + after;
        var caret = before.length + block.length;
        textarea.setSelectionRange(caret, caret);
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function problemText(xhr) {
        try {
            var body = JSON.parse(xhr.responseText);
            if (body && body.detail) return body.detail;
        } catch (e) { /* not JSON */ }
        if (xhr.status === 413) return "The file is too large.";
        return "Upload failed (" + (xhr.status || "network error") + ").";
    }

    function upload(form, textarea, list, file) {
        var token = form.querySelector("input[name='__af']");
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.className = "upload-name";
        name.textContent = file.name || "pasted image";
        var bar = document.createElement("progress");
        bar.max = 100;
        bar.value = 0;
        var status = document.createElement("span");
        status.className = "upload-status";
        item.append(name, bar, status);
        list.append(item);

        var data = new FormData();
        data.append("files", file, file.name || "pasted.png");
        if (token) data.append("__af", token.value);

        var xhr = new XMLHttpRequest();
        xhr.open("POST", "/media");
        xhr.responseType = "text";
        xhr.upload.addEventListener("progress", function (e) {
            if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total);
        });
        xhr.addEventListener("load", function () {
            if (xhr.status === 201) {
                var body = JSON.parse(xhr.responseText);
                bar.value = 100;
                status.textContent = "uploaded";
                item.classList.add("done");
                body.items.forEach(function (m) { insertAtCursor(textarea, m.markdown); });
            } else {
                item.classList.add("failed");
                bar.remove();
                status.textContent = problemText(xhr);
            }
        });
        xhr.addEventListener("error", function () {
            item.classList.add("failed");
            bar.remove();
            status.textContent = "Upload failed: the connection was lost.";
        });
        xhr.send(data);
    }

    function enhance(zone) {
        var form = zone.closest("form");
        var textarea = form && form.querySelector("textarea");
        var input = zone.querySelector("input[type=file]");
        var list = zone.querySelector(".upload-list");
        if (!form || !textarea || !input || !list || !window.FormData) return;

        function uploadAll(files) {
            Array.prototype.forEach.call(files, function (f) { upload(form, textarea, list, f); });
        }

        input.addEventListener("change", function () {
            uploadAll(input.files);
            // Uploaded already: the form must not send them a second time.
            input.value = "";
        });
        [textarea, zone].forEach(function (target) {
            target.addEventListener("dragover", function (e) {
                if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
                    e.preventDefault();
                    zone.classList.add("dragging");
                }
            });
            target.addEventListener("dragleave", function () { zone.classList.remove("dragging"); });
            target.addEventListener("drop", function (e) {
                zone.classList.remove("dragging");
                if (e.dataTransfer && e.dataTransfer.files.length > 0) {
                    e.preventDefault();
                    uploadAll(e.dataTransfer.files);
                }
            });
        });
        textarea.addEventListener("paste", function (e) {
            var files = e.clipboardData && e.clipboardData.files;
            if (files && files.length > 0) {
                e.preventDefault();
                uploadAll(files);
            }
        });
        zone.classList.add("enhanced");
    }

    document.querySelectorAll("[data-media-upload]").forEach(enhance);
})();
