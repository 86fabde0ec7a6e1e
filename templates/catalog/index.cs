<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.catalog.title ?></h1>
<p class="lead"><?cs var:T.catalog.lead ?></p>
<div class="empty-state">
<p><?cs var:T.catalog.empty ?></p>
<p><a class="button" href="/tickets/new"><?cs var:T.nav.report ?></a></p>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
