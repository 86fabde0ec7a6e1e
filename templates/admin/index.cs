<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.admin.title ?></h1>
<h2 class="visually-hidden"><?cs var:T.admin.overview ?></h2>
<ul class="stats">
  <li><strong><?cs var:Page.Stats.users ?></strong> <?cs var:T.admin.stats_users ?></li>
  <li><strong><?cs var:Page.Stats.active ?></strong> <?cs var:T.admin.stats_active ?></li>
  <li><strong><?cs var:Page.Stats.groups_count ?></strong> <?cs var:T.admin.stats_groups ?></li>
  <li><strong><?cs var:Page.Stats.sessions ?></strong> <?cs var:T.admin.stats_sessions ?></li>
  <li><strong><?cs var:Page.Stats.outbox ?></strong> <?cs var:T.admin.stats_outbox ?></li>
</ul>
<h2 class="section-title"><?cs var:T.admin.manage ?></h2>
<ul class="cards">
  <li><a class="card" href="/admin/users"><span class="icon"><?cs call:icon("users") ?></span><strong><?cs var:T.admin.users ?></strong><span class="desc"><?cs var:T.admin.users_text ?></span></a></li>
  <li><a class="card" href="/admin/groups"><span class="icon"><?cs call:icon("teams") ?></span><strong><?cs var:T.admin.groups ?></strong><span class="desc"><?cs var:T.admin.groups_text ?></span></a></li>
  <li><a class="card" href="/admin/kb/categories"><span class="icon"><?cs call:icon("topics") ?></span><strong><?cs var:T.admin.categories ?></strong><span class="desc"><?cs var:T.admin.categories_text ?></span></a></li>
  <li><a class="card" href="/admin/tickets/categories"><span class="icon"><?cs call:icon("report") ?></span><strong><?cs var:T.tcfg.settings ?></strong><span class="desc"><?cs var:T.tcfg.settings_text ?></span></a></li>
  <li><a class="card" href="/admin/sla"><span class="icon"><?cs call:icon("reports") ?></span><strong><?cs var:T.sla.admin.title ?></strong><span class="desc"><?cs var:T.sla.admin.card_text ?></span></a></li>
  <li><a class="card" href="/admin/reports"><span class="icon"><?cs call:icon("reports") ?></span><strong><?cs var:T.reports.title ?></strong><span class="desc"><?cs var:T.admin.reports_text ?></span></a></li>
  <li><a class="card" href="/admin/webhooks"><span class="icon"><?cs call:icon("hooks") ?></span><strong><?cs var:T.webhooks.title ?></strong><span class="desc"><?cs var:T.webhooks.card_text ?></span></a></li>
  <li><a class="card" href="/admin/audit"><span class="icon"><?cs call:icon("audit") ?></span><strong><?cs var:T.admin.audit ?></strong><span class="desc"><?cs var:T.admin.audit_text ?></span></a></li>
  <li><a class="card" href="/admin/mail"><span class="icon"><?cs call:icon("audit") ?></span><strong><?cs var:T.mailin.admin_title ?></strong><span class="desc"><?cs var:T.mailin.admin_text ?></span></a></li>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
