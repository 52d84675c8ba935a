/* Editor pages: progressive enhancement only (every form works without it).
 *  - forms with data-confirm ask in a <dialog> before a destructive action; "yes" ticks the
 *    form's confirmation box (the server still requires it where it asks for one) and submits;
 *  - inputs with data-autocomplete-iri suggest concepts from GET /api/autocomplete in their
 *    <datalist>: the option's value is the concept's IRI, its label the concept's name.
 * Text from the server is only ever put in the page with textContent. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "nl";

  function confirmDialog(form) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    text.textContent = form.dataset.confirm;
    var buttons = document.createElement("div");
    buttons.className = "confirm-buttons";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button-danger";
    yes.textContent = form.dataset.confirmYes || "OK";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button-secondary";
    no.textContent = form.dataset.confirmNo || "Cancel";
    buttons.appendChild(yes);
    buttons.appendChild(no);
    dialog.appendChild(text);
    dialog.appendChild(buttons);
    document.body.appendChild(dialog);
    no.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    yes.addEventListener("click", function () {
      var box = form.querySelector("input[name=confirm]");
      if (box) box.checked = true;
      form.dataset.confirmed = "true";
      dialog.close();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
    dialog.showModal();
    no.focus();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.confirmed === "true") return;
      event.preventDefault();
      confirmDialog(form);
    });
  });

  /* Public pages (the cookie only goes to /editor): "signed in as" instead of "sign in". */
  var sessionHints = document.querySelectorAll("[data-session-hint]");
  if (sessionHints.length) {
    fetch("/editor/session", { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { signedIn: false }; })
      .then(function (session) {
        if (!session.signedIn) return;
        Array.prototype.forEach.call(sessionHints, function (hint) {
          hint.textContent = String(hint.dataset.signedInText || "").replace("{organisation}", session.organisation);
          hint.dataset.signedIn = "true";
        });
      })
      .catch(function () { /* the sign-in hint stays */ });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete-iri]"), function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text.length < 2 || /^https?:/.test(text) || text === asked) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        asked = text;
        var url = "/api/autocomplete?limit=10&q=" + encodeURIComponent(text) +
          (input.dataset.vocabulary ? "&vocabulary=" + encodeURIComponent(input.dataset.vocabulary) : "");
        fetch(url, { headers: { "Accept": "application/json", "Accept-Language": lang } })
          .then(function (response) { return response.ok ? response.json() : { data: [] }; })
          .then(function (answer) {
            list.textContent = "";
            answer.data.forEach(function (hit) {
              if (hit.deprecated) return;
              var option = document.createElement("option");
              option.value = hit.uri;
              option.label = (hit.label || hit.matched_label) + (hit.notation ? " (" + hit.notation + ")" : "");
              option.textContent = option.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience: typing an IRI still works */ });
      }, 200);
    });
  });
})();
