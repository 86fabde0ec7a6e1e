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
<form class="searchbar" role="search" method="get" action="/search">
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
