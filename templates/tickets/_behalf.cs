<?cs # _behalf.cs - on the report form, for agents: open the request for someone else (a phone call).
   A GET search lists people; choosing one reloads the form with their id, sent along as "for". ?>
<?cs if:Page.BehalfTool ?>
<?cs if:Page.Opened ?><p class="notice ok" role="status"><?cs var:T.tcfg.opened ?> <a href="/tickets/<?cs var:Page.Opened ?>"><?cs var:Page.Opened ?></a></p><?cs /if ?>
<section class="panel behalf" aria-labelledby="behalf-h">
  <h2 id="behalf-h" class="section-title"><?cs var:T.tcfg.behalf ?></h2>
  <?cs if:Page.Behalf.id ?>
  <p><?cs var:T.tcfg.behalf_for ?>: <strong><?cs var:Page.Behalf.name ?></strong> <span class="meta"><?cs var:Page.Behalf.email ?></span> · <a href="/tickets/new"><?cs var:T.tcfg.behalf_change ?></a></p>
  <?cs else ?>
  <p class="hint"><?cs var:T.tcfg.behalf_lead ?></p>
  <form method="get" action="/tickets/new#behalf-h" class="tool-row" role="search">
    <label for="who" class="visually-hidden"><?cs var:T.tcfg.behalf_search ?></label>
    <input id="who" name="who" type="search" maxlength="100" placeholder="<?cs var:T.tcfg.behalf_search ?>" value="<?cs var:Page.BehalfQuery ?>">
    <button type="submit" class="secondary"><?cs var:T.tcfg.behalf_find ?></button>
  </form>
  <?cs if:Page.BehalfSearched ?>
    <?cs if:subcount(Page.BehalfMatches) > 0 ?>
    <ul class="plain behalf-matches"><?cs each:u = Page.BehalfMatches ?><li><a href="/tickets/new?for=<?cs var:u.id ?>"><?cs var:T.tcfg.behalf_pick ?>: <?cs var:u.name ?></a> <span class="meta"><?cs var:u.email ?></span></li><?cs /each ?></ul>
    <?cs else ?><p class="hint"><?cs var:T.tcfg.behalf_none ?></p><?cs /if ?>
  <?cs /if ?>
  <?cs /if ?>
  <?cs call:field_error("for") ?>
</section>
<?cs /if ?>
