// Camera scanning for the check-in page, where the browser offers the BarcodeDetector API
// (Chrome on Android, Safari 17+). Elsewhere the typed code keeps working: this file only
// adds a button. A recognised code is put into the form and submitted like a typed one.
(function () {
  "use strict";
  var scanner = document.querySelector("[data-scanner]");
  if (!scanner || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var video = scanner.querySelector("[data-scanner-video]");
  var start = scanner.querySelector("[data-scanner-start]");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var lastCode = "";
  var lastTime = 0;
  scanner.hidden = false;

  function submit(code) {
    var form = document.querySelector(".check-in-form");
    var input = form && form.querySelector("input[name='code']");
    if (!input) {
      return;
    }
    input.value = code;
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function scan() {
    if (video.hidden) {
      return;
    }
    detector.detect(video).then(function (codes) {
      var now = Date.now();
      // The same ticket stays in front of the camera for a while: submit it once.
      if (codes.length && (codes[0].rawValue !== lastCode || now - lastTime > 5000)) {
        lastCode = codes[0].rawValue;
        lastTime = now;
        submit(lastCode);
      }
    }).catch(function () { /* a frame that cannot be read: try the next */ })
      .finally(function () { window.setTimeout(scan, 300); });
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        return video.play();
      })
      .then(scan)
      .catch(function () {
        start.disabled = true;
      });
  });
})();
