<?cs include:"macros.cs" ?>
<?cs include:"admin/_ticket_nav.cs" ?>
<?cs def:field_form(f, action, label) ?>
<form method="post" action="<?cs var:action ?>" class="stack wide">
  <?cs call:csrf() ?>
  <div class="grid2">
    <div class="stack">
      <label for="fen-<?cs var:f.id ?>"><?cs var:T.tcfg.label_en ?></label>
      <input id="fen-<?cs var:f.id ?>" name="label_en" required maxlength="120" value="<?cs var:f.label_en ?>" lang="en"<?cs if:Page.Form.field_id == f.id ?><?cs call:invalid("label_en") ?><?cs /if ?>>
      <?cs if:Page.Form.field_id == f.id ?><?cs call:field_error("label_en") ?><?cs /if ?>
      <label for="fes-<?cs var:f.id ?>"><?cs var:T.tcfg.label_es ?></label>
      <input id="fes-<?cs var:f.id ?>" name="label_es" required maxlength="120" value="<?cs var:f.label_es ?>" lang="es"<?cs if:Page.Form.field_id == f.id ?><?cs call:invalid("label_es") ?><?cs /if ?>>
      <?cs if:Page.Form.field_id == f.id ?><?cs call:field_error("label_es") ?><?cs /if ?>
      <label for="fty-<?cs var:f.id ?>"><?cs var:T.tcfg.type ?></label>
      <select id="fty-<?cs var:f.id ?>" name="type"<?cs if:Page.Form.field_id == f.id ?><?cs call:invalid("type") ?><?cs /if ?>><?cs each:t = Types ?><option value="<?cs var:t ?>"<?cs if:t == f.type ?> selected<?cs /if ?>><?cs var:T.tcfg.types[t] ?></option><?cs /each ?></select>
      <?cs if:Page.Form.field_id == f.id ?><?cs call:field_error("type") ?><?cs /if ?>
      <label class="check"><input type="checkbox" name="required" value="1"<?cs if:f.required == "1" ?> checked<?cs /if ?>> <?cs var:T.tcfg.required ?></label>
    </div>
    <div class="stack">
      <label for="fch-<?cs var:f.id ?>"><?cs var:T.tcfg.choices ?></label>
      <textarea id="fch-<?cs var:f.id ?>" name="choices" rows="5" maxlength="2000" <?cs if:Page.Form.field_id == f.id && Page.Errors.choices ?> aria-invalid="true" aria-describedby="fch-<?cs var:f.id ?>-hint choices-error"<?cs else ?> aria-describedby="fch-<?cs var:f.id ?>-hint"<?cs /if ?>><?cs var:f.choices ?></textarea>
      <span class="hint" id="fch-<?cs var:f.id ?>-hint"><?cs var:T.tcfg.choices_hint ?></span>
      <?cs if:Page.Form.field_id == f.id ?><?cs call:field_error("choices") ?><?cs /if ?>
    </div>
  </div>
  <button type="submit"><?cs var:label ?></button>
</form>
<?cs /def ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/tickets/categories"><?cs var:T.tcfg.categories ?></a></li></ol></nav>
<h1><?cs var:Page.C.name_en ?> <span class="meta" lang="es">/ <?cs var:Page.C.name_es ?></span><?cs if:Page.C.active == "0" ?> <span class="badge"><?cs var:T.tcfg.inactive ?></span><?cs /if ?></h1>
<?cs call:notices() ?>
<section class="panel" aria-labelledby="cat-h">
<h2 id="cat-h"><?cs var:T.tcfg.category_edit ?></h2>
<p class="meta"><?cs var:T.tcfg.tickets ?>: <?cs var:Page.C.tickets ?></p>
<?cs call:category_form(Page.C, "/admin/tickets/categories/" + Page.C.id, T.admin.save) ?>
</section>
<section aria-labelledby="fields-h" id="fields">
<h2 id="fields-h"><?cs var:T.tcfg.fields_title ?></h2>
<p class="hint"><?cs var:T.tcfg.fields_lead ?></p>
<?cs if:subcount(Page.Fields) == 0 ?><p><?cs var:T.tcfg.no_fields ?></p><?cs /if ?>
<?cs each:f = Page.Fields ?>
<?cs if:Page.Form.field_id == f.id ?><?cs set:f.label_en = Page.Form.label_en ?><?cs set:f.label_es = Page.Form.label_es ?><?cs set:f.type = Page.Form.type ?><?cs set:f.choices = Page.Form.choices ?><?cs set:f.required = Page.Form.required ?><?cs /if ?>
<details class="catrow"<?cs if:Page.Form.field_id == f.id ?> open<?cs /if ?>>
  <summary><strong><?cs var:f.label_en ?></strong> / <span lang="es"><?cs var:f.label_es ?></span> <span class="meta">(<?cs var:T.tcfg.types[f.type] ?><?cs if:f.required == "1" ?> · <?cs var:T.tcfg.required_short ?><?cs /if ?> · <?cs var:f.answers ?> <?cs var:T.tcfg.answers ?>)</span></summary>
  <?cs call:field_form(f, "/admin/tickets/categories/" + Page.C.id + "/fields/" + f.id, T.admin.save) ?>
  <div class="actions">
    <form method="post" action="/admin/tickets/categories/<?cs var:Page.C.id ?>/fields/<?cs var:f.id ?>/move" class="inline">
      <?cs call:csrf() ?>
      <?cs if:!first(f) ?><button type="submit" name="dir" value="up" class="secondary"><?cs var:T.tcfg.move_up ?></button><?cs /if ?>
      <?cs if:!last(f) ?><button type="submit" name="dir" value="down" class="secondary"><?cs var:T.tcfg.move_down ?></button><?cs /if ?>
    </form>
    <form method="post" action="/admin/tickets/categories/<?cs var:Page.C.id ?>/fields/<?cs var:f.id ?>/delete" class="inline">
      <?cs call:csrf() ?>
      <button type="submit" class="secondary"><?cs var:T.tcfg.field_remove ?></button>
      <span class="hint"><?cs if:f.answers != "0" ?><?cs var:T.tcfg.remove_keeps ?><?cs else ?><?cs var:T.tcfg.remove_deletes ?><?cs /if ?></span>
    </form>
  </div>
</details>
<?cs /each ?>
<section class="panel" aria-labelledby="new-field-h">
<h3 id="new-field-h"><?cs var:T.tcfg.field_new ?></h3>
<?cs set:NewF.id = "new" ?><?cs set:NewF.type = "text" ?><?cs if:Page.Form.field_id == "0" ?><?cs set:NewF.id = "0" ?><?cs set:NewF.label_en = Page.Form.label_en ?><?cs set:NewF.label_es = Page.Form.label_es ?><?cs set:NewF.type = Page.Form.type ?><?cs set:NewF.choices = Page.Form.choices ?><?cs set:NewF.required = Page.Form.required ?><?cs /if ?>
<?cs call:field_form(NewF, "/admin/tickets/categories/" + Page.C.id + "/fields", T.tcfg.field_add) ?>
</section>
</section>
<?cs /def ?>
<?cs set:Types.0 = "text" ?><?cs set:Types.1 = "number" ?><?cs set:Types.2 = "choice" ?><?cs set:Types.3 = "date" ?><?cs set:Types.4 = "checkbox" ?>
<?cs include:"layout.cs" ?>
