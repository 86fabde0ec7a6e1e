<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="breadcrumb"><a href="/admin/"><?cs var:T.admin.title ?></a></nav>
<h1><?cs var:T.admin.audit ?></h1>
<form method="get" action="/admin/audit" class="filters">
  <label for="aq"><?cs var:T.admin.search ?></label>
  <input id="aq" name="q" type="search" maxlength="100" value="<?cs var:Page.Query ?>">
  <label for="kind"><?cs var:T.admin.kind ?></label>
  <select id="kind" name="kind">
    <option value="all"<?cs if:Page.Kind == "all" ?> selected<?cs /if ?>><?cs var:T.admin.kind_all ?></option>
    <option value="security"<?cs if:Page.Kind == "security" ?> selected<?cs /if ?>><?cs var:T.admin.kind_security ?></option>
    <option value="changes"<?cs if:Page.Kind == "changes" ?> selected<?cs /if ?>><?cs var:T.admin.kind_changes ?></option>
  </select>
  <button type="submit"><?cs var:T.admin.filter ?></button>
</form>
<?cs if:subcount(Page.Events) > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:T.admin.audit ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.admin.at ?></th><th scope="col"><?cs var:T.admin.actor ?></th><th scope="col"><?cs var:T.admin.action ?></th><th scope="col"><?cs var:T.admin.target ?></th><th scope="col"><?cs var:T.admin.detail ?></th><th scope="col"><?cs var:T.admin.address ?></th></tr></thead>
  <tbody>
  <?cs each:e = Page.Events ?>
  <tr><td><?cs var:e.at ?></td><td><?cs var:e.actor_email ?></td><td><?cs var:e.action ?></td><td><?cs var:e.target ?></td><td><?cs var:e.detail ?></td><td><?cs var:e.address ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:T.admin.no_events ?></p>
<?cs /if ?>
<?cs call:pager("/admin/audit?q=" + url_escape(Page.Query) + "&kind=" + url_escape(Page.Kind) + "&") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
