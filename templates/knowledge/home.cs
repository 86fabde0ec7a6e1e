<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.kb.title ?></h1>
<p class="lead"><?cs var:T.kb.lead ?></p>
<?cs include:"knowledge/_kbsearch.cs" ?>
<?cs if:subcount(Page.Categories) > 0 ?>
<section aria-labelledby="cats-h">
  <h2 id="cats-h" class="section-title"><?cs var:T.kb.categories ?></h2>
  <ul class="cards topics">
  <?cs each:c = Page.Categories ?>
    <li><a class="card" href="/kb/c/<?cs var:c.slug ?>"><strong><?cs var:c.name ?></strong><span class="desc"><?cs var:c.description ?></span><span class="count"><?cs var:c.articles ?> <?cs var:T.kb.articles_count ?></span></a></li>
  <?cs /each ?>
  </ul>
</section>
<div class="columns">
  <section aria-labelledby="pop-h">
    <h2 id="pop-h" class="section-title"><?cs var:T.kb.popular ?></h2>
    <ul class="links"><?cs each:a = Page.Popular ?><li><a href="/kb/a/<?cs var:a.id ?>-<?cs var:a.slug ?>"<?cs if:a.language != Lang ?> lang="<?cs var:a.language ?>"<?cs /if ?>><?cs var:a.title ?></a></li><?cs /each ?></ul>
  </section>
  <section aria-labelledby="new-h">
    <h2 id="new-h" class="section-title"><?cs var:T.kb.recent ?></h2>
    <ul class="links"><?cs each:a = Page.Recent ?><li><a href="/kb/a/<?cs var:a.id ?>-<?cs var:a.slug ?>"<?cs if:a.language != Lang ?> lang="<?cs var:a.language ?>"<?cs /if ?>><?cs var:a.title ?></a> <span class="meta"><?cs var:a.updated ?></span></li><?cs /each ?></ul>
  </section>
</div>
<?cs else ?>
<div class="empty-state">
<p><?cs var:T.kb.empty ?></p>
<p><a class="button" href="/tickets/new"><?cs var:T.nav.report ?></a></p>
</div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
