<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.kb.breadcrumb ?>"><a href="/kb/edit/"><?cs var:T.kbe.title ?></a> › <a href="/kb/edit/a/<?cs var:Page.A.id ?>"><?cs var:Page.A.title ?></a></nav>
<h1><?cs var:T.kbe.history ?></h1>
<form method="get" action="/kb/edit/a/<?cs var:Page.A.id ?>/compare">
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:T.kbe.history ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.kbe.version ?></th><th scope="col"><?cs var:T.kbe.compare_from ?></th><th scope="col"><?cs var:T.kbe.compare_to ?></th><th scope="col"><?cs var:T.kbe.f_title ?></th><th scope="col"><?cs var:T.kbe.status_label ?></th><th scope="col"><?cs var:T.kbe.editor ?></th><th scope="col"><?cs var:T.admin.at ?></th><th scope="col"><?cs var:T.kbe.f_note ?></th></tr></thead>
  <tbody><?cs each:v = Page.Versions ?><tr>
    <td><a href="/kb/edit/a/<?cs var:Page.A.id ?>/v/<?cs var:v.version ?>"><?cs var:v.version ?></a></td>
    <td><input type="radio" name="from" value="<?cs var:v.version ?>" aria-label="<?cs var:T.kbe.compare_from ?> <?cs var:v.version ?>"<?cs if:name(v) == "1" ?> checked<?cs /if ?>></td>
    <td><input type="radio" name="to" value="<?cs var:v.version ?>" aria-label="<?cs var:T.kbe.compare_to ?> <?cs var:v.version ?>"<?cs if:name(v) == "0" ?> checked<?cs /if ?>></td>
    <td><?cs var:v.title ?></td><td><?cs var:T.kbe.status[v.status] ?></td><td><?cs var:v.editor ?></td><td><?cs var:v.at ?></td><td><?cs var:v.note ?></td></tr><?cs /each ?></tbody>
</table>
</div>
<p><button type="submit"><?cs var:T.kbe.compare ?></button></p>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
