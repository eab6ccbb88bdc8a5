/* The self-audit form (handbook/form_page.py): keeps a draft in this browser, checks the answers with Spread's own
   words, scores them as they are given (window.SpreadScore, when the handbook has it) and writes the audit file
   from the template Spread rendered at build time (window.SpreadFormData; handbook/form_template.py).
   Nothing is sent anywhere; no eval, no inline script. */
(function () {
  "use strict";
  var data = window.SpreadFormData;
  var form = document.getElementById("spread-form");
  if (!data || !form) { return; }
  var KEY = "spread-form:" + data.playbook + "@" + data.version;
  var WIDTH = 100;
  var YAML11 = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];
  var NONPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;
  var messages = data.messages || {};
  var plan = null;  /* the action plan's rows (assets/spread-form-plan.js), made once the helpers below exist */

  function byName(name) { return form.querySelectorAll('[name="' + name.replace(/["\\]/g, "\\$&") + '"]'); }
  function value(name) {
    var els = byName(name);
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.type === "radio") { if (el.checked) { return el.value; } continue; }
      if (el.type === "checkbox") { continue; }
      return el.value;
    }
    return "";
  }
  function checked(name) {
    return Array.prototype.filter.call(byName(name), function (el) { return el.checked; })
      .map(function (el) { return el.value; });
  }
  function text(name) { var v = value(name).trim(); return v === "" ? null : v; }
  function number(name) {
    var v = value(name).trim();
    if (v === "") { return null; }
    var n = Number(v);
    return isFinite(n) ? n : v;
  }

  /* ---- the draft ---- */
  function snapshot() {
    var kept = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      if (el.type === "checkbox") {
        kept[el.name] = kept[el.name] || [];
        if (el.checked) { kept[el.name].push(el.value); }
      } else if (el.type === "radio") {
        if (el.checked) { kept[el.name] = el.value; }
      } else { kept[el.name] = el.value; }
    });
    return kept;
  }
  function restore(kept) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in kept)) { return; }
      var v = kept[el.name];
      if (el.type === "checkbox") { el.checked = Array.isArray(v) && v.indexOf(el.value) >= 0; }
      else if (el.type === "radio") { el.checked = el.value === v; }
      else { el.value = v; }
    });
  }
  function save() {
    try { window.localStorage.setItem(KEY, JSON.stringify(snapshot())); } catch (e) { /* private mode: no draft */ }
  }
  function load() {
    try {
      var raw = window.localStorage.getItem(KEY);
      if (raw) { restore(JSON.parse(raw)); return true; }
    } catch (e) { /* a damaged draft is ignored */ }
    return false;
  }

  /* ---- what the person said ---- */
  function site() {
    var picked = value("site");
    return picked && picked !== "*" ? picked : (text("site_id") || "");
  }
  function regime() { return data.regimes.length ? (value("regime") || data.regimes[0].id) : ""; }
  function items() {
    var r = regime();
    var rule = data.regimes.filter(function (x) { return x.id === r; })[0];
    return data.items.filter(function (item) { return !rule || !rule.items || rule.items.indexOf(item.id) >= 0; });
  }
  function rating(item) {
    var base = "ratings." + item.id;
    return {value: value(base + ".value") || null, evidence: text(base + ".evidence"),
            reason: text(base + ".not_rated"), sources: checked(base + ".sources")};
  }
  function asPoint(v) { return data.kind === "anchored" ? Number(v) : v; }

  /* The audit as the file will read once parsed (the shape of audit.schema.json), for checking and scoring. */
  function audit() {
    var out = {site: site(), playbook: {id: data.playbook, version: data.version}, period: text("period") || "",
               review: value("review") || "self", completed: text("completed"), raters: [{role: text("role") || ""}],
               ratings: {}};
    if (text("organisation")) { out.raters[0].organisation = text("organisation"); }
    if (regime()) { out.regime = regime(); }
    items().forEach(function (item) {
      var r = rating(item), entry = {};
      if (r.reason !== null && r.value === null) { entry.not_rated = r.reason; }
      else { entry[data.kind === "anchored" ? "score" : "level"] = r.value === null ? null : asPoint(r.value); }
      if (r.reason !== null && r.value !== null) { entry.not_rated = r.reason; }
      entry.evidence = r.evidence;
      entry.sources = r.sources;
      out.ratings[item.id] = entry;
    });
    if (data.goals.length) {
      out.goals = {};
      data.goals.forEach(function (g) {
        var base = "goals." + g.id + ".";
        out.goals[g.id] = g.fraction ? {numerator: number(base + "numerator"), denominator: number(base + "denominator")}
          : {value: number(base + "value")};
      });
    }
    var figures = {};
    data.measures.forEach(function (m) {
      var parts = {count: ["count"], mean: ["mean", "n"], share: ["numerator", "denominator"]}[m.figure], got = {};
      var any = false;
      parts.forEach(function (p) { got[p] = number("figures." + m.id + "." + p); any = any || got[p] !== null; });
      if (any) { figures[m.id] = got; }
    });
    if (Object.keys(figures).length) { out.figures = figures; }
    if (data.voice) {
      var voice = {};
      data.voice.statements.forEach(function (s) {
        var got = {n: number("voice." + s + ".n"), answers: {}}, any = got.n !== null;
        data.voice.answers.forEach(function (a) {
          got.answers[a] = number("voice." + s + ".answers." + a);
          any = any || got.answers[a] !== null;
        });
        if (any) { voice[s] = got; }
      });
      if (Object.keys(voice).length) { out.voice = voice; }
    }
    var actions = plan ? plan.read() : [];
    if (actions.length) { out.actions = actions; }
    return out;
  }

  /* ---- the file, from Spread's template ---- */
  function printable(s) { return !NONPRINTABLE.test(s); }
  function quoted(s) {
    var esc = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"};
    return '"' + Array.from(s).map(function (ch) {
      if (esc[ch]) { return esc[ch]; }
      if (printable(ch)) { return ch; }
      var code = ch.codePointAt(0);
      return code <= 0xFFFF ? "\\u" + ("0000" + code.toString(16)).slice(-4) : "\\U" + ("00000000" + code.toString(16)).slice(-8);
    }).join("") + '"';
  }
  /* Plain only where Spread's writer also writes it plain (a cautious subset); anything else in double quotes,
     which read back as the same text. */
  function scalar(s) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-(Q[1-4]|H[12]|\d{2})$/.test(s)) { return s; }
    var plain = /^[A-Za-z][A-Za-z0-9 _.,;()'\/-]*$/.test(s) && s === s.trim() && s.indexOf("  ") < 0 &&
      YAML11.indexOf(s.toLowerCase()) < 0 && printable(s);
    return plain ? s : quoted(s);
  }
  function wrap(words, width) {
    var lines = [], line = "";
    words.split(" ").forEach(function (word) {
      if (line === "") { line = word; }
      else if (Array.from(line).length + 1 + Array.from(word).length <= width) { line += " " + word; }
      else { lines.push(line); line = word; }
    });
    if (line !== "") { lines.push(line); }
    return lines;
  }
  function field(pad, key, v, note) {
    var tail = note ? "  # " + note : "";
    if (v === null || v === undefined) { return [pad + key + ":" + tail]; }
    if (typeof v === "number") { return [pad + key + ": " + String(v) + tail]; }
    var room = WIDTH - pad.length - key.length - 2;
    if (Array.from(v).length > room && printable(v) && v.indexOf("  ") < 0 && v === v.trim()) {
      return [pad + key + ": >-" + tail].concat(wrap(v, WIDTH - pad.length - 2).map(function (l) { return pad + "  " + l; }));
    }
    return [pad + key + ": " + scalar(v) + tail];
  }
  /* An action plan as Spread writes one given its actions (adopt/audit_template.py `_actions`). */
  function actionLines(actions) {
    var out = ["actions:"];
    actions.forEach(function (x) {
      out = out.concat(field("  ", "- item", x.item), field("    ", "action", x.action), field("    ", "owner", x.owner),
                       field("    ", "due", x.due));
    });
    return out;
  }
  var LINE = /^(\s*(?:- )?)([^:#]+):(.*?)(?:  # (.*))?$/;
  function dropped(path, a) {
    if (!path) { return false; }
    if ((path[0] === "figures" || path[0] === "voice") && path.length === 1) { return !a[path[0]]; }
    if ((path[0] === "figures" || path[0] === "voice") && path.length > 1) { return !a[path[0]] || !a[path[0]][path[1]]; }
    return false;
  }
  function fill(line, path, a) {
    var m = LINE.exec(line);
    if (!m) { return [line]; }
    var pad = m[1], key = m[2], note = m[4] || null, top = path[0], last = path[path.length - 1];
    if (path.length === 1 && top === "site") { return field(pad, key, a.site || "your-site", note); }
    if (path.length === 1 && top === "period") { return field(pad, key, a.period, note); }
    if (path.length === 1 && top === "review") { return field(pad, key, a.review, note); }
    if (path.length === 1 && top === "completed") { return a.completed ? field(pad, key, a.completed, null) : [line]; }
    if (top === "raters" && last === "role") {
      var role = field(pad, key, a.raters[0].role || "site-coordinator", note);
      return a.raters[0].organisation ? role.concat(field(pad.replace("- ", "  "), "organisation", a.raters[0].organisation)) : role;
    }
    if (top === "ratings" && path.length === 3) {
      var r = a.ratings[path[1]];
      if (!r) { return [line]; }
      if (last === "score" || last === "level") {
        if (r.not_rated !== undefined) { return field(pad, "not_rated", r.not_rated); }  /* as Spread writes it */
        return r[last] === null ? [line] : field(pad, key, r[last], note);
      }
      if (last === "evidence") { return field(pad, key, r.evidence, note); }
      if (last === "sources") {
        return r.sources.length ? [pad + "sources:"].concat(r.sources.map(function (s) { return pad + "  - " + s; })) : [line];
      }
    }
    if ((top === "goals" || top === "figures") && path.length === 3) {
      var g = (a[top] || {})[path[1]] || {};
      return g[last] === null || g[last] === undefined ? [line] : field(pad, key, g[last], note);
    }
    if (top === "voice" && ((path.length === 3 && last === "n") || path.length === 4)) {
      var v = (a.voice || {})[path[1]] || {};
      var got = path.length === 3 ? v[last] : (v.answers || {})[last];
      return got === null || got === undefined ? [line] : field(pad, key, got, note);
    }
    return [line];
  }
  function yaml(a) {
    var t = data.templates[a.regime || ""] || data.templates[Object.keys(data.templates)[0]];
    var known = data.heads[a.site] ? a.site : "your-site", head = data.heads[known], first = 0;
    while (first < t.lines.length && !(t.paths[first] && t.paths[first].length === 1 && t.paths[first][0] === "site")) { first++; }
    var out = [], defaultPeriod = data.periods[a.regime || ""] || "";
    var swap = function (l) { return defaultPeriod && a.period ? l.split(defaultPeriod).join(a.period) : l; };
    head.top.forEach(function (l) { out.push(swap(l)); });
    for (var i = first; i < t.lines.length; i++) {
      var line = t.lines[i], own = t.owner[i], path = t.paths[own];
      if (path && path[0] === "review" && i !== own) {  /* the comment on who rated names the site's host */
        if (i === own - 1) { head.who.forEach(function (l) { out.push(l); }); }
        continue;
      }
      if (path && path[0] === "actions" && a.actions) {  /* the empty entry to fill in gives way to the plan */
        if (i !== own) { out.push(line); } else if (path.length === 1) { Array.prototype.push.apply(out, actionLines(a.actions)); }
        continue;
      }
      if (dropped(path, a)) { continue; }
      if (i !== own || !t.paths[i]) { out.push(line); continue; }
      Array.prototype.push.apply(out, fill(line, t.paths[i], a));
    }
    return out.join("\n") + "\n";
  }
  function fileName(a) { return [data.playbook, a.site || "your-site", a.period || "audit"].join("-") + ".yaml"; }

  /* ---- checking ---- */
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? String(values[k]) : "{" + k + "}"; });
  }
  function problems(a) {
    var found = [], add = function (name, message) { found.push({name: name, message: message}); };
    if (!a.site) { add(data.sites.length && value("site") !== "*" ? "site" : "site_id", messages.site); }
    var end = periodEnd(a.period), today = isoDay(new Date());
    if (end && end >= today) {
      add("period", say(messages[a.figures || a.voice ? "period-not-ended-figures" : "period-not-ended"],
                        {period: a.period, end: end, last: latestEnded(a.period, today)}));
    } else if (end && !a.completed) {
      add("completed", say(messages["completed-missing"], {period: a.period, end: end}));
    } else if (end && /^\d{4}-\d{2}-\d{2}$/.test(a.completed) && a.completed > today) {
      add("completed", say(messages["completed-future"], {completed: a.completed, today: today}));
    } else if (end && /^\d{4}-\d{2}-\d{2}$/.test(a.completed) && a.completed < end) {
      add("completed", say(messages["completed-early"], {completed: a.completed, period: a.period, end: end}));
    }
    items().forEach(function (item) {
      var r = a.ratings[item.id], base = "ratings." + item.id;
      var given = (r.score !== undefined && r.score !== null) || (r.level !== undefined && r.level !== null);
      if (given && r.not_rated !== undefined) { add(base + ".not_rated", messages.both[item.id]); }
      else if (!given && r.not_rated === undefined) { add(base + ".value", (messages.unrated || {})[item.id] || (item.id + " has no rating yet")); }
    });
    data.goals.forEach(function (g) {
      var got = (a.goals || {})[g.id] || {}, base = "goals." + g.id + ".";
      if (g.unit === "percent" && typeof got.numerator === "number" && typeof got.denominator === "number" && got.numerator > got.denominator) {
        add(base + "numerator", say(messages.goals[g.id], {numerator: got.numerator, denominator: got.denominator}));
      }
      if (messages.negative[g.id] && typeof got.value === "number" && got.value < 0) {
        add(base + "value", say(messages.negative[g.id], {value: got.value}));
      }
    });
    data.measures.forEach(function (m) {
      var got = (a.figures || {})[m.id], base = "figures." + m.id + ".", words = messages.figures[m.id] || {};
      if (!got) { return; }
      if (m.figure === "mean" && got.n === null) { add(base + "n", words.mean_without_n); }
      else if (m.figure === "mean" && got.mean === null) { add(base + "mean", words.n_without_mean); }
      else if (m.figure === "share" && (got.numerator === null || got.denominator === null)) {
        var missing = got.denominator === null ? "denominator" : "numerator";
        add(base + missing, words["share_without_" + missing]);
      } else if (m.figure === "share" && got.numerator > got.denominator) {
        add(base + "numerator", say(words.share_over, {numerator: got.numerator, denominator: got.denominator}));
      }
    });
    if (data.voice) {
      Object.keys(a.voice || {}).forEach(function (id) {
        var got = a.voice[id], base = "voice." + id + ".";
        var counts = data.voice.answers.map(function (k) { return got.answers[k]; });
        if (got.n === null || counts.some(function (c) { return c === null; })) {
          add(base + "n", messages.voice[id].incomplete);
        } else {
          var sum = counts.reduce(function (x, y) { return x + y; }, 0);
          if (sum !== got.n) { add(base + "n", say(messages.voice[id].sum, {sum: sum, n: got.n})); }
        }
      });
    }
    if (plan) { plan.problems(add); }
    schemaProblems(a).forEach(function (p) {
      if (!found.some(function (f) { return f.name === p.name; })) { add(p.name, p.message); }
    });
    return found;
  }

  /* The audit schema's problems (assets/vendor/audit-validator.js, precompiled by Ajv), worded as `spread check`
     words them (model/schemas.py `_describe`), each at the field it is about. */
  var TYPE_WORDS = {string: "text", integer: "a whole number", number: "a number", "boolean": "true or false",
                    object: "a mapping of fields", array: "a list", "null": "empty"};
  function shownValue(v) {
    if (v === null || v === undefined) { return "empty"; }
    if (typeof v === "object") { return Array.isArray(v) ? "a list" : "a mapping"; }
    var s = typeof v === "string" ? JSON.stringify(v) : String(v);
    return Array.from(s).length <= 60 ? s : Array.from(s).slice(0, 57).join("") + "\u2026\"";
  }
  function fieldName(parts) {
    if (parts[0] === "site") { return value("site") === "*" || !data.sites.length ? "site_id" : "site"; }
    if (parts[0] === "actions" && plan) { return plan.name(parts); }
    if (parts[0] === "raters") { return parts[2] || "role"; }
    if (parts[0] === "ratings" && (parts[2] === "score" || parts[2] === "level")) { return "ratings." + parts[1] + ".value"; }
    return parts.join(".");
  }
  function describe(e) {
    var parts = e.instancePath.split("/").slice(1).map(function (p) { return p.replace(/~1/g, "/").replace(/~0/g, "~"); });
    var names = parts.filter(function (p) { return !/^\d+$/.test(p); });
    var name = names.length ? names[names.length - 1] : "this entry", hint = e.parentSchema && e.parentSchema.errorMessage;
    var v = e.data, k = e.keyword, p = e.params || {};
    if (k === "required") { return [parts.concat([p.missingProperty]), "`" + name + "` is missing the required field `" + p.missingProperty + "`: add it."]; }
    if (k === "type") {
      if (hint && (v === null || typeof v !== "object")) { return [parts, "`" + name + "` is " + shownValue(v) + ": " + hint]; }
      var wanted = [].concat(e.schema).filter(function (w) { return w !== "null"; }).map(function (w) { return TYPE_WORDS[w] || w; });
      return [parts, "`" + name + "` should be " + wanted.join(" or ") + ", not " + shownValue(v)];
    }
    if (k === "enum") { return [parts, "`" + name + "` cannot be " + shownValue(v) + ": choose one of: " + e.schema.filter(function (x) { return x !== null; }).join(", ")]; }
    if (k === "pattern") { return [parts, "`" + name + "` is " + shownValue(v) + ": " + (hint || "it does not have the expected form (" + p.pattern + ")")]; }
    if (k === "minLength" || k === "minItems" || k === "minProperties") {
      return [parts, ("`" + name + "` is empty: fill it in. " + ((e.parentSchema || {}).description || "")).trim()];
    }
    if (k === "maxLength") { return [parts, "`" + name + "` is " + Array.from(String(v)).length + " characters long: " + (hint || "shorten it to " + p.limit + " characters")]; }
    if (k === "minimum" || k === "maximum") {
      return [parts, "`" + name + "` is " + shownValue(v) + " but must be " + (k === "minimum" ? "at least " : "at most ") + p.limit];
    }
    if (k === "exclusiveMinimum") { return [parts, "`" + name + "` is " + shownValue(v) + " but must be more than " + p.limit]; }
    return [parts, "`" + name + "`: " + e.message];
  }
  function schemaProblems(a) {
    var validate = window.SpreadAuditValidate;
    if (!validate || validate(a)) { return []; }
    return validate.errors.map(function (e) {
      var said = describe(e);
      return {name: fieldName(said[0]), message: said[1]};
    });
  }
  /* ---- periods (model/periods.py): 2026, 2026-H2, 2026-Q3, 2026-09 ---- */
  function pad2(n) { return (n < 10 ? "0" : "") + n; }
  function isoDay(d) { return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate()); }
  function parsePeriod(p) {
    var m = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(0[1-9]|1[0-2])))?$/.exec(p || "");
    if (!m) { return null; }
    var y = Number(m[1]);
    if (m[2]) { return {year: y, kind: "Q", n: Number(m[2]), months: 3}; }
    if (m[3]) { return {year: y, kind: "H", n: Number(m[3]), months: 6}; }
    if (m[4]) { return {year: y, kind: "M", n: Number(m[4]), months: 1}; }
    return {year: y, kind: "Y", n: 1, months: 12};
  }
  function periodEnd(p) {
    var q = parsePeriod(p);
    if (!q) { return null; }
    var month = q.n * q.months, last = new Date(Date.UTC(q.year, month, 0)).getUTCDate();
    return q.year + "-" + pad2(month) + "-" + pad2(last);
  }
  function latestEnded(p, today) {
    var q = parsePeriod(p), y = Number(today.slice(0, 4)), month = Number(today.slice(5, 7));
    var n = Math.floor((month - 1) / q.months) + 1 - 1, per = 12 / q.months;
    if (n < 1) { y -= 1; n = per; }
    if (q.kind === "Y") { return String(y); }
    return y + "-" + (q.kind === "M" ? pad2(n) : q.kind + n);
  }
  function container(name) {
    return document.getElementById("f-" + name + "-error");
  }
  function show(found) {
    Array.prototype.forEach.call(form.querySelectorAll(".spread-form-error"), function (el) { el.hidden = true; el.textContent = ""; });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
    found.forEach(function (p) {
      var box = container(p.name);
      if (box) { box.textContent = p.message; box.hidden = false; }
      Array.prototype.forEach.call(byName(p.name), function (el) { el.setAttribute("aria-invalid", "true"); });
    });
  }
  function target(name) {
    var els = byName(name);
    if (els.length) { return els[0]; }
    return document.getElementById("f-" + name);
  }
  function summary(found) {
    var box = document.getElementById("spread-form-summary");
    box.textContent = "";
    if (!found.length) { box.hidden = true; return; }
    var h = document.createElement("h2");
    h.textContent = found.length === 1 ? "There is a problem to fix before you download" :
      "There are " + found.length + " problems to fix before you download";
    var list = document.createElement("ul");
    found.forEach(function (p) {
      var li = document.createElement("li"), link = document.createElement("a"), el = target(p.name);
      link.textContent = p.message;
      link.href = "#" + (el && el.id ? el.id : "");
      link.addEventListener("click", function (e) { e.preventDefault(); if (el) { el.focus(); } });
      li.appendChild(link);
      list.appendChild(li);
    });
    box.appendChild(h);
    box.appendChild(list);
    box.hidden = false;
    box.focus();
  }

  /* ---- the live score (assets/spread-score.js: the same numbers and words as `spread audit score`) ---- */
  function score(a, found) {
    var box = document.getElementById("spread-form-score");
    var left = items().filter(function (item) {
      var r = a.ratings[item.id];
      return (r.score === null || r.score === undefined) && (r.level === null || r.level === undefined) && r.not_rated === undefined;
    }).length;
    var parts = [], result = null, scored = null;
    ["data-band", "data-total", "data-breaches", "data-below"].forEach(function (n) { box.removeAttribute(n); });
    if (window.SpreadScore && data.instrument) {
      try { scored = window.SpreadScore.score(data.instrument, a); } catch (e) { scored = null; }
    }
    if (plan) { plan.hint(scored); }  /* each item's flags stand alone, so the plan may name them before the end */
    if (left) {
      /* Never a flattering partial band: nothing is shown as the score until every item is rated or has its reason. */
      parts.push("Not yet scored: " + left + " item" + (left === 1 ? "" : "s") + " left to rate.");
    } else {
      result = scored;
    }
    if (result) {
      var line = [];
      if (result.total !== null && result.total !== undefined) {
        line.push("Total " + result.total + " of " + result.maximum + (result.percent !== null ? " (" + result.percent + "%)" : ""));
      }
      if (result.band_label || result.verdict) { line.push(result.band_label ? "band: " + result.band_label : result.verdict); }
      else { line.unshift("Band: none, because the audit is incomplete (" + result.rated + " of " + result.items_count + " items rated)"); }
      parts.push(line.join(", ") + ".");
      (result.band_notes || []).forEach(function (note) { parts.push(note); });
      if ((result.critical_breaches || []).length) { parts.push("Critical breach: " + result.critical_breaches.join(", ") + "."); }
      if ((result.below_minimum || []).length) { parts.push("Below the lowest acceptable score: " + result.below_minimum.join(", ") + "."); }
      if (result.goals && result.goals.count) { parts.push("Goals: " + result.goals.met + " of " + result.goals.count + " met."); }
      box.setAttribute("data-band", String(result.band || ""));
      box.setAttribute("data-total", JSON.stringify(result.total));
      box.setAttribute("data-breaches", (result.critical_breaches || []).join(","));
      box.setAttribute("data-below", (result.below_minimum || []).join(","));
    } else if (!left) {
      parts.push("Every item is rated.");
    }
    if (found.length) { parts.push(found.length + " answer" + (found.length === 1 ? "" : "s") + " to check before you download."); }
    box.textContent = "";
    parts.forEach(function (p) { var el = document.createElement("p"); el.textContent = p; box.appendChild(el); });
    box.setAttribute("data-left", String(left));
  }

  /* ---- wiring ---- */
  function siteShown() {
    var picker = form.querySelector('[data-field="site"]'), typed = form.querySelector('[data-field="site_id"]');
    var none = !data.sites.length;
    if (picker) { picker.hidden = none; }
    if (typed) { typed.hidden = !(none || value("site") === "*"); }
    Array.prototype.forEach.call(form.querySelectorAll(".spread-form-item"), function (el) {
      var wanted = items().some(function (item) { return item.id === el.getAttribute("data-item"); });
      el.hidden = !wanted;
    });
  }
  var shownOnce = false;
  function update() {
    siteShown();
    if (plan) { plan.reveal(); }
    var a = audit(), found = problems(a);
    if (shownOnce) { show(found); }
    score(a, found);
  }
  function download() {
    var a = audit(), found = problems(a);
    shownOnce = true;
    show(found);
    summary(found);
    if (found.length) { return; }
    var blob = new Blob([yaml(a)], {type: "application/yaml"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName(a);
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    document.getElementById("spread-form-status").textContent = "Downloaded " + link.download +
      ". Email it to your network's central team. Your answers stay in this browser until you start again.";
  }
  function reset() {
    if (!window.confirm("Clear every answer on this form and start again? This cannot be undone.")) { return; }
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
    form.reset();
    if (plan) { plan.reset(); }
    shownOnce = false;
    summary([]);
    show([]);
    update();
    document.getElementById("spread-form-status").textContent = "Cleared: the form is empty again.";
  }

  form.addEventListener("input", function () { save(); update(); });
  form.addEventListener("change", function () { save(); update(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); download(); });
  form.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[data-action]") : null;
    if (!button) { return; }
    if (button.getAttribute("data-action") === "download") { download(); }
    if (button.getAttribute("data-action") === "reset") { reset(); }
  });
  /* The period `spread audit new` would rate today: the last one of the regime's rhythm that has ended. */
  function usualPeriod(r) {
    var built = data.periods[r] || data.periods[Object.keys(data.periods)[0]];
    return latestEnded(built, isoDay(new Date()));
  }
  var lastRegime = regime();
  if (window.SpreadFormPlan) { plan = window.SpreadFormPlan(form, data, {byName: byName, text: text}); }
  form.addEventListener("change", function (e) {
    if (e.target.name !== "regime") { return; }
    var period = byName("period")[0];
    if (period && period.value === usualPeriod(lastRegime)) { period.value = usualPeriod(regime()); save(); update(); }
    lastRegime = regime();
  });
  if (load()) { document.getElementById("spread-form-status").textContent = "Your answers so far were kept in this browser."; }
  else if (byName("period").length) { byName("period")[0].value = usualPeriod(regime()); }
  lastRegime = regime();
  update();
  window.SpreadForm = {audit: audit, yaml: yaml, problems: problems, fileName: fileName};
})();
