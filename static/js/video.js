// Swaps a video's poster link for the provider's player when the visitor asks for it:
// no third-party request before then, and the link still works without JS.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var poster = event.target.closest && event.target.closest(".video-poster[data-embed-url]");
    if (!poster || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var url = poster.getAttribute("data-embed-url");
    var frame = document.createElement("iframe");
    frame.src = url + (url.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
    frame.title = poster.getAttribute("data-title");
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    poster.replaceWith(frame);
    frame.focus();
  });
})();
