<?cs # layout.cs - the chrome around every page. The page defines content() and then includes this file. ?><!DOCTYPE html>
<html lang="<?cs var:Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> · <?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/css/site.css">
<link rel="icon" href="/static/img/icon.svg" type="image/svg+xml">
<script src="/static/js/site.js" defer></script>
<script src="/static/js/suggest.js" defer></script>
</head>
<body>
<a class="skip" href="#main"><?cs var:T.nav.skip ?></a>
<header class="top">
  <div class="wrap top-row">
    <a class="brand" href="/"><?cs var:Site.Name ?></a>
    <div class="tools">
      <form method="post" action="/language" class="inline">
        <?cs call:csrf() ?><input type="hidden" name="next" value="<?cs var:Uri ?>">
        <button type="submit" name="lang" value="<?cs var:OtherLang ?>" class="link lang" lang="<?cs var:OtherLang ?>" title="<?cs var:T.lang.switch_label ?>"><?cs var:T.lang.switch ?></button>
      </form>
      <?cs if:User.Id ?>
      <a href="/account"<?cs if:Path == "/account" ?> aria-current="page"<?cs /if ?>><?cs var:T.nav.account ?></a>
      <form method="post" action="/logout" class="inline">
        <?cs call:csrf() ?><button type="submit" class="link"><?cs var:T.nav.signout ?></button>
      </form>
      <?cs else ?>
      <a href="/login"<?cs if:Path == "/login" ?> aria-current="page"<?cs /if ?>><?cs var:T.nav.signin ?></a>
      <?cs /if ?>
    </div>
  </div>
  <nav class="wrap mainnav" aria-label="<?cs var:T.nav.label ?>">
    <ul>
      <?cs call:navlink("/kb/", T.nav.find, "/kb/edit/") ?>
      <?cs call:navlink("/catalog/", T.nav.request, "") ?>
      <?cs call:navlink("/tickets/", T.nav.mine, "/tickets/queue") ?>
      <?cs if:User.IsAgent ?><?cs call:navlink("/tickets/queue", T.tickets.queue, "") ?><?cs /if ?>
      <?cs if:User.IsEditor ?><?cs call:navlink("/kb/edit/", T.kbe.title, "") ?><?cs /if ?>
      <?cs if:User.IsAdmin ?><?cs call:navlink("/admin/", T.nav.admin, "") ?><?cs /if ?>
    </ul>
  </nav>
</header>
<main id="main" class="wrap">
<?cs call:content() ?>
</main>
<footer class="foot">
  <p class="wrap"><?cs var:T.footer.powered ?><?cs if:Site.Contact ?> · <?cs var:Site.Contact ?><?cs /if ?></p>
</footer>
</body>
</html>
