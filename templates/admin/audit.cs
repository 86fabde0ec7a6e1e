<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.admin.audit ?></h1>
<form method="get" action="/admin/audit" class="filters" role="search" aria-label="<?cs var:T.admin.audit ?>">
  <div class="field grow">
    <label for="aq"><?cs var:T.admin.search ?></label>
    <input id="aq" name="q" type="search" maxlength="100" value="<?cs var:Page.Query ?>">
  </div>
  <div class="field">
    <label for="kind"><?cs var:T.admin.kind ?></label>
    <select id="kind" name="kind">
      <option value="all"<?cs if:Page.Kind == "all" ?> selected<?cs /if ?>><?cs var:T.admin.kind_all ?></option>
      <option value="security"<?cs if:Page.Kind == "security" ?> selected<?cs /if ?>><?cs var:T.admin.kind_security ?></option>
      <option value="changes"<?cs if:Page.Kind == "changes" ?> selected<?cs /if ?>><?cs var:T.admin.kind_changes ?></option>
    </select>
  </div>
  <button type="submit" class="secondary"><?cs var:T.admin.filter ?></button>
</form>
<?cs if:subcount(Page.Events) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.admin.audit ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.admin.at ?></th><th scope="col"><?cs var:T.admin.action ?></th><th scope="col"><?cs var:T.admin.actor ?></th><th scope="col"><?cs var:T.admin.target ?></th><th scope="col"><?cs var:T.admin.detail ?></th><th scope="col"><?cs var:T.admin.address ?></th></tr></thead>
  <tbody>
  <?cs each:e = Page.Events ?>
  <tr><td class="nowrap"><?cs var:e.at ?></td><td data-label="<?cs var:T.admin.action ?>"><?cs call:event_name(e.action) ?></td><td data-label="<?cs var:T.admin.actor ?>"><?cs var:e.actor_email ?></td><td data-label="<?cs var:T.admin.target ?>"><?cs var:e.target ?></td><td data-label="<?cs var:T.admin.detail ?>"><?cs var:e.detail ?></td><td data-label="<?cs var:T.admin.address ?>"><?cs var:e.address ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty-state"><?cs var:T.admin.no_events ?></p>
<?cs /if ?>
<?cs call:pager("/admin/audit?q=" + url_escape(Page.Query) + "&kind=" + url_escape(Page.Kind) + "&") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
