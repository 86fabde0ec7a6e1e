<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<div class="narrow">
<h1><?cs var:T.logout.title ?></h1>
<p><?cs var:T.logout.confirm ?></p>
<form method="post" action="/logout"><?cs call:csrf() ?><button type="submit"><?cs var:T.logout.submit ?></button></form>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
