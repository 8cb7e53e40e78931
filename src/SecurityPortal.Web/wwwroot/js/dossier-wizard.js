// The dossier wizard: as facts are typed, the engine's answer beside the form is refreshed from the server
// (nothing is saved until the user presses a save button), and so are the questions when an answer changes which
// ones apply (a question that cannot change the level is not asked). Without JavaScript both refresh on save.
document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("wizard-form");
    var panel = document.getElementById("engine-panel");
    if (!form || !panel || !form.dataset.preview) { return; }
    var timer = null;
    function refresh() {
        var data = new FormData(form);
        data.delete("__SubmissionKey"); // a preview saves nothing: it must not use up the form's submission key
        fetch(form.dataset.preview, { method: "POST", body: data, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html === null) { return; }
                var doc = new DOMParser().parseFromString(html, "text/html");
                var result = doc.getElementById("engine-result");
                if (result) { panel.replaceChildren(document.importNode(result, true)); }
                var questions = doc.getElementById("wizard-facts");
                var current = document.getElementById("wizard-facts");
                if (questions && current && questions.dataset.asked !== current.dataset.asked) {
                    var focused = document.activeElement && document.activeElement.id;
                    var replacement = document.importNode(questions, true);
                    current.replaceWith(replacement);
                    watch(replacement);
                    var again = focused && document.getElementById(focused);
                    if (again) { again.focus(); }
                }
            })
            .catch(function () { /* the panel keeps its last answer; saving still works */ });
    }
    function watch(root) {
        root.querySelectorAll(".js-fact").forEach(function (input) {
            input.addEventListener("change", function () {
                clearTimeout(timer);
                timer = setTimeout(refresh, 150);
            });
        });
    }
    watch(form);
});
