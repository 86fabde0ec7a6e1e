<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="narrow centered">
<div class="panel">
<h1><?cs var:T.reset.title ?></h1>
<?cs if:Page.Sent ?>
<p class="notice ok" role="status"><?cs var:T.reset.sent ?></p>
<p><a href="/password-reset"><?cs var:T.reset.again ?></a></p>
<?cs else ?>
<?cs call:notices() ?>
<p class="lead"><?cs var:T.reset.lead ?></p>
<form method="post" action="/password-reset" class="stack">
  <?cs call:csrf() ?>
  <label for="email"><?cs var:T.login.email ?></label>
  <input id="email" name="email" type="email" autocomplete="email" required maxlength="254"<?cs call:invalid("email") ?>>
  <?cs call:field_error("email") ?>
  <button type="submit"><?cs var:T.reset.submit ?></button>
</form>
<?cs /if ?>
</div>
<p class="after"><a href="/login"><?cs var:T.reset.back ?></a></p>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
