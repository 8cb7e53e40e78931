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

// A file larger than the page accepts (data-max-bytes, the server's own limit) is refused as soon as it is chosen, with
// its size and the limit, instead of after minutes of uploading; the form is not sent while such a file is chosen. The
// server still checks (an old browser, a crafted request): this only spares the wait.
var FileLimit = (function () {
    var english = document.documentElement.lang === "en";
    var template = english
        ? "The file «{0}» is {1}, over this page's limit of {2}. Please choose a smaller file."
        : "Tệp «{0}» nặng {1}, vượt giới hạn {2} của trang này. Hãy chọn tệp nhỏ hơn.";
    function size(bytes) {
        var locale = english ? "en-GB" : "vi-VN";
        if (bytes < 1024) { return bytes + " B"; }
        if (bytes < 1024 * 1024) { return (bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 }) + " KB"; }
        return (bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 }) + " MB";
    }
    function message(input) {
        var span = input.form && input.form.querySelector('[data-file-limit-for="' + input.id + '"]');
        if (!span) {
            span = document.createElement("div");
            span.className = "text-danger small";
            span.setAttribute("data-file-limit-for", input.id);
            span.setAttribute("role", "alert");
            input.insertAdjacentElement("afterend", span);
        }
        return span;
    }
    // True when every chosen file fits; otherwise says which does not, beside the field.
    function check(input) {
        var limit = Number(input.dataset.maxBytes);
        var tooLarge = Array.prototype.find.call(input.files || [], function (f) { return f.size > limit; });
        var text = tooLarge ? template.replace("{0}", tooLarge.name).replace("{1}", size(tooLarge.size)).replace("{2}", size(limit)) : "";
        message(input).textContent = text;
        input.classList.toggle("is-invalid", !!tooLarge);
        return !tooLarge;
    }
    document.addEventListener("change", function (event) {
        if (event.target instanceof HTMLInputElement && event.target.type === "file" && event.target.dataset.maxBytes) {
            check(event.target);
        }
    });
    // Capture phase: before the busy-button handler below, which must not announce an upload that will not start.
    document.addEventListener("submit", function (event) {
        var inputs = event.target.querySelectorAll("input[type=file][data-max-bytes]");
        var ok = Array.prototype.every.call(inputs, check);
        if (!ok) {
            event.preventDefault();
            event.stopImmediatePropagation();
        }
    }, true);
    return { check: check };
})();

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

// The self-assessment page (Assessments/Details): each answer is saved as soon as it changes — one POST per item with
// that item's own concurrency stamp, answered in JSON — and what was typed stays on the page whatever the answer: saved,
// refused by a rule (422), overtaken by someone else's answer (409: the message says whose answer is stored, and
// «Lưu đè» replaces it knowingly), or lost on the network. Leaving with unsaved answers asks first. Without script the
// page posts every answer at once through «Lưu tất cả».
document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-autosave]");
    var form = document.getElementById("answers");
    if (!list || !form) { return; }
    var english = document.documentElement.lang === "en";
    var text = english
        ? { saving: "Saving…", saved: "Saved", failed: "Not saved — try again", offline: "Not saved: the portal could not be reached. Your answer is still here.", session: "Not saved: your session may have ended. Your answer is still here; sign in again in another tab, then try again.", overwrite: "Save mine instead", retry: "Try again", pending: "Waiting to save…" }
        : { saving: "Đang lưu…", saved: "Đã lưu", failed: "Chưa lưu được — thử lại", offline: "Chưa lưu được: không kết nối được cổng. Câu trả lời của bạn vẫn ở đây.", session: "Chưa lưu được: phiên làm việc có thể đã hết. Câu trả lời của bạn vẫn ở đây; hãy đăng nhập lại ở thẻ khác rồi thử lại.", overwrite: "Lưu đè bằng câu trả lời của tôi", retry: "Thử lại", pending: "Chờ lưu…" };
    var token = form.querySelector("input[name=__RequestVerificationToken]").value;
    var unsaved = {};
    var leaving = false;
    document.querySelectorAll(".js-only").forEach(function (e) { e.hidden = false; });

    function items() { return list.querySelectorAll(".answer-item"); }
    function fieldsOf(item) { return item.querySelectorAll("[name^='Answers[']"); }
    function counts() {
        var total = 0, answered = 0, groups = {};
        items().forEach(function (item) {
            var g = groups[item.dataset.group] || (groups[item.dataset.group] = { answered: 0, total: 0 });
            var done = item.dataset.savedAnswer !== "Unanswered";
            g.total++; total++;
            if (done) { g.answered++; answered++; }
        });
        Object.keys(groups).forEach(function (code) {
            document.querySelectorAll("[data-group-count]").forEach(function (e) {
                if (e.dataset.groupCount === code) { e.textContent = groups[code].answered + "/" + groups[code].total; }
            });
        });
        document.querySelectorAll("[data-answered-count]").forEach(function (e) { e.textContent = answered; });
        var bar = document.getElementById("answer-progress");
        if (bar) { bar.max = total; bar.value = answered; }
        var left = Object.keys(unsaved).length;
        document.getElementById("unsaved-count").textContent = left ? list.dataset.unsavedText.replace("{0}", left) : "";
    }
    function show(item, state, message, again) {
        var status = item.querySelector(".save-state");
        var button = item.querySelector(".js-save-again");
        status.className = "save-state is-" + state;
        status.textContent = message;
        button.hidden = !again;
        if (again) { button.textContent = again; }
        item.classList.toggle("is-unsaved", state === "failed");
    }
    function badge(item, answer) {
        var label = item.querySelector("label[for='ans-" + answer + "-" + item.id.substring(5) + "']");
        var b = item.querySelector("[data-answer-badge]");
        if (b && label) { b.textContent = label.textContent; }
    }
    // Each change raises the item's version; a save remembers the version it sent, so an answer typed while a save was on
    // its way is never reported as saved — it is saved next.
    function save(item) {
        clearTimeout(item.saveTimer);
        if (item.saving) { item.saveAgain = true; return; }
        item.saving = true;
        item.saveAgain = false;
        var sent = item.version;
        var body = new URLSearchParams();
        fieldsOf(item).forEach(function (f) {
            if (f.type === "radio" && !f.checked) { return; }
            if (f.name.slice(-7) === ".ItemId") { return; }
            body.append("Item." + f.name.replace(/^Answers\[\d+\]\./, ""), f.value);
        });
        body.append("__RequestVerificationToken", token);
        show(item, "saving", text.saving);
        function done(state, message, again) {
            item.saving = false;
            if (item.saveAgain) { save(item); return; }
            if (state === "saved" && item.version !== sent) { show(item, "pending", text.pending); return; }
            if (state === "saved") { delete unsaved[item.id]; }
            show(item, state, message, again);
            counts();
        }
        fetch(item.dataset.saveUrl, {
            method: "POST", credentials: "same-origin", redirect: "manual", body: body,
            headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" }
        }).then(function (response) {
            return response.json().then(function (data) { return { status: response.status, data: data }; }, function () { return { status: response.status, data: null }; });
        }).then(function (result) {
            var data = result.data;
            // Someone else's stamp is only taken when the officer asks to replace their answer («Lưu đè»): a save that
            // was already queued must not overwrite it silently.
            if (data && data.stamp) {
                if (result.status === 409) { item.dataset.theirStamp = data.stamp; } else { item.querySelector("[data-stamp]").value = data.stamp; }
            }
            if (result.status === 200 && data && data.saved) {
                item.dataset.savedAnswer = data.answer;
                badge(item, data.answer);
                counts();
                done("saved", text.saved);
            } else if (result.status === 409 && data) {
                if (data.current) { item.dataset.savedAnswer = data.current.answer; badge(item, data.current.answer); }
                done("failed", data.message, text.overwrite);
            } else if (result.status === 422 && data) {
                done("failed", data.message);
            } else {
                done("failed", result.status === 0 || result.status === 401 || result.status === 403 ? text.session : text.failed, text.retry);
            }
        }, function () {
            done("failed", text.offline, text.retry);
        });
    }
    function changed(item, soon) {
        item.version = (item.version || 0) + 1;
        unsaved[item.id] = true;
        clearTimeout(item.saveTimer);
        show(item, "pending", text.pending);
        if (soon) { item.saveTimer = setTimeout(function () { save(item); }, 1500); } else { save(item); }
        counts();
    }
    // The reason is asked for «Không áp dụng», the date and the person for the unmet answers: other fields stay out of the
    // way unless they already hold something.
    function fit(item) {
        var chosen = item.querySelector("input[type=radio]:checked");
        item.querySelectorAll("[data-shown-for]").forEach(function (field) {
            var input = field.querySelector("input, textarea");
            var wanted = chosen && field.dataset.shownFor.split(" ").indexOf(chosen.value) >= 0;
            field.hidden = !wanted && !(input && input.value);
        });
    }
    items().forEach(function (item) {
        if (!item.querySelector("[data-stamp]")) { return; }
        fit(item);
        item.addEventListener("change", function () { fit(item); });
        fieldsOf(item).forEach(function (f) {
            if (f.type === "radio" || f.dataset.date) {
                f.addEventListener("change", function () { changed(item, false); });
            } else {
                f.addEventListener("input", function () { changed(item, true); });
                f.addEventListener("change", function () { if (unsaved[item.id] && !item.saving) { save(item); } else if (unsaved[item.id]) { item.saveAgain = true; } });
            }
        });
        item.querySelector(".js-save-again").addEventListener("click", function () {
            if (item.dataset.theirStamp) {
                item.querySelector("[data-stamp]").value = item.dataset.theirStamp;
                delete item.dataset.theirStamp;
            }
            save(item);
        });
        var carried = item.querySelector(".js-use-carried");
        if (carried) {
            carried.hidden = false;
            carried.addEventListener("click", function () {
                var radio = item.querySelector("input[type=radio][value='" + carried.dataset.answer + "']");
                if (radio) { radio.checked = true; }
                fit(item);
                var note = item.querySelector("textarea[name$='.EvidenceNote']");
                if (note && !note.value) { note.value = carried.dataset.note || ""; }
                var why = item.querySelector("input[name$='.Justification']");
                if (why && !why.value) { why.value = carried.dataset.justification || ""; }
                changed(item, false);
            });
        }
    });
    form.addEventListener("submit", function () { leaving = true; });
    window.addEventListener("beforeunload", function (event) {
        if (leaving || Object.keys(unsaved).length === 0) { return; }
        event.preventDefault();
        event.returnValue = "";
    });
});
