/* Spread handbook: the "Adopt this programme" form of a playbook page (made by handbook/adopt_form.py).
   It turns a coordinator's answers into the answers file `spread site new PLAYBOOK SITE --answers FILE` reads, with
   nothing sent anywhere and nothing fetched: it works from file:// and any static host, offline.
   - A draft is kept in the browser (localStorage) as the person types, so reloading or closing the page loses nothing.
   - Each answer is judged as `spread site new` judges it, in its words: the messages and rules come from the page
     (the form's data-spread-adopt attribute, written by handbook/adopt_words.py from the command's own functions).
   - The file is made from the answers with every value written as a JSON string, which YAML reads as a
     double-quoted scalar, and downloaded through a Blob. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-spread-adopt]");
  if (!form) return;
  var words = JSON.parse(form.getAttribute("data-spread-adopt"));
  var store = "spread-adopt:" + words.playbook + ":" + words.version;
  var status = form.querySelector(".spread-adopt-status");
  var components = words.order;

  function fill(template, values) {
    return template.replace(/\{(value|found|length|what)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }
  function squash(value) { return value.split(/\s+/).filter(Boolean).join(" "); }
  function shown(value) { return value.length <= 80 ? value : value.slice(0, 79) + "\u2026"; }
  function byId(id) { return document.getElementById(id); }
  function named(name) { return form.querySelectorAll('[name="' + name.replace(/["\\]/g, "\\$&") + '"]'); }
  function value(name) {
    var found = named(name);
    for (var i = 0; i < found.length; i++) {
      var el = found[i];
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) return el.value; } else return el.value;
    }
    return null;
  }
  function ticked(name) {
    return Array.prototype.filter.call(named(name), function (el) { return el.checked; })
      .map(function (el) { return el.value; });
  }

  /* --- The draft ------------------------------------------------------------------------------------------ */
  function save() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") { data[el.name] = ticked(el.name); } else if (el.type === "radio") {
        if (el.checked) data[el.name] = el.value;
      } else { data[el.name] = el.value; }
    });
    try { window.localStorage.setItem(store, JSON.stringify(data)); } catch (e) { /* private mode: no draft */ }
  }
  function restore() {
    var data;
    try { data = JSON.parse(window.localStorage.getItem(store) || "null"); } catch (e) { data = null; }
    if (!data) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data)) return;
      var saved = data[el.name];
      if (el.type === "checkbox") el.checked = Array.isArray(saved) && saved.indexOf(el.value) >= 0;
      else if (el.type === "radio") el.checked = saved === el.value;
      else el.value = typeof saved === "string" ? saved : "";
    });
  }

  /* --- Judging answers as `spread site new` does -------------------------------------------------------- */
  function idProblem(site) {
    var rule = words.id;
    var said = {value: shown(site), length: site.length};
    if (site.length > rule.max) return fill(rule.long, said);
    if (!new RegExp("^(?:" + rule.slug + ")$").test(site)) return fill(rule.shape, said);
    if (new RegExp("^(?:" + rule.device + ")$", "is").test(site)) return fill(rule.reserved, said);
    if (rule.taken.indexOf(site) >= 0) return fill(rule.used, said);
    return "";
  }
  function norm(text) { return text.trim().toLowerCase().replace(/[\s_-]+/g, " "); }
  function escaped(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function breach(c, text) {
    var plain = norm(text);
    for (var i = 0; i < c.prohibited.length; i++) {
      var rule = c.prohibited[i];
      if (plain === norm(rule.text)) return fill(rule.same, {value: text});
      for (var j = 0; j < rule.words.length; j++) {
        var word = norm(rule.words[j]);
        if (word && new RegExp("(?<![\\p{L}\\p{N}_])" + escaped(word) + "(?![\\p{L}\\p{N}_])", "u").test(plain)) {
          return fill(rule.found, {value: text, found: rule.words[j]});
        }
      }
      if (rule.pattern) {
        var match = null;
        try { match = new RegExp(rule.pattern, "i").exec(text.slice(0, words.maxText)); } catch (e) { match = null; }
        if (match) return fill(rule.found, {value: text, found: match[0] || rule.text});
      }
    }
    return "";
  }
  /* What `choices.resolve` says of a choice: [the choice to record, or null; the problem, or ""]. */
  function resolve(c, typed) {
    var text = squash(typed);
    if (!text) return [null, c.need];
    if (text.length > words.maxText) return [null, fill(words.textLong, {length: text.length})];
    var refused = breach(c, text);
    if (refused) return [null, refused];
    for (var i = 0; i < c.options.length; i++) {
      if (text === c.options[i][0] || text.toLowerCase() === c.options[i][1].toLowerCase()) return [c.options[i][0], ""];
    }
    if (!c.free) return [null, fill(c.other, {value: text})];
    if (c.max !== null && text.length > c.max) return [null, fill(c.long, {value: text, length: text.length})];
    return [text, ""];
  }
  function departs(c, choice) {
    return c.options.length > 0 && !c.options.some(function (o) { return o[0] === choice; });
  }
  /* A component's answer: its choice (or null), whether it is an adaptation, and each problem by the field it is
     shown beside. */
  function answer(cid) {
    var c = words.components[cid];
    var picked = value("choice:" + cid);
    var typed = picked === null || picked === "" ? (value("own:" + cid) || "") : picked;
    var resolved = resolve(c, typed);
    var choice = resolved[0];
    var adapted = choice !== null && (ticked("adapt:" + cid).length > 0 || departs(c, choice));
    var reason = squash(value("reason:" + cid) || "");
    var description = squash(value("frame:" + cid + ":description") || "");
    var problems = {};
    problems["adopt-choice-" + cid] = resolved[1];
    if (choice !== null && !reason && (adapted || choice !== c["default"])) {
      problems["adopt-reason-" + cid] = "Missing: " + fill(c.reason, {value: choice});
    }
    if (adapted && !departs(c, choice) && !description) {
      problems["adopt-frame-" + cid + "-description"] = "Missing: " + fill(c.describe, {value: choice});
    }
    return {choice: choice, adapted: adapted, reason: reason, description: description, problems: problems};
  }
  function problems() {
    var found = {};
    var site = value("site") || "";
    found["adopt-site"] = idProblem(site);
    form.querySelectorAll("[data-what]").forEach(function (el) {
      found[el.id] = squash(el.value) ? "" : fill(words.empty, {what: el.getAttribute("data-what")});
    });
    components.forEach(function (cid) {
      var said = answer(cid).problems;
      ["adopt-choice-", "adopt-reason-", "adopt-frame-"].forEach(function (start) {
        var id = start === "adopt-frame-" ? start + cid + "-description" : start + cid;
        found[id] = said[id] || "";
      });
    });
    return found;
  }
  function show(id, message) {
    var box = byId(id + "-error");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
    var control = byId(id) || byId(id + "--1") || byId("adopt-own-" + id.replace(/^adopt-choice-/, ""));
    if (control) { if (message) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid"); }
  }

  /* --- What the page shows as answers change -------------------------------------------------------------- */
  function update() {
    components.forEach(function (cid) {
      var frame = byId("adopt-frame-" + cid);
      if (frame) frame.hidden = !answer(cid).adapted;
    });
    var site = squash(value("site") || "");
    var ok = site && !idProblem(site);
    var command = document.querySelector("[data-spread-adopt-command]");
    if (command) command.textContent = fill(words.command, {value: ok ? site : "SITE"});
    var file = form.parentNode.querySelector("[data-spread-adopt-file]");
    if (file) file.textContent = fill(words.file, {value: ok ? site : "SITE"});
  }
  function fieldOf(el) {
    var id = el.id || "";
    var own = id.match(/^adopt-own-(.+)$/) || id.match(/^adopt-choice-(.+?)--/);
    if (own) return "adopt-choice-" + own[1];
    return id.replace(/--\d+$/, "");
  }

  /* --- The file ---------------------------------------------------------------------------------------------- */
  function q(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (ch) {
      return "\\u" + ("000" + ch.charCodeAt(0).toString(16)).slice(-4);
    });
  }
  function optional(lines, key, text, indent) {
    text = squash(text || "");
    if (text) lines.push(indent + key + ": " + q(text));
  }
  function yaml(site) {
    var file = fill(words.file, {value: site});
    var lines = ["# Answers for `spread site new`: a new site of `" + words.playbook + "` version " + words.version +
                 ", from the handbook's form.", "# The network's central team sets it up with:",
                 "#   " + fill(words.command, {value: site})];
    optional(lines, "name", value("name"), "");
    lines.push("host:");
    optional(lines, "name", value("host"), "  ");
    optional(lines, "type", value("host_type"), "  ");
    optional(lines, "area", value("area"), "");
    optional(lines, "contact", value("contact"), "");
    if (named("mentor").length) {
      lines.push("pair:");
      optional(lines, "mentor", value("mentor"), "  ");
      optional(lines, "mentee", value("mentee"), "  ");
    }
    optional(lines, "started", value("started"), "");
    optional(lines, "stage", value("stage"), "");
    var chosen = [], adapted = [];
    components.forEach(function (cid) {
      var a = answer(cid);
      var entry = ["  " + q(cid) + ":", "    choice: " + q(a.choice)];
      if (a.reason) entry.push("    reason: " + q(a.reason));
      if (a.adapted) {
        if (a.description) entry.push("    description: " + q(a.description));
        form.querySelectorAll('[name^="frame:' + cid + ':"]').forEach(function (el) {
          var key = el.name.split(":")[2];
          if (key === "description" || entry.some(function (l) { return l.indexOf("    " + key + ":") === 0; })) return;
          if (el.type === "checkbox") {
            var all = ticked(el.name);
            if (all.length) entry.push("    " + key + ": [" + all.map(q).join(", ") + "]");
          } else if (el.value) {
            entry.push("    " + key + ": " + q(el.value));
          }
        });
      }
      (a.adapted ? adapted : chosen).push.apply(a.adapted ? adapted : chosen, entry);
    });
    if (chosen.length) lines.push("choices:", ...chosen);
    if (adapted.length) lines.push("adaptations:", ...adapted);
    var principles = [];
    form.querySelectorAll('[name^="principle:"]').forEach(function (el) {
      if (squash(el.value)) principles.push("  " + q(el.name.slice("principle:".length)) + ": " + q(squash(el.value)));
    });
    if (principles.length) lines.push("principles:", ...principles);
    return {name: file, text: lines.join("\n") + "\n"};
  }
  function download(made) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([made.text], {type: "application/yaml"}));
    link.download = made.name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* --- Wiring ------------------------------------------------------------------------------------------------ */
  restore();
  update();
  form.hidden = false;
  var nojs = form.parentNode.querySelector(".spread-adopt-nojs");
  if (nojs) nojs.hidden = true;
  form.addEventListener("input", function (event) {
    var el = event.target;
    var own = el.id && el.id.match(/^adopt-own-(.+)$/);
    var radio = own && byId("adopt-choice-" + own[1] + "--own");
    if (radio) radio.checked = true;
    save();
    update();
    var id = fieldOf(el);
    var box = byId(id + "-error");
    if (box && !box.hidden) show(id, problems()[id] || "");
  });
  form.addEventListener("change", function (event) {
    save();
    update();
    var id = fieldOf(event.target);
    if (id.indexOf("adopt-choice-") === 0 || id.indexOf("adopt-adapt-") === 0) {
      var cid = id.replace(/^adopt-(choice|adapt)-/, "");
      var found = problems();
      ["adopt-choice-" + cid, "adopt-reason-" + cid, "adopt-frame-" + cid + "-description"].forEach(function (key) {
        var box = byId(key + "-error");
        if (key === "adopt-choice-" + cid || (box && !box.hidden)) show(key, found[key] || "");
      });
    }
  });
  form.addEventListener("focusout", function (event) {
    var el = event.target;
    if (!el.id || el.type === "radio" || el.type === "checkbox") return;
    var id = fieldOf(el);
    if (id in problems()) show(id, problems()[id]);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = problems();
    var wrong = Object.keys(found).filter(function (id) { return found[id]; });
    Object.keys(found).forEach(function (id) { show(id, found[id]); });
    if (wrong.length) {
      status.textContent = (wrong.length === 1 ? "1 answer needs" : wrong.length + " answers need") +
        " your attention before the file can be made: see the message beside " + (wrong.length === 1 ? "it." : "each.");
      var first = byId(wrong[0]) || byId(wrong[0] + "--1") ||
        byId("adopt-own-" + wrong[0].replace(/^adopt-choice-/, "")) ||
        form.querySelector('[name="choice:' + wrong[0].replace(/^adopt-choice-/, "") + '"]:checked');
      if (first) first.focus();
      return;
    }
    var made = yaml(squash(value("site")));
    download(made);
    status.textContent = "Downloaded " + made.name + ". Next: send it to the network's central team, who set up " +
      "your site with the command below.";
  });
  var clear = form.querySelector("[data-spread-adopt-clear]");
  if (clear) {
    clear.addEventListener("click", function () {
      form.reset();
      try { window.localStorage.removeItem(store); } catch (e) { /* nothing kept */ }
      form.querySelectorAll(".spread-error").forEach(function (box) { box.textContent = ""; box.hidden = true; });
      form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
      status.textContent = "The form is empty again, and no draft is kept.";
      update();
    });
  }
})();
