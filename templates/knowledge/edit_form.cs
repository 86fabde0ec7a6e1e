<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs if:Page.A.id > 0 ?><?cs var:T.kbe.edit ?><?cs else ?><?cs var:T.kbe.new ?><?cs /if ?></h1>
<?cs include:"knowledge/_editnav.cs" ?>
<?cs call:notices() ?>
<?cs if:Page.A.id > 0 ?>
<p class="meta"><?cs var:T.kbe.status_label ?>: <strong><?cs var:T.kbe.status[Page.A.status] ?></strong> · <?cs var:T.kbe.version ?> <?cs var:Page.A.version ?> · <?cs var:Page.A.updated ?> ·
  <a href="/kb/edit/a/<?cs var:Page.A.id ?>/history"><?cs var:T.kbe.history ?></a><?cs if:Page.A.status == "published" ?> · <a href="/kb/a/<?cs var:Page.A.id ?>-<?cs var:Page.A.slug ?>"><?cs var:T.kbe.view ?></a><?cs /if ?>
  <?cs if:Page.A.translation_of == "0" ?> · <a href="/kb/edit/new?translation_of=<?cs var:Page.A.id ?>"><?cs var:T.kbe.translate ?></a><?cs /if ?></p>
<?cs /if ?>
<?cs if:Page.Preview ?>
<section class="preview" aria-labelledby="prev-h"><h2 id="prev-h" class="section-title"><?cs var:T.kbe.preview ?></h2><div class="prose"><?cs uvar:Page.Preview ?></div></section>
<?cs /if ?>
<form method="post" action="<?cs if:Page.A.id > 0 ?>/kb/edit/a/<?cs var:Page.A.id ?><?cs else ?>/kb/edit/new<?cs /if ?>" enctype="multipart/form-data" class="stack wide">
  <?cs call:csrf() ?>
  <label for="title"><?cs var:T.kbe.f_title ?></label>
  <input id="title" name="title" required maxlength="200" value="<?cs var:Page.A.title ?>"<?cs call:invalid("title") ?>>
  <?cs call:field_error("title") ?>
  <label for="body"><?cs var:T.kbe.f_body ?></label>
  <textarea id="body" name="body" rows="18" required aria-describedby="body-hint"<?cs call:invalid("body") ?>><?cs var:Page.A.body_md ?></textarea>
  <span class="hint" id="body-hint"><?cs var:T.kbe.body_hint ?></span>
  <?cs call:field_error("body") ?>
  <div class="grid2">
    <div class="stack">
      <label for="category_id"><?cs var:T.kb.filter_topic ?></label>
      <select id="category_id" name="category_id"><option value="0">—</option><?cs each:c = Page.Categories ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Page.A.category_id ?> selected<?cs /if ?>><?cs if:c.parent ?>— <?cs /if ?><?cs var:c.name ?></option><?cs /each ?></select>
      <label for="type"><?cs var:T.kb.filter_type ?></label>
      <select id="type" name="type"><?cs each:t = Types ?><option value="<?cs var:t ?>"<?cs if:t == Page.A.type ?> selected<?cs /if ?>><?cs var:T.kb.type[t] ?></option><?cs /each ?></select>
      <label for="language"><?cs var:T.kb.filter_language ?></label>
      <select id="language" name="language"><option value="en" lang="en"<?cs if:Page.A.language == "en" ?> selected<?cs /if ?>>English</option><option value="es" lang="es"<?cs if:Page.A.language == "es" ?> selected<?cs /if ?>>Español</option></select>
      <label for="translation_of"><?cs var:T.kbe.f_translation_of ?></label>
      <select id="translation_of" name="translation_of"><option value="0"><?cs var:T.kbe.original ?></option><?cs each:s = Page.Sources ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Page.A.translation_of ?> selected<?cs /if ?>><?cs var:s.title ?> (<?cs var:s.language ?>)</option><?cs /each ?></select>
      <label for="visibility"><?cs var:T.kbe.f_visibility ?></label>
      <select id="visibility" name="visibility"><?cs each:v = Vis ?><option value="<?cs var:v ?>"<?cs if:v == Page.A.visibility ?> selected<?cs /if ?>><?cs var:T.kbe.vis[v] ?></option><?cs /each ?></select>
    </div>
    <div class="stack">
      <label for="tags"><?cs var:T.kbe.f_tags ?></label>
      <input id="tags" name="tags" maxlength="500" value="<?cs var:Page.A.tags ?>">
      <label for="keywords"><?cs var:T.kbe.f_keywords ?></label>
      <input id="keywords" name="keywords" maxlength="1000" value="<?cs var:Page.A.keywords ?>" aria-describedby="kw-hint">
      <span class="hint" id="kw-hint"><?cs var:T.kbe.keywords_hint ?></span>
      <label for="slug"><?cs var:T.kbe.f_slug ?></label>
      <input id="slug" name="slug" maxlength="120" value="<?cs var:Page.A.slug ?>"<?cs call:invalid("slug") ?>>
      <?cs call:field_error("slug") ?>
      <label for="owner_id"><?cs var:T.kbe.f_owner ?></label>
      <select id="owner_id" name="owner_id"><option value="0">—</option><?cs each:o = Page.Owners ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Page.A.owner_id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?></select>
      <label for="review_by"><?cs var:T.kbe.f_review_by ?></label>
      <input id="review_by" name="review_by" type="date" value="<?cs var:Page.A.review_by ?>"<?cs call:invalid("review_by") ?>>
      <?cs call:field_error("review_by") ?>
    </div>
  </div>
  <?cs if:subcount(Page.Groups) > 0 ?>
  <fieldset><legend><?cs var:T.kbe.f_groups ?></legend>
    <?cs each:g = Page.Groups ?><label class="check"><input type="checkbox" name="group" value="<?cs var:g.id ?>"<?cs if:g.member == "1" ?> checked<?cs /if ?>> <?cs var:g.name ?></label><?cs /each ?>
  </fieldset>
  <?cs /if ?>
  <?cs if:subcount(Page.Departments) > 0 ?>
  <fieldset><legend><?cs var:T.kbe.f_departments ?></legend>
    <?cs each:d = Page.Departments ?><label class="check"><input type="checkbox" name="department" value="<?cs var:d.id ?>"<?cs if:d.member == "1" ?> checked<?cs /if ?>> <?cs var:d.name ?></label><?cs /each ?>
  </fieldset>
  <?cs /if ?>
  <label for="file"><?cs var:T.kbe.f_file ?></label>
  <input id="file" name="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain"<?cs call:invalid("file") ?>>
  <?cs call:field_error("file") ?>
  <?cs if:subcount(Page.Files) > 0 ?><ul class="plain files"><?cs each:f = Page.Files ?><li><code><?cs if:string.find(f.content_type, "image/") == 0 ?>![](/kb/files/<?cs var:f.id ?>)<?cs else ?>[<?cs var:f.filename ?>](/kb/files/<?cs var:f.id ?>)<?cs /if ?></code> <span class="meta"><?cs var:f.filename ?></span></li><?cs /each ?></ul><?cs /if ?>
  <label for="note"><?cs var:T.kbe.f_note ?></label>
  <input id="note" name="note" maxlength="300" value="<?cs var:Page.A.note ?>">
  <div class="actions">
    <button type="submit" name="action" value="save"><?cs var:T.kbe.save ?></button>
    <button type="submit" name="action" value="preview" class="secondary"><?cs var:T.kbe.preview ?></button>
    <?cs if:Page.A.status != "review" ?><button type="submit" name="action" value="review" class="secondary"><?cs var:T.kbe.to_review ?></button><?cs /if ?>
    <?cs if:Page.A.status != "published" ?><button type="submit" name="action" value="publish" class="secondary"><?cs var:T.kbe.publish ?></button><?cs /if ?>
    <?cs if:Page.A.id > 0 && Page.A.status != "retired" ?><button type="submit" name="action" value="retire" class="secondary"><?cs var:T.kbe.retire ?></button><?cs /if ?>
  </div>
</form>
<?cs /def ?>
<?cs set:Types.0 = "howto" ?><?cs set:Types.1 = "troubleshooting" ?><?cs set:Types.2 = "faq" ?><?cs set:Types.3 = "reference" ?>
<?cs set:Vis.0 = "public" ?><?cs set:Vis.1 = "users" ?><?cs set:Vis.2 = "internal" ?>
<?cs include:"layout.cs" ?>
