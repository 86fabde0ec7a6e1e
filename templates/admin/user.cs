<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="breadcrumb"><a href="/admin/"><?cs var:T.admin.title ?></a> › <a href="/admin/users"><?cs var:T.admin.users ?></a></nav>
<h1><?cs var:Page.U.name ?></h1>
<?cs call:notices() ?>
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
  <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Page.U.active == "1" ?> checked<?cs /if ?>> <?cs var:T.admin.active ?></label>
  <?cs include:"admin/_roles_groups.cs" ?>
  <button type="submit"><?cs var:T.admin.save ?></button>
</form>
<?cs if:subcount(Page.History) > 0 ?>
<h2><?cs var:T.admin.history ?></h2>
<ul class="plain history">
<?cs each:h = Page.History ?><li><time><?cs var:h.at ?></time> — <?cs var:h.action ?><?cs if:h.detail ?> (<?cs var:h.detail ?>)<?cs /if ?></li><?cs /each ?>
</ul>
<?cs /if ?>
<?cs /def ?>
<?cs set:Roles.0 = "agent" ?><?cs set:Roles.1 = "editor" ?><?cs set:Roles.2 = "approver" ?><?cs set:Roles.3 = "admin" ?>
<?cs include:"layout.cs" ?>
