<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.kb.breadcrumb ?>"><a href="/kb/edit/"><?cs var:T.kbe.title ?></a> › <a href="/kb/edit/a/<?cs var:Page.A.id ?>/history"><?cs var:T.kbe.history ?></a></nav>
<h1><?cs var:T.kbe.compare ?>: <?cs var:Page.From ?> → <?cs var:Page.To ?></h1>
<?cs if:Page.FromTitle != Page.ToTitle ?><p><del><?cs var:Page.FromTitle ?></del> → <ins><?cs var:Page.ToTitle ?></ins></p><?cs /if ?>
<p class="meta"><span class="diff-legend add"><?cs var:T.kbe.added ?></span> <span class="diff-legend del"><?cs var:T.kbe.removed ?></span></p>
<pre class="diff"><?cs each:d = Page.Diff ?><?cs if:d.op == "add" ?><ins>+ <?cs var:d.text ?></ins><?cs elif:d.op == "del" ?><del>- <?cs var:d.text ?></del><?cs else ?><span>  <?cs var:d.text ?></span><?cs /if ?>
<?cs /each ?></pre>
<?cs /def ?>
<?cs include:"layout.cs" ?>
