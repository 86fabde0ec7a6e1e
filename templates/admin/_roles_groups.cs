<?cs # roles_groups.cs - role and team checkboxes shared by the new-user and edit-user forms. ?>
<fieldset>
  <legend><?cs var:T.admin.roles ?></legend>
  <?cs call:field_error("roles") ?>
  <label class="check"><input type="checkbox" checked disabled> <?cs var:T.admin.role_requester ?></label>
  <?cs each:role = Roles ?>
  <label class="check"><input type="checkbox" name="role" value="<?cs var:role ?>"<?cs if:Page.Roles[role] ?> checked<?cs /if ?>> <?cs var:T.admin["role_" + role] ?></label>
  <?cs /each ?>
</fieldset>
<?cs if:subcount(Page.AllGroups) > 0 ?>
<fieldset>
  <legend><?cs var:T.admin.groups_label ?></legend>
  <?cs each:g = Page.AllGroups ?>
  <label class="check"><input type="checkbox" name="group" value="<?cs var:g.id ?>"<?cs if:g.member == "1" ?> checked<?cs /if ?>> <?cs var:g.name ?></label>
  <?cs /each ?>
</fieldset>
<?cs /if ?>
