<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.kbe.title ?></h1>
<?cs include:"knowledge/_editnav.cs" ?>
<div class="columns">
<section aria-labelledby="tasks-h">
  <h2 id="tasks-h" class="section-title"><?cs var:T.kbe.tasks ?></h2>
  <?cs if:subcount(Page.Tasks) > 0 ?><ul class="plain tasks"><?cs each:t = Page.Tasks ?>
    <li><a href="/kb/edit/a/<?cs var:t.article_id ?>"><?cs var:t.title ?></a>
      <p class="meta"><?cs if:t.reason ?><?cs var:T.kb.reason[t.reason] ?><?cs /if ?> · <?cs var:t.created ?><?cs if:t.owner ?> · <?cs var:t.owner ?><?cs /if ?></p>
      <?cs if:t.comment ?><blockquote><?cs var:t.comment ?></blockquote><?cs /if ?>
      <form method="post" action="/kb/edit/tasks/<?cs var:t.id ?>/done" class="inline"><?cs call:csrf() ?><button type="submit" class="secondary small"><?cs var:T.kbe.done ?></button></form></li>
  <?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.no_tasks ?></p><?cs /if ?>
</section>
<section aria-labelledby="work-h">
  <h2 id="work-h" class="section-title"><?cs var:T.kbe.work ?></h2>
  <?cs if:subcount(Page.Work) > 0 ?><ul class="links"><?cs each:a = Page.Work ?><li><a href="/kb/edit/a/<?cs var:a.id ?>"><?cs var:a.title ?></a> <span class="meta"><?cs var:T.kbe.status[a.status] ?> · <?cs var:a.updated ?></span></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
  <h2 class="section-title"><?cs var:T.kbe.due ?></h2>
  <?cs if:subcount(Page.Due) > 0 ?><ul class="links"><?cs each:a = Page.Due ?><li><a href="/kb/edit/a/<?cs var:a.id ?>"><?cs var:a.title ?></a> <span class="meta"><?cs var:a.review_by ?></span></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
  <h2 class="section-title"><?cs var:T.kbe.outdated ?></h2>
  <?cs if:subcount(Page.Outdated) > 0 ?><ul class="links"><?cs each:a = Page.Outdated ?><li><a href="/kb/edit/a/<?cs var:a.id ?>"><?cs var:a.title ?></a> <span class="meta">← <?cs var:a.source_title ?></span></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
</section>
</div>
<div class="columns">
<section aria-labelledby="gap-h">
  <h2 id="gap-h" class="section-title"><?cs var:T.kbe.no_results ?></h2>
  <?cs if:subcount(Page.NoResults) > 0 ?><ul class="plain gaps"><?cs each:g = Page.NoResults ?><li><strong><?cs var:g.query ?></strong> <span class="meta">× <?cs var:g.n ?></span> — <a href="/kb/edit/new?title=<?cs var:url_escape(g.query) ?>"><?cs var:T.kbe.write ?></a></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
</section>
<section aria-labelledby="tick-h">
  <h2 id="tick-h" class="section-title"><?cs var:T.kbe.ticket_after ?></h2>
  <?cs if:subcount(Page.TicketAfter) > 0 ?><ul class="plain gaps"><?cs each:g = Page.TicketAfter ?><li><strong><?cs var:g.query ?></strong> <span class="meta">× <?cs var:g.n ?></span> — <a href="/kb/edit/new?title=<?cs var:url_escape(g.query) ?>"><?cs var:T.kbe.write ?></a></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
</section>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
