<?cs # _sla_calendar_fields.cs - a calendar's name and time zone and "around the clock", in the new and the edit calendar forms. ?>
  <label for="name"><?cs var:T.sla.admin.calendar_name ?></label>
  <input id="name" name="name" required maxlength="120" value="<?cs var:Page.Form.name ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <label for="time_zone"><?cs var:T.sla.admin.time_zone ?></label>
  <input id="time_zone" name="time_zone" required maxlength="63" value="<?cs var:Page.Form.time_zone ?>" aria-describedby="tz-help"<?cs call:invalid("time_zone") ?>>
  <span class="hint" id="tz-help"><?cs var:T.sla.admin.time_zone_help ?></span>
  <?cs call:field_error("time_zone") ?>
  <label class="check"><input type="checkbox" name="always" value="1"<?cs if:Page.Form.always == "1" ?> checked<?cs /if ?>> <?cs var:T.sla.admin.always ?></label>
