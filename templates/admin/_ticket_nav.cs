<?cs # _ticket_nav.cs - the ticket settings' own navigation and the topic form, shared by the ticket_* admin pages. ?>
<?cs def:ticket_nav(here) ?>
<nav class="subnav" aria-label="<?cs var:T.tcfg.settings ?>"><ul class="plain inline-list">
  <li><a href="/admin/tickets/categories"<?cs if:here == "categories" ?> aria-current="page"<?cs /if ?>><?cs var:T.tcfg.categories ?></a></li>
  <li><a href="/admin/tickets/matrix"<?cs if:here == "matrix" ?> aria-current="page"<?cs /if ?>><?cs var:T.tcfg.matrix ?></a></li>
  <li><a href="/admin/tickets/canned"<?cs if:here == "canned" ?> aria-current="page"<?cs /if ?>><?cs var:T.tcfg.canned ?></a></li>
  <li><a href="/admin/tickets/settings"<?cs if:here == "settings" ?> aria-current="page"<?cs /if ?>><?cs var:T.tdept.settings ?></a></li>
  <li><a href="/admin/groups"><?cs var:T.admin.groups ?></a></li>
</ul></nav>
<?cs /def ?>
<?cs def:category_form(c, action, label) ?>
<form method="post" action="<?cs var:action ?>" class="stack wide">
  <?cs call:csrf() ?>
  <div class="grid2">
    <div class="stack">
      <label for="slug-<?cs var:c.id ?>"><?cs var:T.tcfg.slug ?></label>
      <input id="slug-<?cs var:c.id ?>" name="slug" required maxlength="80" pattern="[a-z0-9]([a-z0-9\-]*[a-z0-9])?" value="<?cs var:c.slug ?>" <?cs if:Page.Errors.slug ?> aria-invalid="true" aria-describedby="slug-<?cs var:c.id ?>-hint slug-error"<?cs else ?> aria-describedby="slug-<?cs var:c.id ?>-hint"<?cs /if ?>>
      <span class="hint" id="slug-<?cs var:c.id ?>-hint"><?cs var:T.tcfg.slug_hint ?></span>
      <?cs call:field_error("slug") ?>
      <label for="en-<?cs var:c.id ?>"><?cs var:T.tcfg.name_en ?></label>
      <input id="en-<?cs var:c.id ?>" name="name_en" required maxlength="120" value="<?cs var:c.name_en ?>" lang="en"<?cs call:invalid("name_en") ?>>
      <?cs call:field_error("name_en") ?>
      <label for="es-<?cs var:c.id ?>"><?cs var:T.tcfg.name_es ?></label>
      <input id="es-<?cs var:c.id ?>" name="name_es" required maxlength="120" value="<?cs var:c.name_es ?>" lang="es"<?cs call:invalid("name_es") ?>>
      <?cs call:field_error("name_es") ?>
    </div>
    <div class="stack">
      <label for="den-<?cs var:c.id ?>"><?cs var:T.tcfg.description_en ?></label>
      <input id="den-<?cs var:c.id ?>" name="description_en" maxlength="300" value="<?cs var:c.description_en ?>" lang="en"<?cs call:invalid("description_en") ?>>
      <?cs call:field_error("description_en") ?>
      <label for="des-<?cs var:c.id ?>"><?cs var:T.tcfg.description_es ?></label>
      <input id="des-<?cs var:c.id ?>" name="description_es" maxlength="300" value="<?cs var:c.description_es ?>" lang="es"<?cs call:invalid("description_es") ?>>
      <?cs call:field_error("description_es") ?>
      <label for="team-<?cs var:c.id ?>"><?cs var:T.tcfg.team ?></label>
      <select id="team-<?cs var:c.id ?>" name="group_id"<?cs call:invalid("group_id") ?>><option value="0"><?cs var:T.tcfg.no_team ?></option><?cs each:g = Page.Teams ?><option value="<?cs var:g.id ?>"<?cs if:g.id == c.group_id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?></select>
      <?cs call:field_error("group_id") ?>
      <?cs if:c.id != "new" ?>
      <label class="check"><input type="checkbox" name="active" value="1"<?cs if:c.active == "1" ?> checked<?cs /if ?>> <?cs var:T.tcfg.active_label ?></label>
      <?cs /if ?>
    </div>
  </div>
  <button type="submit"><?cs var:label ?></button>
</form>
<?cs /def ?>
