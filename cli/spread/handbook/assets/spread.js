/* Spread handbook: small accessibility repairs to the theme, applied as each page loads.
   Material's search panel has role="dialog" but no name, so a screen reader announces only "dialog":
   name it after its search box. Runs locally; the handbook loads nothing from the network. */
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
  var box = dialog.querySelector(".md-search__input");
  dialog.setAttribute("aria-label", (box && box.getAttribute("aria-label")) || "Search");
});
