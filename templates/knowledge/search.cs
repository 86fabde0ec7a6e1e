<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.kb.breadcrumb ?>"><a href="/kb/"><?cs var:T.kb.title ?></a></nav>
<h1><?cs var:T.kb.search_title ?></h1>
<form class="search-full" role="search" method="get" action="/kb/search" data-suggest="/kb/suggest">
  <div class="searchbar">
    <label for="kbq" class="visually-hidden"><?cs var:T.kb.search_label ?></label>
    <input id="kbq" name="q" type="search" value="<?cs var:Page.Query ?>" maxlength="200" autocomplete="off" placeholder="<?cs var:T.nav.search_placeholder ?>">
    <button type="submit"><?cs var:T.nav.search_button ?></button>
  </div>
  <details class="filters-box"<?cs if:Page.Filter.category || Page.Filter.type || Page.Filter.language ?> open<?cs /if ?>>
    <summary><?cs var:T.kb.filter ?></summary>
    <div class="filters">
      <div class="field">
        <label for="f-cat"><?cs var:T.kb.filter_topic ?></label>
        <select id="f-cat" name="category"><option value=""><?cs var:T.kb.any ?></option><?cs each:c = Page.Categories ?><option value="<?cs var:c.slug ?>"<?cs if:c.slug == Page.Filter.category ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select>
      </div>
      <div class="field">
        <label for="f-type"><?cs var:T.kb.filter_type ?></label>
        <select id="f-type" name="type"><option value=""><?cs var:T.kb.any ?></option><?cs each:t = Types ?><option value="<?cs var:t ?>"<?cs if:t == Page.Filter.type ?> selected<?cs /if ?>><?cs var:T.kb.type[t] ?></option><?cs /each ?></select>
      </div>
      <div class="field">
        <label for="f-lang"><?cs var:T.kb.filter_language ?></label>
        <select id="f-lang" name="language"><option value=""><?cs var:T.kb.any ?></option><option value="en" lang="en"<?cs if:Page.Filter.language == "en" ?> selected<?cs /if ?>>English</option><option value="es" lang="es"<?cs if:Page.Filter.language == "es" ?> selected<?cs /if ?>>Español</option></select>
      </div>
      <button type="submit" class="secondary"><?cs var:T.kb.filter ?></button>
    </div>
  </details>
</form>
<?cs if:Page.Query ?>
<?cs if:Page.Corrected ?>
<p class="notice info"><?cs var:T.kb.showing_for ?> <a href="/kb/search?q=<?cs var:url_escape(Page.Corrected) ?>"><strong><?cs var:Page.Corrected ?></strong></a>. <?cs var:T.kb.instead ?> <a href="/kb/search?exact=1&amp;q=<?cs var:url_escape(Page.Query) ?>"><?cs var:Page.Query ?></a>.</p>
<?cs /if ?>
<?cs if:Page.Total > 0 ?>
<p class="meta" role="status"><?cs if:Page.Total == 1 ?><?cs var:T.kb.one_result ?><?cs else ?><?cs var:Page.Total ?> <?cs var:T.kb.results ?><?cs /if ?></p>
<ol class="results">
<?cs each:h = Page.Results ?>
  <li><h2 class="result-title"><a href="<?cs var:h.url ?>"<?cs if:h.language != Lang ?> lang="<?cs var:h.language ?>"<?cs /if ?>><?cs var:h.title ?></a></h2>
  <p class="meta"><?cs var:T.kb.type[h.type] ?><?cs if:h.category ?> · <?cs var:h.category ?><?cs /if ?><?cs if:h.language != Lang ?> · <?cs var:T.kb["lang_" + h.language] ?><?cs /if ?></p>
  <p class="snippet"<?cs if:h.language != Lang ?> lang="<?cs var:h.language ?>"<?cs /if ?>><?cs uvar:h.snippet ?></p></li>
<?cs /each ?>
</ol>
<?cs call:pager("/kb/search?q=" + url_escape(Page.Query) + "&category=" + url_escape(Page.Filter.category) + "&type=" + url_escape(Page.Filter.type) + "&language=" + url_escape(Page.Filter.language) + "&") ?>
<?cs else ?>
<p class="empty" role="status"><?cs var:T.kb.no_results ?></p>
<?cs /if ?>
<p><a class="button" href="/tickets/new"><?cs var:T.nav.report ?></a></p>
<?cs /if ?>
<?cs /def ?>
<?cs set:Types.0 = "howto" ?><?cs set:Types.1 = "troubleshooting" ?><?cs set:Types.2 = "faq" ?><?cs set:Types.3 = "reference" ?>
<?cs include:"layout.cs" ?>
