<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/users"><?cs var:T.admin.users ?></a></li></ol></nav>
<h1><?cs var:Page.U.name ?><?cs if:Page.U.active == "0" ?> <span class="badge"><?cs var:T.admin.disabled ?></span><?cs /if ?></h1>
<?cs call:notices() ?>
<div class="columns">
<section class="panel" aria-labelledby="edit-h">
<h2 id="edit-h"><?cs var:T.admin.user_edit ?></h2>
<dl class="facts">
  <dt><?cs var:T.admin.email ?></dt><dd><?cs var:Page.U.email ?></dd>
  <dt><?cs var:T.admin.created ?></dt><dd><?cs var:Page.U.created ?></dd>
  <dt><?cs var:T.admin.last_login ?></dt><dd><?cs if:Page.U.last_login ?><?cs var:Page.U.last_login ?><?cs else ?><?cs var:T.admin.never ?><?cs /if ?></dd>
</dl>
<form method="post" action="/admin/users/<?cs var:Page.U.id ?>" class="stack">
  <?cs call:csrf() ?>
  <label for="name"><?cs var:T.admin.name ?></label>
  <input id="name" name="name" required maxlength="120" value="<?cs var:Page.U.name ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <label for="department"><?cs var:T.account.department ?></label>
  <select id="department" name="department"<?cs call:invalid("department") ?>><option value="0"><?cs var:T.tdept.none ?></option><?cs each:d = Page.Departments ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Page.U.department_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select>
  <?cs call:field_error("department") ?>
  <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Page.U.active == "1" ?> checked<?cs /if ?>> <?cs var:T.admin.active ?></label>
  <?cs include:"admin/_roles_groups.cs" ?>
  <button type="submit"><?cs var:T.admin.save ?></button>
</form>
</section>
<?cs if:subcount(Page.History) > 0 ?>
<section class="panel" aria-labelledby="history-h">
<h2 id="history-h"><?cs var:T.admin.history ?></h2>
<ul class="plain history">
<?cs each:h = Page.History ?><li><time><?cs var:h.at ?></time> <?cs call:event_name(h.action) ?><?cs if:h.detail ?> <span class="hint">(<?cs var:h.detail ?>)</span><?cs /if ?></li><?cs /each ?>
</ul>
</section>
<?cs /if ?>
<?cs include:"admin/_tokens.cs" ?>
</div>
<?cs /def ?>
<?cs set:Roles.0 = "agent" ?><?cs set:Roles.1 = "editor" ?><?cs set:Roles.2 = "approver" ?><?cs set:Roles.3 = "admin" ?>
<?cs include:"layout.cs" ?>
