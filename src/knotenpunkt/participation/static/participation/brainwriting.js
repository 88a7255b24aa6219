// Brainwriting: count down the round's time left (the page shows the end time without
// JavaScript), and keep an unsent idea in the browser's session storage across reloads.
(function () {
  "use strict";

  function startClocks(root) {
    root.querySelectorAll("[data-countdown]:not([data-counting])").forEach(function (clock) {
      var remaining = parseFloat(clock.getAttribute("data-remaining"));
      if (isNaN(remaining)) {
        return;
      }
      clock.setAttribute("data-counting", "");
      // From the seconds the server says are left, not the server's clock: the
      // device's clock may be off.
      var end = Date.now() + remaining * 1000;
      var tick = function () {
        if (!clock.isConnected) {
          return;
        }
        var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
        clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
        if (left > 0) {
          window.setTimeout(tick, 250);
        }
      };
      tick();
    });
  }

  function keepDrafts(root) {
    root.querySelectorAll("textarea[data-draft-key]:not([data-drafting])").forEach(function (box) {
      var key = box.getAttribute("data-draft-key");
      box.setAttribute("data-drafting", "");
      try {
        if (box.hasAttribute("data-draft-sent")) {
          window.sessionStorage.removeItem(key);
        } else if (!box.value && window.sessionStorage.getItem(key)) {
          box.value = window.sessionStorage.getItem(key);
        }
        box.addEventListener("input", function () {
          window.sessionStorage.setItem(key, box.value);
        });
      } catch (error) {
        // Storage may be switched off; the form works without it.
      }
    });
  }

  // Screen readers are told when the sheets pass or the session ends: the polled sheet
  // replaces itself, which assistive technology does not announce on its own.
  var roundState = null;

  function announceRound() {
    var sheet = document.getElementById("brainwriting-sheet");
    var status = document.getElementById("brainwriting-announcement");
    if (!sheet || !status) {
      return;
    }
    var state = sheet.getAttribute("data-round-state");
    if (roundState !== null && state !== roundState) {
      status.textContent = sheet.getAttribute("data-announce") || "";
    }
    roundState = state;
  }

  function enhance(root) {
    startClocks(root);
    keepDrafts(root);
    announceRound();
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt.parentNode || document);
  });
})();
