<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/sla#rules"><?cs var:T.sla.admin.title ?></a></li></ol></nav>
<h1><?cs var:Page.Title ?></h1>
<?cs call:notices() ?>
<form method="post" action="<?cs if:Page.RuleId ?>/admin/sla/rules/<?cs var:Page.RuleId ?><?cs else ?>/admin/sla/rules<?cs /if ?>" class="stack panel">
  <?cs call:csrf() ?>
  <label for="name"><?cs var:T.sla.admin.rule_name ?></label>
  <input id="name" name="name" required maxlength="120" value="<?cs var:Page.Form.name ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Page.Form.enabled == "1" ?> checked<?cs /if ?>> <?cs var:T.sla.admin.enabled ?></label>
  <label for="event"><?cs var:T.sla.admin.event ?></label>
  <select id="event" name="event"<?cs call:invalid("event") ?>><?cs each:v = Events ?><option value="<?cs var:v ?>"<?cs if:v == Page.Form.event ?> selected<?cs /if ?>><?cs var:T.sla.admin["event_" + v] ?></option><?cs /each ?></select>
  <?cs call:field_error("event") ?>
  <label for="minutes_before"><?cs var:T.sla.admin.minutes_before ?></label>
  <input id="minutes_before" name="minutes_before" inputmode="numeric" maxlength="6" value="<?cs var:Page.Form.minutes_before ?>"<?cs call:invalid("minutes_before") ?>>
  <?cs call:field_error("minutes_before") ?>
  <fieldset>
    <legend><?cs var:T.sla.admin.conditions ?></legend>
    <label for="min_priority"><?cs var:T.sla.admin.min_priority ?></label>
    <select id="min_priority" name="min_priority"<?cs call:invalid("min_priority") ?>><option value="0"><?cs var:T.sla.admin.any ?></option><?cs each:p = Prios ?><option value="<?cs var:p ?>"<?cs if:p == Page.Form.min_priority ?> selected<?cs /if ?>><?cs var:T.tickets.prio[p] ?></option><?cs /each ?></select>
    <?cs call:field_error("min_priority") ?>
    <label class="check"><input type="checkbox" name="impact_many" value="1"<?cs if:Page.Form.impact_many == "1" ?> checked<?cs /if ?>> <?cs var:T.sla.admin.impact_many ?></label>
    <label for="category"><?cs var:T.sla.admin.category ?></label>
    <select id="category" name="category"<?cs call:invalid("category") ?>><option value="0"><?cs var:T.sla.admin.any ?></option><?cs each:c = Page.Topics ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Page.Form.category_id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select>
    <?cs call:field_error("category") ?>
    <label for="words"><?cs var:T.sla.admin.words ?></label>
    <input id="words" name="words" maxlength="500" value="<?cs var:Page.Form.words ?>" aria-describedby="words-help"<?cs call:invalid("words") ?>>
    <span class="hint" id="words-help"><?cs var:T.sla.admin.words_help ?></span>
    <?cs call:field_error("words") ?>
  </fieldset>
  <fieldset>
    <legend><?cs var:T.sla.admin.actions ?></legend>
    <label for="set_priority"><?cs var:T.sla.admin.set_priority ?></label>
    <select id="set_priority" name="set_priority"<?cs call:invalid("set_priority") ?>><option value="0"><?cs var:T.sla.admin.keep ?></option><?cs each:p = Prios ?><option value="<?cs var:p ?>"<?cs if:p == Page.Form.set_priority ?> selected<?cs /if ?>><?cs var:T.tickets.prio[p] ?></option><?cs /each ?></select>
    <?cs call:field_error("set_priority") ?>
    <label for="set_group"><?cs var:T.sla.admin.set_group ?></label>
    <select id="set_group" name="set_group"<?cs call:invalid("set_group") ?>><option value="0"><?cs var:T.sla.admin.keep ?></option><?cs each:g = Page.Teams ?><option value="<?cs var:g.id ?>"<?cs if:g.id == Page.Form.set_group_id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?></select>
    <?cs call:field_error("set_group") ?>
    <label class="check"><input type="checkbox" name="notify_team" value="1"<?cs if:Page.Form.notify_team == "1" ?> checked<?cs /if ?>> <?cs var:T.sla.admin.notify_team ?></label>
    <label class="check"><input type="checkbox" name="notify_assignee" value="1"<?cs if:Page.Form.notify_assignee == "1" ?> checked<?cs /if ?>> <?cs var:T.sla.admin.notify_assignee ?></label>
    <label for="notify_email"><?cs var:T.sla.admin.notify_email ?></label>
    <input id="notify_email" name="notify_email" type="email" maxlength="254" value="<?cs var:Page.Form.notify_email ?>"<?cs call:invalid("notify_email") ?>>
    <?cs call:field_error("notify_email") ?>
  </fieldset>
  <button type="submit"><?cs if:Page.RuleId ?><?cs var:T.sla.admin.save_rule ?><?cs else ?><?cs var:T.sla.admin.create_rule ?><?cs /if ?></button>
</form>
<?cs /def ?>
<?cs set:Events.0 = "created" ?><?cs set:Events.1 = "first_response" ?><?cs set:Events.2 = "resolution" ?>
<?cs set:Prios.0 = "1" ?><?cs set:Prios.1 = "2" ?><?cs set:Prios.2 = "3" ?><?cs set:Prios.3 = "4" ?>
<?cs include:"layout.cs" ?>
