<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<section class="hero">
  <h1><?cs var:T.home.title ?></h1>
  <p class="lead"><?cs var:T.home.lead ?></p>
  <?cs call:searchbar("") ?>
</section>
<ul class="cards">
  <li><a class="card" href="/kb/"><strong><?cs var:T.nav.find ?></strong><span><?cs var:T.home.find_text ?></span></a></li>
  <li><a class="card" href="/catalog/"><strong><?cs var:T.nav.request ?></strong><span><?cs var:T.home.request_text ?></span></a></li>
  <li><a class="card" href="/tickets/new"><strong><?cs var:T.nav.report ?></strong><span><?cs var:T.home.report_text ?></span></a></li>
  <li><a class="card" href="/tickets/"><strong><?cs var:T.nav.mine ?></strong><span><?cs var:T.home.mine_text ?></span></a></li>
</ul>
<section class="news" aria-labelledby="news-h">
  <h2 id="news-h"><?cs var:T.home.news ?></h2>
  <?cs if:subcount(Page.Announcements) > 0 ?>
  <ul class="plain">
  <?cs each:a = Page.Announcements ?>
    <li class="announcement <?cs var:a.level ?>"><h3><?cs var:a.title ?></h3><p><?cs var:a.body ?></p></li>
  <?cs /each ?>
  </ul>
  <?cs else ?>
  <p><?cs var:T.home.no_news ?></p>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
