// No inline script anywhere (the CSP forbids it): behaviour is attached here by class name.
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select.js-autosubmit").forEach(function (select) {
        select.addEventListener("change", function () { select.form.submit(); });
    });
    // Prevents double submission of a form; the server also guards against it (SubmissionGuardFilter: each form carries a key).
    document.querySelectorAll("form").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (form.dataset.submitted === "true") { event.preventDefault(); return; }
            setTimeout(function () {
                if (event.defaultPrevented) { return; }
                form.dataset.submitted = "true";
                form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
            }, 0);
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
