<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.sla.admin.title ?></h1>
<?cs call:notices() ?>
<?cs if:Page.Recompute.text ?><p class="notice info" role="status" id="recompute"><?cs var:Page.Recompute.text ?> <?cs var:T.sla.admin.recompute_done_a ?> <?cs var:Page.Recompute.done ?><?cs var:T.sla.admin.recompute_done_b ?></p><?cs /if ?>
<section class="panel" aria-labelledby="pol-h">
<h2 id="pol-h"><?cs var:T.sla.admin.policies ?></h2>
<p class="hint"><?cs var:T.sla.admin.policies_help ?></p>
<form method="post" action="/admin/sla/policies" class="stack">
  <?cs call:csrf() ?>
  <?cs each:p = Page.Policies ?>
  <fieldset>
    <legend><?cs var:T.tickets.prio[p.priority] ?></legend>
    <label for="calendar_<?cs var:p.priority ?>"><?cs var:T.sla.calendar ?></label>
    <select id="calendar_<?cs var:p.priority ?>" name="calendar_<?cs var:p.priority ?>"<?cs call:invalid("calendar_" + p.priority) ?>><?cs each:c = Page.Calendars ?><option value="<?cs var:c.id ?>"<?cs if:c.id == p.calendar_id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select>
    <?cs call:field_error("calendar_" + p.priority) ?>
    <label for="first_<?cs var:p.priority ?>"><?cs var:T.sla.admin.first_minutes ?></label>
    <input id="first_<?cs var:p.priority ?>" name="first_<?cs var:p.priority ?>" inputmode="numeric" maxlength="10" required value="<?cs var:p.first_response_minutes ?>"<?cs call:invalid("first_" + p.priority) ?>>
    <?cs call:field_error("first_" + p.priority) ?>
    <label for="resolution_<?cs var:p.priority ?>"><?cs var:T.sla.admin.resolution_minutes ?></label>
    <input id="resolution_<?cs var:p.priority ?>" name="resolution_<?cs var:p.priority ?>" inputmode="numeric" maxlength="10" required value="<?cs var:p.resolution_minutes ?>"<?cs call:invalid("resolution_" + p.priority) ?>>
    <?cs call:field_error("resolution_" + p.priority) ?>
  </fieldset>
  <?cs /each ?>
  <button type="submit"><?cs var:T.sla.admin.save_policies ?></button>
</form>
</section>
<section class="panel" aria-labelledby="cal-h">
<h2 id="cal-h"><?cs var:T.sla.admin.calendars ?></h2>
<ul class="plain">
<?cs each:c = Page.Calendars ?><li><a href="/admin/sla/calendars/<?cs var:c.id ?>"><?cs var:c.name ?></a> — <?cs if:c.always == "1" ?><?cs var:T.sla.admin.always_short ?><?cs else ?><?cs var:c.time_zone ?><?cs /if ?></li><?cs /each ?>
</ul>
<h3><?cs var:T.sla.admin.new_calendar ?></h3>
<form method="post" action="/admin/sla/calendars" class="stack">
  <?cs call:csrf() ?>
  <?cs include:"admin/_sla_calendar_fields.cs" ?>
  <button type="submit"><?cs var:T.sla.admin.create_calendar ?></button>
</form>
</section>
<section class="panel" aria-labelledby="rules-h" id="rules">
<h2 id="rules-h"><?cs var:T.sla.admin.rules ?></h2>
<p class="hint"><?cs var:T.sla.admin.rules_help ?></p>
<?cs if:subcount(Page.Rules) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.sla.admin.rules ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.sla.admin.rule_name ?></th><th scope="col"><?cs var:T.sla.admin.event ?></th><th scope="col"><?cs var:T.sla.admin.enabled ?></th><th scope="col"><?cs var:T.sla.admin.actions ?></th></tr></thead>
  <tbody>
  <?cs each:x = Page.Rules ?><tr><td><a href="/admin/sla/rules/<?cs var:x.id ?>"><?cs var:x.name ?></a></td><td data-label="<?cs var:T.sla.admin.event ?>"><?cs var:T.sla.admin["event_" + x.event] ?><?cs if:x.event != "created" && x.minutes_before > 0 ?> (−<?cs var:x.minutes_before ?> <?cs var:T.sla.unit_min ?>)<?cs /if ?></td><td data-label="<?cs var:T.sla.admin.enabled ?>"><?cs if:x.enabled == "1" ?><?cs var:T.sla.admin.enabled ?><?cs else ?><?cs var:T.sla.admin.disabled ?><?cs /if ?></td><td>
    <form method="post" action="/admin/sla/rules/<?cs var:x.id ?>/action" class="inline"><?cs call:csrf() ?>
      <?cs if:x.enabled == "1" ?><button type="submit" name="do" value="disable" class="secondary"><?cs var:T.sla.admin.disable ?></button><?cs else ?><button type="submit" name="do" value="enable" class="secondary"><?cs var:T.sla.admin.enable ?></button><?cs /if ?>
      <button type="submit" name="do" value="up" class="secondary" aria-label="<?cs var:T.sla.admin.up ?>: <?cs var:x.name ?>">↑</button>
      <button type="submit" name="do" value="down" class="secondary" aria-label="<?cs var:T.sla.admin.down ?>: <?cs var:x.name ?>">↓</button>
      <button type="submit" name="do" value="delete" class="secondary"><?cs var:T.sla.admin.delete ?></button>
    </form></td></tr><?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?><p class="empty"><?cs var:T.sla.admin.no_rules ?></p><?cs /if ?>
<p><a class="button" href="/admin/sla/rules/new"><?cs var:T.sla.admin.new_rule ?></a></p>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
