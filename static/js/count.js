/* Counts one view of this page on this site's own server: no cookie, nothing stored in the
   browser, nothing sent anywhere else; not at all under Do Not Track or Global Privacy
   Control. See /integritet/. */
(function () {
  "use strict";
  if (navigator.doNotTrack === "1" || navigator.globalPrivacyControl || !navigator.sendBeacon) {
    return;
  }
  var data = new URLSearchParams();
  data.set("p", location.pathname);
  data.set("r", document.referrer);
  navigator.sendBeacon("/count/", data);
})();
