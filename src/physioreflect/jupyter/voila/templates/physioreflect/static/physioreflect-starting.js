// From the page's first byte until the workbook is there, say in the page's language that it
// is starting (a class opening the workbook together can wait a minute or two). If it cannot
// come, say so plainly with a button to try again: never a white page.
//
// The notebook's output is a box with one button (physioreflect.widgets._starting): pressed,
// the kernel builds the workbook into the box. This script presses it as soon as the page
// shows it, which is when the page has loaded its widgets and receives new ones as it does
// for any click (the stylesheet hides the button). The notice stays until the workbook
// (.pr-app) or the kernel's own failure message (.pr-start-failed) is on the page.
(function () {
  "use strict";

  const CHECK_EVERY_MS = 200;
  // Page sent, still no workbook: say so, and keep waiting. Long: a class starting together
  // on a small server takes minutes, and a retry then only adds another kernel to start.
  const SLOW_AFTER_MS = 300000;
  const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

  const page = readJson("pr-page-data") || { default_lang: "nb", texts: {} };
  let state = null;
  let timer = null;
  let slowTimer = null;

  function readJson(id) {
    const element = document.getElementById(id);
    if (!element) return null;
    try {
      return JSON.parse(element.textContent || "null");
    } catch (error) {
      console.warn("physioreflect: unreadable page data", error);
      return null;
    }
  }

  function language() {
    const asked = new URLSearchParams(window.location.search).get("lang");
    return asked === "nb" || asked === "en" ? asked : page.default_lang;
  }

  // The page's language, for screen readers, hyphenation and spelling, from its first byte;
  // the workbook's address keeps it in step when the language is switched.
  document.documentElement.lang = language();

  function text(key) {
    const texts = page.texts || {};
    return (texts[language()] || {})[key] || (texts.en || {})[key] || "";
  }

  function notice() {
    return document.getElementById("pr-starting");
  }

  function arrived() {
    return document.querySelector(".pr-app, .pr-start-failed") !== null;
  }

  // The notebook's output as Voila put it in the page: a widget view, unless the output was
  // lost on the way (the kernel did not start, or its output came too late for Voila).
  function outputSent() {
    const outputs = document.querySelectorAll(
      'script[type="application/vnd.voila.cell-output+json"]',
    );
    return [...outputs].some((output) => (output.textContent || "").includes(WIDGET_VIEW));
  }

  function show(next) {
    const box = notice();
    if (!box || state === next) return;
    const line = box.querySelector(".pr-starting-text");
    const detail = box.querySelector(".pr-starting-detail");
    // The page arrives in pieces: the notice can be there before its lines are. The next
    // check shows it.
    if (!line || !detail) return;
    state = next;
    const lines = {
      waiting: ["start.waiting", "start.waiting_detail"],
      slow: ["start.slow", ""],
      failed: ["start.failed", "start.failed_detail"],
    }[next];
    box.className = `pr-starting pr-starting-${next}`;
    box.setAttribute("lang", language());
    box.setAttribute("role", next === "waiting" ? "status" : "alert");
    line.textContent = text(lines[0]);
    detail.textContent = lines[1] ? text(lines[1]) : "";
    let retry = box.querySelector(".pr-start-reload");
    if (next !== "waiting" && !retry) {
      retry = document.createElement("button");
      retry.type = "button";
      retry.className = "pr-start-reload";
      retry.addEventListener("click", () => window.location.reload());
      box.append(retry);
    }
    if (retry) retry.textContent = text("start.retry");
  }

  // Press the button that opens the workbook, once: its view is on the page.
  function open() {
    const opener = document.querySelector(".pr-page-open");
    if (!opener || opener.dataset.prPressed) return;
    opener.dataset.prPressed = "1";
    opener.click();
  }

  function check() {
    if (!arrived()) {
      if (state === null) show("waiting");
      open();
      return;
    }
    window.clearInterval(timer);
    window.clearTimeout(slowTimer);
    notice()?.remove();
  }

  function pageSent() {
    check();
    if (!notice()) return;
    if (!outputSent()) {
      show("failed");
      return;
    }
    slowTimer = window.setTimeout(() => {
      if (notice()) show("slow");
    }, SLOW_AFTER_MS);
  }

  function start() {
    show("waiting");
  }

  // Checked from the first moment, whatever else fails: pressing the button is what brings
  // the workbook.
  timer = window.setInterval(check, CHECK_EVERY_MS);

  // This script runs in the page's head: the notice comes with the body, and the whole page
  // (with the notebook's output) when Voila has run the notebook.
  document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") pageSent();
  });
  const watchBody = new MutationObserver(() => {
    if (notice()) {
      watchBody.disconnect();
      start();
    }
  });
  watchBody.observe(document.documentElement, { childList: true, subtree: true });
})();
