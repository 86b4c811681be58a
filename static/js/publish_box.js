/* The Publish box's primary button says what it will do (templates/admin/writing_room.html):
   *Schemalägg* while the publication time is in the future, *Publicera* otherwise, as the
   server reads the same press (posts/admin.py). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var button = document.querySelector(".publish-primary[data-schedule]");
  var day = document.getElementById("id_published_at_0");
  var time = document.getElementById("id_published_at_1");
  if (!button || !day || !time) { return; }

  function chosen() {
    var parts = (day.value + " " + (time.value || "00:00")).match(/^(\d{4})-(\d\d)-(\d\d) (\d\d?):(\d\d)(?::(\d\d))?/);
    if (!parts) { return null; }
    return new Date(+parts[1], parts[2] - 1, +parts[3], +parts[4], +parts[5], +(parts[6] || 0));
  }

  function follow() {
    var when = chosen();
    var later = when !== null && when.getTime() > Date.now() + 60000;
    button.textContent = button.getAttribute(later ? "data-schedule" : "data-publish");
  }

  [day, time].forEach(function (field) {
    field.addEventListener("input", follow);
    field.addEventListener("change", follow);
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest(".datetimeshortcuts")) { window.setTimeout(follow, 0); }
  });
  follow();
});
