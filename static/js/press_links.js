/* A press link's outlet and kind follow its address as it is typed (posts/press_outlets.py
   holds the rules and puts them on the address field); a value the writer typed or chose
   is never overwritten. */
document.addEventListener("input", function (event) {
  "use strict";
  var address = event.target;
  if (address.hasAttribute && address.hasAttribute("data-guessed")) { address.removeAttribute("data-guessed"); }
  if (!address.matches || !address.matches("input[data-press-rules]")) { return; }
  var rules = JSON.parse(address.getAttribute("data-press-rules"));
  var prefix = address.name.replace(/url$/, "");
  var outlet = address.form.elements[prefix + "outlet"];
  var kind = address.form.elements[prefix + "kind"];
  var saved = address.form.elements[prefix + "id"];
  if (saved && saved.value) { return; }
  var url;
  try { url = new URL(/^https?:\/\//i.test(address.value) ? address.value : "https://" + address.value); } catch (error) { return; }
  var host = url.hostname.toLowerCase().replace(/^www\./, "");
  var domain = Object.keys(rules.outlets).filter(function (known) {
    return host === known || host.slice(-known.length - 1) === "." + known;
  })[0] || host;
  var path = url.pathname.toLowerCase();
  var guessed = rules.radio.indexOf(domain) >= 0 ? "radio" : rules.tv.indexOf(domain) >= 0 ? "tv"
    : rules.opEdPaths.some(function (start) { return path.indexOf(start) === 0; }) ? "op-ed" : "article";
  if (outlet && (!outlet.value || outlet.hasAttribute("data-guessed"))) {
    outlet.value = rules.outlets[domain] || domain;
    outlet.setAttribute("data-guessed", "");
  }
  if (kind && (kind.hasAttribute("data-guessed") || !kind.hasAttribute("data-chosen"))) {
    kind.value = guessed;
    kind.setAttribute("data-guessed", "");
  }
});
document.addEventListener("change", function (event) {
  "use strict";
  if (event.target.matches && event.target.matches("select[name$=kind]")) {
    event.target.removeAttribute("data-guessed");
    event.target.setAttribute("data-chosen", "");
  }
});
