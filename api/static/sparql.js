/* The SPARQL page (api/templates/sparql.html): syntax highlighting under the textarea, the
 * registry's prefixes declared when a query uses them without declaring them, the results as a
 * sortable table (IRIs link to their pages through /resource), errors with line and column,
 * and download links in every result format. Without this script the form still works
 * (GET /sparql/run declares the prefixes and answers in the chosen format).
 * Text from the server is only ever put in the page with textContent (never innerHTML). */
(function () {
  "use strict";

  var root = document.querySelector("[data-sparql]");
  if (!root) return;
  var messages = root.dataset;
  var prefixes = JSON.parse(messages.prefixes || "{}");
  var form = root.querySelector("form");
  var textarea = root.querySelector("textarea");
  var highlight = root.querySelector(".sparql-highlight code");
  var status = root.querySelector(".sparql-status");
  var errorBox = root.querySelector(".sparql-error");
  var downloads = root.querySelector(".sparql-downloads");
  var results = root.querySelector(".sparql-results");
  var formatSelect = root.querySelector("select[name=format]");
  var lang = document.documentElement.lang || "nl";

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, name) {
      return name in values ? String(values[name]) : "{" + name + "}";
    });
  }

  // --- tokens: one pass, used by the highlighter and the prefix check ---------------------

  var KEYWORDS = ("select construct describe ask where from named prefix base distinct reduced as " +
    "order by asc desc limit offset group having optional union minus filter bind values graph service " +
    "exists not in a true false undef count sum min max avg sample group_concat separator str lang " +
    "langmatches datatype bound iri uri bnode rand abs ceil floor round concat strlen ucase lcase " +
    "encode_for_uri contains strstarts strends strbefore strafter year month day hours minutes seconds " +
    "timezone tz now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm " +
    "isiri isuri isblank isliteral isnumeric regex substr replace").split(" ");
  var KEYWORD = {};
  KEYWORDS.forEach(function (k) { KEYWORD[k] = true; });
  var TOKEN = new RegExp([
    "(#[^\\n]*)",                                   // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                      // 3 IRI
    "([?$][A-Za-z0-9_\\u00C0-\\uFFFF]+)",            // 4 variable
    "([A-Za-z][\\w\\-.]*)?:((?:[\\w\\-.%]|\\\\.)*)", // 5 prefix, 6 local name
    "([A-Za-z_][\\w]*)",                             // 7 word
    "(\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)",          // 8 number
    "(\\s+)",                                        // 9 space
    "([\\s\\S])"                                     // 10 anything else
  ].join("|"), "g");

  function tokens(text) {
    var found = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var kind = match[1] ? "comment" : match[2] ? "string" : match[3] ? "iri" : match[4] ? "variable" :
        match[6] !== undefined ? "pname" : match[7] ? (KEYWORD[match[7].toLowerCase()] ? "keyword" : "word") :
        match[8] ? "number" : match[9] ? "space" : "punct";
      found.push({ kind: kind, text: match[0], index: match.index, prefix: match[5] || "" });
      if (match[0] === "") TOKEN.lastIndex++;
    }
    return found;
  }

  function paint() {
    var fragment = document.createDocumentFragment();
    tokens(textarea.value).forEach(function (token) {
      if (token.kind === "space" || token.kind === "word" || token.kind === "punct") {
        fragment.appendChild(document.createTextNode(token.text));
      } else {
        var span = document.createElement("span");
        span.className = "tok-" + token.kind;
        span.textContent = token.text;
        fragment.appendChild(span);
      }
    });
    fragment.appendChild(document.createTextNode("\n"));  // a trailing newline keeps the heights equal
    highlight.textContent = "";
    highlight.appendChild(fragment);
    syncScroll();
  }

  function syncScroll() {
    highlight.parentNode.scrollTop = textarea.scrollTop;
    highlight.parentNode.scrollLeft = textarea.scrollLeft;
  }

  function position(text, index) {
    var before = text.slice(0, index).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  /* The query with PREFIX lines for the registry prefixes it uses and does not declare; an
   * error for a prefix that is neither declared nor known. */
  function prepare(text) {
    var list = tokens(text);
    var declaredNames = {};
    for (var i = 0; i < list.length; i++) {
      if (list[i].kind === "keyword" && list[i].text.toLowerCase() === "prefix") {
        var next = list.slice(i + 1).filter(function (t) { return t.kind !== "space" && t.kind !== "comment"; })[0];
        if (next && next.kind === "pname") declaredNames[next.prefix] = true;
      }
    }
    var needed = [];
    for (var j = 0; j < list.length; j++) {
      var token = list[j];
      if (token.kind !== "pname" || declaredNames[token.prefix]) continue;
      if (!Object.prototype.hasOwnProperty.call(prefixes, token.prefix)) {
        var where = position(text, token.index);
        return { error: format(messages.msgUnknownPrefix, { prefix: token.prefix + ":", line: where.line, column: where.column }), where: where };
      }
      declaredNames[token.prefix] = true;
      needed.push("PREFIX " + token.prefix + ": <" + prefixes[token.prefix] + ">");
    }
    return { query: needed.concat([text]).join("\n"), added: needed.length };
  }

  function queryForm(text) {
    var meaningful = tokens(text).filter(function (t) { return t.kind === "keyword"; });
    for (var i = 0; i < meaningful.length; i++) {
      var word = meaningful[i].text.toLowerCase();
      if (word === "select" || word === "ask") return "results";
      if (word === "construct" || word === "describe") return "graph";
    }
    return "results";
  }

  // --- errors -----------------------------------------------------------------------------

  function showError(message, where) {
    errorBox.textContent = "";
    var p = document.createElement("p");
    p.textContent = message;
    errorBox.appendChild(p);
    if (where) {
      var lines = textarea.value.split("\n");
      var line = lines[where.line - 1];
      if (line !== undefined) {
        var pre = document.createElement("pre");
        pre.textContent = line + "\n" + " ".repeat(Math.max(0, where.column - 1)) + "^";
        errorBox.appendChild(pre);
      }
      var offset = lines.slice(0, where.line - 1).join("\n").length + (where.line > 1 ? 1 : 0) + where.column - 1;
      textarea.setSelectionRange(offset, offset);
    }
    errorBox.hidden = false;
    status.textContent = "";
  }

  /* The endpoint's message, without the parser's list of expected characters, and its line
   * and column moved back by the PREFIX lines the page added. */
  function endpointError(detail, added) {
    var text = String(detail || "");
    var at = /error at (\d+):(\d+)/.exec(text) || /at line (\d+), column (\d+)/.exec(text);
    var where = null;
    if (at) {
      where = { line: Number(at[1]) - added, column: Number(at[2]) };
      if (where.line < 1) where = null;
    }
    text = text.replace(/error at \d+:\d+: ?/, "").replace(/ ?at line \d+, column \d+:? ?/, ": ").replace(/^(malformed SPARQL query): : /, "$1: ");
    var cut = text.indexOf("expected one of");
    if (cut >= 0) {
      var expected = text.slice(cut);
      text = text.slice(0, cut) + (expected.length > 120 || /Prefix not found/.test(expected) ? "" : expected);
      text = text.replace(/[:\s]+$/, "");
    }
    var message = where ? format(messages.msgErrorAt, { line: where.line, column: where.column, message: text })
      : format(messages.msgError, { message: text });
    return { message: message, where: where };
  }

  // --- results ------------------------------------------------------------------------------

  function resourceLink(iri) {
    var a = document.createElement("a");
    a.href = "/resource?uri=" + encodeURIComponent(iri) + (lang !== "nl" ? "&lang=" + lang : "");
    a.textContent = iri;
    return a;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.appendChild(resourceLink(term.value));
    } else {
      var span = document.createElement("span");
      span.textContent = term.value;
      if (term["xml:lang"]) {
        span.lang = term["xml:lang"];
        var tag = document.createElement("span");
        tag.className = "lang-tag";
        tag.textContent = "@" + term["xml:lang"];
        td.appendChild(span);
        td.appendChild(document.createTextNode(" "));
        td.appendChild(tag);
        return td;
      }
      td.appendChild(span);
    }
    td.dataset.value = term.value;
    return td;
  }

  function sortKey(term) {
    if (!term) return { n: NaN, s: "" };
    var number = Number(term.value);
    return { n: term.type === "literal" && term.value !== "" && !isNaN(number) ? number : NaN, s: term.value.toLowerCase() };
  }

  function table(json, capped) {
    var variables = json.head.vars || [];
    var rows = json.results.bindings;
    var tableEl = document.createElement("table");
    tableEl.className = "sparql-table";
    var caption = document.createElement("caption");
    caption.textContent = format(capped ? messages.msgRowsCapped : messages.msgRows, { n: rows.length });
    tableEl.appendChild(caption);
    var thead = tableEl.createTHead();
    var headRow = thead.insertRow();
    var tbody = tableEl.createTBody();
    var order = { column: null, ascending: true };

    function fill() {
      tbody.textContent = "";
      rows.forEach(function (row) {
        var tr = document.createElement("tr");
        variables.forEach(function (name) { tr.appendChild(cell(row[name])); });
        tbody.appendChild(tr);
      });
    }

    variables.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("aria-sort", "none");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = name;
      button.title = format(messages.msgSort, { column: name });
      button.addEventListener("click", function () {
        order.ascending = order.column === name ? !order.ascending : true;
        order.column = name;
        rows.sort(function (a, b) {
          var x = sortKey(a[name]), y = sortKey(b[name]);
          var result = !isNaN(x.n) && !isNaN(y.n) ? x.n - y.n : x.s.localeCompare(y.s, lang);
          return order.ascending ? result : -result;
        });
        Array.prototype.forEach.call(headRow.children, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", order.ascending ? "ascending" : "descending");
        fill();
      });
      th.appendChild(button);
      headRow.appendChild(th);
    });
    fill();
    return tableEl;
  }

  function showDownloads(query, kind) {
    downloads.hidden = false;
    downloads.querySelector(".result-formats").hidden = kind !== "results";
    downloads.querySelector(".graph-formats").hidden = kind !== "graph";
    Array.prototype.forEach.call(downloads.querySelectorAll("a[data-format]"), function (a) {
      a.href = "/sparql?query=" + encodeURIComponent(query) + "&format=" + a.dataset.format;
      a.setAttribute("download", "");
    });
  }

  function run() {
    errorBox.hidden = true;
    results.textContent = "";
    downloads.hidden = true;
    var prepared = prepare(textarea.value);
    if (prepared.error) {
      showError(prepared.error, prepared.where);
      return;
    }
    var kind = queryForm(textarea.value);
    status.textContent = messages.msgRunning;
    var accept = kind === "graph" ? "text/turtle" : "application/sparql-results+json";
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: prepared.query
    }).then(function (response) {
      var capped = response.headers.get("X-Result-Cap");
      if (!response.ok) {
        return response.json().catch(function () { return { detail: response.statusText }; }).then(function (problem) {
          var shown = endpointError(problem.detail || problem.title, prepared.added);
          showError(shown.message, shown.where);
        });
      }
      showDownloads(prepared.query, kind);
      if (kind === "graph") {
        return response.text().then(function (text) {
          status.textContent = messages.msgGraph;
          var pre = document.createElement("pre");
          pre.className = "sparql-graph";
          pre.textContent = text;
          results.appendChild(pre);
        });
      }
      return response.json().then(function (json) {
        if (typeof json.boolean === "boolean") {
          status.textContent = "";
          var p = document.createElement("p");
          p.className = "sparql-boolean";
          p.textContent = json.boolean ? messages.msgYes : messages.msgNo;
          results.appendChild(p);
          return;
        }
        status.textContent = format(capped ? messages.msgRowsCapped : messages.msgRows, { n: json.results.bindings.length });
        results.appendChild(table(json, capped));
      });
    }).catch(function (error) {
      showError(format(messages.msgError, { message: String(error) }), null);
    });
  }

  form.addEventListener("submit", function (event) {
    var chosen = formatSelect.value;
    if (chosen !== "json" && chosen !== "turtle") return;  // another format: the download itself
    event.preventDefault();
    run();
  });
  textarea.addEventListener("input", paint);
  textarea.addEventListener("scroll", syncScroll);
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-example]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      textarea.value = link.parentNode.querySelector("pre").textContent;
      paint();
      textarea.focus();
      textarea.scrollIntoView({ block: "center" });
      run();
    });
  });
  root.classList.add("enhanced");
  paint();
})();
