// Shared by the widget and the explorer: where the user's token comes from, how GraphQL requests are sent, and
// what error codes mean in plain words. Plain JavaScript, no dependencies; exposed as window.Snowgate.
//
// The token never comes from a cookie of the gateway's (the gateway sets none). It comes from
//   1. a `#token=<jwt>` fragment, read once and removed from the address bar, or
//   2. the host page that embeds this page in an iframe: this page posts {type: "snowgate:ready"} to its parent,
//      and the host answers {type: "snowgate:token", token}. The host may send a new token the same way at any time
//      (refresh), and this page asks with {type: "snowgate:token-expired"} when the gateway refuses the token.
//      Only origins listed in the `hosts` query parameter (comma-separated) and the gateway's own origin are
//      listened to; see docs/WIDGET.md.
(function () {
  "use strict";

  var READY = "snowgate:ready";
  var TOKEN = "snowgate:token";
  var EXPIRED = "snowgate:token-expired";

  /** The origins that may hand this page a token: the page's own, plus those listed in `?hosts=`. */
  function allowedHostOrigins() {
    var origins = [window.location.origin];
    var listed = new URLSearchParams(window.location.search).get("hosts");
    if (!listed) { return origins; }
    listed.split(/[\s,]+/).forEach(function (entry) {
      if (!entry) { return; }
      try {
        var url = new URL(entry);
        if ((url.protocol === "https:" || url.protocol === "http:") && origins.indexOf(url.origin) < 0) {
          origins.push(url.origin);
        }
      } catch (error) { /* not a URL: ignored */ }
    });
    return origins;
  }

  /** Reads `token` from the fragment and removes it from the address bar (and so from history and bookmarks). */
  function takeFragmentToken() {
    var hash = window.location.hash;
    if (!hash || hash.length < 2) { return null; }
    var params = new URLSearchParams(hash.slice(1));
    var token = params.get("token");
    if (!token) { return null; }
    params.delete("token");
    var rest = params.toString();
    var clean = window.location.pathname + window.location.search + (rest ? "#" + rest : "");
    try { window.history.replaceState(window.history.state, "", clean); } catch (error) { /* sandboxed: keep going */ }
    return token;
  }

  /** The `sub` and `name` claims of a JWT, for display only (the gateway verifies the token; this page cannot). */
  function claims(token) {
    try {
      var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      while (part.length % 4) { part += "="; }
      var bytes = Uint8Array.from(window.atob(part), function (c) { return c.charCodeAt(0); });
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      return {};
    }
  }

  /**
   * The user's session with the gateway: the current token, where it came from, and GraphQL requests made with it.
   * `onToken(token, source)` is called whenever a token arrives (from the fragment at start, or from the host).
   */
  function Session(options) {
    var self = this;
    this.token = null;
    this.source = null;
    this.endpoint = new URL("graphql", document.baseURI).href;
    this.hostOrigins = allowedHostOrigins();
    this.framed = window.parent !== window;
    this.inFlight = 0;
    this.sent = 0;
    this.onToken = options && options.onToken || function () {};
    this.onBusy = options && options.onBusy || function () {};

    window.addEventListener("message", function (event) {
      if (!self.framed || event.source !== window.parent) { return; }
      if (self.hostOrigins.indexOf(event.origin) < 0) { return; }
      var data = event.data;
      if (!data || data.type !== TOKEN || typeof data.token !== "string" || !data.token) { return; }
      self.setToken(data.token, "host");
    });
    // Opening a `#token=` link on the page that is already open only changes the fragment (no load): take it too.
    window.addEventListener("hashchange", function () {
      var token = takeFragmentToken();
      if (token) { self.setToken(token, "link"); }
    });
  }

  /** Takes the fragment's token, if any, and asks the host page for one when embedded. */
  Session.prototype.start = function () {
    var token = takeFragmentToken();
    if (token) { this.setToken(token, "link"); }
    this.askHost(READY);
  };

  Session.prototype.setToken = function (token, source) {
    var changed = token !== this.token;
    this.token = token;
    this.source = source;
    if (changed) { this.onToken(token, source); }
  };

  /** Posts a message to the host page, to each allowed origin (the browser delivers it only if the parent has one). */
  Session.prototype.askHost = function (type) {
    if (!this.framed) { return; }
    for (var i = 0; i < this.hostOrigins.length; i += 1) {
      try { window.parent.postMessage({ type: type }, this.hostOrigins[i]); } catch (error) { /* ignored */ }
    }
  };

  /** The claims of the current token (display only). */
  Session.prototype.claims = function () {
    return this.token ? claims(this.token) : {};
  };

  /**
   * Sends one GraphQL request with the token. Resolves to {status, body} (body is the parsed JSON, or null);
   * rejects only when the gateway cannot be reached. A 401 asks the host page for a fresh token.
   */
  Session.prototype.request = function (query, variables, operationName) {
    var self = this;
    var payload = { query: query };
    if (variables) { payload.variables = variables; }
    if (operationName) { payload.operationName = operationName; }
    var headers = {
      "Content-Type": "application/json",
      "Accept": "application/graphql-response+json, application/json"
    };
    if (this.token) { headers.Authorization = "Bearer " + this.token; }
    this.inFlight += 1;
    this.sent += 1;
    this.onBusy(this.inFlight > 0, this.sent);
    var started = window.performance.now();
    return window.fetch(this.endpoint, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(payload),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (error) { body = null; }
        if (response.status === 401) { self.askHost(EXPIRED); }
        return { status: response.status, body: body, milliseconds: window.performance.now() - started };
      });
    }).finally(function () {
      self.inFlight -= 1;
      self.onBusy(self.inFlight > 0, self.sent);
    });
  };

  /** The `extensions.code` of a GraphQL error, or null. */
  function errorCode(error) {
    return error && error.extensions && typeof error.extensions.code === "string" ? error.extensions.code : null;
  }

  /** A GraphQL error (or an HTTP status without one) in words a user can act on. */
  function describeError(error, status) {
    var code = errorCode(error);
    if (!code && status === 401) { code = "UNAUTHENTICATED"; }
    switch (code) {
      case "SERVICENOW_RATE_LIMITED": {
        var seconds = error && error.extensions && Number(error.extensions.retryAfter);
        return seconds > 0
          ? "ServiceNow is busy \u2014 try again in " + Math.ceil(seconds) + " s."
          : "ServiceNow is busy \u2014 try again in a moment.";
      }
      case "SERVICENOW_UNAVAILABLE":
        return "ServiceNow is not answering right now. Try again in a little while.";
      case "SERVICENOW_NOT_CONFIGURED":
        return "ServiceNow is not set up yet \u2014 ask your administrator.";
      case "SERVICENOW_AUTH_REQUIRED":
        return "Connect your ServiceNow account to see this.";
      case "SERVICENOW_ACCESS_DENIED":
        return "ServiceNow does not let you see or do this.";
      case "SERVICENOW_NOT_FOUND":
        return "ServiceNow could not find this record.";
      case "UNAUTHENTICATED":
        return "Your sign-in has expired. Reload the page to sign in again.";
      case "FORBIDDEN":
        return "Only administrators may do this.";
      case "BAD_USER_INPUT":
        return (error && error.message) || "ServiceNow did not accept what was entered.";
      case "QUERY_TOO_COMPLEX":
        return "That asks for too much at once.";
      default:
        if (status && status >= 500) { return "The gateway had a problem. Try again in a little while."; }
        return (error && error.message) || "Something went wrong. Try again.";
    }
  }

  /** Builds an element: `el("a", {href: url, class: "x"}, ["text", child])`. Text is always text, never HTML. */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (name) {
        var value = attributes[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === "class") { node.className = value; }
        else if (name === "text") { node.textContent = value; }
        else if (name.slice(0, 2) === "on" && typeof value === "function") {
          node.addEventListener(name.slice(2), value);
        } else { node.setAttribute(name, value === true ? "" : String(value)); }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** A `<time>` with the instant in the user's own time zone (the browser's), e.g. "3 Jun 2026, 11:00". */
  var dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  var fullDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });
  function timeElement(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) { return el("span", { text: "" }); }
    return el("time", { datetime: iso, title: fullDateFormat.format(date), text: dateFormat.format(date) });
  }

  window.Snowgate = {
    Session: Session,
    describeError: describeError,
    errorCode: errorCode,
    el: el,
    timeElement: timeElement,
    messageTypes: { ready: READY, token: TOKEN, expired: EXPIRED }
  };
})();
