<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="narrow">
<h1><?cs var:T.reset.choose ?></h1>
<?cs call:notices() ?>
<form method="post" action="/password-reset/<?cs var:Page.Token ?>" class="stack">
  <?cs call:csrf() ?>
  <label for="new"><?cs var:T.account.new ?></label>
  <input id="new" name="new" type="password" required maxlength="256" autocomplete="new-password"<?cs call:invalid("new") ?>>
  <?cs call:field_error("new") ?>
  <label for="confirm"><?cs var:T.account.confirm ?></label>
  <input id="confirm" name="confirm" type="password" required maxlength="256" autocomplete="new-password"<?cs call:invalid("confirm") ?>>
  <?cs call:field_error("confirm") ?>
  <button type="submit"><?cs var:T.reset.save ?></button>
</form>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
