<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.tickets.new_title ?></h1>
<p class="lead"><?cs var:T.tickets.new_lead ?></p>
<?cs call:searchbar("") ?>
<p><?cs var:T.tickets.new_soon ?></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
