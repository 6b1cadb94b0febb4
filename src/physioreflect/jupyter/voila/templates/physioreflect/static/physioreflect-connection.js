// When the page's connection to its kernel drops (Wi-Fi gone, a laptop asleep), say so and
// get it back; if the kernel is gone, say plainly that the page must be reloaded, and keep
// what was typed meanwhile so it can be copied back. Loaded before Voila's own scripts, so
// the kernel's websocket is watched from the start.
(function () {
  "use strict";

  const KERNEL_SOCKET = /\/api\/kernels\/([0-9a-fA-F-]+)\/channels/;
  const SHOW_AFTER_MS = 2000; // a blip that heals at once is not worth a message
  const CHECK_EVERY_MS = 5000; // while the connection is down
  const STILL_THERE_EVERY_MS = 15000; // while it looks fine
  const GIVE_UP_AFTER_MS = 120000; // server reachable, kernel alive, still no connection
  const BACK_SHOWN_MS = 4000;
  const KEPT_KEY = "physioreflect.unsent";

  const page = readJson("pr-page-data") || { default_lang: "nb", texts: {} };
  let leaving = false;
  let kernelId = null;
  let openSockets = 0;
  let lostSince = null;
  let gone = false;
  let showTimer = null;
  let checkTimer = null;
  let hideTimer = null;
  const unsent = new Map(); // field → its text, typed while the connection was down

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

  function text(key) {
    const texts = page.texts || {};
    return (texts[language()] || {})[key] || (texts.en || {})[key] || key;
  }

  // Leaving the page closes the socket on purpose: nothing to report. Registered before
  // Voila's own beforeunload handler, which closes the kernel's connection at once.
  window.addEventListener("beforeunload", () => {
    leaving = true;
    sendHeldBackChanges();
  });
  window.addEventListener("pagehide", () => {
    leaving = true;
    keepUnsent();
  });
  window.addEventListener("pageshow", (event) => { if (event.persisted) leaving = false; });
  window.addEventListener("online", check);
  // A kernel can also go while its connection looks open (culled while a laptop slept):
  // ask now and then, and whenever the page is looked at again.
  window.setInterval(check, STILL_THERE_EVERY_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });

  const NativeWebSocket = window.WebSocket;
  class WatchedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      const match = KERNEL_SOCKET.exec(String(url));
      if (match) watch(this, match[1]);
    }
  }
  window.WebSocket = WatchedWebSocket;

  function watch(socket, id) {
    let opened = false;
    socket.addEventListener("open", () => {
      opened = true;
      kernelId = id;
      openSockets += 1;
      connected();
    });
    socket.addEventListener("close", () => {
      if (opened) openSockets -= 1;
      if (!leaving && openSockets === 0 && kernelId !== null) lost();
    });
  }

  // ipywidgets sends a widget's changes one message at a time: while one waits for the
  // kernel, the next keystrokes are held back in the page. Leaving (a reload right after
  // typing) would drop them; send them now, while the connection is still open. The models
  // are promises; their callbacks run in the microtask checkpoint that follows this handler,
  // before the next beforeunload handler (Voila's) closes the connection.
  function sendHeldBackChanges() {
    const models = window.jupyterapp?.widgetManager?._models;
    if (!models) return;
    Promise.allSettled(Object.values(models)).then((results) => {
      for (const { value: model } of results) {
        if (!model || model._msg_buffer === null || model._msg_buffer === undefined) continue;
        try {
          const sent = model.send_sync_message(model._msg_buffer, model._msg_buffer_callbacks);
          model.rememberLastUpdateFor?.(sent);
          model._msg_buffer = null;
          model._msg_buffer_callbacks = null;
        } catch (error) {
          console.warn("physioreflect: could not send a last change", error);
        }
      }
    });
  }

  function lost() {
    if (lostSince !== null || gone) return;
    lostSince = Date.now();
    showTimer = window.setTimeout(() => show("lost"), SHOW_AFTER_MS);
    checkTimer = window.setInterval(check, CHECK_EVERY_MS);
  }

  function connected() {
    if (lostSince === null || gone) return;
    const wasShown = banner() !== null;
    lostSince = null;
    window.clearTimeout(showTimer);
    window.clearInterval(checkTimer);
    unsent.clear(); // what was typed went out with the connection: the kernel has it now
    if (wasShown) {
      show("back");
      hideTimer = window.setTimeout(hide, BACK_SHOWN_MS);
    }
  }

  async function check() {
    if (leaving || gone || kernelId === null) return;
    let status;
    try {
      const response = await fetch(`${baseUrl()}api/kernels/${kernelId}`, {
        cache: "no-store",
        credentials: "same-origin",
      });
      status = response.status;
    } catch (error) {
      return; // still offline: keep waiting, the page keeps what is typed
    }
    if (status === 404) {
      mustReload(); // the server no longer has this page's kernel
    } else if (status < 400 && lostSince !== null) {
      reconnect();
      if (Date.now() - lostSince > GIVE_UP_AFTER_MS) mustReload();
    }
  }

  function reconnect() {
    // The server answers and still has the kernel: connect now. Voila's kernel connection
    // waits longer and longer between its own tries (up to minutes), then gives up.
    const kernel = window.jupyterapp?.widgetManager?.kernel;
    if (kernel && kernel.connectionStatus !== "connected" && typeof kernel.reconnect === "function") {
      kernel.reconnect().catch(() => undefined);
    }
  }

  function mustReload() {
    gone = true;
    window.clearTimeout(showTimer);
    window.clearInterval(checkTimer);
    show("reload");
  }

  function baseUrl() {
    const config = readJson("jupyter-config-data");
    const base = config && typeof config.baseUrl === "string" ? config.baseUrl : "/";
    return base.endsWith("/") ? base : base + "/";
  }

  // What is typed while the connection is down: Voila queues it and sends it on reconnect;
  // if the kernel is gone instead, it is shown (and kept over the reload) to copy back.
  document.addEventListener(
    "input",
    (event) => {
      if (lostSince === null && !gone) return;
      const field = event.target;
      const typed =
        field instanceof HTMLTextAreaElement ||
        (field instanceof HTMLInputElement && field.type === "text");
      if (!typed) return;
      unsent.set(field, field.value);
      if (gone) show("reload");
    },
    true,
  );

  function unsentTexts() {
    return [...unsent.values()].filter((value) => value.trim() !== "");
  }

  function keepUnsent() {
    const texts = gone ? unsentTexts() : [];
    try {
      if (texts.length) window.sessionStorage.setItem(KEPT_KEY, JSON.stringify(texts));
    } catch (error) {
      console.warn("physioreflect: could not keep the unsent text", error);
    }
  }

  function banner() {
    return document.querySelector(".pr-connection");
  }

  function hide() {
    banner()?.remove();
  }

  function show(state, kept) {
    window.clearTimeout(hideTimer);
    hide();
    const box = document.createElement("div");
    box.className = `pr-connection pr-connection-${state}`;
    box.setAttribute("role", state === "back" ? "status" : "alert");
    box.setAttribute("lang", language());
    const line = document.createElement("p");
    const key = { lost: "connection.lost", back: "connection.back", reload: "connection.reload", kept: "connection.kept" }[state];
    line.textContent = text(key);
    box.append(line);
    const texts = state === "kept" ? kept : state === "reload" ? unsentTexts() : [];
    if (state === "reload" && texts.length) {
      const note = document.createElement("p");
      note.textContent = text("connection.unsaved");
      box.append(note);
    }
    for (const value of texts) {
      const copy = document.createElement("textarea");
      copy.className = "pr-connection-unsent";
      copy.readOnly = true;
      copy.value = value;
      box.append(copy);
    }
    if (state === "reload" || state === "kept") {
      const button = document.createElement("button");
      button.type = "button";
      button.className = state === "reload" ? "pr-reload-page" : "pr-connection-dismiss";
      button.textContent = text(state === "reload" ? "connection.reload_button" : "connection.close");
      button.addEventListener("click", () => (state === "reload" ? window.location.reload() : hide()));
      box.append(button);
    }
    document.body.append(box);
  }

  // Text kept over a reload because the previous page's kernel was gone.
  function showKept() {
    let kept = [];
    try {
      kept = JSON.parse(window.sessionStorage.getItem(KEPT_KEY) || "[]");
      window.sessionStorage.removeItem(KEPT_KEY);
    } catch (error) {
      kept = [];
    }
    if (Array.isArray(kept) && kept.length) show("kept", kept.map(String));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showKept);
  } else {
    showKept();
  }
})();
