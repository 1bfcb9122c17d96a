// Progressive enhancement only: the site works without this file.
// Move focus to an error summary so screen-reader and keyboard users hear the problem first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});
