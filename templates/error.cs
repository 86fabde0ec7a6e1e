<?cs include:"macros.cs" ?>
<?cs # A password-reset link that no longer works is a 404 for the program, but
   the person only needs to know the link is spent and how to get a new one. ?>
<?cs if:Error.Status == 404 && string.slice(Path, 0, 16) == "/password-reset/" ?><?cs set:Error.Title = T.reset.expired_title ?><?cs set:ResetLink = 1 ?><?cs /if ?>
<?cs def:content() ?>
<div class="error-page panel">
<h1><?cs var:Error.Title ?></h1>
<p class="lead"><?cs var:Error.Message ?><?cs if:Error.Id ?> <code><?cs var:Error.Id ?></code><?cs /if ?></p>
<?cs if:ResetLink ?>
<p class="actions"><a class="button" href="/password-reset"><?cs var:T.reset.again ?></a><a class="button secondary" href="/"><?cs var:T.error.home ?></a></p>
<?cs else ?>
<?cs if:Error.Status == 404 ?>
<p><?cs var:T.error.search ?></p>
<?cs call:searchbar("") ?>
<?cs /if ?>
<p class="actions">
<?cs if:(Error.Status == 401 || Error.Status == 403) && !User.Id ?><a class="button" href="/login"><?cs var:T.nav.signin ?></a><?cs /if ?>
<a class="button<?cs if:(Error.Status == 401 || Error.Status == 403) && !User.Id ?> secondary<?cs /if ?>" href="/"><?cs var:T.error.home ?></a>
</p>
<?cs /if ?>
</div>
<?cs /def ?>
<?cs set:Page.Title = Error.Title ?>
<?cs include:"layout.cs" ?>
