/* The admin's file fields in the admin's language: the browser's own "Choose File" /
   "No file chosen" follow the browser, not the site. Each file input gets a button and
   a line naming the chosen file, with the words from the page (data-choose, data-none);
   the input itself stays, so forms, labels and tests work as before. */
(function () {
  "use strict";
  var script = document.currentScript;
  var choose = script.getAttribute("data-choose");
  var none = script.getAttribute("data-none");

  function enhance(input) {
    if (input.hasAttribute("data-choice")) { return; }
    input.setAttribute("data-choice", "");
    var wrap = document.createElement("span");
    wrap.className = "file-choice";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = choose;
    var name = document.createElement("span");
    name.className = "file-choice-name";
    name.setAttribute("aria-live", "polite");
    name.textContent = none;
    input.before(wrap);
    wrap.append(input, button, name);
    input.tabIndex = -1;
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
      name.textContent = names.length ? names.join(", ") : none;
    });
  }

  function enhanceAll() {
    document.querySelectorAll("input[type=file]").forEach(enhance);
  }

  enhanceAll();
  new MutationObserver(enhanceAll).observe(document.body, {childList: true, subtree: true});
})();
