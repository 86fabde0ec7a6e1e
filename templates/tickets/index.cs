<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.tickets.title ?></h1>
<p class="lead"><?cs var:T.tickets.lead ?></p>

<p class="empty"><?cs var:T.tickets.empty ?></p>
<p><a class="button" href="/tickets/new"><?cs var:T.tickets.new ?></a></p>

<?cs /def ?>
<?cs include:"layout.cs" ?>
