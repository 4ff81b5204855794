(function () {
  "use strict";
  // Tells the widget that opened this popup how the connection went. The target origin is the gateway's own
  // public origin, never a wildcard, so no other page can read the outcome.
  var result = document.getElementById("result");
  if (!result) { return; }
  var outcome = {
    type: "snowgate:servicenow-connection",
    status: result.getAttribute("data-status"),
    code: result.getAttribute("data-code") || null,
    message: result.getAttribute("data-message") || null
  };
  var origin = result.getAttribute("data-origin");
  if (window.opener && origin) {
    try { window.opener.postMessage(outcome, origin); } catch (error) { /* the opener has gone elsewhere */ }
  }
  var close = document.getElementById("close");
  if (close) { close.addEventListener("click", function () { window.close(); }); }
  if (outcome.status === "connected" && window.opener) {
    window.setTimeout(function () { window.close(); }, 1500);
  }
})();
