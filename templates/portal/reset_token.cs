<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="narrow centered">
<div class="panel">
<h1><?cs var:T.reset.choose ?></h1>
<?cs call:notices() ?>
<form method="post" action="/password-reset/<?cs var:Page.Token ?>" class="stack">
  <?cs call:csrf() ?>
  <label for="new"><?cs var:T.account.new ?></label>
  <input id="new" name="new" type="password" required maxlength="256" autocomplete="new-password" aria-describedby="new-hint<?cs if:Page.Errors.new ?> new-error<?cs /if ?>"<?cs if:Page.Errors.new ?> aria-invalid="true"<?cs /if ?>>
  <span class="hint" id="new-hint"><?cs var:T.account.min_length ?> <?cs var:MinPassword ?> <?cs var:T.account.characters ?> <?cs var:T.account.new_hint ?></span>
  <?cs call:field_error("new") ?>
  <label for="confirm"><?cs var:T.account.confirm ?></label>
  <input id="confirm" name="confirm" type="password" required maxlength="256" autocomplete="new-password"<?cs call:invalid("confirm") ?>>
  <?cs call:field_error("confirm") ?>
  <button type="submit"><?cs var:T.reset.save ?></button>
</form>
</div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
