/* Spread handbook: the page's scorer. Scores a self-audit in the browser exactly as `spread audit score` does
   (`score_audit` then `score_data` in cli/spread/scoring/), for the self-audit form's live score, band and flags.

   - It reads the instrument as `spread.handbook.form_instrument.instrument_data` gives it: every default already
     resolved by Spread's model (each item's scores and the level each is at, the band a breach caps at, the number
     bands are read on, bands lowest first), and the words verdicts and notes are said in. It works out no default
     of its own, so there is one source.
   - Every number that decides something is an exact fraction (BigInt numerator and denominator): a score, a bound
     or a target is the decimal its author wrote, so 29 of 50 is 58% in a band from 58. Numbers are shown with the
     playbook's places, halves away from zero, with more places wherever fewer would show a number on or across a
     threshold it was judged against (scoring/numbers.py, scoring/shown.py).
   - tests/test_form_scoring.py scores hundreds of generated audits per instrument here and in Python, in headless
     Chromium, and compares every key.
   Nothing is fetched, nothing is evaluated: `window.SpreadScore.score(instrument, audit)` is a pure function of
   the instrument data and the audit (shaped like an audit YAML file read as JSON). */
(function (root) {
  "use strict";

  var FORMAT = 1;
  var KINDS = ["anchored", "practice-profile", "goals"];
  var METHODS = ["sum", "mean", "sum-of-section-means"];
  var MISSING = ["incomplete", "lowest", "exclude", "mean-of-rated"];
  var BAND_ON = ["total", "mean", "percent"];

  function has(object, key) {
    return object != null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  // Exact fractions --------------------------------------------------------------------------------------------
  function gcd(a, b) {
    if (a < 0n) a = -a;
    if (b < 0n) b = -b;
    while (b) {
      var t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  function frac(n, d) {
    if (d === undefined) d = 1n;
    if (d === 0n) throw new Error("division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    var g = gcd(n, d) || 1n;
    return { n: n / g, d: d / g };
  }

  var ZERO = frac(0n), HUNDRED = frac(100n);

  /* A number as its author wrote it: "58", "2.9583", "-1.5e-3", "29583/10000", or a JSON number (its shortest
     decimal form, as Python's repr of a float gives it). */
  function parse(value) {
    if (typeof value === "number" && !isFinite(value)) throw new Error("not a number: " + value);
    if (typeof value === "boolean" || value === null || value === undefined) throw new Error("not a number: " + value);
    var text = String(value).trim();
    var m = /^([+-]?\d+)\/(\d+)$/.exec(text);
    if (m) return frac(BigInt(m[1]), BigInt(m[2]));
    m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[2] === "" && !m[3])) throw new Error("not a number: " + text);
    var decimals = m[3] || "";
    var n = BigInt((m[2] || "0") + decimals), d = 10n ** BigInt(decimals.length);
    var e = m[4] ? parseInt(m[4], 10) : 0;
    if (e > 0) n *= 10n ** BigInt(e);
    else if (e < 0) d *= 10n ** BigInt(-e);
    return frac(m[1] === "-" ? -n : n, d);
  }

  function add(a, b) { return frac(a.n * b.d + b.n * a.d, a.d * b.d); }
  function mul(a, b) { return frac(a.n * b.n, a.d * b.d); }
  function div(a, b) { return frac(a.n * b.d, a.d * b.n); }
  function cmp(a, b) {
    var left = a.n * b.d, right = b.n * a.d;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  function sum(values) { return values.reduce(add, ZERO); }
  function count(n) { return frac(BigInt(n)); }

  /* A score as its author writes it (`4`, `2.5`): the keys of an item's levels. */
  function decimal(value) {
    var d = value.d, twos = 0, fives = 0;
    while (d % 2n === 0n) { d /= 2n; twos++; }
    while (d % 5n === 0n) { d /= 5n; fives++; }
    if (d !== 1n) return value.n + "/" + value.d;
    var places = Math.max(twos, fives);
    var scaled = value.n * 10n ** BigInt(places) / value.d;
    var negative = scaled < 0n;
    var digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
    var text = places ? digits.slice(0, -places) + "." + digits.slice(-places) : digits;
    if (places) text = text.replace(/0+$/, "").replace(/\.$/, "");
    return (negative ? "-" : "") + text;
  }

  // The one number format (scoring/numbers.py) ---------------------------------------------------------------
  function rounded(value, places) {
    var scale = 10n ** BigInt(places), size = value.n < 0n ? -value.n : value.n;
    var whole = (2n * size * scale + value.d) / (2n * value.d);
    var digits = whole.toString().padStart(places + 1, "0");
    var text = places ? digits.slice(0, -places) + "." + digits.slice(-places) : digits;
    return value.n < 0n && whole !== 0n ? "-" + text : text;
  }

  function fixed(value, places, limits, most) {
    var text = rounded(value, places);
    for (var extra = 1; extra <= most; extra++) {
      var shown = parse(text);
      if (limits.every(function (t) { return cmp(shown, t) === cmp(value, t); })) break;
      text = rounded(value, places + extra);
    }
    return text;
  }

  function ending(value, most) {
    for (var places = 0; places <= most; places++) {
      var text = rounded(value, places);
      if (cmp(parse(text), value) === 0) return text;
    }
    return null;
  }

  /* A shown number (`58%`, `2.50`) as a JSON number with the same digits. */
  function plain(text) { return Number(text.replace(/%+$/, "")); }

  // Scoring (scoring/score.py) --------------------------------------------------------------------------------
  function unsupported(ins) {
    if (!ins || typeof ins !== "object") return "no instrument was given";
    if (ins.format !== FORMAT) return "the instrument is in format " + ins.format + "; this scorer reads format " + FORMAT;
    if (KINDS.indexOf(ins.kind) < 0) return "the instrument's kind " + ins.kind + " is not one this scorer knows";
    if (METHODS.indexOf(ins.method) < 0) return "the scoring method " + ins.method + " is not one this scorer knows";
    if (MISSING.indexOf(ins.missing) < 0) return "the missing-data rule " + ins.missing + " is not one this scorer knows";
    if (BAND_ON.indexOf(ins.band_on) < 0) return "bands on " + ins.band_on + " are not something this scorer knows";
    return null;
  }

  function levelOf(item, score) {
    var key = decimal(score);
    if (has(item.levels, key)) return item.levels[key];
    if (has(item.declared_levels, key)) return item.declared_levels[key];
    return "unacceptable";
  }

  function result(item, rating, notRated) {
    return { item: item, rating: rating, score: null, level: null, below: false, breach: false,
             notRated: notRated, critical: item.critical, imputed: false };
  }

  function scored(item, rating, score, level, notRated) {
    var r = result(item, rating, notRated === undefined ? null : notRated);
    r.score = score;
    r.level = level || levelOf(item, score);
    r.below = item.min != null && cmp(score, parse(item.min)) < 0;
    r.breach = item.critical && r.level === "unacceptable";
    r.imputed = r.notRated != null;
    return r;
  }

  function rate(ins, item, rating, anchored) {
    if (rating === undefined) return result(item, null, ins.words.missing);
    if (rating.not_rated != null) return result(item, rating, rating.not_rated);
    var score = null;
    if (anchored || rating.level == null) score = rating.score == null ? null : parse(rating.score);
    else if (typeof rating.level === "string" && has(ins.level_scores, rating.level)) score = count(ins.level_scores[rating.level]);
    if (score === null) return result(item, rating, ins.words.off_scale);
    return scored(item, rating, score, anchored ? null : rating.level);
  }

  function excludes(ins, unrated, rated) {
    if (ins.missing === "exclude") return rated > 0 && unrated <= (ins.max_unrated || 0);
    return ins.missing === "mean-of-rated" && ins.method === "mean" && rated > 0;
  }

  function sectionMeans(ins, results) {
    var total = ZERO, maximum = ZERO;
    ins.sections.forEach(function (section) {
      var mine = results.filter(function (r) { return r.item.section === section.id && r.score !== null; });
      if (!mine.length) return;
      total = add(total, div(sum(mine.map(function (r) { return r.score; })), count(mine.length)));
      maximum = add(maximum, div(sum(mine.map(function (r) { return parse(r.item.top); })), count(mine.length)));
    });
    return [total, maximum];
  }

  function bandFor(bands, value) {
    for (var i = bands.length - 1; i >= 0; i--) {
      if (cmp(bands[i].low, value) <= 0 && cmp(value, bands[i].high) <= 0) return bands[i].band;
    }
    return null;
  }

  function capped(bands, band, cap) {
    var labels = bands.map(function (b) { return b.id; });
    var capRank = labels.indexOf(cap), bandRank = labels.indexOf(band.id);
    if (capRank < 0 || bandRank < 0 || bandRank <= capRank) return band;
    return bands[capRank];
  }

  function regimeOf(ins, name) {
    if (name != null) return ins.regimes.find(function (r) { return r.id === name; }) || null;
    return ins.regimes.find(function (r) { return r.items === null; }) || ins.regimes[0];
  }

  // Goals (scoring/goals.py) ----------------------------------------------------------------------------------
  function evaluate(goal, data) {
    data = data || {};
    var value;
    if (goal.fraction) {
      if (data.numerator == null || !data.denominator) return { goal: goal, value: null, verdict: "no data" };
      value = div(mul(parse(data.numerator), goal.unit === "percent" ? HUNDRED : count(1)), parse(data.denominator));
    } else if (data.value == null) {
      return { goal: goal, value: null, verdict: "no data" };
    } else {
      value = parse(data.value);
    }
    if (goal.op == null || goal.target == null) return { goal: goal, value: value, verdict: "reported" };
    var side = cmp(value, parse(goal.target_exact));
    var met = goal.op === ">=" ? side >= 0 : side <= 0;
    return { goal: goal, value: value, verdict: met ? "met" : "not met" };
  }

  function goalShown(ins, g) {
    var goal = g.goal, most = ins.numbers.most_extra;
    if (goal.unit === "count") {
      var text = ending(g.value, ins.numbers.ending);
      if (text !== null) return text;
    }
    var places = goal.unit === "percent" ? ins.decimals.percent : ins.decimals.mean;
    var limits = goal.target_exact == null ? [] : [parse(goal.target_exact)];
    return fixed(g.value, places, limits, most) + (goal.unit === "percent" ? "%" : "");
  }

  // score_audit, then score_data ------------------------------------------------------------------------------
  function scoreAudit(ins, audit) {
    var items = ins.items, regime = null;
    if (ins.regimes.length) {
      regime = regimeOf(ins, audit.regime == null ? null : audit.regime);
      if (regime && regime.items !== null) {
        var wanted = regime.items;
        items = items.filter(function (item) { return wanted.indexOf(item.id) >= 0; });
      }
    }
    var ratings = audit.ratings || {}, anchored = ins.kind === "anchored";
    var results = items.map(function (item) {
      return rate(ins, item, has(ratings, item.id) ? ratings[item.id] : undefined, anchored);
    });
    var unrated = results.filter(function (r) { return r.score === null; }).length;
    if (ins.missing === "lowest") {
      results = results.map(function (r) {
        return r.score !== null ? r : scored(r.item, r.rating, parse(r.item.bottom), null, r.notRated);
      });
    }
    var counted = results.filter(function (r) { return r.score !== null; }).map(function (r) { return r.score; });
    var points = sum(counted);
    var maximum = sum(items.map(function (item) { return parse(item.top); }));
    var partial = counted.length < results.length && excludes(ins, unrated, results.length - unrated);
    var total = null, mean = null, percent = null;
    if (counted.length && counted.length === results.length) {
      total = points;
      mean = div(points, count(counted.length));
      if (ins.method === "sum-of-section-means") {
        var both = sectionMeans(ins, results);
        total = both[0];
        maximum = both[1];
      }
      percent = maximum.n !== 0n ? div(mul(total, HUNDRED), maximum) : null;
    } else if (partial) {
      var top = sum(results.filter(function (r) { return r.score !== null; }).map(function (r) { return parse(r.item.top); }));
      mean = div(points, count(counted.length));
      percent = top.n !== 0n ? div(mul(points, HUNDRED), top) : null;
    }
    var bands = ins.bands.map(function (b) { return { band: b, id: b.id, low: parse(b.min), high: parse(b.max) }; });
    var banded = bands.length ? { percent: percent, mean: mean, total: total }[ins.band_on] : null;
    var uncapped = banded != null ? bandFor(bands, banded) : null;
    var breaches = results.filter(function (r) { return r.breach; });
    var band = uncapped && breaches.length && ins.cap ? capped(ins.bands, uncapped, ins.cap) : uncapped;
    return {
      results: results, rated: results.length - unrated, count: results.length, complete: unrated === 0,
      total: total, mean: mean, percent: percent, maximum: maximum, bands: bands, band: band, uncapped: uncapped,
      breaches: breaches, partial: partial, regime: regime,
      goals: ins.goals.map(function (goal) {
        var given = audit.goals || {};
        return evaluate(goal, has(given, goal.id) ? given[goal.id] : undefined);
      }),
    };
  }

  function unique(values) {
    return values.filter(function (value, i) { return values.indexOf(value) === i; });
  }

  function scoreData(ins, audit, s) {
    var words = ins.words, most = ins.numbers.most_extra, dec = ins.decimals;
    var bounds = [];
    s.bands.forEach(function (b) { bounds.push(b.low, b.high); });
    var limits = function (kind) { return ins.band_on === kind ? bounds : []; };
    var totalText = function (v) { var t = ending(v, ins.numbers.ending); return t !== null ? t : fixed(v, 2, [], most); };
    var total = function (v) { return v === null ? null : plain(totalText(v)); };
    var point = function (v) { return v === null || v === undefined ? null : Number(decimal(v)); };
    var titles = {};
    ins.components.forEach(function (c) { titles[c.id] = c.title; });
    var components = function (results) {
      return unique(results.map(function (r) { return r.item.component; }));
    };
    var named = function (ids) { return ids.map(function (id) { return has(titles, id) ? titles[id] : id; }); };
    var unverified = s.results.filter(function (r) { return r.critical && r.notRated != null; });
    var isCapped = s.band !== s.uncapped;
    var cappedBy = isCapped ? components(s.breaches) : [];
    var notes = [];
    if (cappedBy.length) notes.push(words.capped.replace("{components}", named(cappedBy).join(words.list)));
    if (unverified.length) notes.push(words.unverified.replace("{components}", named(components(unverified)).join(words.list)));
    var judged = s.goals.filter(function (g) { return !g.goal.informational; }).length;
    var met = s.goals.filter(function (g) { return g.verdict === "met"; }).length;
    var verdict = null;
    if (s.band !== null) {
      verdict = s.band.id;
    } else if (!ins.bands.length && s.complete) {
      var parts = [];
      var below = s.results.filter(function (r) { return r.below; });
      if (s.breaches.length) parts.push(words.critical_breach);
      else if (s.results.some(function (r) { return r.item.min != null; })) parts.push(below.length ? words.below_minimum : words.minimums_met);
      if (judged) parts.push(words.goals_met.replace("{met}", String(met)).replace("{count}", String(judged)));
      verdict = parts.join(words.parts) || null;
    }
    var meanText = s.mean === null ? "" : fixed(s.mean, dec.mean, limits("mean"), most);
    var percentText = s.percent === null ? "" : fixed(s.percent, dec.percent, limits("percent"), most) + "%";
    var areas = [];
    s.goals.forEach(function (g) {
      if (g.goal.area == null) return;
      var found = areas.find(function (a) { return a.area === g.goal.area; });
      if (!found) areas.push(found = { area: g.goal.area, met: 0, count: 0 });
      found.met += g.verdict === "met" ? 1 : 0;
      found.count += g.goal.informational ? 0 : 1;
    });
    return {
      playbook: ins.playbook, version: ins.version, site: audit.site === undefined ? null : audit.site,
      period: audit.period === undefined ? null : audit.period, review: audit.review === undefined ? null : audit.review,
      regime: s.regime ? s.regime.title : null, complete: s.complete, rated: s.rated, items_count: s.count,
      total: total(s.total), maximum: total(s.maximum), mean: meanText ? plain(meanText) : null,
      percent: percentText ? plain(percentText) : null,
      band: s.band ? s.band.id : null, band_label: s.band ? s.band.label : null, verdict: verdict,
      band_before_cap: s.uncapped ? s.uncapped.id : null, capped_by: cappedBy,
      unverified: components(unverified), band_notes: notes,
      sections: ins.sections.map(function (section) {
        var mine = s.results.filter(function (r) { return r.item.section === section.id; });
        var scores = mine.filter(function (r) { return r.score !== null; }).map(function (r) { return r.score; });
        var whole = scores.length === mine.length && mine.length > 0;
        var mean = scores.length && (whole || s.partial) ? div(sum(scores), count(scores.length)) : null;
        return { id: section.id, title: section.title, total: whole ? total(sum(scores)) : null,
                 maximum: total(sum(mine.map(function (r) { return parse(r.item.top); }))),
                 mean: mean === null ? null : plain(fixed(mean, dec.mean, [], most)) };
      }),
      items: s.results.map(function (r) {
        return { id: r.item.id, component: r.item.component, title: r.item.title, section: r.item.section,
                 score: point(r.score), level: r.level, minimum: r.item.min == null ? null : Number(r.item.min),
                 below_minimum: r.below, critical: r.critical, critical_breach: r.breach,
                 not_rated: r.notRated, scored_by_rule: r.imputed };
      }),
      below_minimum: s.results.filter(function (r) { return r.below; }).map(function (r) { return r.item.id; }),
      critical_breaches: s.breaches.map(function (r) { return r.item.id; }),
      goals: {
        met: met, count: judged, reported: s.goals.length - judged, areas: areas,
        results: s.goals.map(function (g) {
          var goal = g.goal;
          return { id: goal.id, title: goal.title, value: g.value === null ? null : plain(goalShown(ins, g)),
                   op: goal.op, target: goal.target, unit: goal.unit, area: goal.area, verdict: g.verdict,
                   shown: g.value === null ? null : goalShown(ins, g) };
        }),
      },
      // The numbers as shown, with their trailing zeros (`2.50`, `58%`): for the page to print.
      shown: { total: s.total === null ? "" : totalText(s.total), maximum: totalText(s.maximum), mean: meanText,
               percent: percentText },
    };
  }

  /* Score one audit (plain data shaped like an audit YAML file) against one instrument (`instrument_data`):
     the same keys and values as `score_data(score_audit(playbook, audit))` but `explain` and `change`, plus
     `shown` (total, maximum, mean and percent as text, with their trailing zeros: `2.50`, `58%`) and each goal's
     `shown`, for the page to print; the notes to print beside a band are `band_notes`, in Spread's words. Or
     `{unsupported: reason}` for an instrument (or an audit) this scorer cannot score as Spread does. */
  function score(instrument, audit) {
    var why = unsupported(instrument);
    if (why) return { unsupported: why };
    audit = audit && typeof audit === "object" ? audit : {};
    try {
      return scoreData(instrument, audit, scoreAudit(instrument, audit));
    } catch (error) {
      return { unsupported: "the audit cannot be scored: " + (error && error.message ? error.message : String(error)) };
    }
  }

  /* A number in Spread's one format (scoring/numbers.py `fixed`): `value` exact (`"2.9583"`, `"59/20"`, a number)
     to `places` decimal places, halves away from zero, with more places where fewer would put it on or across one
     of `limits`; `most` extra places at most (the instrument's `numbers.most_extra`). */
  function shown(value, places, limits, most) {
    return fixed(parse(value), places, (limits || []).map(parse), most === undefined ? 12 : most);
  }

  root.SpreadScore = Object.freeze({ score: score, shown: shown, format: FORMAT });
})(window);
