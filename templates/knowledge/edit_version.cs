<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.kb.breadcrumb ?>"><a href="/kb/edit/"><?cs var:T.kbe.title ?></a> › <a href="/kb/edit/a/<?cs var:Page.V.id ?>/history"><?cs var:T.kbe.history ?></a></nav>
<h1><?cs var:T.kbe.version ?> <?cs var:Page.V.version ?>: <?cs var:Page.V.title ?></h1>
<p class="meta"><?cs var:T.kbe.status[Page.V.status] ?> · <?cs var:Page.V.editor ?> · <?cs var:Page.V.at ?><?cs if:Page.V.note ?> · <?cs var:Page.V.note ?><?cs /if ?></p>
<form method="post" action="/kb/edit/a/<?cs var:Page.V.id ?>/restore"><?cs call:csrf() ?><input type="hidden" name="version" value="<?cs var:Page.V.version ?>"><button type="submit"><?cs var:T.kbe.restore ?></button></form>
<div class="prose"><?cs uvar:Page.V.html ?></div>
<details><summary><?cs var:T.kbe.markdown ?></summary><pre class="source"><?cs var:Page.V.body_md ?></pre></details>
<?cs /def ?>
<?cs include:"layout.cs" ?>
