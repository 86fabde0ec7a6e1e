<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.community.title ?></h1>
<p class="lead"><?cs var:T.community.lead ?></p>
<div class="empty-state">
<p><?cs var:T.community.empty ?></p>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
