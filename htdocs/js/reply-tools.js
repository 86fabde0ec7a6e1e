/* reply-tools.js - the agent's reply tools without leaving the page: a
 * standard answer or an article link goes into the reply box at the cursor.
 * Without JavaScript the same forms and links load the page again with the
 * reply box filled; here we ask that same page for its JSON instead. */
(function () {
  'use strict';
  var box = document.querySelector('.reply-tools');
  if (!box || !window.fetch) return;
  var area = document.getElementById(box.getAttribute('data-reply'));
  var base = box.getAttribute('data-base');
  var results = box.querySelector('.kb-results');
  var lang = document.documentElement.lang === 'es';
  if (!area || !base) return;

  function say(text) {
    var n = box.querySelector('.tool-notice');
    if (!n) {
      n = document.createElement('p');
      n.className = 'notice ok tool-notice';
      n.setAttribute('role', 'status');
      box.appendChild(n);
    }
    n.textContent = text;
  }

  /* Put text at the cursor (or at the end), a blank line apart from what is there. */
  function insert(text) {
    var v = area.value;
    var at = typeof area.selectionStart === 'number' && document.activeElement === area ?
      area.selectionStart : v.length;
    var before = v.slice(0, at), after = v.slice(at);
    var sep = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? '\n' : '\n\n') : '';
    area.value = before + sep + text + after;
    var pos = (before + sep + text).length;
    area.focus();
    area.setSelectionRange(pos, pos);
    say(lang ? 'Insertado en la respuesta. Revísalo antes de enviarla.' :
      'Inserted into the reply. Check it before sending.');
  }

  function page(query) {
    return fetch(base + '?' + query, {
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin'
    }).then(function (r) { return r.ok ? r.json() : null; });
  }

  var canned = box.querySelector('.tool-canned');
  if (canned) canned.addEventListener('submit', function (e) {
    var sel = canned.querySelector('select');
    if (!sel) return;
    e.preventDefault();
    page('canned=' + encodeURIComponent(sel.value)).then(function (p) {
      if (p && p.Reply && p.Reply.insert) insert(p.Reply.insert);
      else canned.submit();
    }).catch(function () { canned.submit(); });
  });

  function insertButton(text, label) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary small';
    b.textContent = label;
    b.addEventListener('click', function () { insert(text); });
    return b;
  }

  function show(kb) {
    results.textContent = '';
    var hits = !kb || !kb.Hits ? [] : Array.isArray(kb.Hits) ? kb.Hits :
      Object.keys(kb.Hits).map(function (k) { return kb.Hits[k]; });
    if (!hits.length) {
      var none = document.createElement('p');
      none.className = 'hint';
      none.textContent = lang ? 'Ningún artículo coincide.' : 'No article matches.';
      results.appendChild(none);
      return;
    }
    var ul = document.createElement('ul');
    ul.className = 'plain';
    hits.forEach(function (h) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = h.url;
      a.textContent = h.title;
      li.appendChild(a);
      if (h.hidden) {
        var w = document.createElement('span');
        w.className = 'hint';
        w.textContent = ' ' + (lang ? 'Quien pidió la solicitud no puede abrir este artículo.' :
          'The requester cannot open this article.');
        li.appendChild(w);
      }
      li.appendChild(document.createTextNode(' '));
      var b = insertButton(h.insert, lang ? 'Insertar enlace' : 'Insert link');
      b.setAttribute('aria-label', (lang ? 'Insertar enlace: ' : 'Insert link: ') + h.title);
      li.appendChild(b);
      ul.appendChild(li);
    });
    results.appendChild(ul);
  }

  var kbForm = box.querySelector('.tool-kb');
  if (kbForm && results) kbForm.addEventListener('submit', function (e) {
    var q = kbForm.querySelector('input[name="kbq"]').value.trim();
    e.preventDefault();
    if (!q) { results.textContent = ''; return; }
    page('kbq=' + encodeURIComponent(q)).then(function (p) {
      if (p) show(p.Kb);
      else kbForm.submit();
    }).catch(function () { kbForm.submit(); });
  });

  /* Links printed by the server (a search made without the script). */
  box.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a.kb-insert') : null;
    if (!a) return;
    e.preventDefault();
    insert(a.getAttribute('data-insert'));
  });
})();
