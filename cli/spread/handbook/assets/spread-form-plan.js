/* The self-audit form's action plan (handbook/form_actions.py): shows the first row and any filled in, reveals the
   next on "Add another action" (the focus moves to its first field), names the items to start with from the page's
   own score, and reads and checks the rows for assets/spread-form.js, which writes them into the file.
   Loaded before spread-form.js, which calls window.SpreadFormPlan(form, data, helpers). No eval, no innerHTML. */
(function () {
  "use strict";
  window.SpreadFormPlan = function (form, data, h) {
    var plan = data.plan || {rows: 0, due: ""};
    var PARTS = ["item", "action", "owner", "due"], opened = 1;
    var button = form.querySelector('[data-action="add-action"]'), full = document.getElementById("spread-form-plan-full");
    function row(n) { return form.querySelector('.spread-form-action[data-row="' + n + '"]'); }
    function el(n, part) { return h.byName("actions." + n + "." + part)[0]; }
    function halfDate(n) { var due = el(n, "due"); return !!(due && due.validity && due.validity.badInput); }
    function filled(n) {
      return halfDate(n) || PARTS.some(function (p) { var e = el(n, p); return e && e.value.trim() !== ""; });
    }
    /* The rows with anything in them, in order, each as [its row, the action as the audit file holds it]. */
    function taken() {
      var out = [];
      for (var n = 0; n < plan.rows; n++) {
        if (!filled(n)) { continue; }
        var base = "actions." + n + ".";
        out.push([n, {item: h.text(base + "item"), action: h.text(base + "action"), owner: h.text(base + "owner"),
                      due: h.text(base + "due")}]);
      }
      return out;
    }
    function reveal() {
      for (var n = 0; n < plan.rows; n++) { if (filled(n)) { opened = Math.max(opened, n + 1); } }
      for (var m = 0; m < plan.rows; m++) { row(m).hidden = m >= opened; }
      if (button) { button.hidden = opened >= plan.rows; }
      if (full) { full.hidden = opened < plan.rows; }
    }
    function add() {
      if (opened >= plan.rows) { return; }
      opened += 1;
      reveal();
      el(opened - 1, "item").focus();
    }
    if (button) { button.addEventListener("click", add); }
    /* An item is chosen from those the check knows, so only a date typed in part can be wrong before the schema. */
    function problems(say) {
      taken().forEach(function (t) {
        if (halfDate(t[0])) { say("actions." + t[0] + ".due", "`due` is not a whole date: " + plan.due); }
      });
    }
    /* The field a schema problem at actions/<i>/<part> is about: the row of the i-th action given. */
    function name(parts) {
      var t = taken()[Number(parts[1])];
      return t ? "actions." + t[0] + "." + (parts[2] || "item") : parts.join(".");
    }
    /* The items to start with, from the page's score (spread-score.js), as `audit new`'s comment asks. */
    function hint(result) {
      var box = document.getElementById("spread-form-plan-focus");
      if (!box) { return; }
      var flagged = ((result && result.items) || []).filter(function (r) {
        return r.score !== null && !r.scored_by_rule &&
          (r.below_minimum || (data.kind !== "anchored" && (r.level === "developmental" || r.level === "unacceptable")));
      });
      var named = flagged.map(function (r) {
        return r.id + (r.below_minimum ? " (below its minimum)" : " (" + r.level + ", below expected practice)");
      });
      box.textContent = !result ? "Once items are rated, the ones to start with are named here." : named.length ?
        "Start with " + named.join(", ") + "." : "No item rated so far is below its minimum or below expected practice.";
      box.setAttribute("data-flagged", flagged.map(function (r) { return r.id; }).join(","));
    }
    return {read: function () { return taken().map(function (t) { return t[1]; }); }, problems: problems, name: name,
            hint: hint, reveal: reveal, reset: function () { opened = 1; reveal(); }};
  };
})();
