// Moves focus to what the page has just computed (the advisor's result), so keyboard and
// screen-reader users start there instead of at the top of the form. A file, not an inline
// script: the Content Security Policy allows scripts from our own origin only.
(function () {
  const target = document.querySelector("[data-focus-on-load]");
  if (target) {
    target.focus();
  }
})();
