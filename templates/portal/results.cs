<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.search.title ?></h1>
<?cs call:searchbar(Page.Query) ?>
<?cs if:Page.Query ?>
<?cs if:Page.Corrected ?>
<p class="notice info"><?cs var:T.kb.showing_for ?> <a href="/search?q=<?cs var:url_escape(Page.Corrected) ?>"><strong><?cs var:Page.Corrected ?></strong></a>. <?cs var:T.kb.instead ?> <a href="/search?exact=1&amp;q=<?cs var:url_escape(Page.Query) ?>"><?cs var:Page.Query ?></a>.</p>
<?cs /if ?>
<section aria-labelledby="art-h">
<h2 id="art-h" class="section-title"><?cs var:T.search.articles ?></h2>
<?cs if:subcount(Page.Articles) > 0 ?>
<ol class="results">
<?cs each:h = Page.Articles ?>
  <li><h3 class="result-title"><a href="<?cs var:h.url ?>"<?cs if:h.language != Lang ?> lang="<?cs var:h.language ?>"<?cs /if ?>><?cs var:h.title ?></a></h3>
  <p class="meta"><?cs var:T.kb.type[h.type] ?><?cs if:h.category ?> · <?cs var:h.category ?><?cs /if ?><?cs if:h.language != Lang ?> · <?cs var:T.kb["lang_" + h.language] ?><?cs /if ?></p>
  <p class="snippet"<?cs if:h.language != Lang ?> lang="<?cs var:h.language ?>"<?cs /if ?>><?cs uvar:h.snippet ?></p></li>
<?cs /each ?>
</ol>
<?cs if:Page.Total > subcount(Page.Articles) ?><p><a href="/kb/search?q=<?cs var:url_escape(Page.Query) ?>"><?cs var:T.search.all_articles ?> (<?cs var:Page.Total ?>)</a></p><?cs /if ?>
<?cs else ?>
<p class="empty" role="status"><?cs var:T.kb.no_results ?></p>
<?cs /if ?>
</section>
<?cs if:subcount(Page.Tickets) > 0 ?>
<section aria-labelledby="tk-h">
<h2 id="tk-h" class="section-title"><?cs var:T.nav.mine ?></h2>
<ul class="links"><?cs each:t = Page.Tickets ?><li><a href="/tickets/<?cs var:t.number ?>"><?cs var:t.number ?> <?cs var:t.subject ?></a> <span class="meta"><?cs var:T.tickets.status[t.status] ?></span></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<section class="still" aria-labelledby="still-h">
  <h2 id="still-h" class="section-title"><?cs var:T.kb.still_need ?></h2>
  <p><a class="button" href="/tickets/new"><?cs var:T.nav.report ?></a> <a class="button secondary" href="/catalog/"><?cs var:T.nav.request ?></a></p>
</section>
<?cs else ?>
<p><?cs var:T.search.empty ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
