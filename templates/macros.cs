<?cs # macros.cs - shared pieces of markup. Every page includes it first. ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs /def ?>
<?cs def:notices() ?><?cs
  if:Page.Notice ?><p class="notice ok" role="status"><?cs var:Page.Notice ?></p><?cs /if ?><?cs
  if:Page.Error ?><p class="notice bad" role="alert"><?cs var:Page.Error ?></p><?cs /if ?><?cs
  if:subcount(Page.Errors) > 0 ?><p class="notice bad" role="alert"><?cs var:T.form.errors ?></p><?cs /if ?><?cs
/def ?>
<?cs def:field_error(name) ?><?cs if:Page.Errors[name] ?><span class="field-error" id="<?cs var:name ?>-error"><?cs var:Page.Errors[name] ?></span><?cs /if ?><?cs /def ?>
<?cs def:invalid(name) ?><?cs if:Page.Errors[name] ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?><?cs /def ?>
<?cs def:searchbar(q) ?>
<form class="searchbar" role="search" method="get" action="/search" data-suggest="/kb/suggest">
  <label for="q" class="visually-hidden"><?cs var:T.nav.search_label ?></label>
  <input id="q" name="q" type="search" value="<?cs var:q ?>" maxlength="200" autocomplete="off" placeholder="<?cs var:T.nav.search_placeholder ?>">
  <button type="submit"><?cs var:T.nav.search_button ?></button>
</form>
<?cs /def ?>
<?cs def:pager(base) ?><?cs if:Page.Pager.Pages > 1 ?>
<nav class="pager" aria-label="<?cs var:T.pager.label ?>">
  <?cs if:Page.Pager.Prev ?><a rel="prev" href="<?cs var:base ?>page=<?cs var:Page.Pager.Prev ?>"><?cs var:T.pager.prev ?></a><?cs /if ?>
  <span><?cs var:T.pager.page ?> <?cs var:Page.Pager.Page ?> <?cs var:T.pager.of ?> <?cs var:Page.Pager.Pages ?></span>
  <?cs if:Page.Pager.Next ?><a rel="next" href="<?cs var:base ?>page=<?cs var:Page.Pager.Next ?>"><?cs var:T.pager.next ?></a><?cs /if ?>
</nav>
<?cs /if ?><?cs /def ?>
<?cs # navlink(href, label, but): a main-navigation link, marked current on every page under href
   except under but (a sub-area with its own link); "page" on href itself. Not on error pages. ?>
<?cs def:navlink(href, label, but) ?><li><a href="<?cs var:href ?>"<?cs
  if:!Error.Status && string.slice(Path, 0, string.length(href)) == href && (!but || string.slice(Path, 0, string.length(but)) != but) ?> aria-current="<?cs if:Path == href ?>page<?cs else ?>true<?cs /if ?>"<?cs /if ?>><?cs var:label ?></a></li><?cs /def ?>
<?cs # icon(name): a small decorative line icon (hidden from screen readers). ?>
<?cs def:icon(name) ?><svg class="svg-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><?cs
  if:name == "find" ?><circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/><?cs
  elif:name == "request" ?><path d="M6 7h12l1 13H5L6 7z"/><path d="M9 10V7a3 3 0 0 1 6 0v3"/><?cs
  elif:name == "report" ?><path d="M12 3 2 20h20L12 3z"/><path d="M12 10v4"/><path d="M12 17h.01"/><?cs
  elif:name == "mine" ?><path d="M9 3h6v3H9z"/><path d="M8 4.5H5V21h14V4.5h-3"/><path d="M8 11h8"/><path d="M8 15h5"/><?cs
  elif:name == "users" ?><circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c.5-3.5 3-5.5 6.5-5.5s6 2 6.5 5.5"/><path d="M16 4.5a3.5 3.5 0 0 1 0 7"/><path d="M18 14.5c2 .6 3.2 2.6 3.5 5.5"/><?cs
  elif:name == "teams" ?><rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 10h18"/><path d="M9 10v10"/><?cs
  elif:name == "topics" ?><path d="M4 5h16"/><path d="M4 12h16"/><path d="M4 19h10"/><?cs
  elif:name == "reports" ?><path d="M4 20V10"/><path d="M10 20V4"/><path d="M16 20v-7"/><path d="M3 20h18"/><?cs
  elif:name == "hooks" ?><circle cx="6" cy="17" r="3"/><circle cx="18" cy="17" r="3"/><circle cx="12" cy="6" r="3"/><path d="M10.5 8.6 7.5 14.4"/><path d="M9 17h6"/><path d="m13.5 8.6 3 5.8"/><?cs
  elif:name == "audit" ?><circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/><?cs
  /if ?></svg><?cs /def ?>
<?cs # role_names(s): a comma-separated role list ("requester,agent") in the reader's words. ?>
<?cs def:role_names(s) ?><?cs set:RoleCut = string.find(s, ",") ?><?cs if:RoleCut >= 0 ?><?cs var:T.admin["role_" + string.slice(s, 0, RoleCut)] ?>, <?cs call:role_names(string.slice(s, RoleCut + 1, string.length(s))) ?><?cs elif:s ?><?cs var:T.admin["role_" + s] ?><?cs /if ?><?cs /def ?>
<?cs # event_name(action): an audit action ("login.ok") in the reader's words, or as recorded when unknown. ?>
<?cs def:event_name(action) ?><?cs if:T.event[action] ?><?cs var:T.event[action] ?><?cs else ?><?cs var:action ?><?cs /if ?><?cs /def ?>
