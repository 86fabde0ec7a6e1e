<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.admin.title ?></h1>
<ul class="stats">
  <li><strong><?cs var:Page.Stats.users ?></strong> <?cs var:T.admin.stats_users ?></li>
  <li><strong><?cs var:Page.Stats.active ?></strong> <?cs var:T.admin.stats_active ?></li>
  <li><strong><?cs var:Page.Stats.groups_count ?></strong> <?cs var:T.admin.stats_groups ?></li>
  <li><strong><?cs var:Page.Stats.sessions ?></strong> <?cs var:T.admin.stats_sessions ?></li>
  <li><strong><?cs var:Page.Stats.outbox ?></strong> <?cs var:T.admin.stats_outbox ?></li>
</ul>
<ul class="cards">
  <li><a class="card" href="/admin/users"><strong><?cs var:T.admin.users ?></strong></a></li>
  <li><a class="card" href="/admin/groups"><strong><?cs var:T.admin.groups ?></strong></a></li>
  <li><a class="card" href="/admin/audit"><strong><?cs var:T.admin.audit ?></strong></a></li>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
