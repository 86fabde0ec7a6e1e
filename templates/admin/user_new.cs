<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/users"><?cs var:T.admin.users ?></a></li></ol></nav>
<h1><?cs var:T.admin.user_new ?></h1>
<?cs call:notices() ?>
<div class="panel narrow">
<form method="post" action="/admin/users" class="stack">
  <?cs call:csrf() ?>
  <label for="email"><?cs var:T.admin.email ?></label>
  <input id="email" name="email" type="email" required maxlength="254" autocomplete="off" value="<?cs var:Page.Form.email ?>"<?cs call:invalid("email") ?>>
  <?cs call:field_error("email") ?>
  <label for="name"><?cs var:T.admin.name ?></label>
  <input id="name" name="name" required maxlength="120" autocomplete="off" value="<?cs var:Page.Form.name ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <label for="language"><?cs var:T.admin.language ?></label>
  <select id="language" name="language">
    <option value=""><?cs var:T.admin.language_auto ?></option>
    <option value="en" lang="en">English</option>
    <option value="es" lang="es">Español</option>
  </select>
  <label for="password"><?cs var:T.admin.password ?></label>
  <input id="password" name="password" type="password" maxlength="256" autocomplete="new-password" aria-describedby="pw-hint<?cs if:Page.Errors.password ?> password-error<?cs /if ?>"<?cs if:Page.Errors.password ?> aria-invalid="true"<?cs /if ?>>
  <span class="hint" id="pw-hint"><?cs var:T.admin.password_hint ?></span>
  <?cs call:field_error("password") ?>
  <?cs include:"admin/_roles_groups.cs" ?>
  <button type="submit"><?cs var:T.admin.create ?></button>
</form>
</div>
<?cs /def ?>
<?cs set:Roles.0 = "agent" ?><?cs set:Roles.1 = "editor" ?><?cs set:Roles.2 = "approver" ?><?cs set:Roles.3 = "admin" ?>
<?cs include:"layout.cs" ?>
