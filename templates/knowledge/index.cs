<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.kb.title ?></h1>
<p class="lead"><?cs var:T.kb.lead ?></p>
<?cs call:searchbar(Page.Query) ?>
<p class="empty"><?cs var:T.kb.empty ?></p>

<p><a class="button" href="/tickets/new"><?cs var:T.nav.report ?></a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
