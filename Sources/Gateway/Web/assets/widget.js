// The reference ServiceNow widget: one GraphQL request per render (the viewer, the widget settings, and the four
// lists with their counts), then later requests only for what the user asks for (another page, a search, a new
// incident or request, connecting ServiceNow). Plain JavaScript over window.Snowgate (snowgate.js).
(function () {
  "use strict";

  var S = window.Snowgate;
  var el = S.el;

  var KINDS = [
    { key: "incidents", label: "Incidents", noun: "incidents" },
    { key: "requests", label: "Requests", noun: "requests" },
    { key: "changeRequests", label: "Change Requests", noun: "change requests" },
    { key: "problems", label: "Problems", noun: "problems" }
  ];

  var ROW_FIELDS =
    "id number shortDescription state { label category } priority { value label } updatedAt url " +
    "assignedTo { name } assignmentGroup { name }";

  function listSelection(key) {
    return key + "(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { ...Row } }";
  }

  // The render: everything the first screen shows, in one request. The authorize link is not asked for here:
  // each read makes a new single-use link, so it is fetched when the user presses Connect.
  var RENDER_QUERY =
    "query WidgetRender($first: Int!) {\n" +
    "  viewer { isAdmin user { name email } serviceNow { configured connected instanceUrl } }\n" +
    "  widgetSettings { showLogo }\n" +
    KINDS.map(function (kind) { return "  " + listSelection(kind.key) + "\n"; }).join("") +
    "}\n" +
    "fragment Row on Ticket { " + ROW_FIELDS + " }\n";

  function pageQuery(key) {
    return "query WidgetPage($first: Int!, $after: String) {\n" +
      "  " + key + "(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...Row } }\n" +
      "}\nfragment Row on Ticket { " + ROW_FIELDS + " }\n";
  }

  var AUTHORIZE_QUERY = "query WidgetConnect { viewer { serviceNow { connected authorizeUrl } } }";
  var KNOWLEDGE_QUERY =
    "query WidgetKnowledge($search: String!, $first: Int!, $after: String) {\n" +
    "  knowledgeArticles(search: $search, first: $first, after: $after) {\n" +
    "    totalCount pageInfo { hasNextPage endCursor } nodes { id number title snippet url }\n" +
    "  }\n}";
  var CATALOG_QUERY =
    "query WidgetCatalog($search: String, $first: Int!) {\n" +
    "  catalogItems(search: $search, first: $first) { nodes { id name shortDescription category price } }\n}";
  var CATALOG_ITEM_QUERY =
    "query WidgetCatalogItem($id: ID!) {\n" +
    "  node(id: $id) { ... on CatalogItem { id name shortDescription price url\n" +
    "    variables { name label type mandatory defaultValue helpText choices { value label } } } }\n}";
  var CREATE_INCIDENT =
    "mutation WidgetCreateIncident($input: CreateIncidentInput!) {\n" +
    "  createIncident(input: $input) { incident { number url } }\n}";
  var CREATE_REQUEST =
    "mutation WidgetCreateRequest($input: CreateRequestInput!) {\n" +
    "  createRequest(input: $input) { request { number url } }\n}";

  var CATEGORY_LABELS = {
    NEW: "New", IN_PROGRESS: "In progress", ON_HOLD: "On hold", RESOLVED: "Resolved", CLOSED: "Closed",
    CANCELED: "Canceled"
  };

  function pageSize() {
    var value = parseInt(new URLSearchParams(window.location.search).get("pageSize") || "", 10);
    return value >= 1 && value <= 50 ? value : 10;
  }

  var PAGE_SIZE = pageSize();
  var root = document.getElementById("widget");
  var $ = function (id) { return document.getElementById(id); };

  var state = {
    renderSequence: 0,
    rendered: false,
    subject: null,
    active: "incidents",
    lists: {},
    popup: null,
    knowledge: null
  };

  var session = new S.Session({
    onToken: function (token, source) {
      var subject = session.claims().sub || null;
      // A refreshed token for the same user changes nothing on screen; a new user, or a first token, renders.
      if (!state.rendered || subject !== state.subject || root.dataset.state !== "ready") {
        state.subject = subject;
        render();
      }
    },
    onBusy: function (busy, sent) {
      root.dataset.busy = busy ? "true" : "false";
      root.dataset.requests = String(sent);
    }
  });

  // ---------------------------------------------------------------- screen states

  function setState(name) {
    root.dataset.state = name;
    root.setAttribute("aria-busy", name === "loading" ? "true" : "false");
    $("skeleton").hidden = name !== "loading";
    $("loading-text").textContent = name === "loading" ? "Loading your ServiceNow tickets…" : "";
    $("content").hidden = name !== "ready";
    $("actions").hidden = name !== "ready";
    $("message").hidden = name === "ready" || name === "loading";
  }

  var ICONS = {
    plug: "M9 2v5M15 2v5M6 7h12v4a6 6 0 0 1-12 0V7zM12 17v5",
    alert: "M12 3 2 21h20L12 3zM12 10v5M12 18v.5",
    lock: "M6 11h12v10H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3",
    gear: "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9 7 7M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1"
  };

  function icon(name) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "1.8");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.appendChild(path);
    return svg;
  }

  /** Shows a full-width message (no token, not configured, connect, a failed render) instead of the lists. */
  function showMessage(kind, options) {
    setState(kind);
    $("message").className = "message card " + (options.tone || "");
    var iconBox = $("message-icon");
    iconBox.textContent = "";
    iconBox.appendChild(icon(options.icon || "alert"));
    $("message-title").textContent = options.title;
    $("message-text").textContent = options.text || "";
    var error = $("message-error");
    error.hidden = !options.error;
    error.textContent = options.error || "";
    var actions = $("message-actions");
    actions.textContent = "";
    (options.actions || []).forEach(function (action) { actions.appendChild(action); });
  }

  function retryButton(label) {
    return el("button", { type: "button", class: "button", onclick: function () { render(); } }, [label || "Try again"]);
  }

  function showConnect(error) {
    showMessage("connect", {
      icon: "plug",
      tone: "connect",
      title: "Connect to ServiceNow",
      text: "To see your incidents, requests, changes and problems here, connect your ServiceNow account. " +
        "A ServiceNow window opens where you sign in and allow access; you can disconnect at any time.",
      error: error,
      actions: [
        el("button", { type: "button", class: "button primary", id: "connect", onclick: connect }, ["Connect to ServiceNow"])
      ]
    });
  }

  function showNotice(parts, tone) {
    var notice = $("notice");
    notice.textContent = "";
    notice.className = "notice " + (tone || "success");
    if (!parts) { return; }
    var body = el("p", null, parts);
    var close = el("button", {
      type: "button", class: "close", "aria-label": "Dismiss",
      onclick: function () { notice.textContent = ""; notice.className = "notice"; }
    }, ["×"]);
    notice.appendChild(body);
    notice.appendChild(close);
  }

  // ---------------------------------------------------------------- the render

  function render() {
    if (!session.token) {
      showMessage("signin", {
        icon: "lock",
        title: "Sign-in needed",
        text: session.framed
          ? "Waiting for the page around this widget to sign you in."
          : "This widget needs your sign-in from the page it is part of. Open it from your intranet, or from a link that signs you in."
      });
      return Promise.resolve();
    }
    var sequence = ++state.renderSequence;
    if (!state.rendered) { setState("loading"); }
    root.setAttribute("aria-busy", "true");
    return session.request(RENDER_QUERY, { first: PAGE_SIZE }, "WidgetRender").then(function (result) {
      if (sequence !== state.renderSequence) { return; }
      root.setAttribute("aria-busy", "false");
      apply(result);
    }, function () {
      if (sequence !== state.renderSequence) { return; }
      showMessage("error", {
        title: "The gateway cannot be reached",
        text: "Check your network connection and try again.",
        actions: [retryButton()]
      });
    });
  }

  function errorsAt(errors, key) {
    return errors.filter(function (error) { return error.path && error.path[0] === key; });
  }

  function apply(result) {
    var body = result.body || {};
    var errors = body.errors || [];
    var data = body.data;
    if (result.status === 401) {
      showMessage("signin", { icon: "lock", title: "Sign-in needed", text: S.describeError(null, 401) });
      return;
    }
    if (!data || !data.viewer || !data.widgetSettings) {
      showMessage("error", {
        title: "Your tickets could not be loaded",
        text: S.describeError(errors[0], result.status),
        actions: [retryButton()]
      });
      return;
    }
    state.rendered = true;
    $("logo").hidden = data.widgetSettings.showLogo === false;
    var viewer = data.viewer;
    var name = viewer.user && viewer.user.name;
    $("viewer").textContent = name ? "Signed in as " + name : "";

    if (!viewer.serviceNow.configured) {
      showMessage("not-configured", {
        icon: "gear",
        title: "ServiceNow is not set up yet",
        text: S.describeError({ extensions: { code: "SERVICENOW_NOT_CONFIGURED" } })
      });
      return;
    }
    var authRequired = !viewer.serviceNow.connected || errors.some(function (error) {
      return S.errorCode(error) === "SERVICENOW_AUTH_REQUIRED";
    });
    if (authRequired) {
      showConnect();
      return;
    }
    KINDS.forEach(function (kind) {
      var list = data[kind.key];
      var error = errorsAt(errors, kind.key)[0];
      state.lists[kind.key] = list
        ? { nodes: list.nodes, pageInfo: list.pageInfo, totalCount: list.totalCount, error: null, loading: false }
        : { nodes: [], pageInfo: null, totalCount: null, error: error || { message: "" }, loading: false };
      renderList(kind);
    });
    setState("ready");
    selectTab(state.active, false);
  }

  // ---------------------------------------------------------------- tabs and lists

  function kindOf(key) {
    return KINDS.filter(function (kind) { return kind.key === key; })[0];
  }

  function tabs() {
    return Array.prototype.slice.call(document.querySelectorAll("[role=tab]"));
  }

  function selectTab(key, focus) {
    state.active = key;
    tabs().forEach(function (tab) {
      var selected = tab.dataset.kind === key;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) { tab.focus(); }
    });
    KINDS.forEach(function (kind) { $("panel-" + kind.key).hidden = kind.key !== key; });
  }

  function setupTabs() {
    var list = $("tablist");
    list.addEventListener("click", function (event) {
      var tab = event.target.closest("[role=tab]");
      if (tab) { selectTab(tab.dataset.kind, true); }
    });
    // The ARIA tabs pattern with automatic activation: arrows move and select, Home and End jump.
    list.addEventListener("keydown", function (event) {
      var all = tabs();
      var index = all.indexOf(document.activeElement);
      if (index < 0) { return; }
      var next = null;
      if (event.key === "ArrowRight") { next = (index + 1) % all.length; }
      else if (event.key === "ArrowLeft") { next = (index - 1 + all.length) % all.length; }
      else if (event.key === "Home") { next = 0; }
      else if (event.key === "End") { next = all.length - 1; }
      if (next === null) { return; }
      event.preventDefault();
      selectTab(all[next].dataset.kind, true);
    });
  }

  function countText(list) {
    if (list.error) { return "!"; }
    return String(list.totalCount);
  }

  function priorityClass(priority) {
    var value = priority && parseInt(priority.value, 10);
    return value >= 1 && value <= 5 ? "priority p" + value : "priority";
  }

  function ticketRow(node) {
    var category = node.state && node.state.category;
    var meta = [];
    if (node.priority && node.priority.label) {
      meta.push(el("span", { class: priorityClass(node.priority) }, [
        el("span", { class: "visually-hidden", text: "Priority " }), node.priority.label
      ]));
    }
    meta.push(el("span", { class: "updated" }, ["Updated ", S.timeElement(node.updatedAt)]));
    var owner = node.assignedTo && node.assignedTo.name || node.assignmentGroup && node.assignmentGroup.name;
    if (owner) { meta.push(el("span", { class: "owner", text: "Assigned to " + owner })); }
    return el("li", { class: "ticket", "data-number": node.number }, [
      el("div", { class: "ticket-main" }, [
        el("a", { class: "number", href: node.url, target: "_blank", rel: "noopener noreferrer" }, [
          node.number,
          el("span", { class: "visually-hidden", text: " (opens in ServiceNow in a new tab)" })
        ]),
        el("p", { class: "summary", text: node.shortDescription || "(no description)" })
      ]),
      el("span", {
        class: "badge state-" + String(category || "").toLowerCase().replace(/_/g, "-"),
        title: category ? CATEGORY_LABELS[category] : null,
        text: node.state ? node.state.label : ""
      }),
      el("div", { class: "meta" }, meta)
    ]);
  }

  function renderList(kind) {
    var list = state.lists[kind.key];
    var panel = $("panel-" + kind.key);
    var count = $("count-" + kind.key);
    count.textContent = countText(list);
    count.className = list.error ? "count error" : "count";
    panel.textContent = "";
    if (list.error) {
      panel.appendChild(el("div", { class: "panel-error" }, [
        el("p", { class: "alert", role: "alert", text: S.describeError(list.error) }),
        el("button", { type: "button", class: "button small", onclick: function () { reloadList(kind); } }, ["Try again"])
      ]));
      return;
    }
    if (!list.nodes.length) {
      panel.appendChild(el("div", { class: "empty" }, [
        el("p", { class: "empty-title", text: "No open " + kind.noun }),
        el("p", { class: "empty-text", text: "Anything you open in ServiceNow shows up here." })
      ]));
      return;
    }
    var items = el("ul", { class: "tickets", "aria-label": kind.label }, list.nodes.map(ticketRow));
    panel.appendChild(items);
    var footer = el("div", { class: "list-footer" }, [
      el("p", { class: "shown", text: "Showing " + list.nodes.length + " of " + list.totalCount })
    ]);
    if (list.pageInfo && list.pageInfo.hasNextPage) {
      footer.appendChild(el("button", {
        type: "button", class: "button small load-more", disabled: list.loading,
        onclick: function () { loadMore(kind); }
      }, [list.loading ? "Loading…" : "Load more"]));
    }
    if (list.pageError) { footer.appendChild(el("p", { class: "alert", role: "alert", text: list.pageError })); }
    panel.appendChild(footer);
  }

  function loadMore(kind) {
    var list = state.lists[kind.key];
    if (!list || list.loading || !list.pageInfo) { return; }
    var before = list.nodes.length;
    list.loading = true;
    list.pageError = null;
    renderList(kind);
    session.request(pageQuery(kind.key), { first: PAGE_SIZE, after: list.pageInfo.endCursor }, "WidgetPage")
      .then(function (result) {
        var page = result.body && result.body.data && result.body.data[kind.key];
        list.loading = false;
        if (!page) {
          var error = result.body && result.body.errors && result.body.errors[0];
          list.pageError = S.describeError(error, result.status);
        } else {
          list.nodes = list.nodes.concat(page.nodes);
          list.pageInfo = page.pageInfo;
          list.totalCount = page.totalCount;
        }
        renderList(kind);
        // Keyboard users continue where the new rows start.
        var first = $("panel-" + kind.key).querySelectorAll(".ticket .number")[before];
        if (first) { first.focus(); }
      }, function () {
        list.loading = false;
        list.pageError = "The gateway cannot be reached. Try again.";
        renderList(kind);
      });
  }

  function reloadList(kind) {
    session.request(pageQuery(kind.key), { first: PAGE_SIZE }, "WidgetPage").then(function (result) {
      var page = result.body && result.body.data && result.body.data[kind.key];
      var error = result.body && result.body.errors && result.body.errors[0];
      if (S.errorCode(error) === "SERVICENOW_AUTH_REQUIRED") { showConnect(); return; }
      state.lists[kind.key] = page
        ? { nodes: page.nodes, pageInfo: page.pageInfo, totalCount: page.totalCount, error: null, loading: false }
        : { nodes: [], pageInfo: null, totalCount: null, error: error || { message: "" }, loading: false };
      renderList(kind);
    }, function () {
      state.lists[kind.key].error = { message: "The gateway cannot be reached. Try again." };
      renderList(kind);
    });
  }

  // ---------------------------------------------------------------- connecting ServiceNow

  function connect() {
    var button = $("connect");
    if (button) { button.disabled = true; }
    // Opened now, while the click still counts as the user's gesture (popup blockers), then sent to the link.
    var popup = window.open("about:blank", "snowgate-connect", "popup=yes,width=520,height=720");
    state.popup = popup;
    session.request(AUTHORIZE_QUERY, null, "WidgetConnect").then(function (result) {
      if (button) { button.disabled = false; }
      var body = result.body || {};
      var connection = body.data && body.data.viewer && body.data.viewer.serviceNow;
      if (connection && connection.connected) {
        if (popup) { popup.close(); }
        render();
        return;
      }
      if (!connection || !connection.authorizeUrl) {
        if (popup) { popup.close(); }
        showConnect(S.describeError(body.errors && body.errors[0], result.status));
        return;
      }
      if (popup && !popup.closed) {
        popup.location.href = connection.authorizeUrl;
        popup.focus();
      } else {
        // The browser blocked the window: a link the user can press opens it as a named window (with an opener,
        // so the callback page can report back).
        showConnect("Your browser blocked the ServiceNow window.");
        $("message-actions").appendChild(el("a", {
          class: "button primary", href: connection.authorizeUrl, target: "snowgate-connect"
        }, ["Open the ServiceNow sign-in"]));
      }
    }, function () {
      if (button) { button.disabled = false; }
      if (popup) { popup.close(); }
      showConnect("The gateway cannot be reached. Try again.");
    });
  }

  // The OAuth callback page (served by the gateway) reports the outcome to its opener, to the gateway's origin.
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin) { return; }
    var data = event.data;
    if (!data || data.type !== "snowgate:servicenow-connection") { return; }
    if (state.popup && event.source !== state.popup) { return; }
    state.popup = null;
    if (data.status === "connected") {
      showNotice(["ServiceNow is connected."]);
      state.rendered = false;
      render();
    } else {
      showConnect(data.message || "ServiceNow could not be connected. Try again.");
    }
  });

  // ---------------------------------------------------------------- knowledge search

  function setupKnowledge() {
    $("kb-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var search = $("kb-search").value.trim();
      if (!search) { $("kb-search").focus(); return; }
      state.knowledge = { search: search, nodes: [], pageInfo: null, totalCount: 0 };
      searchKnowledge(false);
    });
  }

  function searchKnowledge(more) {
    var query = state.knowledge;
    var results = $("kb-results");
    if (!more) {
      results.textContent = "";
      results.appendChild(el("p", { class: "searching" }, [el("span", { class: "spinner", "aria-hidden": "true" }), " Searching…"]));
    }
    var variables = { search: query.search, first: 5 };
    if (more && query.pageInfo) { variables.after = query.pageInfo.endCursor; }
    session.request(KNOWLEDGE_QUERY, variables, "WidgetKnowledge").then(function (result) {
      if (state.knowledge !== query) { return; }
      var page = result.body && result.body.data && result.body.data.knowledgeArticles;
      if (!page) {
        results.textContent = "";
        results.appendChild(el("p", { class: "alert", role: "alert",
          text: S.describeError(result.body && result.body.errors && result.body.errors[0], result.status) }));
        return;
      }
      query.nodes = query.nodes.concat(page.nodes);
      query.pageInfo = page.pageInfo;
      query.totalCount = page.totalCount;
      renderKnowledge(query);
    }, function () {
      results.textContent = "";
      results.appendChild(el("p", { class: "alert", role: "alert", text: "The gateway cannot be reached. Try again." }));
    });
  }

  function renderKnowledge(query) {
    var results = $("kb-results");
    results.textContent = "";
    if (!query.nodes.length) {
      results.appendChild(el("p", { class: "empty-inline", text: "No articles match “" + query.search + "”." }));
      return;
    }
    results.appendChild(el("p", { class: "shown",
      text: query.totalCount === 1 ? "1 article" : query.totalCount + " articles" }));
    results.appendChild(el("ul", { class: "articles" }, query.nodes.map(function (article) {
      return el("li", { class: "article" }, [
        el("a", { href: article.url, target: "_blank", rel: "noopener noreferrer", class: "article-title" }, [
          article.title,
          el("span", { class: "visually-hidden", text: " (opens in ServiceNow in a new tab)" })
        ]),
        el("p", { class: "article-snippet", text: article.snippet || "" }),
        el("p", { class: "article-number", text: article.number })
      ]);
    })));
    if (query.pageInfo && query.pageInfo.hasNextPage) {
      results.appendChild(el("button", { type: "button", class: "button small",
        onclick: function () { searchKnowledge(true); } }, ["More articles"]));
    }
  }

  // ---------------------------------------------------------------- dialogs

  function setupDialogs() {
    Array.prototype.forEach.call(document.querySelectorAll("dialog [data-close]"), function (button) {
      button.addEventListener("click", function () { button.closest("dialog").close(); });
    });
    $("new-incident").addEventListener("click", openIncidentDialog);
    $("new-request").addEventListener("click", openRequestDialog);
    $("incident-form").addEventListener("submit", submitIncident);
    $("catalog-form").addEventListener("submit", function (event) {
      event.preventDefault();
      searchCatalog($("catalog-search").value.trim());
    });
    $("order-back").addEventListener("click", showCatalogStep);
    $("order-form").addEventListener("submit", submitOrder);
  }

  function showFormError(id, message) {
    var box = $(id);
    box.hidden = !message;
    box.textContent = message || "";
  }

  function setSubmitting(button, busy, label) {
    button.disabled = busy;
    button.textContent = "";
    if (busy) { button.appendChild(el("span", { class: "spinner", "aria-hidden": "true" })); }
    button.appendChild(document.createTextNode(busy ? " Sending…" : label));
  }

  function openIncidentDialog() {
    var form = $("incident-form");
    form.reset();
    showFormError("incident-error", null);
    $("incident-dialog").showModal();
    $("incident-short").focus();
  }

  function submitIncident(event) {
    event.preventDefault();
    var shortDescription = $("incident-short").value.trim();
    if (!shortDescription) {
      showFormError("incident-error", "Enter a short description.");
      $("incident-short").setAttribute("aria-invalid", "true");
      $("incident-short").focus();
      return;
    }
    $("incident-short").removeAttribute("aria-invalid");
    var input = { shortDescription: shortDescription };
    var description = $("incident-description").value.trim();
    if (description) { input.description = description; }
    if ($("incident-urgency").value) { input.urgency = $("incident-urgency").value; }
    if ($("incident-impact").value) { input.impact = $("incident-impact").value; }
    var button = $("incident-submit");
    setSubmitting(button, true);
    showFormError("incident-error", null);
    session.request(CREATE_INCIDENT, { input: input }, "WidgetCreateIncident").then(function (result) {
      setSubmitting(button, false, "Create incident");
      var payload = result.body && result.body.data && result.body.data.createIncident;
      var incident = payload && payload.incident;
      if (!incident) {
        showFormError("incident-error", S.describeError(result.body && result.body.errors && result.body.errors[0], result.status));
        return;
      }
      $("incident-dialog").close();
      created("Incident", incident, "incidents");
    }, function () {
      setSubmitting(button, false, "Create incident");
      showFormError("incident-error", "The gateway cannot be reached. Try again.");
    });
  }

  /** After a create: say so with the new number and a link, and render again so the lists and counts show it. */
  function created(what, record, tab) {
    showNotice([
      what + " ",
      el("a", { href: record.url, target: "_blank", rel: "noopener noreferrer", class: "created-number" }, [record.number]),
      " was created."
    ]);
    state.active = tab;
    render();
  }

  function openRequestDialog() {
    showCatalogStep();
    $("catalog-search").value = "";
    $("request-dialog").showModal();
    $("catalog-search").focus();
    searchCatalog("");
  }

  function showCatalogStep() {
    $("catalog-step").hidden = false;
    $("order-form").hidden = true;
    state.orderItem = null;
    $("catalog-search").focus();
  }

  function searchCatalog(search) {
    var results = $("catalog-results");
    var token = {};
    state.catalogSearch = token;
    results.textContent = "";
    results.appendChild(el("p", { class: "searching" }, [el("span", { class: "spinner", "aria-hidden": "true" }), " Searching the catalog…"]));
    var variables = { first: 12 };
    if (search) { variables.search = search; }
    session.request(CATALOG_QUERY, variables, "WidgetCatalog").then(function (result) {
      if (state.catalogSearch !== token) { return; }
      results.textContent = "";
      var page = result.body && result.body.data && result.body.data.catalogItems;
      if (!page) {
        results.appendChild(el("p", { class: "alert", role: "alert",
          text: S.describeError(result.body && result.body.errors && result.body.errors[0], result.status) }));
        return;
      }
      if (!page.nodes.length) {
        results.appendChild(el("p", { class: "empty-inline", text: search ? "Nothing in the catalog matches “" + search + "”." : "The catalog is empty." }));
        return;
      }
      results.appendChild(el("ul", { class: "catalog-items", "aria-label": "Catalog items" }, page.nodes.map(function (item) {
        return el("li", null, [
          el("button", { type: "button", class: "catalog-item", "data-item-id": item.id,
            onclick: function () { pickItem(item); } }, [
            el("span", { class: "catalog-item-name", text: item.name }),
            el("span", { class: "catalog-item-text", text: item.shortDescription || "" }),
            item.price ? el("span", { class: "catalog-item-price", text: item.price }) : null
          ])
        ]);
      })));
    }, function () {
      if (state.catalogSearch !== token) { return; }
      results.textContent = "";
      results.appendChild(el("p", { class: "alert", role: "alert", text: "The gateway cannot be reached. Try again." }));
    });
  }

  function pickItem(item) {
    state.orderItem = item;
    $("catalog-step").hidden = true;
    var form = $("order-form");
    form.hidden = false;
    form.reset();
    showFormError("order-error", null);
    $("order-item-name").textContent = item.name;
    $("order-item-description").textContent = item.shortDescription || "";
    $("order-item-price").textContent = item.price || "";
    var container = $("order-variables");
    container.textContent = "";
    container.appendChild(el("p", { class: "searching" }, [el("span", { class: "spinner", "aria-hidden": "true" }), " Loading the questions…"]));
    $("order-submit").disabled = true;
    session.request(CATALOG_ITEM_QUERY, { id: item.id }, "WidgetCatalogItem").then(function (result) {
      if (state.orderItem !== item) { return; }
      container.textContent = "";
      var node = result.body && result.body.data && result.body.data.node;
      if (!node || !node.variables) {
        container.appendChild(el("p", { class: "alert", role: "alert",
          text: S.describeError(result.body && result.body.errors && result.body.errors[0], result.status) }));
        return;
      }
      item.variables = node.variables;
      node.variables.forEach(function (variable, index) { container.appendChild(variableField(variable, index)); });
      $("order-submit").disabled = false;
      $("order-quantity").focus();
    }, function () {
      container.textContent = "";
      container.appendChild(el("p", { class: "alert", role: "alert", text: "The gateway cannot be reached. Try again." }));
    });
  }

  function labelContent(variable) {
    return [variable.label, variable.mandatory ? el("span", { class: "required-mark", "aria-hidden": "true", text: "*" }) : null];
  }

  /** One catalog question as a form control, by ServiceNow's variable type. */
  function variableField(variable, index) {
    var id = "variable-" + index;
    var hintID = variable.helpText ? id + "-hint" : null;
    var hint = hintID ? el("p", { class: "hint", id: hintID, text: variable.helpText }) : null;
    var common = { id: id, name: variable.name, "data-variable": variable.name, required: variable.mandatory, "aria-describedby": hintID };
    var type = variable.type;
    var choices = variable.choices || [];
    if (type === "yes_no" && !choices.length) { choices = [{ value: "Yes", label: "Yes" }, { value: "No", label: "No" }]; }

    if (type === "check_box") {
      var box = el("input", Object.assign({ type: "checkbox", value: "true" }, common));
      box.checked = variable.defaultValue === "true";
      return el("div", { class: "field check" }, [box, el("label", { for: id }, labelContent(variable)), hint]);
    }
    if (type === "multiple_choice" && choices.length) {
      return el("fieldset", { class: "field choices", "data-variable": variable.name, "aria-describedby": hintID }, [
        el("legend", null, labelContent(variable))
      ].concat(choices.map(function (choice, choiceIndex) {
        var radio = el("input", { type: "radio", id: id + "-" + choiceIndex, name: variable.name, value: choice.value,
          required: variable.mandatory });
        radio.checked = variable.defaultValue === choice.value;
        return el("div", { class: "choice" }, [radio, el("label", { for: id + "-" + choiceIndex, text: choice.label })]);
      })).concat([hint]));
    }
    var control;
    if (choices.length || type === "select_box") {
      var options = [el("option", { value: "", text: variable.mandatory ? "Choose…" : "(none)" })];
      choices.forEach(function (choice) { options.push(el("option", { value: choice.value, text: choice.label })); });
      control = el("select", common, options);
      control.value = variable.defaultValue || "";
    } else if (type === "multi_line_text") {
      control = el("textarea", Object.assign({ rows: 3 }, common));
      control.value = variable.defaultValue || "";
    } else {
      control = el("input", Object.assign({ type: type === "date" ? "date" : "text", autocomplete: "off" }, common));
      control.value = variable.defaultValue || "";
    }
    return el("div", { class: "field" }, [el("label", { for: id }, labelContent(variable)), control, hint]);
  }

  function submitOrder(event) {
    event.preventDefault();
    var item = state.orderItem;
    if (!item || !item.variables) { return; }
    var form = $("order-form");
    var quantity = parseInt($("order-quantity").value, 10);
    if (!(quantity >= 1 && quantity <= 99)) {
      showFormError("order-error", "Enter a quantity from 1 to 99.");
      $("order-quantity").focus();
      return;
    }
    var answers = [];
    var missing = [];
    item.variables.forEach(function (variable, index) {
      var value = "";
      if (variable.type === "check_box") {
        value = $("variable-" + index).checked ? "true" : "false";
      } else if (variable.type === "multiple_choice" && (variable.choices || []).length) {
        var checked = form.querySelector("input[type=radio][name='" + CSS.escape(variable.name) + "']:checked");
        value = checked ? checked.value : "";
      } else {
        value = $("variable-" + index).value.trim();
      }
      var control = $("variable-" + index);
      if (variable.mandatory && value === "") {
        missing.push(variable.label);
        if (control) { control.setAttribute("aria-invalid", "true"); }
      } else if (control) {
        control.removeAttribute("aria-invalid");
      }
      if (value !== "") { answers.push({ name: variable.name, value: value }); }
    });
    if (missing.length) {
      showFormError("order-error", "Answer every question marked *: " + missing.join(", ") + ".");
      var invalid = form.querySelector("[aria-invalid=true]");
      if (invalid) { invalid.focus(); }
      return;
    }
    var button = $("order-submit");
    setSubmitting(button, true);
    showFormError("order-error", null);
    var input = { catalogItemId: item.id, quantity: quantity, variables: answers };
    session.request(CREATE_REQUEST, { input: input }, "WidgetCreateRequest").then(function (result) {
      setSubmitting(button, false, "Order");
      var payload = result.body && result.body.data && result.body.data.createRequest;
      var request = payload && payload.request;
      if (!request) {
        showFormError("order-error", S.describeError(result.body && result.body.errors && result.body.errors[0], result.status));
        return;
      }
      $("request-dialog").close();
      created("Request", request, "requests");
    }, function () {
      setSubmitting(button, false, "Order");
      showFormError("order-error", "The gateway cannot be reached. Try again.");
    });
  }

  // ---------------------------------------------------------------- start

  setupTabs();
  setupKnowledge();
  setupDialogs();
  session.start();
  if (!session.token) { render(); }
})();
