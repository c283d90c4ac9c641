// communique reader: click a field to see the words of the source text it was read from.
// Loaded as a static file (the Content-Security-Policy allows no inline script).
"use strict";

(function () {
  function clear(scope) {
    scope.querySelectorAll("mark.hl").forEach(function (m) { m.classList.remove("hl"); });
    scope.querySelectorAll("button.field[aria-pressed='true']").forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
    });
  }

  function marksFor(scope, key) {
    return Array.prototype.filter.call(scope.querySelectorAll("mark[data-keys]"), function (m) {
      return m.getAttribute("data-keys").split(" ").indexOf(key) >= 0;
    });
  }

  function show(button) {
    var account = button.closest(".account") || document;
    var key = button.getAttribute("data-key");
    var pressed = button.getAttribute("aria-pressed") === "true";
    clear(account);
    if (pressed) { return; }
    button.setAttribute("aria-pressed", "true");
    var marks = marksFor(account, key);
    marks.forEach(function (m) { m.classList.add("hl"); });
    if (marks.length) {
      marks[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function fromMark(mark) {
    var account = mark.closest(".account") || document;
    var keys = mark.getAttribute("data-keys").split(" ");
    var button = account.querySelector("button.field[data-key='" + keys[keys.length - 1] + "']");
    if (button) {
      if (button.getAttribute("aria-pressed") === "true") { clear(account); }
      show(button);
      button.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target;
    if (!(target instanceof Element)) { return; }
    var button = target.closest("button.field");
    if (button) { show(button); return; }
    var mark = target.closest(".source-text mark[data-keys]");
    if (mark) { fromMark(mark); }
  });
})();
