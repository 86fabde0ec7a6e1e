<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.kbe.all ?></h1>
<?cs include:"knowledge/_editnav.cs" ?>
<form method="get" action="/kb/edit/articles" class="filters">
  <div class="field grow">
    <label for="eq"><?cs var:T.kbe.search ?></label>
    <input id="eq" name="q" type="search" maxlength="100" value="<?cs var:Page.Query ?>">
  </div>
  <div class="field">
    <label for="es"><?cs var:T.kbe.status_label ?></label>
    <select id="es" name="status"><option value=""><?cs var:T.kb.any ?></option><?cs each:s = States ?><option value="<?cs var:s ?>"<?cs if:s == Page.Status ?> selected<?cs /if ?>><?cs var:T.kbe.status[s] ?></option><?cs /each ?></select>
  </div>
  <button type="submit"><?cs var:T.kb.filter ?></button>
</form>
<?cs if:subcount(Page.Articles) > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:T.kbe.all ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.kbe.f_title ?></th><th scope="col"><?cs var:T.kbe.status_label ?></th><th scope="col"><?cs var:T.kb.filter_language ?></th><th scope="col"><?cs var:T.kbe.views ?></th><th scope="col"><?cs var:T.kbe.helpful ?></th><th scope="col"><?cs var:T.kb.updated ?></th></tr></thead>
  <tbody><?cs each:a = Page.Articles ?><tr><td><a href="/kb/edit/a/<?cs var:a.id ?>"><?cs var:a.title ?></a></td><td><?cs var:T.kbe.status[a.status] ?></td><td><?cs var:a.language ?></td><td><?cs var:a.views ?></td><td><?cs var:a.helpful_yes ?> / <?cs var:a.helpful_no ?></td><td><?cs var:a.updated ?></td></tr><?cs /each ?></tbody>
</table>
</div>
<?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
<?cs call:pager("/kb/edit/articles?q=" + url_escape(Page.Query) + "&status=" + url_escape(Page.Status) + "&") ?>
<?cs /def ?>
<?cs set:States.0 = "draft" ?><?cs set:States.1 = "review" ?><?cs set:States.2 = "published" ?><?cs set:States.3 = "retired" ?>
<?cs include:"layout.cs" ?>
