/* One-click decisions in the comment queue (comments/queue.py) without a reload: the
   button's own POST asks for JSON, and the row shows the new status and buttons. Without
   JavaScript the same buttons submit the form. Keys as in WordPress: j and k move between
   comments, a approves, s marks spam, t trashes, u unapproves the one in focus. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.getElementById("changelist-form");
  if (!form || !form.querySelector("button[name=decide]")) { return; }
  var live = document.createElement("p");
  live.className = "queue-live";
  live.setAttribute("role", "status");
  form.before(live);

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=decide]");
    if (!button) { return; }
    event.preventDefault();
    var row = button.closest("tr");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("decide", button.value);
    row.setAttribute("aria-busy", "true");
    fetch(window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (answer) {
        row.querySelector(".queue-status").textContent = answer.status;
        var buttons = row.querySelector(".queue-decisions");
        buttons.innerHTML = answer.decisions;
        row.classList.add("decided");
        live.textContent = answer.message;
        var next = buttons.querySelector("button");
        if (next) { next.focus(); }
      })
      .catch(function () { form.requestSubmit(button); })
      .finally(function () { row.removeAttribute("aria-busy"); });
  });

  var rows = Array.prototype.slice.call(form.querySelectorAll("#result_list tbody tr"));
  var keys = { a: "approved", s: "spam", t: "trash", u: "pending" };
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var current = rows.indexOf(event.target.closest("tr"));
    if (event.key === "j" || event.key === "k") {
      var next = rows[Math.min(rows.length - 1, Math.max(0, current + (event.key === "j" ? 1 : -1)))];
      var target = next && next.querySelector("button[name=decide]");
      if (target) { event.preventDefault(); target.focus(); }
    } else if (keys[event.key] && current >= 0) {
      var decide = rows[current].querySelector('button[name=decide][value$=":' + keys[event.key] + '"]');
      if (decide) { event.preventDefault(); decide.click(); }
    }
  });
});
