<?cs include:"macros.cs" ?>
<?cs include:"admin/_ticket_nav.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.tdept.settings ?></h1>
<?cs call:ticket_nav("settings") ?>
<p class="lead"><?cs var:T.tdept.settings_lead ?></p>
<?cs call:notices() ?>
<form method="post" action="/admin/tickets/settings" class="stack wide">
  <?cs call:csrf() ?>
  <label class="check"><input type="checkbox" id="dept-view" name="dept_view" value="1" aria-describedby="dept-view-hint"<?cs if:Page.DeptView ?> checked<?cs /if ?>> <?cs var:T.tdept.view_label ?></label>
  <span class="hint" id="dept-view-hint"><?cs var:T.tdept.view_hint ?></span>
  <button type="submit"><?cs var:T.admin.save ?></button>
</form>
<section class="panel" id="departments" aria-labelledby="dept-h">
<h2 id="dept-h"><?cs var:T.tdept.departments ?></h2>
<p class="hint"><?cs var:T.tdept.departments_lead ?></p>
<?cs if:subcount(Page.Departments) > 0 ?>
<div class="table-wrap">
<table>
  <thead><tr><th scope="col"><?cs var:T.tdept.name ?></th><th scope="col"><?cs var:T.tdept.people ?></th></tr></thead>
  <tbody><?cs each:d = Page.Departments ?><tr><td><?cs var:d.name ?></td><td><?cs var:d.people ?></td></tr><?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:T.tdept.no_departments ?></p>
<?cs /if ?>
<form method="post" action="/admin/tickets/departments" class="stack">
  <?cs call:csrf() ?>
  <label for="dept-name"><?cs var:T.tdept.add ?></label>
  <input id="dept-name" name="name" required maxlength="120" value="<?cs var:Page.Form.name ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <button type="submit" class="secondary"><?cs var:T.tdept.add ?></button>
</form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
