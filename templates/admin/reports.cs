<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><a href="/admin/"><?cs var:T.admin.title ?></a></nav>
<h1><?cs var:T.reports.title ?></h1>
<form method="get" action="/admin/reports" class="filters">
  <div class="field">
    <label for="days"><?cs var:T.reports.period ?></label>
    <select id="days" name="days"><?cs each:d = Periods ?><option value="<?cs var:d ?>"<?cs if:d == Page.Days ?> selected<?cs /if ?>><?cs var:d ?> <?cs var:T.reports.days ?></option><?cs /each ?></select>
  </div>
  <button type="submit" class="secondary"><?cs var:T.admin.filter ?></button>
</form>
<ul class="stats">
  <li><strong><?cs var:Page.Search.searches ?></strong> <?cs var:T.reports.searches ?></li>
  <li><strong><?cs var:Page.Search.found ?></strong> <?cs var:T.reports.found ?></li>
  <li><strong><?cs var:Page.Search.clicked ?></strong> <?cs var:T.reports.clicked ?></li>
  <li><strong><?cs var:Page.Search.ticket_after ?></strong> <?cs var:T.reports.ticket_after ?></li>
  <li><strong><?cs var:Page.Deflection.avoided ?></strong> <?cs var:T.reports.avoided ?> (<?cs var:Page.Deflection.opened ?> <?cs var:T.reports.opened ?>)</li>
  <li><strong><?cs var:Page.Tickets.tickets ?></strong> <?cs var:T.reports.tickets ?></li>
  <li><strong><?cs var:Page.Tickets.solved ?></strong> <?cs var:T.reports.solved ?></li>
  <li><strong><?cs if:Page.Tickets.rating ?><?cs var:Page.Tickets.rating ?>/5<?cs else ?>—<?cs /if ?></strong> <?cs var:T.reports.rating ?> (<?cs var:Page.Tickets.rated ?>)</li>
  <li><strong><?cs if:Page.Tickets.first_response_hours ?><?cs var:Page.Tickets.first_response_hours ?> h<?cs else ?>—<?cs /if ?></strong> <?cs var:T.reports.first_response ?></li>
</ul>
<div class="columns">
<section aria-labelledby="ch-h"><h2 id="ch-h" class="section-title"><?cs var:T.reports.channels ?></h2>
<?cs if:subcount(Page.Channels) > 0 ?><ul class="plain"><?cs each:c = Page.Channels ?><li><?cs var:T.reports.channel[c.channel] ?>: <strong><?cs var:c.n ?></strong></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
</section>
<section aria-labelledby="nr-h"><h2 id="nr-h" class="section-title"><?cs var:T.kbe.no_results ?></h2>
<?cs if:subcount(Page.NoResults) > 0 ?><ul class="plain"><?cs each:g = Page.NoResults ?><li><?cs var:g.query ?> <span class="meta">× <?cs var:g.n ?></span></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
</section>
<section aria-labelledby="uh-h"><h2 id="uh-h" class="section-title"><?cs var:T.reports.unhelpful ?></h2>
<?cs if:subcount(Page.Unhelpful) > 0 ?><ul class="plain"><?cs each:a = Page.Unhelpful ?><li><a href="/kb/edit/a/<?cs var:a.id ?>"><?cs var:a.title ?></a> <span class="meta"><?cs var:a.helpful_yes ?> / <?cs var:a.helpful_no ?></span></li><?cs /each ?></ul><?cs else ?><p class="empty"><?cs var:T.kbe.nothing ?></p><?cs /if ?>
</section>
</div>
<?cs /def ?>
<?cs set:Periods.0 = "7" ?><?cs set:Periods.1 = "30" ?><?cs set:Periods.2 = "90" ?><?cs set:Periods.3 = "365" ?>
<?cs include:"layout.cs" ?>
