// The dossier wizard: as facts are typed, the engine's answer beside the form is refreshed from the server
// (nothing is saved until the user presses a save button). Without JavaScript the panel refreshes on save.
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
            })
            .catch(function () { /* the panel keeps its last answer; saving still works */ });
    }
    form.querySelectorAll(".js-fact").forEach(function (input) {
        input.addEventListener("change", function () {
            clearTimeout(timer);
            timer = setTimeout(refresh, 150);
        });
    });
});
