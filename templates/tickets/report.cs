<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.tickets.new_title ?></h1>
<p class="lead"><?cs var:T.tickets.new_lead ?></p>
<?cs call:notices() ?>
<?cs include:"tickets/_behalf.cs" ?>
<form method="post" action="/tickets/new" enctype="multipart/form-data" class="stack wide report">
  <?cs call:csrf() ?>
  <?cs if:Page.Behalf.id ?><input type="hidden" name="for" value="<?cs var:Page.Behalf.id ?>"><?cs /if ?>
  <label for="subject"><?cs var:T.tickets.subject ?></label>
  <input id="subject" name="subject" required maxlength="200" value="<?cs var:Page.Form.subject ?>" aria-describedby="subject-hint" data-suggest="/kb/suggest"<?cs call:invalid("subject") ?>>
  <span class="hint" id="subject-hint"><?cs var:T.tickets.subject_hint ?></span>
  <?cs call:field_error("subject") ?>
  <label for="category"><?cs var:T.tickets.category ?></label>
  <select id="category" name="category" required<?cs call:invalid("category") ?>>
    <option value=""><?cs var:T.tickets.choose ?></option>
    <?cs each:c = Page.Categories ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Page.Form.category ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
  </select>
  <?cs call:field_error("category") ?>
<?cs if:Page.Step == "1" ?>
  <input type="hidden" name="step" value="1">
  <button type="submit"><?cs var:T.tickets.continue ?></button>
<?cs else ?>
  <input type="hidden" name="step" value="2">
  <?cs if:subcount(Page.Suggest) > 0 ?>
  <section class="deflect" aria-labelledby="maybe-h">
    <h2 id="maybe-h" class="section-title"><?cs var:T.tickets.maybe ?></h2>
    <ul class="links"><?cs each:s = Page.Suggest ?><li><a href="<?cs var:s.url ?>"><?cs var:s.title ?></a><p class="meta"><?cs var:s.summary ?></p></li><?cs /each ?></ul>
  </section>
  <?cs /if ?>
  <label for="body"><?cs var:T.tickets.body ?></label>
  <textarea id="body" name="body" rows="7" required maxlength="20000"<?cs call:invalid("body") ?>><?cs var:Page.Form.body ?></textarea>
  <?cs call:field_error("body") ?>
  <?cs each:f = Page.Fields ?>
    <?cs set:fname = "field_" + f.id ?>
    <?cs if:f.type == "checkbox" ?>
    <label class="check"><input type="checkbox" name="field_<?cs var:f.id ?>" value="yes"<?cs if:f.value ?> checked<?cs /if ?>> <?cs var:f.label ?></label>
    <?cs else ?>
    <label for="field_<?cs var:f.id ?>"><?cs var:f.label ?><?cs if:f.required == "1" ?> *<?cs /if ?></label>
    <?cs if:f.type == "choice" ?>
    <select id="field_<?cs var:f.id ?>" name="field_<?cs var:f.id ?>"<?cs if:f.required == "1" ?> required<?cs /if ?><?cs call:invalid(fname) ?>><option value="">—</option><?cs each:o = f.options ?><option<?cs if:o == f.value ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
    <?cs else ?>
    <input id="field_<?cs var:f.id ?>" name="field_<?cs var:f.id ?>" type="<?cs if:f.type == "number" ?>number<?cs elif:f.type == "date" ?>date<?cs else ?>text<?cs /if ?>" maxlength="1000" value="<?cs var:f.value ?>"<?cs if:f.required == "1" ?> required<?cs /if ?><?cs call:invalid(fname) ?>>
    <?cs /if ?>
    <?cs /if ?>
    <?cs call:field_error(fname) ?>
  <?cs /each ?>
  <fieldset><legend><?cs var:T.tickets.impact ?></legend>
    <?cs each:i = Levels ?><label class="check"><input type="radio" name="impact" value="<?cs var:i ?>"<?cs if:Page.Form.impact == i || (!Page.Form.impact && i == "3") ?> checked<?cs /if ?>> <?cs var:T.tickets["impact" + i] ?></label><?cs /each ?>
  </fieldset>
  <fieldset><legend><?cs var:T.tickets.urgency ?></legend>
    <?cs each:i = Levels ?><label class="check"><input type="radio" name="urgency" value="<?cs var:i ?>"<?cs if:Page.Form.urgency == i || (!Page.Form.urgency && i == "3") ?> checked<?cs /if ?>> <?cs var:T.tickets["urgency" + i] ?></label><?cs /each ?>
  </fieldset>
  <label for="files"><?cs var:T.tickets.files ?></label>
  <input id="files" name="files" type="file" multiple accept="image/*,application/pdf,text/plain"<?cs call:invalid("files") ?>>
  <?cs call:field_error("files") ?>
  <button type="submit"><?cs var:T.tickets.submit ?></button>
<?cs /if ?>
</form>
<?cs /def ?>
<?cs set:Levels.0 = "1" ?><?cs set:Levels.1 = "2" ?><?cs set:Levels.2 = "3" ?>
<?cs include:"layout.cs" ?>
