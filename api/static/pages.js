/* eduvoc pages: progressive enhancement only. Without this script every page still works:
 * the tree is a list of links, the search boxes are plain forms.
 *  - concept tree: disclosure buttons (aria-expanded) that load narrower concepts from
 *    GET /api/concepts/children
 *  - search boxes: ARIA 1.2 combobox with a listbox of suggestions from GET /api/autocomplete
 *  - home: a filter for the vocabulary tables
 * Text from the server is only ever put in the page with textContent (never innerHTML). */
(function () {
  "use strict";

  var pageLanguage = document.documentElement.lang || "nl";

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, name) {
      return name in values ? String(values[name]) : "{" + name + "}";
    });
  }

  function conceptHref(uri, explicitLanguage) {
    var href = "/concepts?uri=" + encodeURIComponent(uri);
    return explicitLanguage ? href + "&lang=" + encodeURIComponent(explicitLanguage) : href;
  }

  /* A label element, with its own lang attribute when it is not in the page's language. */
  function labelElement(text, language) {
    var span = document.createElement("span");
    span.textContent = text;
    if (language && language !== pageLanguage) span.lang = language;
    return span;
  }

  // --- concept tree ------------------------------------------------------------------------

  var treeCounter = 0;

  function enhanceTree(tree) {
    var settings = tree.dataset;
    var help = tree.parentNode.querySelector("[data-tree-help]");
    if (help) {
      help.hidden = false;
      tree.setAttribute("aria-describedby", help.id);
    }

    function itemFor(summary) {
      var li = document.createElement("li");
      li.dataset.uri = summary.uri;
      if (summary.has_children) li.dataset.hasChildren = "";
      var node = document.createElement("span");
      node.className = "node";
      var link = document.createElement("a");
      link.href = conceptHref(summary.uri, settings.explicitLang);
      link.appendChild(labelElement(summary.label || summary.uri, summary.label_language));
      node.appendChild(link);
      if (summary.notation) {
        var notation = document.createElement("span");
        notation.className = "notation";
        notation.textContent = summary.notation;
        node.appendChild(document.createTextNode(" "));
        node.appendChild(notation);
      }
      if (summary.deprecated) {
        var badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = settings.labelDeprecated;
        node.appendChild(document.createTextNode(" "));
        node.appendChild(badge);
      }
      li.appendChild(node);
      enhanceItem(li);
      return li;
    }

    function load(li, button, group) {
      var url = settings.childrenUrl + "?uri=" + encodeURIComponent(li.dataset.uri) +
        "&lang=" + encodeURIComponent(settings.lang) + "&limit=200";
      li.setAttribute("aria-busy", "true");
      var loading = document.createElement("li");
      loading.className = "hint";
      loading.textContent = settings.labelLoading;
      group.appendChild(loading);
      return fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (page) {
          group.removeChild(loading);
          page.data.forEach(function (summary) { group.appendChild(itemFor(summary)); });
          if (page.count > page.data.length) {
            var more = document.createElement("li");
            var link = document.createElement("a");
            link.href = conceptHref(li.dataset.uri, settings.explicitLang) + "#relations-heading";
            link.textContent = format(settings.labelMore, { n: page.count });
            more.appendChild(link);
            group.appendChild(more);
          }
          li.dataset.loaded = "true";
        })
        .catch(function () {
          loading.textContent = settings.labelError;  // stays visible; expanding again retries
          loading.className = "error";
        })
        .finally(function () { li.removeAttribute("aria-busy"); });
    }

    function toggle(li, button, group) {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      group.hidden = open;
      if (!open && !li.dataset.loaded && !li.hasAttribute("aria-busy")) {
        group.textContent = "";
        load(li, button, group);
      }
    }

    function enhanceItem(li) {
      if (!("hasChildren" in li.dataset) || li.querySelector(":scope > .node > button")) return;
      var node = li.querySelector(":scope > .node");
      var link = node.querySelector("a");
      var rendered = li.querySelector(":scope > ul");  // a branch the page shows open (the concept page's path)
      var group = rendered || document.createElement("ul");
      group.id = "tree-group-" + (++treeCounter);
      group.hidden = !rendered;
      if (rendered) li.dataset.loaded = "true";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "toggle";
      button.setAttribute("aria-expanded", rendered ? "true" : "false");
      button.setAttribute("aria-controls", group.id);
      button.setAttribute("aria-label", format(settings.labelExpand, { label: link ? link.textContent : li.dataset.uri }));
      node.insertBefore(button, node.firstChild);
      if (!rendered) li.appendChild(group);
      button.addEventListener("click", function () { toggle(li, button, group); });
      button.addEventListener("keydown", function (event) {
        var open = button.getAttribute("aria-expanded") === "true";
        if ((event.key === "ArrowRight" && !open) || (event.key === "ArrowLeft" && open)) {
          event.preventDefault();
          toggle(li, button, group);
        }
      });
    }

    Array.prototype.forEach.call(tree.querySelectorAll("li"), enhanceItem);
  }

  // --- combobox with suggestions -------------------------------------------------------------

  var MIN_CHARACTERS = 2;
  var SUGGESTION_LIMIT = 8;

  function enhanceCombobox(input) {
    var form = input.form;
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var status = form.querySelector("[data-combobox-status]");
    var options = [];
    var active = -1;
    var timer = null;
    var sequence = 0;
    var controller = null;

    function explicitLanguage() {
      var field = form.querySelector("input[name=lang]");
      return field ? field.value : "";
    }

    function vocabulary() {
      var field = form.querySelector("[name=vocabulary]");
      return field ? field.value : "";
    }

    function isOpen() { return !listbox.hidden; }

    function open() {
      if (!options.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      window.location.href = conceptHref(option.dataset.uri, explicitLanguage());
    }

    function render(suggestions) {
      listbox.textContent = "";
      options = suggestions.map(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.uri = suggestion.uri;
        option.appendChild(labelElement(suggestion.label || suggestion.uri, suggestion.label_language));
        if (suggestion.matched_label && suggestion.matched_label !== suggestion.label) {
          var matched = document.createElement("span");
          matched.className = "matched";
          matched.appendChild(document.createTextNode(" — "));
          matched.appendChild(labelElement(suggestion.matched_label, suggestion.matched_language || suggestion.label_language));
          option.appendChild(matched);
        }
        if (suggestion.vocabulary) {
          var source = document.createElement("span");
          source.className = "vocabulary";
          source.textContent = suggestion.vocabulary;
          option.appendChild(source);
        }
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(option); });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (status) {
        status.textContent = options.length ? format(input.dataset.statusCount, { n: options.length }) : input.dataset.statusNone;
      }
      if (options.length) open(); else close();
    }

    function suggest() {
      var query = input.value.trim();
      if (query.length < MIN_CHARACTERS) { options = []; listbox.textContent = ""; close(); return; }
      var mine = ++sequence;
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      // No `lang`: the API's lang only lets labels of that language match, which would hide the
      // Dutch-only (SLO) lists from English pages and the English-only ones (ESCO, xAPI) from Dutch
      // pages. Suggestions show in Dutch, else English, each marked with its language.
      var url = input.dataset.autocomplete + "?q=" + encodeURIComponent(query) +
        "&limit=" + SUGGESTION_LIMIT + (vocabulary() ? "&vocabulary=" + encodeURIComponent(vocabulary()) : "");
      fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { data: [] }; })
        .then(function (body) { if (mine === sequence) render(body.data || []); })
        .catch(function () { /* aborted or offline: the form still submits to /search */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });

    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key === "ArrowDown") { open(); event.preventDefault(); return; }
      switch (event.key) {
        case "ArrowDown":
          if (!options.length) return;
          event.preventDefault();
          if (!isOpen()) { open(); setActive(0); return; }
          setActive(active + 1 >= options.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!options.length) return;
          event.preventDefault();
          if (!isOpen()) { open(); setActive(options.length - 1); return; }
          setActive(active <= 0 ? options.length - 1 : active - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(options[active]);
          }
          break;
        case "Escape":
          event.preventDefault();
          if (isOpen()) close(); else input.value = "";
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("focus", function () { if (options.length && input.value.trim().length >= MIN_CHARACTERS) open(); });
    var select = form.querySelector("select[name=vocabulary]");
    if (select) select.addEventListener("change", function () { options = []; close(); });
  }

  // --- home: filter the vocabulary tables ---------------------------------------------------

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhanceFilter(box) {
    var input = box.querySelector("input");
    var status = box.querySelector("[data-filter-status]");
    var groups = document.querySelectorAll("[data-group]");
    box.hidden = false;
    input.addEventListener("input", function () {
      var query = normalise(input.value.trim());
      var shown = 0;
      Array.prototype.forEach.call(groups, function (group) {
        var heading = normalise(group.querySelector("h2").textContent);
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll("[data-filter-row]"), function (row) {
          var match = !query || heading.indexOf(query) >= 0 || normalise(row.textContent).indexOf(query) >= 0;
          row.hidden = !match;
          if (match) visible += 1;
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      status.textContent = query ? format(status.dataset.filterStatus, { n: shown }) : "";
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("ul[data-tree]"), enhanceTree);
    Array.prototype.forEach.call(document.querySelectorAll("input[role=combobox][data-autocomplete]"), enhanceCombobox);
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), enhanceFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
