<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.kb.breadcrumb ?>"><a href="/kb/"><?cs var:T.kb.title ?></a><?cs
  if:Page.Article.parent_slug ?> › <a href="/kb/c/<?cs var:Page.Article.parent_slug ?>"><?cs var:Page.Article.parent_name ?></a><?cs /if ?><?cs
  if:Page.Article.category_slug ?> › <a href="/kb/c/<?cs var:Page.Article.category_slug ?>"><?cs var:Page.Article.category_name ?></a><?cs /if ?></nav>
<article class="kb-article"<?cs if:Page.Article.language != Lang ?> lang="<?cs var:Page.Article.language ?>"<?cs /if ?>>
  <h1><?cs var:Page.Article.title ?></h1>
  <p class="meta"><?cs var:T.kb.type[Page.Article.type] ?> · <?cs var:T.kb.updated ?> <?cs var:Page.Article.updated ?><?cs if:User.IsEditor || User.IsAdmin ?> · <a href="/kb/edit/a/<?cs var:Page.Article.id ?>"><?cs var:T.kbe.edit_link ?></a><?cs /if ?></p>
  <?cs if:Page.Article.outdated == "1" ?><p class="notice warn" role="note"><?cs var:T.kb.outdated ?></p><?cs /if ?>
  <?cs if:subcount(Page.Translations) > 0 ?><p class="also"><?cs var:T.kb.also_in ?>: <?cs each:t = Page.Translations ?><a href="/kb/a/<?cs var:t.id ?>-<?cs var:t.slug ?>" hreflang="<?cs var:t.language ?>" lang="<?cs var:t.language ?>"><?cs var:t.title ?></a><?cs if:!last(t) ?>, <?cs /if ?><?cs /each ?></p><?cs /if ?>
  <div class="prose"><?cs uvar:Page.Article.body_html ?></div>
</article>
<section id="feedback" class="feedback" aria-labelledby="fb-h">
<?cs if:Page.Thanks ?>
  <h2 id="fb-h" class="visually-hidden"><?cs var:T.kb.helpful_q ?></h2>
  <p class="notice ok" role="status"><?cs var:T.kb.thanks ?></p>
<?cs elif:Page.FeedbackId ?>
  <h2 id="fb-h"><?cs var:T.kb.why_q ?></h2>
  <form method="post" action="/kb/a/<?cs var:Page.Article.id ?>-<?cs var:Page.Article.slug ?>/feedback/<?cs var:Page.FeedbackId ?>" class="stack">
    <?cs call:csrf() ?>
    <fieldset>
      <legend class="visually-hidden"><?cs var:T.kb.why_q ?></legend>
      <?cs each:why = Reasons ?><label class="check"><input type="radio" name="reason" value="<?cs var:why ?>"> <?cs var:T.kb.reason[why] ?></label><?cs /each ?>
    </fieldset>
    <label for="comment"><?cs var:T.kb.comment ?></label>
    <textarea id="comment" name="comment" rows="3" maxlength="1000" aria-describedby="why-hint"></textarea>
    <span class="hint" id="why-hint"><?cs var:T.kb.why_hint ?></span>
    <button type="submit"><?cs var:T.kb.send ?></button>
  </form>
<?cs else ?>
  <form method="post" action="/kb/a/<?cs var:Page.Article.id ?>-<?cs var:Page.Article.slug ?>/feedback" class="helpful">
    <?cs call:csrf() ?>
    <h2 id="fb-h"><?cs var:T.kb.helpful_q ?></h2>
    <button type="submit" name="helpful" value="yes"><?cs var:T.kb.yes ?></button>
    <button type="submit" name="helpful" value="no" class="secondary"><?cs var:T.kb.no ?></button>
  </form>
<?cs /if ?>
</section>
<?cs if:subcount(Page.Related) > 0 ?>
<section aria-labelledby="rel-h">
  <h2 id="rel-h" class="section-title"><?cs var:T.kb.related ?></h2>
  <ul class="links"><?cs each:a = Page.Related ?><li><a href="/kb/a/<?cs var:a.id ?>-<?cs var:a.slug ?>"<?cs if:a.language != Lang ?> lang="<?cs var:a.language ?>"<?cs /if ?>><?cs var:a.title ?></a></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<section class="still" aria-labelledby="still-h">
  <h2 id="still-h" class="section-title"><?cs var:T.kb.still_need ?></h2>
  <p><a class="button" href="/tickets/new"><?cs var:T.nav.report ?></a></p>
</section>
<?cs /def ?>
<?cs set:Reasons.0 = "outdated" ?><?cs set:Reasons.1 = "unclear" ?><?cs set:Reasons.2 = "incomplete" ?><?cs set:Reasons.3 = "wrong" ?><?cs set:Reasons.4 = "other" ?>
<?cs include:"layout.cs" ?>
