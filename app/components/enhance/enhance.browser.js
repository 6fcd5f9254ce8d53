/* global document, window, performance, DOMParser, URLSearchParams, FormData, history, clearTimeout */
// The only JavaScript of the public pages (ADR 0067): inlined into the page by <Enhancements />
// (app/components/enhance.tsx) as it is written here, so it must stay small, self-contained and
// readable by old phone browsers (no imports, no build step). The page works without it; it adds:
//
// 1. Live GET forms: a `<form method="get" data-live="ID">` (the household calculator) is sent as
//    people type (300 ms after the last key), and the element `#ID` (its result) is replaced by the
//    same element of the server's answer — one renderer (the server), the page the no-JavaScript
//    submit shows. The fields are not replaced (focus, caret and the keyboard stay): their error
//    text (`#FIELD-error`, placed right after the field) and aria state follow the answer. An
//    answer for an older text is dropped.
// 2. Focus: the first element with `data-autofocus` (a refusal alert) takes the focus on load, so
//    a screen reader reads it first (React does not render `autofocus` on the server).
//
// When it has run, `<html data-enhanced="1">` (browser tests wait for it) and the User Timing
// mark "jyiyn:enhanced" (bench/phone.js reports its time as the page's time to interactive).
(function () {
  var timers = new WeakMap();
  function query(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      params.append(k, String(v));
    });
    return params.toString();
  }
  function refresh(form) {
    var target = form.getAttribute("data-live");
    var qs = query(form);
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    url.search = qs;
    url.hash = "";
    form.setAttribute("aria-busy", "true");
    fetch(url.toString(), { credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (res) {
        return res.text();
      })
      .then(function (html) {
        if (query(form) !== qs) return; // typed on meanwhile: the newer answer will come
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById(target);
        var old = document.getElementById(target);
        if (!fresh || !old) return;
        old.replaceWith(document.importNode(fresh, true));
        // the fields stay (focus, caret and the phone's keyboard with them): only their error
        // text and state follow the answer
        form.querySelectorAll("input[id]").forEach(function (input) {
          var now = doc.getElementById(input.id);
          ["aria-invalid", "aria-describedby"].forEach(function (a) {
            if (now && now.hasAttribute(a)) input.setAttribute(a, now.getAttribute(a));
            else input.removeAttribute(a);
          });
          var shown = document.getElementById(input.id + "-error");
          var told = doc.getElementById(input.id + "-error");
          if (shown) shown.remove();
          if (told) input.insertAdjacentElement("afterend", document.importNode(told, true));
        });
        history.replaceState(history.state, "", url.pathname + url.search + window.location.hash);
      })
      .catch(function () {
        // offline or a dropped connection: the submit button still sends the form
      })
      .then(function () {
        form.removeAttribute("aria-busy");
      });
  }
  function enhance(root) {
    root.querySelectorAll("form[data-live]").forEach(function (form) {
      if (form.getAttribute("data-live-ready")) return;
      form.setAttribute("data-live-ready", "1");
      form.addEventListener("input", function () {
        clearTimeout(timers.get(form));
        timers.set(
          form,
          setTimeout(function () {
            refresh(form);
          }, 300),
        );
      });
    });
  }
  enhance(document);
  var first = document.querySelector("[data-autofocus]");
  if (first) first.focus();
  document.documentElement.setAttribute("data-enhanced", "1");
  if (window.performance && performance.mark) performance.mark("jyiyn:enhanced");
})();
