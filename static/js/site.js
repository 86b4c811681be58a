/* Progressive enhancement only: every feature works without this file. */
(function () {
  "use strict";

  function playEmbed(event) {
    var facade = event.target.closest(".embed-facade");
    if (!facade) { return; }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = facade.getAttribute("data-embed-src");
    frame.title = facade.getAttribute("data-embed-title") || "";
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.loading = "lazy";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    var box = document.createElement("div");
    box.className = "embed-frame";
    box.append(frame);
    facade.replaceWith(box);
    frame.focus();
  }

  function moveReplyForm(event) {
    var link = event.target.closest(".comment-reply-link");
    var respond = document.getElementById("respond");
    if (!link || !respond) { return; }
    event.preventDefault();
    var comment = link.closest("li.comment");
    comment.querySelector("article").after(respond);
    document.getElementById("id_parent").value = link.getAttribute("data-reply-to");
    document.getElementById("cancel-comment-reply-link").hidden = false;
    document.getElementById("id_body").focus();
  }

  function cancelReply(event) {
    if (event.target.id !== "cancel-comment-reply-link") { return; }
    var respond = document.getElementById("respond");
    var section = document.getElementById("comments");
    event.preventDefault();
    section.appendChild(respond);
    document.getElementById("id_parent").value = "";
    event.target.hidden = true;
  }

  function addEditLink() {
    var match = document.cookie.match(/(?:^|; )huddinge_edit=([^;]*)/);
    var marked = document.querySelector("[data-edit]");
    if (!match || !marked) { return; }
    var admin = decodeURIComponent(match[1]).replace(/"/g, "");
    if (!/^\/[\w\-\/]*\/$/.test(admin)) { return; }
    var link = document.createElement("a");
    link.className = "edit-link";
    link.href = admin + marked.getAttribute("data-edit") + "/change/";
    link.textContent = "Redigera";
    marked.querySelector("h1").after(link);
  }

  addEditLink();

  document.addEventListener("click", function (event) {
    playEmbed(event);
    moveReplyForm(event);
    cancelReply(event);
  });
})();
