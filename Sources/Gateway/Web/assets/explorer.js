// The schema explorer: documentation from introspection with type-ahead search and type navigation, a query editor
// with variables, and the JSON result. Requests go to the gateway with the user's token (snowgate.js: a `#token=`
// fragment, the host page's postMessage handshake, or a token pasted here for this tab only).
(function () {
  "use strict";

  var S = window.Snowgate;
  var el = S.el;
  var $ = function (id) { return document.getElementById(id); };

  var INTROSPECTION_QUERY =
    "query ExplorerIntrospection {\n" +
    "  __schema {\n" +
    "    description queryType { name } mutationType { name } subscriptionType { name }\n" +
    "    types {\n" +
    "      kind name description specifiedByURL\n" +
    "      fields(includeDeprecated: true) {\n" +
    "        name description isDeprecated deprecationReason\n" +
    "        args(includeDeprecated: true) { ...InputValue }\n" +
    "        type { ...TypeRef }\n" +
    "      }\n" +
    "      inputFields(includeDeprecated: true) { ...InputValue }\n" +
    "      interfaces { ...TypeRef }\n" +
    "      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }\n" +
    "      possibleTypes { ...TypeRef }\n" +
    "    }\n" +
    "  }\n" +
    "}\n" +
    "fragment InputValue on __InputValue {\n" +
    "  name description defaultValue isDeprecated deprecationReason type { ...TypeRef }\n" +
    "}\n" +
    "fragment TypeRef on __Type {\n" +
    "  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name\n" +
    "    ofType { kind name } } } } } }\n" +
    "}\n";

  var DEFAULT_QUERY =
    "# The widget's lists in one request. Ctrl+Enter (\u2318+Enter on a Mac) runs it.\n" +
    "query MyTickets($first: Int = 5) {\n" +
    "  viewer {\n" +
    "    user { name email }\n" +
    "    serviceNow { connected }\n" +
    "  }\n" +
    "  incidents(first: $first) {\n" +
    "    totalCount\n" +
    "    pageInfo { hasNextPage endCursor }\n" +
    "    nodes {\n" +
    "      number\n" +
    "      shortDescription\n" +
    "      state { label category }\n" +
    "      updatedAt\n" +
    "      url\n" +
    "    }\n" +
    "  }\n" +
    "}\n";

  var root = $("explorer");
  var schema = null;          // { types: {name: type}, queryType, mutationType }
  var history = [];           // the docs navigation: [{type, field}]
  var suggestions = [];
  var activeSuggestion = -1;
  var escapePressed = false;
  var loadingSchema = false;

  var session = new S.Session({
    onToken: function () {
      showTokenStatus();
      if (!schema && !loadingSchema) { loadSchema(); }
    },
    onBusy: function (busy) { root.dataset.busy = busy ? "true" : "false"; }
  });

  // ---------------------------------------------------------------- token

  function showTokenStatus() {
    var status = $("token-status");
    if (!session.token) {
      status.textContent = session.framed ? "Waiting for a token from the host page" : "No token yet";
      status.className = "token-status missing";
      return;
    }
    var claims = session.claims();
    var who = claims.name || claims.sub || "unknown user";
    var from = { link: "from the link", host: "from the host page", pasted: "pasted" }[session.source] || "";
    status.textContent = "Signed in as " + who + (from ? " (" + from + ")" : "");
    status.className = "token-status ok";
  }

  $("token-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = $("token-input").value.trim().replace(/^Bearer\s+/i, "");
    $("token-input").value = "";
    if (!value) { return; }
    session.setToken(value, "pasted");
    if (!schema) { loadSchema(); }
  });

  // ---------------------------------------------------------------- schema and documentation

  function loadSchema() {
    loadingSchema = true;
    root.dataset.schema = "loading";
    var body = $("docs-body");
    body.textContent = "";
    body.appendChild(el("p", { class: "docs-loading" }, [el("span", { class: "spinner", "aria-hidden": "true" }), " Loading the schema…"]));
    session.request(INTROSPECTION_QUERY, null, "ExplorerIntrospection").then(function (result) {
      loadingSchema = false;
      var data = result.body && result.body.data && result.body.data.__schema;
      if (!data) {
        var error = result.body && result.body.errors && result.body.errors[0];
        root.dataset.schema = "error";
        body.textContent = "";
        body.appendChild(el("p", { class: "alert", role: "alert",
          text: "The schema could not be loaded: " + S.describeError(error, result.status) }));
        body.appendChild(el("p", { class: "hint" }, ["The SDL is also at ", el("a", { href: "schema.graphql", text: "schema.graphql" }), "."]));
        return;
      }
      schema = { types: {}, list: [], description: data.description,
        queryType: data.queryType && data.queryType.name, mutationType: data.mutationType && data.mutationType.name };
      data.types.forEach(function (type) { schema.types[type.name] = type; schema.list.push(type); });
      schema.list.sort(function (a, b) { return a.name.localeCompare(b.name); });
      root.dataset.schema = "ready";
      history = [];
      showHome();
    }, function () {
      loadingSchema = false;
      root.dataset.schema = "error";
      body.textContent = "";
      body.appendChild(el("p", { class: "alert", role: "alert", text: "The gateway cannot be reached." }));
    });
  }

  function isIntrospectionType(name) { return name.slice(0, 2) === "__"; }

  /** `[Incident!]!` with every named type a link to its documentation. */
  function typeReference(ref) {
    if (ref.kind === "NON_NULL") { return el("span", { class: "type-ref" }, [typeReference(ref.ofType), "!"]); }
    if (ref.kind === "LIST") { return el("span", { class: "type-ref" }, ["[", typeReference(ref.ofType), "]"]); }
    return typeLink(ref.name);
  }

  function typeLink(name) {
    return el("a", { href: "#", class: "type-name", "data-type": name,
      onclick: function (event) { event.preventDefault(); navigate({ type: name }); } }, [name]);
  }

  function description(text, className) {
    if (!text) { return null; }
    var box = el("div", { class: className || "description" });
    text.split(/\n\s*\n/).forEach(function (paragraph) { box.appendChild(el("p", { text: paragraph.trim() })); });
    return box;
  }

  function deprecation(item) {
    if (!item.isDeprecated) { return null; }
    return el("p", { class: "deprecated" }, [
      el("span", { class: "tag deprecated-tag", text: "Deprecated" }),
      " " + (item.deprecationReason || "No longer supported.")
    ]);
  }

  function renderNav() {
    var nav = $("docs-nav");
    nav.textContent = "";
    if (!history.length) { return; }
    nav.appendChild(el("button", { type: "button", class: "button small link back",
      onclick: function () { history.pop(); var last = history[history.length - 1]; if (last) { show(last); } else { showHome(); } } },
      ["\u2190 " + (history.length > 1 ? history[history.length - 2].type : "Schema")]));
  }

  function navigate(entry) {
    history.push(entry);
    show(entry);
  }

  function showHome() {
    renderNav();
    var body = $("docs-body");
    body.textContent = "";
    if (schema.description) { body.appendChild(description(schema.description)); }
    var roots = el("ul", { class: "type-list roots" });
    [["Queries", schema.queryType], ["Mutations", schema.mutationType]].forEach(function (pair) {
      if (!pair[1]) { return; }
      roots.appendChild(el("li", null, [el("span", { class: "root-label", text: pair[0] + ": " }), typeLink(pair[1])]));
    });
    body.appendChild(el("h3", { text: "Root types" }));
    body.appendChild(roots);
    body.appendChild(el("h3", { text: "All types" }));
    body.appendChild(el("ul", { class: "type-list" }, schema.list.filter(function (type) {
      return !isIntrospectionType(type.name);
    }).map(function (type) {
      return el("li", null, [typeLink(type.name), el("span", { class: "kind", text: kindLabel(type.kind) })]);
    })));
  }

  function kindLabel(kind) {
    return { OBJECT: "type", INTERFACE: "interface", UNION: "union", ENUM: "enum", INPUT_OBJECT: "input",
      SCALAR: "scalar" }[kind] || kind.toLowerCase();
  }

  function argumentList(args) {
    if (!args || !args.length) { return null; }
    return el("ul", { class: "arguments" }, args.map(function (arg) {
      return el("li", { class: "argument" }, [
        el("code", null, [el("span", { class: "field-name", text: arg.name }), ": ", typeReference(arg.type),
          arg.defaultValue !== null && arg.defaultValue !== undefined ? " = " + arg.defaultValue : ""]),
        description(arg.description, "description small"),
        deprecation(arg)
      ]);
    }));
  }

  function show(entry) {
    renderNav();
    var type = schema.types[entry.type];
    var body = $("docs-body");
    body.textContent = "";
    if (!type) {
      body.appendChild(el("p", { class: "alert", text: "There is no type named " + entry.type + "." }));
      return;
    }
    body.appendChild(el("div", { class: "type-title" }, [
      el("h3", { id: "doc-type", text: type.name }), el("span", { class: "tag", text: kindLabel(type.kind) })
    ]));
    body.appendChild(description(type.description));
    if (type.specifiedByURL) {
      body.appendChild(el("p", { class: "hint" }, ["Specified by ", el("a", { href: type.specifiedByURL, target: "_blank", rel: "noopener noreferrer", text: type.specifiedByURL })]));
    }
    if (type.interfaces && type.interfaces.length) {
      var implementsLine = el("p", { class: "implements" }, ["Implements "]);
      type.interfaces.forEach(function (ref, index) {
        if (index) { implementsLine.appendChild(document.createTextNode(", ")); }
        implementsLine.appendChild(typeReference(ref));
      });
      body.appendChild(implementsLine);
    }
    if (type.fields && type.fields.length) {
      body.appendChild(el("h4", { text: "Fields" }));
      body.appendChild(el("ul", { class: "fields" }, type.fields.map(function (field) {
        var item = el("li", { class: "field-doc" + (field.isDeprecated ? " is-deprecated" : ""), id: "doc-field-" + field.name }, [
          el("code", { class: "signature" }, [el("span", { class: "field-name", text: field.name }),
            field.args.length ? "(\u2026)" : "", ": ", typeReference(field.type)]),
          description(field.description, "description small"),
          deprecation(field),
          argumentList(field.args)
        ]);
        return item;
      })));
    }
    if (type.inputFields && type.inputFields.length) {
      body.appendChild(el("h4", { text: "Input fields" }));
      body.appendChild(argumentList(type.inputFields));
    }
    if (type.enumValues && type.enumValues.length) {
      body.appendChild(el("h4", { text: "Values" }));
      body.appendChild(el("ul", { class: "fields" }, type.enumValues.map(function (value) {
        return el("li", { class: "field-doc" + (value.isDeprecated ? " is-deprecated" : ""), id: "doc-field-" + value.name }, [
          el("code", { class: "signature" }, [el("span", { class: "field-name", text: value.name })]),
          description(value.description, "description small"),
          deprecation(value)
        ]);
      })));
    }
    if (type.possibleTypes && type.possibleTypes.length) {
      body.appendChild(el("h4", { text: type.kind === "UNION" ? "Members" : "Implemented by" }));
      body.appendChild(el("ul", { class: "type-list" }, type.possibleTypes.map(function (ref) {
        return el("li", null, [typeReference(ref)]);
      })));
    }
    if (entry.field) {
      var target = document.getElementById("doc-field-" + entry.field);
      if (target) {
        target.classList.add("highlight");
        target.scrollIntoView({ block: "center" });
      }
    } else {
      body.scrollTop = 0;
    }
  }

  // ---------------------------------------------------------------- type-ahead

  function searchIndex(text) {
    var needle = text.toLowerCase();
    var results = [];
    schema.list.forEach(function (type) {
      if (isIntrospectionType(type.name)) { return; }
      var name = type.name.toLowerCase();
      if (name.indexOf(needle) >= 0) {
        results.push({ label: type.name, detail: kindLabel(type.kind), entry: { type: type.name },
          rank: name === needle ? 0 : name.indexOf(needle) === 0 ? 1 : 3 });
      }
      (type.fields || type.inputFields || type.enumValues || []).forEach(function (field) {
        var fieldName = field.name.toLowerCase();
        if (fieldName.indexOf(needle) < 0) { return; }
        results.push({ label: type.name + "." + field.name, detail: field.type ? typeText(field.type) : "value",
          entry: { type: type.name, field: field.name },
          rank: fieldName === needle ? 1 : fieldName.indexOf(needle) === 0 ? 2 : 4 });
      });
    });
    results.sort(function (a, b) { return a.rank - b.rank || a.label.localeCompare(b.label); });
    return results.slice(0, 30);
  }

  function typeText(ref) {
    if (ref.kind === "NON_NULL") { return typeText(ref.ofType) + "!"; }
    if (ref.kind === "LIST") { return "[" + typeText(ref.ofType) + "]"; }
    return ref.name;
  }

  function renderSuggestions() {
    var list = $("doc-suggestions");
    var input = $("doc-search");
    list.textContent = "";
    var open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (activeSuggestion >= 0) {
      input.setAttribute("aria-activedescendant", "suggestion-" + activeSuggestion);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
    suggestions.forEach(function (suggestion, index) {
      list.appendChild(el("li", {
        role: "option", id: "suggestion-" + index, class: "suggestion",
        "aria-selected": index === activeSuggestion ? "true" : "false",
        onmousedown: function (event) { event.preventDefault(); choose(index); }
      }, [el("span", { class: "suggestion-label", text: suggestion.label }),
        el("span", { class: "suggestion-detail", text: suggestion.detail })]));
    });
    var active = document.getElementById("suggestion-" + activeSuggestion);
    if (active) { active.scrollIntoView({ block: "nearest" }); }
  }

  function choose(index) {
    var suggestion = suggestions[index];
    if (!suggestion) { return; }
    suggestions = [];
    activeSuggestion = -1;
    renderSuggestions();
    $("doc-search").value = suggestion.label;
    navigate(suggestion.entry);
  }

  var searchInput = $("doc-search");
  searchInput.addEventListener("input", function () {
    var text = searchInput.value.trim();
    suggestions = schema && text ? searchIndex(text) : [];
    activeSuggestion = suggestions.length ? 0 : -1;
    renderSuggestions();
  });
  searchInput.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && suggestions.length) {
      event.preventDefault();
      activeSuggestion = (activeSuggestion + 1) % suggestions.length;
      renderSuggestions();
    } else if (event.key === "ArrowUp" && suggestions.length) {
      event.preventDefault();
      activeSuggestion = (activeSuggestion - 1 + suggestions.length) % suggestions.length;
      renderSuggestions();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (activeSuggestion >= 0) { choose(activeSuggestion); }
    } else if (event.key === "Escape") {
      suggestions = [];
      activeSuggestion = -1;
      renderSuggestions();
    }
  });
  searchInput.addEventListener("blur", function () {
    suggestions = [];
    activeSuggestion = -1;
    renderSuggestions();
  });

  // ---------------------------------------------------------------- the editor

  var query = $("query");
  var variables = $("variables");

  function indentEditor(textarea, event) {
    if (event.key === "Escape") { escapePressed = true; return; }
    if (event.key === "Tab") {
      // Tab indents; after Esc it moves focus as usual, so the editor is never a keyboard trap.
      if (escapePressed) { escapePressed = false; return; }
      event.preventDefault();
      var start = textarea.selectionStart;
      var end = textarea.selectionEnd;
      var text = textarea.value;
      var lineStart = text.lastIndexOf("\n", start - 1) + 1;
      if (start === end && !event.shiftKey) {
        textarea.setRangeText("  ", start, end, "end");
      } else {
        var block = text.slice(lineStart, end);
        var changed = event.shiftKey
          ? block.replace(/^ {1,2}/gm, "")
          : block.replace(/^/gm, "  ");
        textarea.setRangeText(changed, lineStart, end, "select");
      }
      textarea.dispatchEvent(new Event("input"));
      return;
    }
    escapePressed = false;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
      return;
    }
    if ((event.key === "}" || event.key === ")" || event.key === "]") && !event.ctrlKey && !event.metaKey) {
      // A closing bracket typed on an empty line goes back one level.
      var at = textarea.selectionStart;
      var lineStart = textarea.value.lastIndexOf("\n", at - 1) + 1;
      var leading = textarea.value.slice(lineStart, at);
      if (at === textarea.selectionEnd && leading.length >= 2 && /^ +$/.test(leading)) {
        event.preventDefault();
        textarea.setRangeText(leading.slice(2) + event.key, lineStart, at, "end");
        textarea.dispatchEvent(new Event("input"));
      }
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.altKey) {
      // Keep the current line's indentation, one more level after an opening brace.
      var position = textarea.selectionStart;
      var before = textarea.value.slice(0, position);
      var line = before.slice(before.lastIndexOf("\n") + 1);
      var indent = (line.match(/^\s*/) || [""])[0];
      if (/[{(\[]\s*$/.test(line)) { indent += "  "; }
      event.preventDefault();
      textarea.setRangeText("\n" + indent, position, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input"));
    }
  }

  query.addEventListener("keydown", function (event) { indentEditor(query, event); });
  variables.addEventListener("keydown", function (event) { indentEditor(variables, event); });
  query.addEventListener("input", updateOperations);

  /** The named operations of the document, so that one of several can be chosen. */
  function updateOperations() {
    var names = [];
    var pattern = /(^|[^\w$])(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g;
    var text = query.value.replace(/#[^\n]*/g, "").replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"/g, "\"\"");
    var match;
    while ((match = pattern.exec(text))) { names.push(match[3]); }
    var select = $("operation");
    var current = select.value;
    select.textContent = "";
    names.forEach(function (name) { select.appendChild(el("option", { value: name, text: name })); });
    select.hidden = names.length < 2;
    if (names.indexOf(current) >= 0) { select.value = current; }
  }

  $("prettify").addEventListener("click", function () {
    try {
      var parsed = variables.value.trim() ? JSON.parse(variables.value) : null;
      if (parsed !== null) { variables.value = JSON.stringify(parsed, null, 2); }
    } catch (error) { /* left as typed: Run reports the problem */ }
    query.value = prettifyGraphQL(query.value);
    updateOperations();
  });

  /** Re-indents a document by its braces and parentheses (strings and comments kept as they are). */
  function prettifyGraphQL(text) {
    var depth = 0;
    return text.split("\n").map(function (raw) {
      var line = raw.trim();
      if (!line) { return ""; }
      var code = line.replace(/"(?:[^"\\]|\\.)*"/g, "\"\"").replace(/#.*$/, "");
      var leadingClose = (code.match(/^[}\])]+/) || [""])[0].length;
      var indent = Math.max(0, depth - leadingClose);
      var opens = (code.match(/[{(\[]/g) || []).length;
      var closes = (code.match(/[})\]]/g) || []).length;
      depth = Math.max(0, depth + opens - closes);
      return new Array(indent + 1).join("  ") + line;
    }).join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  $("run-form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });

  function setStatus(text, tone) {
    var status = $("result-status");
    status.textContent = text;
    status.className = "result-status " + (tone || "");
  }

  function run() {
    var resultBox = $("result");
    var parsedVariables = null;
    if (variables.value.trim()) {
      try {
        parsedVariables = JSON.parse(variables.value);
      } catch (error) {
        setStatus("The variables are not valid JSON: " + error.message, "bad");
        variables.focus();
        return;
      }
      if (parsedVariables === null || typeof parsedVariables !== "object" || Array.isArray(parsedVariables)) {
        setStatus("The variables must be a JSON object, e.g. { \"first\": 5 }.", "bad");
        variables.focus();
        return;
      }
    }
    if (!session.token) {
      setStatus("There is no token yet: paste one above, or open this page from a link that carries one.", "bad");
      $("token-input").focus();
      return;
    }
    var select = $("operation");
    var operationName = !select.hidden && select.value ? select.value : null;
    var button = $("run");
    button.disabled = true;
    root.dataset.result = "running";
    setStatus("Running…", "");
    session.request(query.value, parsedVariables, operationName).then(function (result) {
      button.disabled = false;
      root.dataset.result = "done";
      var errors = result.body && result.body.errors ? result.body.errors.length : 0;
      setStatus("HTTP " + result.status + " \u00b7 " + Math.round(result.milliseconds) + " ms" +
        (errors ? " \u00b7 " + errors + (errors === 1 ? " error" : " errors") : ""), result.status === 200 && !errors ? "good" : "bad");
      resultBox.textContent = "";
      if (result.body === null) {
        resultBox.appendChild(document.createTextNode("(the answer was not JSON)"));
        return;
      }
      highlightJSON(resultBox, JSON.stringify(result.body, null, 2));
    }, function () {
      button.disabled = false;
      root.dataset.result = "failed";
      setStatus("The gateway cannot be reached.", "bad");
    });
  }

  /** Writes pretty JSON into `box` with keys, strings, numbers and literals in spans (as text, never as HTML). */
  function highlightJSON(box, json) {
    var pattern = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
    var last = 0;
    var match;
    var fragment = document.createDocumentFragment();
    while ((match = pattern.exec(json))) {
      if (match.index > last) { fragment.appendChild(document.createTextNode(json.slice(last, match.index))); }
      if (match[1]) {
        fragment.appendChild(el("span", { class: match[2] ? "json-key" : "json-string", text: match[1] }));
        if (match[2]) { fragment.appendChild(document.createTextNode(match[2])); }
      } else if (match[3]) {
        fragment.appendChild(el("span", { class: "json-literal", text: match[3] }));
      } else {
        fragment.appendChild(el("span", { class: "json-number", text: match[4] }));
      }
      last = pattern.lastIndex;
    }
    if (last < json.length) { fragment.appendChild(document.createTextNode(json.slice(last))); }
    box.appendChild(fragment);
  }

  // ---------------------------------------------------------------- start

  query.value = DEFAULT_QUERY;
  variables.value = "{\n  \"first\": 5\n}";
  updateOperations();
  session.start();
  showTokenStatus();
  if (!session.token && !session.framed) {
    var body = $("docs-body");
    body.textContent = "";
    body.appendChild(el("p", { class: "hint", text: "Paste a bearer token above to load the schema's documentation." }));
  }
})();
