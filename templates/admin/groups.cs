<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.admin.groups ?></h1>
<?cs call:notices() ?>
<?cs if:subcount(Page.Groups) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.admin.groups ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.admin.group_name ?></th><th scope="col"><?cs var:T.admin.group_description ?></th><th scope="col"><?cs var:T.admin.members ?></th></tr></thead>
  <tbody>
  <?cs each:g = Page.Groups ?><tr><td><a href="/admin/groups/<?cs var:g.id ?>"><?cs var:g.name ?></a><?cs if:g.support == "0" ?> <span class="badge"><?cs var:T.tcfg.not_support ?></span><?cs /if ?></td><td data-label="<?cs var:T.admin.group_description ?>"><?cs var:g.description ?></td><td data-label="<?cs var:T.admin.members ?>"><?cs var:g.members ?></td></tr><?cs /each ?>
  </tbody>
</table>
</div>
<?cs /if ?>
<section class="panel narrow" aria-labelledby="new-group-h">
<h2 id="new-group-h"><?cs var:T.admin.group_new ?></h2>
<form method="post" action="/admin/groups" class="stack">
  <?cs call:csrf() ?>
  <label for="name"><?cs var:T.admin.group_name ?></label>
  <input id="name" name="name" required maxlength="120" value="<?cs var:Page.Form.name ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <label for="description"><?cs var:T.admin.group_description ?></label>
  <input id="description" name="description" maxlength="500" value="<?cs var:Page.Form.description ?>">
  <input type="hidden" name="support_form" value="1">
  <label class="check"><input type="checkbox" name="support" value="1"<?cs if:!Page.Errors || Page.Form.support ?> checked<?cs /if ?>> <?cs var:T.tcfg.support_label ?></label>
  <button type="submit"><?cs var:T.admin.group_create ?></button>
</form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
