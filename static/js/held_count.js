/* The number of held comments beside *Kommentarer* in the admin's menus, kept current
   without a reload: asked for every data-seconds (huddinge_site/admin_site.py). */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script.getAttribute("data-url");
  var seconds = parseInt(script.getAttribute("data-seconds"), 10);

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (answer) {
        document.querySelectorAll('th a[href="' + answer.url + '"]').forEach(function (link) {
          link.textContent = answer.label;
        });
      })
      .catch(function () {});
  }

  window.setInterval(refresh, 1000 * seconds);
})();
