<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.search.title ?></h1>
<?cs call:searchbar(Page.Query) ?>
<?cs if:Page.Query ?>
<p><?cs var:T.search.results_for ?> <strong><?cs var:Page.Query ?></strong></p>
<p><?cs var:T.search.nothing_yet ?></p>
<ul>
  <li><a href="/kb/"><?cs var:T.nav.find ?></a></li>
  <li><a href="/tickets/new"><?cs var:T.nav.report ?></a></li>
</ul>
<?cs else ?>
<p><?cs var:T.search.empty ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
