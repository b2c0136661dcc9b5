// canirun's page, enhanced: model autocomplete, and answers without a page reload.
// The page works without this file. It reads no data from the page but the form's own fields,
// builds suggestions with DOM calls only, and turns HTML into nodes in one place: the server's
// answer fragment, through the Trusted Types policy the Content-Security-Policy allows.
(function () {
  "use strict";

  var form = document.getElementById("ask");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  var html = window.trustedTypes
    ? window.trustedTypes.createPolicy("canirun", { createHTML: function (s) { return s; } })
    : { createHTML: function (s) { return s; } };

  // --- model autocomplete -------------------------------------------------------------------
  var model = document.getElementById("model");
  var list = document.getElementById("model-list");
  var timer = 0;
  var asked = "";

  function suggest() {
    var text = model.value.trim();
    if (text.length < 2 || text === asked) {
      return;
    }
    asked = text;
    var url = "/v1/models/suggest?limit=10&q=" + encodeURIComponent(text.slice(0, 200));
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { models: [] }; })
      .then(function (data) {
        if (model.value.trim() !== text) {
          return;
        }
        var options = (data.models || []).map(function (m) {
          var o = document.createElement("option");
          o.value = String(m.name);
          var size = typeof m.params_b === "number" ? m.params_b.toFixed(m.params_b < 10 ? 1 : 0) + "B" : "";
          o.label = size + (m.active_params_b ? " (" + m.active_params_b + "B active)" : "");
          return o;
        });
        list.replaceChildren.apply(list, options);
      })
      .catch(function () { /* no suggestions: typing still works */ });
  }

  if (model && list) {
    model.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 200);
    });
  }

  // --- asking without a reload --------------------------------------------------------------
  function swap(page, url, pushed) {
    var doc = new DOMParser().parseFromString(html.createHTML(page), "text/html");
    var fresh = doc.getElementById("answer");
    var current = document.getElementById("answer");
    if (!fresh || !current) {
      return false;
    }
    current.replaceWith(document.importNode(fresh, true));
    document.title = doc.title;
    if (pushed && url !== window.location.href) {
      window.history.pushState({ canirun: true }, "", url);
    }
    var verdict = document.getElementById("verdict");
    if (verdict) {
      verdict.setAttribute("tabindex", "-1");
      verdict.focus({ preventScroll: false });
    }
    return true;
  }

  function busy(on) {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = on;
    }
    var answer = document.getElementById("answer");
    if (answer) {
      answer.classList.toggle("busy", on);
    }
  }

  function post(target, body) {
    busy(true);
    return fetch(target.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(body)),
      headers: { Accept: "text/html" },
      credentials: "same-origin",
      redirect: "follow"
    })
      .then(function (r) {
        return r.text().then(function (page) {
          // redirected: the answer's permalink; otherwise a question back, shown in place
          if (!swap(page, r.url, r.redirected)) {
            throw new Error("no answer in the page");
          }
        });
      })
      .catch(function () {
        target.submit(); // the plain form post still works
      })
      .then(function () { busy(false); });
  }

  document.addEventListener("submit", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLFormElement) || target.getAttribute("action") !== "/ask") {
      return;
    }
    event.preventDefault();
    post(target, target);
  });

  window.addEventListener("popstate", function () {
    window.location.reload();
  });
})();
