<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<div class="toolbar">
  <h1><?cs var:T.admin.users ?></h1>
  <a class="button" href="/admin/users/new"><?cs var:T.admin.user_new ?></a>
</div>
<?cs call:notices() ?>
<form method="get" action="/admin/users" class="filters" role="search" aria-label="<?cs var:T.admin.users ?>">
  <div class="field grow">
    <label for="uq"><?cs var:T.admin.search ?></label>
    <input id="uq" name="q" type="search" maxlength="100" value="<?cs var:Page.Query ?>">
  </div>
  <div class="field">
    <label for="state"><?cs var:T.admin.state ?></label>
    <select id="state" name="state">
      <option value="all"<?cs if:Page.State == "all" ?> selected<?cs /if ?>><?cs var:T.admin.state_all ?></option>
      <option value="active"<?cs if:Page.State == "active" ?> selected<?cs /if ?>><?cs var:T.admin.state_active ?></option>
      <option value="disabled"<?cs if:Page.State == "disabled" ?> selected<?cs /if ?>><?cs var:T.admin.state_disabled ?></option>
    </select>
  </div>
  <button type="submit" class="secondary"><?cs var:T.admin.filter ?></button>
</form>
<?cs if:subcount(Page.Users) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.admin.users ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.admin.name ?></th><th scope="col"><?cs var:T.admin.email ?></th><th scope="col"><?cs var:T.admin.roles ?></th><th scope="col"><?cs var:T.admin.groups_label ?></th><th scope="col"><?cs var:T.admin.last_login ?></th></tr></thead>
  <tbody>
  <?cs each:u = Page.Users ?>
  <tr<?cs if:u.active == "0" ?> class="muted"<?cs /if ?>>
    <td><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.name ?></a><?cs if:u.active == "0" ?> <span class="badge"><?cs var:T.admin.disabled ?></span><?cs /if ?></td>
    <td data-label="<?cs var:T.admin.email ?>"><?cs var:u.email ?></td>
    <td data-label="<?cs var:T.admin.roles ?>"><?cs call:role_names(u.roles) ?></td>
    <td data-label="<?cs var:T.admin.groups_label ?>"><?cs var:u.groups_list ?></td>
    <td data-label="<?cs var:T.admin.last_login ?>" class="nowrap"><?cs if:u.last_login ?><?cs var:u.last_login ?><?cs else ?><?cs var:T.admin.never ?><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty-state"><?cs var:T.admin.no_users ?></p>
<?cs /if ?>
<?cs call:pager("/admin/users?q=" + url_escape(Page.Query) + "&state=" + url_escape(Page.State) + "&") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
