<?cs # _kbsearch.cs - the knowledge base's search form (with suggestions when JavaScript runs). ?>
<form class="searchbar" role="search" method="get" action="/kb/search" data-suggest="/kb/suggest">
  <label for="kbq" class="visually-hidden"><?cs var:T.kb.search_label ?></label>
  <input id="kbq" name="q" type="search" value="<?cs var:Page.Query ?>" maxlength="200" autocomplete="off" placeholder="<?cs var:T.nav.search_placeholder ?>">
  <button type="submit"><?cs var:T.nav.search_button ?></button>
</form>
