/* The Markdown editor's toolbar and image dialog (posts/editor.py). Every button writes
   plain Markdown into the text; links and clips ask for their address in a small dialog
   (not the browser's prompt box, which phones draw cramped); the image dialog uploads
   with the alt text it asks for, or picks an image uploaded before with its alt text, and an image dropped into
   the text is asked for its alt text right after the upload. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  function setUp(editor) {
    var text = editor.querySelector("textarea");
    var dialog = editor.querySelector(".image-dialog");
    var fileInput = dialog.querySelector("input[type=file]");
    var altInput = dialog.querySelector(".image-alt input");
    var grid = dialog.querySelector(".image-grid");
    var chosen = dialog.querySelector(".image-chosen");
    var error = dialog.querySelector(".image-error");
    var say = function (name) { return editor.getAttribute("data-" + name); };
    var token = text.form.elements.csrfmiddlewaretoken.value;
    var addressDialog = editor.querySelector(".address-dialog");
    var addressLabel = addressDialog.querySelector("label");
    var addressInput = addressDialog.querySelector("input");
    var picked = null;
    var dropped = null;

    function changed() {
      text.dispatchEvent(new Event("input", { bubbles: true }));
      text.focus();
    }

    function replaceSelection(before, inner, after) {
      var start = text.selectionStart, end = text.selectionEnd;
      text.setRangeText(before + inner + after, start, end, "end");
      text.setSelectionRange(start + before.length, start + before.length + inner.length);
      changed();
    }

    function wrap(mark, placeholder) {
      var selected = text.value.slice(text.selectionStart, text.selectionEnd);
      replaceSelection(mark, selected || placeholder, mark);
    }

    function prefixLines(prefix) {
      var start = text.value.lastIndexOf("\n", text.selectionStart - 1) + 1;
      var end = text.selectionEnd;
      var lines = text.value.slice(start, end).split("\n").map(function (line) {
        return line.startsWith(prefix) ? line : prefix + line;
      });
      text.setRangeText(lines.join("\n"), start, end, "end");
      changed();
    }

    function insertBlock(block) {
      var before = text.value.slice(0, text.selectionStart);
      var lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      text.setRangeText(lead + block + "\n\n", text.selectionStart, text.selectionEnd, "end");
      changed();
    }

    function askAddress(question, then) {
      var start = text.selectionStart, end = text.selectionEnd;
      addressLabel.textContent = question;
      addressInput.value = "";
      addressDialog.returnValue = "";
      addressDialog.onclose = function () {
        var address = addressInput.value.trim();
        text.focus();
        text.setSelectionRange(start, end);
        if (addressDialog.returnValue === "insert" && address) { then(address); }
      };
      addressDialog.showModal();
      addressInput.focus();
    }

    function link() {
      askAddress(say("ask-link"), function (address) {
        var selected = text.value.slice(text.selectionStart, text.selectionEnd);
        replaceSelection("[", selected || say("link-text"), "](" + address + ")");
      });
    }

    function embed() {
      askAddress(say("ask-embed"), insertBlock);
    }

    function send(url, data) {
      data.append("csrfmiddlewaretoken", token);
      return fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (!response.ok) { return Promise.reject(answer); }
            return answer;
          });
        });
    }

    function showError(message) {
      error.textContent = message;
      error.hidden = !message;
    }

    function pick(item, button) {
      picked = item;
      altInput.value = item.alt;
      grid.querySelectorAll("button").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
      fileInput.value = "";
    }

    function loadLibrary() {
      grid.textContent = "";
      fetch(say("library-url"), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (!answer.images || !answer.images.length) {
            var empty = document.createElement("li");
            empty.textContent = say("empty");
            grid.append(empty);
            return;
          }
          answer.images.forEach(function (item) {
            var entry = document.createElement("li");
            var button = document.createElement("button");
            var image = document.createElement("img");
            var caption = document.createElement("span");
            button.type = "button";
            button.className = "library-item";
            button.setAttribute("aria-pressed", "false");
            image.src = item.thumbnail;
            image.alt = "";
            caption.textContent = item.alt || item.url.split("/").pop();
            button.append(image, caption);
            button.addEventListener("click", function () { pick(item, button); });
            entry.append(button);
            grid.append(entry);
          });
        });
    }

    function open(justDropped) {
      dropped = justDropped || null;
      picked = null;
      fileInput.value = "";
      altInput.value = "";
      showError("");
      dialog.querySelector(".image-new").hidden = Boolean(dropped);
      dialog.querySelector(".image-library").hidden = Boolean(dropped);
      chosen.hidden = !dropped;
      if (dropped) {
        chosen.querySelector("img").src = dropped.thumbnail;
      } else {
        loadLibrary();
      }
      dialog.showModal();
      (dropped ? altInput : fileInput).focus();
    }

    function insert() {
      var alt = altInput.value.trim();
      if (!alt) { showError(say("need-alt")); altInput.focus(); return; }
      var data = new FormData();
      data.append("alt", alt);
      var request;
      if (dropped) {
        request = send(say("alt-url").replace(/0\/$/, dropped.id + "/"), data);
      } else if (fileInput.files.length) {
        data.append("image", fileInput.files[0]);
        showError(say("uploading"));
        request = send(say("upload-url"), data);
      } else if (picked) {
        request = alt === picked.alt ? Promise.resolve(picked)
          : send(say("alt-url").replace(/0\/$/, picked.id + "/"), data);
      } else {
        showError(say("need-image"));
        return;
      }
      request.then(function (image) {
        dialog.close();
        if (dropped) {
          text.value = text.value.split("![](" + image.url + ")").join(image.image_code);
          changed();
        } else {
          insertBlock(image.image_code);
        }
      }).catch(function (answer) {
        showError((answer && answer.image && answer.image.join(" ")) || say("failed"));
      });
    }

    var actions = {
      bold: function () { wrap("**", say("bold-text")); },
      italic: function () { wrap("_", say("italic-text")); },
      heading: function () { prefixLines("## "); },
      link: link,
      list: function () { prefixLines("- "); },
      quote: function () { prefixLines("> "); },
      image: function () { open(null); },
      embed: embed
    };
    editor.querySelectorAll(".editor-toolbar button").forEach(function (button) {
      button.addEventListener("click", function () {
        actions[button.getAttribute("data-action")]();
      });
    });
    text.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) { return; }
      var shortcut = { b: "bold", i: "italic", k: "link" }[event.key.toLowerCase()];
      if (shortcut) {
        event.preventDefault();
        actions[shortcut]();
      }
    });
    fileInput.addEventListener("change", function () {
      picked = null;
      grid.querySelectorAll("button").forEach(function (other) {
        other.setAttribute("aria-pressed", "false");
      });
    });
    dialog.querySelector("[data-dialog=insert]").addEventListener("click", insert);
    dialog.querySelector("[data-dialog=cancel]").addEventListener("click", function () {
      dialog.close();
    });
    addressDialog.querySelector("[data-address=insert]").addEventListener("click", function () {
      addressDialog.close("insert");
    });
    addressDialog.querySelector("[data-address=cancel]").addEventListener("click", function () {
      addressDialog.close("");
    });
    addressInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); addressDialog.close("insert"); }
    });
    altInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); insert(); }
    });
    editor.querySelector(".markdownx").addEventListener("markdownx.fileUploadEnd", function (event) {
      var answer = event.detail && event.detail[0];
      if (answer && answer.id) { open(answer); }
    });
  }

  document.querySelectorAll(".editor").forEach(setUp);
});
