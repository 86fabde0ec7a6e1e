<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<section class="hero" aria-labelledby="hero-h">
  <h1 id="hero-h"><?cs var:T.home.title ?></h1>
  <p class="lead"><?cs var:T.home.lead ?></p>
  <?cs call:searchbar("") ?>
</section>
<h2 class="visually-hidden"><?cs var:T.home.ways ?></h2>
<ul class="cards">
  <li><a class="card" href="/kb/"><span class="icon"><?cs call:icon("find") ?></span><strong><?cs var:T.nav.find ?></strong><span class="desc"><?cs var:T.home.find_text ?></span></a></li>
  <li><a class="card" href="/catalog/"><span class="icon"><?cs call:icon("request") ?></span><strong><?cs var:T.nav.request ?></strong><span class="desc"><?cs var:T.home.request_text ?></span></a></li>
  <li><a class="card" href="/tickets/new"><span class="icon"><?cs call:icon("report") ?></span><strong><?cs var:T.nav.report ?></strong><span class="desc"><?cs var:T.home.report_text ?></span></a></li>
  <li><a class="card" href="/tickets/"><span class="icon"><?cs call:icon("mine") ?></span><strong><?cs var:T.nav.mine ?></strong><span class="desc"><?cs var:T.home.mine_text ?></span></a></li>
</ul>
<section class="news" aria-labelledby="news-h">
  <h2 id="news-h" class="section-title"><?cs var:T.home.news ?></h2>
  <?cs if:subcount(Page.Announcements) > 0 ?>
  <ul class="plain">
  <?cs each:a = Page.Announcements ?>
    <li class="announcement <?cs var:a.level ?>"><h3><?cs var:a.title ?></h3><p><?cs var:a.body ?></p></li>
  <?cs /each ?>
  </ul>
  <?cs else ?>
  <p class="empty"><?cs var:T.home.no_news ?></p>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
