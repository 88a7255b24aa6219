/* The as-you-type duplicate warning in the back office's add/change forms of people and
 * organisations. The admin does not load htmx, so this does by hand what the directory's
 * forms do with hx-get: 300 ms after the last keystroke, send the identifying fields to
 * the lookup and show its answer in a live region above the form.
 *
 * Configured by the script element's data attributes: data-similar-url (the lookup) and
 * data-form (a selector for the form). */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script.dataset.similarUrl;
  var formSelector = script.dataset.form;
  var FIELDS = /^(first_name|last_name|name|website|email|phone|vat_id|register_number|emails-\d+-address|phones-\d+-number)$/;

  function start() {
    var form = document.querySelector(formSelector);
    if (!form || !url) {
      return;
    }
    var region = document.createElement("div");
    region.className = "similar-region";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    form.insertBefore(region, form.firstElementChild);

    // On a change form, the record itself is not a duplicate of itself.
    var editing = window.location.pathname.match(/\/(\d+)\/change\/$/);
    var timer = null;
    var lastQuery = null;

    function check() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string" && value.trim() && FIELDS.test(name)) {
          params.append(name, value.trim());
        }
      });
      if (editing) {
        params.set("exclude", editing[1]);
      }
      var query = params.toString();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      fetch(url + "?" + query, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          // Our own server-rendered, autoescaped fragment.
          region.innerHTML = html;
        })
        .catch(function () {
          region.innerHTML = "";
        });
    }

    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 300);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
