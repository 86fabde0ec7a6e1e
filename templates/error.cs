<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Error.Title ?></h1>
<p class="lead"><?cs var:Error.Message ?><?cs if:Error.Id ?> <code><?cs var:Error.Id ?></code><?cs /if ?></p>
<?cs if:Error.Status == 401 || Error.Status == 403 ?><?cs if:!User.Id ?><p><a class="button" href="/login"><?cs var:T.nav.signin ?></a></p><?cs /if ?><?cs /if ?>
<p><a href="/"><?cs var:T.error.home ?></a></p>
<?cs /def ?>
<?cs set:Page.Title = Error.Title ?>
<?cs include:"layout.cs" ?>
