/* The featured image picked from the media library (posts/editor.py, LibraryImageInput): one
   press on a thumbnail chooses it, fills the alt text it was given before when the field
   is empty, and closes the dialog; the form then sends the image's number, not a file. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".library-image").forEach(function (box) {
    var dialog = box.querySelector(".library-dialog");
    var grid = dialog.querySelector(".image-grid");
    var form = box.closest("form");
    var chosen = box.querySelector(".library-image-chosen");
    var file = box.querySelector("input[type=file]");
    var hidden = form.elements.featured_from_library;
    var alt = form.elements.featured_image_alt;

    function pick(image) {
      hidden.value = image.id;
      file.value = "";
      chosen.hidden = false;
      chosen.querySelector("img").src = image.thumbnail;
      chosen.querySelector("figcaption").textContent = image.alt;
      if (alt && !alt.value) { alt.value = image.alt; }
      dialog.close();
      if (alt && !alt.value) { alt.focus(); }
    }

    function show(images) {
      grid.replaceChildren();
      if (!images.length) {
        var empty = document.createElement("li");
        empty.textContent = box.getAttribute("data-empty");
        grid.append(empty);
      }
      images.forEach(function (image) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "library-item";
        var thumb = document.createElement("img");
        thumb.src = image.thumbnail;
        thumb.alt = "";
        var label = document.createElement("span");
        label.textContent = image.alt || image.url.split("/").pop();
        button.append(thumb, label);
        button.addEventListener("click", function () { pick(image); });
        item.append(button);
        grid.append(item);
      });
    }

    box.querySelector("[data-library-pick]").addEventListener("click", function () {
      dialog.showModal();
      fetch(box.getAttribute("data-library-url"), {credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (answer) { show(answer.images || []); });
    });
    box.querySelector("[data-library-cancel]").addEventListener("click", function () { dialog.close(); });
    file.addEventListener("change", function () {
      hidden.value = "";
      chosen.hidden = true;
    });
  });
});
