/* suggest.js - suggestions as you type for search boxes and the ticket summary.
 * Progressive enhancement: any form with data-suggest="/kb/suggest" (or an
 * input with that attribute) gets a list of matching articles and popular
 * searches under its text box. Without JavaScript the form simply submits.
 * Follows the ARIA combobox pattern: arrow keys move, Enter opens, Escape closes. */
(function () {
  'use strict';
  var count = 0;

  function setup(input, url) {
    var id = 'suggest-' + (++count);
    var list = document.createElement('ul');
    var timer = null, last = '', active = -1, seq = 0;
    var lang = document.documentElement.lang === 'es';

    list.id = id;
    list.className = 'suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', lang ? 'Sugerencias' : 'Suggestions');
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);

    function close() {
      list.hidden = true;
      list.textContent = '';
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function options() {
      return list.querySelectorAll('[role="option"]');
    }

    function mark(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      for (var k = 0; k < opts.length; k++)
        opts[k].setAttribute('aria-selected', k === active ? 'true' : 'false');
      input.setAttribute('aria-activedescendant', opts[active].id);
    }

    /* An option holds plain text, never a link: a link inside an option is a
     * control inside a control, which screen readers handle badly. Enter or a
     * click goes to its address. */
    function add(text, href, kind) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.id = id + '-' + list.children.length;
      li.className = kind;
      li.setAttribute('data-href', href);
      li.textContent = text;
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { window.location.href = href; });
      list.appendChild(li);
    }

    /* A later answer replaces the list; the option the person moved to stays
     * chosen when it is still there. */
    function show(data) {
      var opts = options();
      var chosen = active >= 0 && opts[active] ? opts[active].getAttribute('data-href') : null;
      list.textContent = '';
      active = -1;
      input.removeAttribute('aria-activedescendant');
      (data.articles || []).forEach(function (a) { add(a.title, a.url, 'article'); });
      var form = input.form;
      (data.queries || []).forEach(function (q) {
        var action = form && form.getAttribute('action') || '/search';
        if (action.indexOf('/tickets') === 0) action = '/search';
        add(q, action + '?q=' + encodeURIComponent(q), 'query');
      });
      var n = list.children.length;
      list.hidden = n === 0;
      input.setAttribute('aria-expanded', n ? 'true' : 'false');
      opts = options();
      for (var k = 0; chosen && k < opts.length; k++)
        if (opts[k].getAttribute('data-href') === chosen) mark(k);
    }

    function fetchNow() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.length < 2) { close(); return; }
      var mine = ++seq;
      fetch(url + '?q=' + encodeURIComponent(q), {
        headers: { 'Accept': 'application/json' },
        credentials: 'same-origin'
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === seq) show(data); })
        .catch(function () { /* suggestions are optional */ });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchNow, 150);
    });
    input.addEventListener('keydown', function (e) {
      var opts = options();
      if (e.key === 'ArrowDown' && opts.length) { e.preventDefault(); mark(active + 1); }
      else if (e.key === 'ArrowUp' && opts.length) { e.preventDefault(); mark(active - 1); }
      else if (e.key === 'Escape') { close(); }
      else if (e.key === 'Enter' && active >= 0 && opts[active]) {
        e.preventDefault();
        window.location.href = opts[active].getAttribute('data-href');
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 200); });
  }

  var nodes = document.querySelectorAll('[data-suggest]');
  for (var i = 0; i < nodes.length; i++) {
    var n = nodes[i];
    var input = n.tagName === 'INPUT' ? n : n.querySelector('input[type="search"], input[name="q"]');
    if (input) setup(input, n.getAttribute('data-suggest'));
  }
})();
