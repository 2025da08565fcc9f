// "现在开放 / 已下班" beside each window and facility: an enhancement. Without JavaScript
// the status line stays hidden and the printed opening hours say everything.
//
// This script knows no schedule rules. generator/pages/hours.py (Schedule.to_json) writes
// every day's times into <script type="application/json" id="pp-hours">; this only
// looks a day up (dates override the season's week, which overrides the plain week),
// compares the Shanghai clock and writes the same text as Schedule.status_at. After the
// last known date it says the holiday arrangement is not yet published; outside the
// published range it shows nothing.
(function () {
  "use strict";
  var WEEKDAYS = "一二三四五六日";
  var LOOKAHEAD_DAYS = 14;
  var FOLLOW_DAYS = 7;
  var UNKNOWN = "今天是否放假尚未公布 · 请参考下面的平时时间";
  var LATER_UNKNOWN = "之后的放假安排尚未公布";
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

  // The day `ahead` days after y-m-d: null outside the data; {unknown: true} after the last
  // known date (the arrangement is not published yet); else its ranges, note and duty.
  function dayOf(data, now, ahead) {
    var u = new Date(Date.UTC(now.y, now.m - 1, now.d + ahead));
    var key = u.getUTCFullYear() + "-" + pad(u.getUTCMonth() + 1) + "-" + pad(u.getUTCDate());
    if (key < data.from || key > data.until) return null;
    var weekday = (u.getUTCDay() + 6) % 7; // Monday = 0
    var day = { month: u.getUTCMonth() + 1, date: u.getUTCDate(), weekday: weekday };
    if (key > data.to) {
      day.unknown = true;
      return day;
    }
    var weekly = data.weekly, notes = data.notes_weekly, duty = data.duty_weekly;
    for (var i = 0; i < data.seasons.length; i++) {
      var season = data.seasons[i];
      if (season.from <= key && key <= season.to) {
        weekly = season.weekly; notes = season.notes; duty = season.duty;
      }
    }
    var exception = data.dates[key];
    day.ranges = exception ? exception.r : weekly[weekday];
    day.note = exception ? exception.n || null : notes[weekday];
    day.duty = exception ? exception.d || null : duty[weekday];
    return day;
  }

  function when(ahead, day) {
    var weekday = "周" + WEEKDAYS.charAt(day.weekday);
    if (ahead === 0) return "今天";
    if (ahead === 1) return "明天";
    if (ahead < 7) return weekday;
    return day.month + "月" + day.date + "日（" + weekday + "）";
  }

  // When an open range really ends, across midnight: "18:00 下班", "明天 08:00 下班", "24小时".
  function closing(data, now, end) {
    var ahead = 0, day = null;
    for (var k = 1; k <= FOLLOW_DAYS; k++) {
      if (end !== "24:00") break;
      var next = dayOf(data, now, k);
      if (!next || next.unknown || !next.ranges.length || next.ranges[0][0] !== "00:00") break;
      end = next.ranges[0][1];
      ahead = k;
      day = next;
      if (k === FOLLOW_DAYS && end === "24:00") return "24小时";
    }
    return (ahead === 0 ? "" : when(ahead, day) + " ") + end + " 下班";
  }

  // {state, text} as Schedule.status_at in generator/pages/hours.py, or null (show nothing).
  function status(data, now) {
    var today = dayOf(data, now, 0);
    if (!today) return null;
    if (today.unknown) return { state: "unknown", text: UNKNOWN };
    var ranges = today.ranges;
    var noted = function (head) {
      return today.note ? head + "（" + today.note + "）" : head;
    };
    var i, ahead, day;
    for (i = 0; i < ranges.length; i++) {
      if (minutes(ranges[i][0]) <= now.min && now.min < minutes(ranges[i][1])) {
        return { state: "open", text: noted("现在开放") + " · " + closing(data, now, ranges[i][1]) };
      }
    }
    var later = null, ended = -1, overnightOnly = true;
    for (i = 0; i < ranges.length; i++) {
      if (minutes(ranges[i][0]) > now.min) {
        if (later === null) later = ranges[i][0];
      } else if (minutes(ranges[i][1]) <= now.min) {
        ended = Math.max(ended, minutes(ranges[i][1]));
        if (ranges[i][0] !== "00:00") overnightOnly = false;
      }
    }
    var head;
    if (!ranges.length) head = "今天休息";
    else if (now.min < minutes(ranges[0][0])) head = "未开门";
    else if (later === null) head = "已下班";
    else if (overnightOnly) head = "未开门"; // only last night's hours have ended
    else head = ended >= 11 * 60 && ended < 15 * 60 ? "午休中" : "暂停服务";
    var parts = [noted(head)];
    if (today.duty) parts.push(today.duty);
    var closed = function (text) {
      parts.push(text);
      return { state: "closed", text: parts.join(" · ") };
    };
    if (later !== null) return closed((head === "午休中" ? "" : "今天 ") + later + " 开门");
    for (ahead = 1; ahead <= LOOKAHEAD_DAYS; ahead++) {
      day = dayOf(data, now, ahead);
      if (!day) return null; // beyond the published range: do not guess
      if (day.unknown) return closed(LATER_UNKNOWN);
      if (day.ranges.length) return closed(when(ahead, day) + " " + day.ranges[0][0] + " 开门");
    }
    parts[0] = noted("近期不开放");
    return { state: "closed", text: parts.join(" · ") };
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
      var result = data && data.v === 2 ? status(data, now) : null;
      if (!result) {
        element.hidden = true;
        continue;
      }
      // Rewrite only on change: the element may be aria-live, so it must not chatter.
      if (element.textContent !== result.text) element.textContent = result.text;
      element.setAttribute("data-state", result.state);
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
