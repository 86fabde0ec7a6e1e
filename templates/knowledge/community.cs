<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.community.title ?></h1>
<p class="lead"><?cs var:T.community.lead ?></p>

<p class="empty"><?cs var:T.community.empty ?></p>


<?cs /def ?>
<?cs include:"layout.cs" ?>
