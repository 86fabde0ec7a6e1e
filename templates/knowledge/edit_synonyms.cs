<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.kbe.synonyms ?></h1>
<?cs include:"knowledge/_editnav.cs" ?>
<?cs call:notices() ?>
<p class="lead"><?cs var:T.kbe.synonyms_lead ?></p>
<form method="post" action="/kb/edit/synonyms" class="stack">
  <?cs call:csrf() ?>
  <label for="terms"><?cs var:T.kbe.synonyms_new ?></label>
  <input id="terms" name="terms" required maxlength="500" placeholder="correo, email, mail, outlook" value="<?cs var:Page.Form.terms ?>"<?cs call:invalid("terms") ?>>
  <?cs call:field_error("terms") ?>
  <button type="submit"><?cs var:T.kbe.add ?></button>
</form>
<ul class="plain synonyms"><?cs each:s = Page.Synonyms ?>
  <li><span><?cs var:s.terms ?></span> <form method="post" action="/kb/edit/synonyms/<?cs var:s.id ?>/delete" class="inline"><?cs call:csrf() ?><button type="submit" class="secondary small" aria-label="<?cs var:T.kbe.delete ?>: <?cs var:s.terms ?>"><?cs var:T.kbe.delete ?></button></form></li>
<?cs /each ?></ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
