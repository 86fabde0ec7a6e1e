<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.kb.breadcrumb ?>"><a href="/kb/"><?cs var:T.kb.title ?></a><?cs if:Page.Category.parent_slug ?> › <a href="/kb/c/<?cs var:Page.Category.parent_slug ?>"><?cs var:Page.Category.parent_name ?></a><?cs /if ?></nav>
<h1><?cs var:Page.Category.name ?></h1>
<?cs if:Page.Category.description ?><p class="lead"><?cs var:Page.Category.description ?></p><?cs /if ?>
<?cs include:"knowledge/_kbsearch.cs" ?>
<?cs if:subcount(Page.Children) > 0 ?>
<h2 class="section-title"><?cs var:T.kb.subtopics ?></h2>
<ul class="chips"><?cs each:c = Page.Children ?><li><a href="/kb/c/<?cs var:c.slug ?>"><?cs var:c.name ?></a></li><?cs /each ?></ul>
<?cs /if ?>
<?cs if:subcount(Page.Articles) > 0 ?>
<ul class="results">
<?cs each:a = Page.Articles ?>
  <li><h2 class="result-title"><a href="/kb/a/<?cs var:a.id ?>-<?cs var:a.slug ?>"<?cs if:a.language != Lang ?> lang="<?cs var:a.language ?>"<?cs /if ?>><?cs var:a.title ?></a></h2>
  <p class="meta"><?cs var:T.kb.type[a.type] ?> · <?cs var:T.kb.updated ?> <?cs var:a.updated ?></p>
  <p<?cs if:a.language != Lang ?> lang="<?cs var:a.language ?>"<?cs /if ?>><?cs var:a.summary ?></p></li>
<?cs /each ?>
</ul>
<?cs call:pager("/kb/c/" + url_escape(Page.Category.slug) + "?") ?>
<?cs else ?>
<p class="empty"><?cs var:T.kb.no_articles ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
