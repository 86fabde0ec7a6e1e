<?cs # _webhook_form.cs - the fields of a webhook (address, events, on/off, private addresses). ?>
  <?cs call:csrf() ?>
  <label for="url"><?cs var:T.webhooks.url ?></label>
  <input id="url" name="url" type="url" required maxlength="500" inputmode="url" spellcheck="false" value="<?cs var:Page.Form.url ?>" aria-describedby="url-hint<?cs if:Page.Errors.url ?> url-error<?cs /if ?>"<?cs if:Page.Errors.url ?> aria-invalid="true"<?cs /if ?>>
  <span class="hint" id="url-hint"><?cs var:T.webhooks.url_hint ?></span>
  <?cs call:field_error("url") ?>
  <fieldset<?cs if:Page.Errors.event ?> aria-describedby="event-error"<?cs /if ?>>
    <legend><?cs var:T.webhooks.events ?></legend>
    <?cs each:e = Page.Events ?>
    <label class="check"><input type="checkbox" name="event" value="<?cs var:e.name ?>"<?cs if:e.on ?> checked<?cs /if ?>> <?cs var:T.webhooks.event[e.key] ?> <code><?cs var:e.name ?></code></label>
    <?cs /each ?>
    <?cs call:field_error("event") ?>
  </fieldset>
  <label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Page.Form.enabled == "1" ?> checked<?cs /if ?>> <?cs var:T.webhooks.enabled ?></label>
  <label class="check"><input type="checkbox" name="allow_private" value="1" aria-describedby="private-hint"<?cs if:Page.Form.allow_private == "1" ?> checked<?cs /if ?>> <?cs var:T.webhooks.allow_private ?></label>
  <span class="hint" id="private-hint"><?cs var:T.webhooks.allow_private_hint ?></span>
