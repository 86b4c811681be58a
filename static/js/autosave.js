/* The post editor's autosave (posts/autosave.py): the text goes to the server every
   AUTOSAVE_SECONDS when it changed, "Sparad kl. 14:02" says when, beside the publishing
   buttons, and leaving with text not yet sent asks first. Without JavaScript the form works as before. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var config = document.getElementById("autosave");
  var form = config && config.closest("form");
  if (!form) { return; }
  var names = ["title", "excerpt", "body"];
  var url = config.getAttribute("data-url");
  var status = document.createElement("p");
  status.className = "autosave-status";
  status.setAttribute("role", "status");
  form.querySelector(".submit-row").prepend(status);

  function snapshot() {
    return names.map(function (name) {
      var field = form.elements[name];
      return field ? field.value : "";
    }).join("\u0000");
  }

  var sent = snapshot();
  var submitting = false;

  function save() {
    var now = snapshot();
    if (now === sent) { return; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    names.forEach(function (name) {
      if (form.elements[name]) { data.append(name, form.elements[name].value); }
    });
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (answer) {
        sent = now;
        status.textContent = answer.message;
        if (answer.autosave_url !== url) {
          url = answer.autosave_url;
          form.action = answer.change_url;
          window.history.replaceState(null, "", answer.change_url);
        }
      })
      .catch(function () { status.textContent = config.getAttribute("data-failed"); });
  }

  window.setInterval(save, 1000 * parseInt(config.getAttribute("data-seconds"), 10));
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && snapshot() !== sent) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
