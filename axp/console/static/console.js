// The AXP console's only script: local times, field checks, and the live updates of the pages.
// Every fragment it inserts was rendered (and escaped) by the server; it never builds HTML from data.
"use strict";

(function () {
  const timeFormat = { dateStyle: "medium", timeStyle: "medium" };

  // Timestamps: shown in the viewer's time zone, the UTC instant on hover.
  function localize(root) {
    root.querySelectorAll("time.ts").forEach(function (el) {
      if (el.dataset.localized) return;
      const when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      el.textContent = when.toLocaleString(undefined, timeFormat);
      el.title = "UTC " + when.toISOString();
      el.dataset.localized = "1";
    });
  }

  // Checks HTML attributes cannot express: JSON text areas and JSON Schema patterns (unanchored, "u" flag).
  function check(el) {
    let message = "";
    if (el.dataset.json && el.value.trim()) {
      try { JSON.parse(el.value); } catch (e) { message = "Not valid JSON: " + e.message; }
    }
    if (el.dataset.pattern && el.value) {
      let re = null;
      try { re = new RegExp(el.dataset.pattern, "u"); } catch (e) { re = null; }
      if (re && !re.test(el.value)) message = "Must match the pattern " + el.dataset.pattern;
    }
    el.setCustomValidity(message);
  }

  function prepare(root) {
    localize(root);
    root.querySelectorAll("[data-json], [data-pattern]").forEach(check);
  }

  document.addEventListener("input", function (event) {
    const el = event.target;
    if (el instanceof HTMLElement && (el.dataset.json || el.dataset.pattern)) check(el);
  });

  function fragment(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const node = holder.content.firstElementChild;
    prepare(holder.content);
    return node;
  }

  const statusLine = document.getElementById("live-status");
  function say(text) {
    if (!statusLine) return;
    statusLine.textContent = text;
    statusLine.hidden = !text;
  }

  function follow(url, handlers) {
    const source = new EventSource(url);
    source.onopen = function () { say(""); document.body.classList.add("is-live"); };
    source.onerror = function () {
      document.body.classList.remove("is-live");
      if (source.readyState === EventSource.CLOSED) say("Live updates stopped (signed out?). Reload the page.");
    };
    source.addEventListener("problem", function (event) {
      say(JSON.parse(event.data).message);
      source.close();
    });
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, function (event) { handlers[name](JSON.parse(event.data), source); });
    });
    return source;
  }

  // The intents list: rows appear and change in place; counts follow.
  function liveList(body) {
    const empty = document.getElementById("empty");
    follow(body.dataset.live, {
      intent: function (data) {
        const existing = document.getElementById("row-" + data.intent_id);
        if (existing) {
          const row = fragment(data.html);
          if (!data.matches) { row.classList.add("stale"); row.title = "No longer matches the status filter"; }
          existing.replaceWith(row);
        } else if (data.matches) {
          const row = fragment(data.html);
          row.classList.add("fresh");
          body.insertBefore(row, body.firstElementChild);
        }
        if (empty) empty.hidden = body.children.length > 0;
      },
      counts: function (data) {
        let total = 0;
        Object.keys(data.counts).forEach(function (status) {
          total += data.counts[status];
          const cell = document.querySelector('[data-count-for="' + CSS.escape(status) + '"]');
          if (cell) cell.textContent = String(data.counts[status]);
        });
        const all = document.getElementById("total");
        if (all) all.textContent = String(total);
      },
    });
  }

  // An intent's page: the timeline grows, the facts and the possible actions follow the status.
  function liveTimeline(list) {
    const live = document.getElementById("timeline-live");
    if (live) live.hidden = false;
    follow(list.dataset.live, {
      lifecycle: function (data) {
        if (!document.getElementById("ev-" + data.seq)) list.appendChild(fragment(data.item));
        const state = document.getElementById("state");
        if (state) { state.innerHTML = data.state; prepare(state); }
        const actions = document.getElementById("actions");
        if (actions && actions.dataset.sig !== data.sig) {
          const body = document.getElementById("actions-body");
          body.innerHTML = data.actions;
          prepare(body);
          actions.dataset.sig = data.sig;
        }
      },
      end: function (data, source) {
        source.close();
        if (live) live.hidden = true;
      },
    });
  }

  // The human-task inbox: new tasks arrive on top, answered ones are marked and locked.
  function liveInbox(box) {
    const empty = document.getElementById("empty");
    follow(box.dataset.live, {
      tasks: function (data) {
        const waiting = new Set(data.ids);
        data.ids.slice().reverse().forEach(function (id) {
          if (!document.getElementById("task-" + id) && data.cards[id]) box.insertBefore(fragment(data.cards[id]), box.firstElementChild);
        });
        box.querySelectorAll("article.task").forEach(function (card) {
          const gone = !waiting.has(card.dataset.intent);
          card.classList.toggle("gone", gone);
          card.querySelectorAll("button, input, textarea, select").forEach(function (el) { el.disabled = gone; });
          const note = card.querySelector(".gone-note");
          if (note) note.hidden = !gone;
        });
        if (empty) empty.hidden = data.ids.length > 0;
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    prepare(document);
    const rows = document.getElementById("rows");
    if (rows && rows.dataset.live) liveList(rows);
    const timeline = document.getElementById("timeline");
    if (timeline && timeline.dataset.live) liveTimeline(timeline);
    const tasks = document.getElementById("tasks");
    if (tasks && tasks.dataset.live) liveInbox(tasks);
  });
})();
