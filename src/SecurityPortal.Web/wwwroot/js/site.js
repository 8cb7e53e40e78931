// No inline script anywhere (the CSP forbids it): behaviour is attached here by class name.
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select.js-autosubmit").forEach(function (select) {
        select.addEventListener("change", function () { select.form.submit(); });
    });
    // Prevents double submission of a form that changes something; the server also guards against it
    // (SubmissionGuardFilter: each form carries a key). Filter forms (GET) stay usable: a download does not leave the page.
    document.querySelectorAll("form[method=post], form[method=POST]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (form.dataset.submitted === "true") { event.preventDefault(); return; }
            setTimeout(function () {
                if (event.defaultPrevented) { return; }
                form.dataset.submitted = "true";
                form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
            }, 0);
        });
    });
    document.querySelectorAll("a.js-export").forEach(function (link) {
        link.addEventListener("click", function (event) {
            event.preventDefault();
            var url = new URL(link.href);
            url.searchParams.set("progress", ExportProgress.start());
            window.location.href = url.toString();
        });
    });
    document.querySelectorAll("button.js-export").forEach(function (button) {
        button.addEventListener("click", function () {
            var token = document.createElement("input");
            token.type = "hidden";
            token.name = "progress";
            token.value = ExportProgress.start();
            button.form.appendChild(token);
            // The form's data is read when it is submitted, right after this click: the token goes with this export only.
            setTimeout(function () { token.remove(); }, 0);
        });
    });
});

// A long-running submit shows what is happening ("Đang kiểm tra tệp…") instead of a frozen button.
document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button.js-busy");
    if (button && !event.defaultPrevented) {
        button.textContent = button.dataset.busyText || button.textContent;
        button.setAttribute("aria-busy", "true");
    }
});

// An export's progress: the export request carries a fresh token, the server counts the rows it has written under it
// (ExportProgress), and a status box polls /Exports/Progress until the file is complete.
var ExportProgress = (function () {
    var english = document.documentElement.lang === "en";
    var text = english
        ? { preparing: "Preparing the file…", writing: "Exporting: {0} of {1} rows", writingNoTotal: "Exporting: {0} rows", done: "Exported {0} rows. The file is in your downloads.", truncated: "Exported the first {0} rows: the list goes on. Filter it to export the rest.", failed: "The export failed. Please try again." }
        : { preparing: "Đang chuẩn bị tệp…", writing: "Đang xuất: {0} / {1} dòng", writingNoTotal: "Đang xuất: {0} dòng", done: "Đã xuất {0} dòng. Tệp nằm trong thư mục tải về.", truncated: "Đã xuất {0} dòng đầu: danh sách còn tiếp, hãy lọc để xuất phần còn lại.", failed: "Xuất tệp không thành công. Hãy thử lại." };
    function number(n) { return n.toLocaleString(english ? "en-GB" : "vi-VN"); }
    function format(template, a, b) { return template.replace("{0}", a).replace("{1}", b); }
    function box() {
        var status = document.getElementById("export-status");
        if (!status) {
            status = document.createElement("div");
            status.id = "export-status";
            status.className = "alert alert-info position-fixed bottom-0 end-0 m-3 shadow";
            status.setAttribute("role", "status");
            status.setAttribute("aria-live", "polite");
            var message = document.createElement("div");
            message.className = "export-message";
            var bar = document.createElement("progress");
            bar.className = "w-100 mt-2";
            status.appendChild(message);
            status.appendChild(bar);
            document.body.appendChild(status);
        }
        return status;
    }
    function show(message, written, total) {
        var status = box();
        status.hidden = false;
        status.querySelector(".export-message").textContent = message;
        var bar = status.querySelector("progress");
        if (total) { bar.max = total; bar.value = written; } else { bar.removeAttribute("value"); }
    }
    // Polls twice a second for up to 15 minutes. A token this instance does not know (another instance answers, or the
    // export has not begun) keeps the "preparing" line for 20 seconds, then the box goes: the download still arrives.
    function poll(token, tries, misses) {
        var again = function (delay, missed) { if (tries < 1800 && missed < 40) { setTimeout(function () { poll(token, tries + 1, missed); }, delay); } else { box().hidden = true; } };
        fetch(document.body.dataset.exportProgress + "?token=" + encodeURIComponent(token), { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (state) {
                if (!state) { again(500, misses + 1); return; }
                if (state.failed) { show(text.failed); box().classList.replace("alert-info", "alert-danger"); return; }
                if (state.done) {
                    show(format(state.truncated ? text.truncated : text.done, number(state.written)), state.written, state.written || 1);
                    setTimeout(function () { box().hidden = true; }, 8000);
                    return;
                }
                show(state.total != null ? format(text.writing, number(state.written), number(state.total)) : format(text.writingNoTotal, number(state.written)), state.written, state.total);
                again(500, 0);
            })
            .catch(function () { again(1000, misses + 1); });
    }
    function newToken() {
        if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
        var bytes = crypto.getRandomValues(new Uint8Array(16));
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
        return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
    }
    return {
        start: function () {
            var token = newToken();
            box().classList.replace("alert-danger", "alert-info");
            show(text.preparing);
            setTimeout(function () { poll(token, 0, 0); }, 300);
            return token;
        }
    };
})();
