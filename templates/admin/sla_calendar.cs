<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/sla"><?cs var:T.sla.admin.title ?></a></li></ol></nav>
<h1><?cs var:Page.Cal.name ?></h1>
<?cs call:notices() ?>
<?cs if:Page.Recompute.text ?><p class="notice info" role="status" id="recompute"><?cs var:Page.Recompute.text ?> <?cs var:T.sla.admin.recompute_done_a ?> <?cs var:Page.Recompute.done ?><?cs var:T.sla.admin.recompute_done_b ?></p><?cs /if ?>
<section class="panel" aria-labelledby="cal-h">
<h2 id="cal-h"><?cs var:T.sla.admin.hours ?></h2>
<form method="post" action="/admin/sla/calendars/<?cs var:Page.Cal.id ?>" class="stack">
  <?cs call:csrf() ?>
  <?cs include:"admin/_sla_calendar_fields.cs" ?>
  <p class="hint"><?cs var:T.sla.admin.hours_help ?></p>
  <?cs each:d = Days ?>
  <fieldset class="hours">
    <legend><?cs var:T.sla.admin.day[d] ?></legend>
    <?cs set:a = "h" + d + "_1_from" ?><?cs set:b = "h" + d + "_1_to" ?><?cs set:c = "h" + d + "_2_from" ?><?cs set:e = "h" + d + "_2_to" ?>
    <label for="<?cs var:a ?>"><?cs var:T.sla.admin.from ?></label>
    <input id="<?cs var:a ?>" name="<?cs var:a ?>" maxlength="5" size="5" placeholder="09:00" value="<?cs var:Page.Form[a] ?>"<?cs call:invalid(a) ?>>
    <label for="<?cs var:b ?>"><?cs var:T.sla.admin.to ?></label>
    <input id="<?cs var:b ?>" name="<?cs var:b ?>" maxlength="5" size="5" placeholder="18:00" value="<?cs var:Page.Form[b] ?>"<?cs call:invalid(b) ?>>
    <label for="<?cs var:c ?>"><?cs var:T.sla.admin.from2 ?></label>
    <input id="<?cs var:c ?>" name="<?cs var:c ?>" maxlength="5" size="5" value="<?cs var:Page.Form[c] ?>"<?cs call:invalid(c) ?>>
    <label for="<?cs var:e ?>"><?cs var:T.sla.admin.to2 ?></label>
    <input id="<?cs var:e ?>" name="<?cs var:e ?>" maxlength="5" size="5" value="<?cs var:Page.Form[e] ?>"<?cs call:invalid(e) ?>>
    <?cs call:field_error(a) ?><?cs call:field_error(b) ?><?cs call:field_error(c) ?><?cs call:field_error(e) ?>
  </fieldset>
  <?cs /each ?>
  <button type="submit"><?cs var:T.sla.admin.save_calendar ?></button>
</form>
</section>
<section class="panel" aria-labelledby="hol-h">
<h2 id="hol-h"><?cs var:T.sla.admin.holidays ?></h2>
<?cs if:subcount(Page.Holidays) > 0 ?>
<ul class="plain holidays"><?cs each:h = Page.Holidays ?><li><time datetime="<?cs var:h.day ?>"><?cs var:h.day ?></time> — <?cs var:h.name ?>
  <form method="post" action="/admin/sla/calendars/<?cs var:Page.Cal.id ?>/holidays/remove" class="inline"><?cs call:csrf() ?><input type="hidden" name="holiday" value="<?cs var:h.id ?>"><button type="submit" class="secondary" aria-label="<?cs var:T.sla.admin.remove ?>: <?cs var:h.day ?>"><?cs var:T.sla.admin.remove ?></button></form></li><?cs /each ?></ul>
<?cs else ?><p class="empty"><?cs var:T.sla.admin.no_holidays ?></p><?cs /if ?>
<form method="post" action="/admin/sla/calendars/<?cs var:Page.Cal.id ?>/holidays" class="stack">
  <?cs call:csrf() ?>
  <label for="day"><?cs var:T.sla.admin.holiday_date ?></label>
  <input id="day" name="day" type="date" required value="<?cs var:Page.Holiday.day ?>"<?cs call:invalid("day") ?>>
  <?cs call:field_error("day") ?>
  <label for="holiday_name"><?cs var:T.sla.admin.holiday_name ?></label>
  <input id="holiday_name" name="holiday_name" required maxlength="120" value="<?cs var:Page.Holiday.name ?>"<?cs call:invalid("holiday_name") ?>>
  <?cs call:field_error("holiday_name") ?>
  <button type="submit"><?cs var:T.sla.admin.add_holiday ?></button>
</form>
</section>
<form method="post" action="/admin/sla/calendars/<?cs var:Page.Cal.id ?>/delete"><?cs call:csrf() ?><button type="submit" class="secondary"><?cs var:T.sla.admin.delete_calendar ?></button></form>
<?cs /def ?>
<?cs set:Days.0 = "1" ?><?cs set:Days.1 = "2" ?><?cs set:Days.2 = "3" ?><?cs set:Days.3 = "4" ?><?cs set:Days.4 = "5" ?><?cs set:Days.5 = "6" ?><?cs set:Days.6 = "0" ?>
<?cs include:"layout.cs" ?>
