/* Spread handbook: small accessibility repairs to the theme, applied as each page loads. Runs locally; the
   handbook loads nothing from the network.
   - Material's search panel has role="dialog" but no name, so a screen reader announces only "dialog":
     name it after its search box.
   - A wide table scrolls sideways inside its own box (Material wraps every table in one). A box that scrolls
     must be reachable by keyboard and say what it holds, so each becomes a focusable, labelled region, named
     after the table's caption or the heading above it. Material wraps tables as the page starts, after this
     script has run, so the repair runs again whenever the content changes. (Code blocks wrap their lines on
     narrow screens instead: see spread.css.) */
(function () {
  function named(dialog) {
    var box = dialog.querySelector(".md-search__input");
    dialog.setAttribute("aria-label", (box && box.getAttribute("aria-label")) || "Search");
  }

  function heading(node) {
    for (var at = node; at && !at.matches(".md-content"); at = at.parentElement) {
      for (var before = at.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.replace(/¶/g, "").trim();
      }
    }
    return document.title;
  }

  function region(box) {
    if (box.hasAttribute("data-spread-region")) return;
    box.setAttribute("data-spread-region", "");
    var caption = box.querySelector("caption");
    var label = box.getAttribute("aria-label") || (caption ? caption.textContent.trim() : heading(box));
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Table: " + label);
    box.setAttribute("tabindex", "0");
  }

  function repair(root) {
    root.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(named);
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(region);
  }

  repair(document);
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        if (changes[i].addedNodes.length) { repair(document); return; }
      }
    }).observe(document.body, {childList: true, subtree: true});
  }
})();
