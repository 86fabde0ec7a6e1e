<?cs include:"macros.cs" ?>
<?cs include:"admin/_ticket_nav.cs" ?>
<?cs def:canned_form(c, action, label) ?>
<form method="post" action="<?cs var:action ?>" class="stack wide">
  <?cs call:csrf() ?>
  <label for="ct-<?cs var:c.id ?>"><?cs var:T.tcfg.canned_title ?></label>
  <input id="ct-<?cs var:c.id ?>" name="title" required maxlength="120" value="<?cs var:c.title ?>"<?cs if:Page.Form.id == c.id ?><?cs call:invalid("title") ?><?cs /if ?>>
  <?cs if:Page.Form.id == c.id ?><?cs call:field_error("title") ?><?cs /if ?>
  <label for="cl-<?cs var:c.id ?>"><?cs var:T.tcfg.language ?></label>
  <select id="cl-<?cs var:c.id ?>" name="language"><option value="en"<?cs if:c.language == "en" ?> selected<?cs /if ?>>English</option><option value="es"<?cs if:c.language == "es" ?> selected<?cs /if ?> lang="es">Español</option></select>
  <?cs if:Page.Form.id == c.id ?><?cs call:field_error("language") ?><?cs /if ?>
  <label for="cb-<?cs var:c.id ?>"><?cs var:T.tcfg.canned_body ?></label>
  <textarea id="cb-<?cs var:c.id ?>" name="body" rows="6" required maxlength="5000" <?cs if:Page.Form.id == c.id && Page.Errors.body ?> aria-invalid="true" aria-describedby="cb-<?cs var:c.id ?>-hint body-error"<?cs else ?> aria-describedby="cb-<?cs var:c.id ?>-hint"<?cs /if ?>><?cs var:c.body ?></textarea>
  <span class="hint" id="cb-<?cs var:c.id ?>-hint"><?cs var:T.tcfg.placeholders ?></span>
  <?cs if:Page.Form.id == c.id ?><?cs call:field_error("body") ?><?cs /if ?>
  <button type="submit"><?cs var:label ?></button>
</form>
<?cs /def ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.tcfg.canned ?></h1>
<?cs call:ticket_nav("canned") ?>
<p class="lead"><?cs var:T.tcfg.canned_lead ?></p>
<?cs call:notices() ?>
<?cs if:subcount(Page.Canned) == 0 ?><p><?cs var:T.tcfg.no_canned ?></p><?cs /if ?>
<?cs each:c = Page.Canned ?>
<?cs if:Page.Form.id == c.id ?><?cs set:c.title = Page.Form.title ?><?cs set:c.body = Page.Form.body ?><?cs set:c.language = Page.Form.language ?><?cs /if ?>
<details class="catrow"<?cs if:Page.Form.id == c.id ?> open<?cs /if ?>>
  <summary><strong><?cs var:c.title ?></strong> <span class="meta">(<?cs if:c.language == "es" ?>Español<?cs else ?>English<?cs /if ?>)</span></summary>
  <?cs call:canned_form(c, "/admin/tickets/canned/" + c.id, T.admin.save) ?>
  <form method="post" action="/admin/tickets/canned/<?cs var:c.id ?>/delete" class="inline-form">
    <?cs call:csrf() ?><button type="submit" class="secondary"><?cs var:T.tcfg.delete ?></button>
  </form>
</details>
<?cs /each ?>
<section class="panel" aria-labelledby="new-canned-h">
<h2 id="new-canned-h"><?cs var:T.tcfg.canned_new ?></h2>
<?cs set:New.id = "new" ?><?cs set:New.language = Lang ?><?cs if:Page.Form.id == "0" ?><?cs set:New.id = "0" ?><?cs set:New.title = Page.Form.title ?><?cs set:New.body = Page.Form.body ?><?cs set:New.language = Page.Form.language ?><?cs /if ?>
<?cs call:canned_form(New, "/admin/tickets/canned", T.tcfg.create) ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
