<?cs if:Page.SLA.show ?>
  <h2 class="section-title"><?cs var:T.sla.title ?></h2>
  <dl class="facts sla">
    <?cs if:Page.SLA.first.text ?><dt><?cs var:T.sla.first ?></dt><dd class="sla-<?cs var:Page.SLA.first.state ?>"><?cs var:Page.SLA.first.text ?><?cs if:Page.SLA.first.exact ?> <small>(<time datetime="<?cs var:Page.SLA.first.utc ?>"><?cs var:Page.SLA.first.exact ?></time>)</small><?cs /if ?></dd><?cs /if ?>
    <?cs if:Page.SLA.resolution.text ?><dt><?cs var:T.sla.resolution ?></dt><dd class="sla-<?cs var:Page.SLA.resolution.state ?>"><?cs var:Page.SLA.resolution.text ?><?cs if:Page.SLA.resolution.exact ?> <small>(<time datetime="<?cs var:Page.SLA.resolution.utc ?>"><?cs var:Page.SLA.resolution.exact ?></time>)</small><?cs /if ?></dd><?cs /if ?>
    <?cs if:Page.SLA.calendar ?><dt><?cs var:T.sla.calendar ?></dt><dd><?cs var:Page.SLA.calendar ?></dd><?cs /if ?>
  </dl>
<?cs /if ?>
