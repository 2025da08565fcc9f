// "现在开放 / 已下班" beside each window and facility: an enhancement. Without JavaScript
// the status line stays hidden and the printed opening hours say everything.
//
// This script knows no schedule rules. generator/hours.py (Schedule.to_json) writes
// every day's times into <script type="application/json" id="pp-hours">; this only
// looks a day up (dates override weekly), compares the Shanghai clock and writes the
// same text as Schedule.status_at. Outside the published date range it shows nothing.
(function () {
  "use strict";
  var WEEKDAYS = "一二三四五六日";
  var LOOKAHEAD_DAYS = 14;
  var timer = null;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function minutes(hhmm) {
    // "08:30" -> 510; "24:00" -> 1440
    return parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(3, 5), 10);
  }

  // The wall clock in Asia/Shanghai: {y, m, d, min} (min = minutes since midnight).
  function shanghaiNow() {
    var now = new Date();
    try {
      var parts = new Intl.DateTimeFormat("en-US", {
        timeZone: "Asia/Shanghai", hour12: false, year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit"
      }).formatToParts(now);
      var p = {};
      for (var i = 0; i < parts.length; i++) p[parts[i].type] = parts[i].value;
      return { y: +p.year, m: +p.month, d: +p.day, min: (+p.hour % 24) * 60 + +p.minute };
    } catch (e) {
      // No Intl time zones: China keeps UTC+8 all year, so add eight hours to UTC.
      var s = new Date(now.getTime() + 8 * 3600 * 1000);
      return {
        y: s.getUTCFullYear(), m: s.getUTCMonth() + 1, d: s.getUTCDate(),
        min: s.getUTCHours() * 60 + s.getUTCMinutes()
      };
    }
  }

  // The day `ahead` days after y-m-d, or null when the data does not cover it.
  function dayOf(data, now, ahead) {
    var u = new Date(Date.UTC(now.y, now.m - 1, now.d + ahead));
    var key = u.getUTCFullYear() + "-" + pad(u.getUTCMonth() + 1) + "-" + pad(u.getUTCDate());
    if (key < data.from || key > data.to) return null;
    var weekday = (u.getUTCDay() + 6) % 7; // Monday = 0
    var exception = data.dates[key];
    return {
      month: u.getUTCMonth() + 1, date: u.getUTCDate(), weekday: weekday,
      ranges: exception ? exception.r : data.weekly[weekday],
      note: exception ? exception.n || null : data.notes_weekly[weekday]
    };
  }

  function when(ahead, day) {
    var weekday = "周" + WEEKDAYS.charAt(day.weekday);
    if (ahead === 0) return "今天";
    if (ahead === 1) return "明天";
    if (ahead < 7) return weekday;
    return day.month + "月" + day.date + "日（" + weekday + "）";
  }

  // {open, text} as Schedule.status_at in generator/hours.py, or null (show nothing).
  function status(data, now) {
    var today = dayOf(data, now, 0);
    if (!today) return null;
    var ranges = today.ranges;
    var noted = function (head) {
      return today.note ? head + "（" + today.note + "）" : head;
    };
    var i, ahead, day;
    for (i = 0; i < ranges.length; i++) {
      if (minutes(ranges[i][0]) <= now.min && now.min < minutes(ranges[i][1])) {
        return { open: true, text: noted("现在开放") + " · " + ranges[i][1] + " 下班" };
      }
    }
    var head = !ranges.length ? "今天休息" : now.min < minutes(ranges[0][0]) ? "未开门" : "已下班";
    var closed = function (ahead, day, start) {
      return { open: false, text: noted(head) + " · " + when(ahead, day) + " " + start + " 开门" };
    };
    for (i = 0; i < ranges.length; i++) {
      if (minutes(ranges[i][0]) > now.min) return closed(0, today, ranges[i][0]);
    }
    for (ahead = 1; ahead <= LOOKAHEAD_DAYS; ahead++) {
      day = dayOf(data, now, ahead);
      if (!day) return null; // beyond the published range: do not guess
      if (day.ranges.length) return closed(ahead, day, day.ranges[0][0]);
    }
    return { open: false, text: noted("近期不开放") };
  }

  function update() {
    var source = document.getElementById("pp-hours");
    var elements = document.querySelectorAll(".pp-now[data-hours]");
    if (!source || !elements.length) return;
    var all;
    try {
      all = JSON.parse(source.textContent);
    } catch (e) {
      return;
    }
    var now = shanghaiNow();
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      var data = all[element.getAttribute("data-hours")];
      var result = data && data.v === 1 ? status(data, now) : null;
      if (!result) {
        element.hidden = true;
        continue;
      }
      // Rewrite only on change: the element may be aria-live, so it must not chatter.
      if (element.textContent !== result.text) element.textContent = result.text;
      element.setAttribute("data-state", result.open ? "open" : "closed");
      element.hidden = false;
    }
  }

  function start() {
    update();
    if (timer === null) timer = setInterval(update, 60 * 1000);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start); // Material: first load and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
