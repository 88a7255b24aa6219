// The frame's one script, two enhancements; every page works without it.
document.documentElement.classList.add("js");

// On a narrow screen the main navigation folds behind a menu button. Without script the
// navigation is simply shown (and wraps).
function foldNavigation() {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("main-nav");
  if (!toggle || !nav) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("is-open", open);
  });
}

// A form with data-confirm="<dialog id>" asks first, in KERN's dialog
// (templates/includes/confirm_dialog.html); confirming sends the form with the button
// that was pressed. Escape, "Keep it" and the close button leave everything as it was.
function confirmBeforeSending() {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const dialog = document.getElementById(form.dataset.confirm || "");
    if (!dialog || typeof dialog.showModal !== "function" || form.dataset.confirmed) return;
    event.preventDefault();
    const submitter = event.submitter;
    const confirmButton = dialog.querySelector("[data-dialog-confirm]");
    confirmButton.onclick = () => {
      dialog.close();
      form.dataset.confirmed = "yes";
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    };
    dialog.showModal();
  });
  document.addEventListener("click", (event) => {
    const close = event.target.closest("[data-dialog-close]");
    if (close) close.closest("dialog").close();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  foldNavigation();
  confirmBeforeSending();
});
