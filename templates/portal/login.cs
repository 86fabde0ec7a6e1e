<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="narrow centered">
<div class="panel">
<h1><?cs var:T.login.title ?></h1>
<p class="lead"><?cs var:T.login.lead ?></p>
<?cs call:notices() ?>
<form method="post" action="/login" class="stack">
  <?cs call:csrf() ?>
  <input type="hidden" name="next" value="<?cs var:Page.Next ?>">
  <label for="email"><?cs var:T.login.email ?></label>
  <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="<?cs var:Page.Email ?>"<?cs call:invalid("email") ?>>
  <?cs call:field_error("email") ?>
  <label for="password"><?cs var:T.login.password ?></label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"<?cs call:invalid("password") ?>>
  <?cs call:field_error("password") ?>
  <button type="submit"><?cs var:T.login.submit ?></button>
</form>
</div>
<p class="after"><a href="/password-reset"><?cs var:T.login.forgot ?></a></p>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
