<?cs if:Page.Merged.yes ?>
<p class="notice info merged" role="status"><?cs if:Page.Merged.number ?><?cs var:T.links.merged_into ?> <a href="/tickets/<?cs var:Page.Merged.number ?>"><?cs var:Page.Merged.number ?>: <?cs var:Page.Merged.subject ?></a><?cs else ?><?cs var:T.links.merged_elsewhere ?><?cs /if ?></p>
<?cs /if ?>
<?cs if:Page.Parent.yes ?>
<p class="notice info parent"><?cs if:Page.Parent.number ?><?cs var:T.links.part_of ?> <a href="/tickets/<?cs var:Page.Parent.number ?>"><?cs var:Page.Parent.number ?>: <?cs var:Page.Parent.subject ?></a> (<?cs var:T.tickets.status[Page.Parent.status] ?>)<?cs else ?><?cs var:T.links.part_of_hidden ?><?cs /if ?></p>
<?cs /if ?>
<?cs if:subcount(Page.Presence) ?>
<div class="notice warn presence" role="status"><ul class="plain"><?cs each:p = Page.Presence ?><li><strong><?cs var:p.name ?></strong> <?cs var:T.links.also_looking ?> (<?cs if:p.ago == 0 ?><?cs var:T.links.just_now ?><?cs else ?><?cs if:T.links.ago_pre ?><?cs var:T.links.ago_pre ?> <?cs /if ?><?cs var:p.ago ?> <?cs var:T.links.ago_post ?><?cs /if ?>)</li><?cs /each ?></ul></div>
<?cs /if ?>
<?cs if:Page.Conflict.action ?>
<section class="conflict notice warn" id="conflict" aria-labelledby="conflict-h">
  <h2 id="conflict-h" class="section-title"><?cs var:T.links.conflict_title ?></h2>
  <p><?cs if:Page.Conflict.action == "reply" ?><?cs var:T.links.conflict_reply ?><?cs else ?><?cs var:T.links.conflict_update ?><?cs /if ?></p>
  <?cs if:subcount(Page.Conflict.Messages) ?>
  <ol class="plain conflict-messages">
  <?cs each:m = Page.Conflict.Messages ?>
    <li class="message<?cs if:m.kind == "internal" ?> internal<?cs /if ?>"><p class="meta"><strong><?cs var:m.author ?></strong> · <?cs var:m.at ?><?cs if:m.kind == "internal" ?> · <?cs var:T.tickets.internal ?><?cs /if ?></p><div class="body"><?cs var:m.body ?></div></li>
  <?cs /each ?>
  </ol>
  <?cs /if ?>
  <?cs if:subcount(Page.Conflict.Events) || Page.Conflict.Rating.rating ?>
  <ul class="plain conflict-changes"><?cs each:e = Page.Conflict.Events ?><li><time><?cs var:e.at ?></time> — <?cs var:T.tickets.event[e.what] ?><?cs if:e.what == "status" ?>: <?cs var:T.tickets.status[e.new_value] ?><?cs elif:e.what == "priority" ?>: <?cs var:T.tickets.prio[e.new_value] ?><?cs elif:e.what == "escalated" || T.links.numbered[e.what] ?>: <?cs var:e.new_value ?><?cs /if ?> (<?cs if:e.actor ?><?cs var:e.actor ?><?cs else ?><?cs var:T.links.automatic ?><?cs /if ?>)</li><?cs /each ?><?cs if:Page.Conflict.Rating.rating ?>
    <li class="conflict-rating"><strong><?cs var:Page.Conflict.Rating.who ?></strong> <?cs var:T.links.conflict_rated ?>: <?cs var:Page.Conflict.Rating.rating ?>/5<?cs if:Page.Conflict.Rating.rating_comment ?> — “<?cs var:Page.Conflict.Rating.rating_comment ?>”<?cs /if ?></li><?cs /if ?></ul>
  <?cs /if ?>
  <form method="post" action="<?cs var:Page.Conflict.url ?>" class="stack">
    <?cs call:csrf() ?>
    <input type="hidden" name="confirm" value="1">
    <?cs each:k = Page.Conflict.Keep ?><input type="hidden" name="<?cs var:k.name ?>" value="<?cs var:k.value ?>"><?cs /each ?>
    <?cs if:Page.Conflict.action == "reply" ?>
    <label for="conflict-body"><?cs var:T.links.conflict_your_reply ?></label>
    <textarea id="conflict-body" name="body" rows="5" required maxlength="20000"><?cs var:Page.Conflict.body ?></textarea>
    <p class="meta"><?cs var:T.links.conflict_files ?></p>
    <button type="submit"><?cs var:T.links.conflict_send ?></button>
    <?cs else ?>
    <button type="submit"><?cs var:T.links.conflict_save ?></button>
    <?cs /if ?>
  </form>
</section>
<?cs /if ?>
