<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="narrow centered">
<div class="panel">
<h1><?cs var:T.logout.title ?></h1>
<p><?cs var:T.logout.confirm ?></p>
<form method="post" action="/logout" class="actions"><?cs call:csrf() ?><button type="submit"><?cs var:T.logout.submit ?></button><a class="button secondary" href="/"><?cs var:T.logout.stay ?></a></form>
</div>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
