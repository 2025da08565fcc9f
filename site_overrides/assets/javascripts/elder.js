// 长者模式 (elder mode) and 朗读 (read aloud). An enhancement: without JavaScript
// the bar is not drawn (a <noscript> style) and every page reads in normal mode.
// The switch is in the HTML at its final size and its label follows the class on
// <html> (set in <head> before first paint), so nothing here moves the page.
(function () {
  var KEY = "pp-elder";
  var speaking = false;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function chineseVoice() {
    if (!("speechSynthesis" in window)) return null;
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (/^zh([-_]CN)?/i.test(voices[i].lang)) return voices[i];
    }
    return null;
  }

  function apply(on) {
    document.documentElement.classList.toggle("pp-elder", on);
    var toggles = document.querySelectorAll(".pp-elder-toggle");
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
    var read = document.querySelectorAll(".pp-read");
    var voice = chineseVoice();
    for (var j = 0; j < read.length; j++) read[j].hidden = !(on && voice);
    if (!on) stop();
  }

  function stop() {
    if (speaking && "speechSynthesis" in window) window.speechSynthesis.cancel();
    speaking = false;
    var read = document.querySelectorAll(".pp-read");
    for (var i = 0; i < read.length; i++) {
      read[i].setAttribute("aria-pressed", "false");
      read[i].textContent = "朗读本页";
    }
  }

  function speak(button) {
    var article = document.querySelector("article");
    var voice = chineseVoice();
    if (!article || !voice) return;
    var text = article.innerText.replace(/朗读本页|停止朗读/g, "");
    // Long texts stall some engines: read sentence by sentence.
    var parts = text.match(/[^。！？!?\n]+[。！？!?]?/g) || [];
    speaking = true;
    button.setAttribute("aria-pressed", "true");
    button.textContent = "停止朗读";
    parts.forEach(function (part, index) {
      var utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = "zh-CN";
      utterance.voice = voice;
      if (index === parts.length - 1) utterance.onend = stop;
      window.speechSynthesis.speak(utterance);
    });
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".pp-elder-toggle");
    if (toggle) {
      var on = !document.documentElement.classList.contains("pp-elder");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on);
      return;
    }
    var read = event.target.closest && event.target.closest(".pp-read");
    if (read) {
      if (speaking) stop(); else speak(read);
    }
  });

  function start() { stop(); apply(stored()); }
  if ("speechSynthesis" in window) {
    window.speechSynthesis.onvoiceschanged = function () { apply(stored()); };
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
