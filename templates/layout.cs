<?cs # layout.cs - the chrome around every page. The page defines content() and then includes this file. ?><!DOCTYPE html>
<html lang="<?cs var:Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> · <?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/css/site.css">
<link rel="icon" href="/static/img/icon.svg" type="image/svg+xml">
<script src="/static/js/site.js" defer></script>
</head>
<body>
<a class="skip" href="#main"><?cs var:T.nav.skip ?></a>
<header class="top">
  <div class="wrap top-row">
    <a class="brand" href="/"><?cs var:Site.Name ?></a>
    <div class="tools">
      <form method="post" action="/language" class="inline">
        <?cs call:csrf() ?><input type="hidden" name="next" value="<?cs var:Uri ?>">
        <button type="submit" name="lang" value="<?cs var:OtherLang ?>" class="link" lang="<?cs var:OtherLang ?>" title="<?cs var:T.lang.switch_label ?>"><?cs var:T.lang.switch ?></button>
      </form>
      <?cs if:User.Id ?>
      <a href="/account"><?cs var:T.nav.account ?></a>
      <form method="post" action="/logout" class="inline">
        <?cs call:csrf() ?><button type="submit" class="link"><?cs var:T.nav.signout ?></button>
      </form>
      <?cs else ?>
      <a href="/login"><?cs var:T.nav.signin ?></a>
      <?cs /if ?>
    </div>
  </div>
  <nav class="wrap mainnav" aria-label="<?cs var:T.nav.label ?>">
    <ul>
      <li><a href="/kb/"<?cs if:Program == "knowledge" ?> aria-current="page"<?cs /if ?>><?cs var:T.nav.find ?></a></li>
      <li><a href="/catalog/"<?cs if:Program == "catalog" ?> aria-current="page"<?cs /if ?>><?cs var:T.nav.request ?></a></li>
      <li><a href="/tickets/"<?cs if:Program == "tickets" ?> aria-current="page"<?cs /if ?>><?cs var:T.nav.mine ?></a></li>
      <?cs if:User.IsAdmin ?><li><a href="/admin/"<?cs if:Program == "admin" ?> aria-current="page"<?cs /if ?>><?cs var:T.nav.admin ?></a></li><?cs /if ?>
    </ul>
  </nav>
</header>
<main id="main" class="wrap">
<?cs call:content() ?>
</main>
<footer class="wrap foot">
  <p><?cs var:T.footer.powered ?><?cs if:Site.Contact ?> · <?cs var:Site.Contact ?><?cs /if ?></p>
</footer>
</body>
</html>
