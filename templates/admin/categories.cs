<?cs include:"macros.cs" ?>
<?cs def:catform(c, action, label) ?>
<form method="post" action="<?cs var:action ?>" class="stack wide">
  <?cs call:csrf() ?>
  <div class="grid2">
    <div class="stack">
      <label for="slug-<?cs var:c.id ?>"><?cs var:T.kbe.f_slug ?></label>
      <input id="slug-<?cs var:c.id ?>" name="slug" required maxlength="80" value="<?cs var:c.slug ?>">
      <label for="en-<?cs var:c.id ?>"><?cs var:T.admin.name ?> (English)</label>
      <input id="en-<?cs var:c.id ?>" name="name_en" required maxlength="120" value="<?cs var:c.name_en ?>" lang="en">
      <label for="es-<?cs var:c.id ?>"><?cs var:T.admin.name ?> (Español)</label>
      <input id="es-<?cs var:c.id ?>" name="name_es" required maxlength="120" value="<?cs var:c.name_es ?>" lang="es">
      <label for="pos-<?cs var:c.id ?>"><?cs var:T.admin.position ?></label>
      <input id="pos-<?cs var:c.id ?>" name="position" type="number" min="-1000" max="1000" value="<?cs var:c.position ?>">
    </div>
    <div class="stack">
      <label for="den-<?cs var:c.id ?>"><?cs var:T.admin.group_description ?> (English)</label>
      <input id="den-<?cs var:c.id ?>" name="description_en" maxlength="500" value="<?cs var:c.description_en ?>" lang="en">
      <label for="des-<?cs var:c.id ?>"><?cs var:T.admin.group_description ?> (Español)</label>
      <input id="des-<?cs var:c.id ?>" name="description_es" maxlength="500" value="<?cs var:c.description_es ?>" lang="es">
      <label for="par-<?cs var:c.id ?>"><?cs var:T.admin.parent ?></label>
      <select id="par-<?cs var:c.id ?>" name="parent_id"><option value="0">—</option><?cs each:p = Page.Categories ?><?cs if:p.parent_id == "0" && p.id != c.id ?><option value="<?cs var:p.id ?>"<?cs if:p.id == c.parent_id ?> selected<?cs /if ?>><?cs var:p.name_en ?></option><?cs /if ?><?cs /each ?></select>
      <label for="vis-<?cs var:c.id ?>"><?cs var:T.kbe.f_visibility ?></label>
      <select id="vis-<?cs var:c.id ?>" name="visibility"><?cs each:v = Vis ?><option value="<?cs var:v ?>"<?cs if:v == c.visibility ?> selected<?cs /if ?>><?cs var:T.kbe.vis[v] ?></option><?cs /each ?></select>
    </div>
  </div>
  <button type="submit"><?cs var:label ?></button>
</form>
<?cs /def ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><a href="/admin/"><?cs var:T.admin.title ?></a></nav>
<h1><?cs var:T.admin.categories ?></h1>
<?cs call:notices() ?>
<?cs each:c = Page.Categories ?>
<details class="catrow"<?cs if:Page.Form.id == c.id ?> open<?cs /if ?>>
  <summary><?cs if:c.parent_id != "0" ?>— <?cs /if ?><strong><?cs var:c.name_en ?></strong> / <span lang="es"><?cs var:c.name_es ?></span> <span class="meta">(<?cs var:c.articles ?> · <?cs var:T.kbe.vis[c.visibility] ?>)</span></summary>
  <?cs call:catform(c, "/admin/kb/categories/" + c.id, T.admin.save) ?>
</details>
<?cs /each ?>
<h2><?cs var:T.admin.category_new ?></h2>
<?cs set:New.id = "new" ?><?cs set:New.slug = Page.Form.slug ?><?cs set:New.name_en = Page.Form.name_en ?><?cs set:New.name_es = Page.Form.name_es ?><?cs set:New.position = "0" ?><?cs set:New.visibility = "public" ?><?cs set:New.parent_id = "0" ?>
<?cs call:catform(New, "/admin/kb/categories", T.admin.create_category) ?>
<?cs /def ?>
<?cs set:Vis.0 = "public" ?><?cs set:Vis.1 = "users" ?><?cs set:Vis.2 = "internal" ?>
<?cs include:"layout.cs" ?>
