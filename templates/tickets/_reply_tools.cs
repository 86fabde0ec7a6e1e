<?cs # _reply_tools.cs - the agent's reply tools: a standard answer or an article link put into the reply box.
   Without JavaScript each tool is a GET form and the page comes back with the reply box filled;
   reply-tools.js does the same in place through the page's JSON. ?>
<div class="reply-tools" data-reply="reply-body" data-base="/tickets/<?cs var:Page.T.number ?>">
  <h3 class="visually-hidden"><?cs var:T.tcfg.reply_tools ?></h3>
  <form method="get" action="/tickets/<?cs var:Page.T.number ?>#reply-h" class="tool tool-canned">
    <?cs if:subcount(Page.Canned) > 0 ?>
    <label for="canned"><?cs var:T.tcfg.canned_pick ?></label>
    <div class="tool-row">
      <select id="canned" name="canned"<?cs call:invalid("canned") ?>>
        <optgroup label="<?cs var:T.tcfg.lang_requester ?>"><?cs each:c = Page.Canned ?><?cs if:c.language == Page.ReqLang ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Page.Reply.canned ?> selected<?cs /if ?>><?cs var:c.title ?></option><?cs /if ?><?cs /each ?></optgroup>
        <optgroup label="<?cs var:T.tcfg.lang_other ?>"><?cs each:c = Page.Canned ?><?cs if:c.language != Page.ReqLang ?><option value="<?cs var:c.id ?>" lang="<?cs var:c.language ?>"<?cs if:c.id == Page.Reply.canned ?> selected<?cs /if ?>><?cs var:c.title ?> (<?cs var:c.language ?>)</option><?cs /if ?><?cs /each ?></optgroup>
      </select>
      <button type="submit" class="secondary"><?cs var:T.tcfg.canned_insert ?></button>
    </div>
    <?cs call:field_error("canned") ?>
    <?cs else ?>
    <p><strong><?cs var:T.tcfg.canned_pick ?></strong></p>
    <p class="hint"><?cs var:T.tcfg.canned_none ?></p>
    <?cs /if ?>
  </form>
  <form method="get" action="/tickets/<?cs var:Page.T.number ?>#kb-results" class="tool tool-kb" role="search">
    <label for="kbq"><?cs var:T.tcfg.kb_find ?></label>
    <div class="tool-row">
      <input id="kbq" name="kbq" type="search" maxlength="200" autocomplete="off" value="<?cs var:Page.Kb.query ?>">
      <button type="submit" class="secondary"><?cs var:T.tcfg.kb_search ?></button>
    </div>
  </form>
  <div id="kb-results" class="kb-results" aria-live="polite">
  <?cs if:Page.Kb.query ?>
    <?cs if:subcount(Page.Kb.Hits) > 0 ?>
    <h4 class="visually-hidden"><?cs var:T.tcfg.kb_results ?></h4>
    <ul class="plain">
    <?cs each:h = Page.Kb.Hits ?><li>
      <a href="<?cs var:h.url ?>" lang="<?cs var:h.language ?>"><?cs var:h.title ?></a>
      <?cs if:h.hidden ?><span class="hint"><?cs var:T.tcfg.kb_hidden ?></span><?cs /if ?>
      <a class="button secondary small kb-insert" href="/tickets/<?cs var:Page.T.number ?>?kbq=<?cs var:url_escape(Page.Kb.query) ?>&amp;article=<?cs var:h.id ?>#reply-h" data-insert="<?cs var:h.insert ?>"><?cs var:T.tcfg.kb_insert ?><span class="visually-hidden">: <?cs var:h.title ?></span></a>
    </li><?cs /each ?>
    </ul>
    <?cs else ?>
    <p class="hint"><?cs var:T.tcfg.kb_none ?></p>
    <?cs /if ?>
  <?cs /if ?>
  </div>
  <?cs if:Page.Reply.notice ?><p class="notice ok tool-notice" role="status"><?cs var:Page.Reply.notice ?></p><?cs /if ?>
</div>
<script src="/static/js/reply-tools.js" defer></script>
