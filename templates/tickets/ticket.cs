<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><?cs if:Page.ReadOnly ?><a href="/tickets/?who=department"><?cs var:T.tdept.title ?></a><?cs else ?><a href="/tickets/"><?cs var:T.tickets.title ?></a><?cs /if ?><?cs if:Page.Staff ?> · <a href="/tickets/queue"><?cs var:T.tickets.queue ?></a><?cs /if ?></nav>
<h1><span class="num"><?cs var:Page.T.number ?></span> <?cs var:Page.T.subject ?></h1>
<?cs call:notices() ?>
<?cs include:"tickets/_links_top.cs" ?>
<p class="meta"><span class="status s-<?cs var:Page.T.status ?>"><?cs var:T.tickets.status[Page.T.status] ?></span> · <?cs var:T.tickets.priority ?>: <?cs var:T.tickets.prio[Page.T.priority] ?> · <?cs var:T.tickets.created_at ?> <?cs var:Page.T.created ?></p>
<div class="ticket-layout">
<div class="ticket-main">
<section aria-labelledby="conv-h">
  <h2 id="conv-h" class="section-title"><?cs var:T.tickets.conversation ?></h2>
  <ol class="plain messages">
  <?cs each:m = Page.Messages ?>
    <li class="message<?cs if:m.kind == "internal" ?> internal<?cs elif:m.mine == "1" ?> mine<?cs /if ?>"<?cs if:last(m) ?> id="latest"<?cs /if ?>>
      <p class="meta"><strong><?cs var:m.author ?></strong> · <?cs var:m.at ?><?cs if:m.kind == "internal" ?> · <?cs var:T.tickets.internal ?><?cs /if ?></p>
      <div class="body"><?cs var:m.body ?></div>
      <?cs each:f = Page.Files ?><?cs if:f.message_id == m.id ?><p class="file"><a href="/tickets/<?cs var:Page.T.number ?>/files/<?cs var:f.id ?>"><?cs var:f.filename ?></a> <span class="meta">(<?cs var:f.size ?> B)</span></p><?cs /if ?><?cs /each ?>
    </li>
  <?cs /each ?>
  </ol>
</section>
<?cs if:(Page.T.status == "resolved" || Page.T.status == "closed") && Page.T.requester_id == User.Id ?>
<section id="rate" class="rate" aria-labelledby="rate-h">
  <?cs if:Page.T.rating ?>
  <h2 id="rate-h" class="section-title"><?cs var:T.tickets.your_rating ?>: <?cs var:Page.T.rating ?>/5</h2>
  <?cs else ?>
  <h2 id="rate-h" class="section-title"><?cs var:T.tickets.rate_q ?></h2>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/rate" class="stack">
    <?cs call:csrf() ?>
    <fieldset class="stars"><legend><?cs var:T.tickets.rate_label ?></legend>
      <?cs each:i = Stars ?><label class="check"><input type="radio" name="rating" value="<?cs var:i ?>" required> <?cs var:i ?></label><?cs /each ?>
    </fieldset>
    <label for="rate-comment"><?cs var:T.tickets.rate_comment ?></label>
    <textarea id="rate-comment" name="comment" rows="2" maxlength="1000"></textarea>
    <button type="submit"><?cs var:T.tickets.rate_send ?></button>
  </form>
  <?cs /if ?>
  <?cs if:Page.T.status == "resolved" ?>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/reopen" class="stack">
    <?cs call:csrf() ?>
    <label for="reopen-why"><?cs var:T.tickets.not_solved_why ?></label>
    <textarea id="reopen-why" name="body" rows="2" maxlength="20000"></textarea>
    <button type="submit" class="secondary"><?cs var:T.tickets.not_solved ?></button>
  </form>
  <?cs else ?>
  <p class="meta"><?cs var:T.tickets.closed ?></p>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Page.ReadOnly ?>
<p class="notice info" id="read-only"><?cs var:T.tdept.read_only_note ?></p>
<?cs elif:Page.Staff || (Page.T.status != "resolved" && Page.T.status != "closed") ?>
<section aria-labelledby="reply-h">
  <h2 id="reply-h" class="section-title"><?cs var:T.tickets.reply ?></h2>
  <?cs if:Page.Staff ?><?cs include:"tickets/_reply_tools.cs" ?><?cs /if ?>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/reply" enctype="multipart/form-data" class="stack">
    <?cs call:csrf() ?><?cs if:Page.Seen ?><input type="hidden" name="seen" value="<?cs var:Page.Seen ?>"><?cs /if ?>
    <?cs if:Page.Staff ?>
    <fieldset><legend class="visually-hidden"><?cs var:T.tickets.reply ?></legend>
      <label class="check"><input type="radio" name="kind" value="public" checked> <?cs var:T.tickets.kind_public ?></label>
      <label class="check"><input type="radio" name="kind" value="internal"> <?cs var:T.tickets.kind_internal ?></label>
    </fieldset>
    <?cs /if ?>
    <label for="reply-body" class="visually-hidden"><?cs var:T.tickets.reply ?></label>
    <textarea id="reply-body" name="body" rows="5" required maxlength="20000"<?cs call:invalid("body") ?>><?cs var:Page.Reply.body ?></textarea>
    <?cs call:field_error("body") ?>
    <label for="reply-files"><?cs var:T.tickets.files ?></label>
    <input id="reply-files" name="files" type="file" multiple<?cs call:invalid("files") ?>>
    <?cs call:field_error("files") ?>
    <button type="submit"><?cs var:T.tickets.reply_send ?></button>
  </form>
  <?cs if:Page.T.requester_id == User.Id && Page.T.status != "resolved" && Page.T.status != "closed" ?>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/solved" class="inline-form">
    <?cs call:csrf() ?><span><?cs var:T.tickets.solved_q ?></span> <button type="submit" class="secondary"><?cs var:T.tickets.solved ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>
</div>
<aside class="ticket-side" aria-labelledby="det-h">
  <h2 id="det-h" class="section-title"><?cs var:T.tickets.details ?></h2>
  <dl class="facts">
    <dt><?cs var:T.tickets.requester ?></dt><dd><?cs var:Page.T.requester ?></dd>
    <?cs if:Page.T.category ?><dt><?cs var:T.tickets.category ?></dt><dd><?cs var:Page.T.category ?></dd><?cs /if ?>
    <dt><?cs var:T.tickets.assignee ?></dt><dd><?cs if:Page.T.assignee ?><?cs var:Page.T.assignee ?><?cs else ?><?cs var:T.tickets.nobody ?><?cs /if ?></dd>
    <?cs if:Page.Staff ?><dt><?cs var:T.tickets.channel ?></dt><dd><?cs var:T.tickets.channel_names[Page.T.channel] ?></dd><?cs /if ?>
    <?cs if:Page.T.team ?><dt><?cs var:T.tickets.team ?></dt><dd><?cs var:Page.T.team ?></dd><?cs /if ?>
    <?cs each:f = Page.Fields ?><dt><?cs var:f.label ?></dt><dd><?cs var:f.value ?></dd><?cs /each ?>
  </dl>
  <?cs include:"tickets/_sla.cs" ?>
  <?cs if:Page.Staff ?>
  <h2 class="section-title"><?cs var:T.tickets.agent_tools ?></h2>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/update" class="stack">
    <?cs call:csrf() ?>
    <label for="u-status"><?cs var:T.tickets.status_label ?></label>
    <select id="u-status" name="status"<?cs call:invalid("status") ?>><?cs each:s = States ?><option value="<?cs var:s ?>"<?cs if:s == Page.T.status ?> selected<?cs /if ?>><?cs var:T.tickets.status[s] ?></option><?cs /each ?></select>
    <?cs call:field_error("status") ?>
    <label for="u-prio"><?cs var:T.tickets.priority ?></label>
    <select id="u-prio" name="priority"><?cs each:p = Prios ?><option value="<?cs var:p ?>"<?cs if:p == Page.T.priority ?> selected<?cs /if ?>><?cs var:T.tickets.prio[p] ?></option><?cs /each ?></select>
    <label for="u-team"><?cs var:T.tickets.team ?></label>
    <select id="u-team" name="team"><option value="0">—</option><?cs each:g = Page.Teams ?><option value="<?cs var:g.id ?>"<?cs if:g.id == Page.T.group_id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?></select>
    <label for="u-assignee"><?cs var:T.tickets.assignee ?></label>
    <select id="u-assignee" name="assignee"<?cs call:invalid("assignee") ?>><option value="0">—</option><?cs each:a = Page.Agents ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Page.T.assignee_id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select>
    <?cs call:field_error("assignee") ?>
    <?cs include:"tickets/_seen.cs" ?>
    <button type="submit"><?cs var:T.tickets.save ?></button>
  </form>
  <?cs /if ?>
  <?cs include:"tickets/_links_side.cs" ?>
  <h2 class="section-title"><?cs var:T.tickets.history ?></h2>
  <ol class="plain history"><?cs each:e = Page.Events ?><li><time><?cs var:e.at ?></time> — <?cs var:T.tickets.event[e.what] ?><?cs if:e.what == "status" ?>: <?cs var:T.tickets.status[e.new_value] ?><?cs elif:e.what == "priority" ?>: <?cs var:T.tickets.prio[e.new_value] ?><?cs elif:e.what == "escalated" || T.links.numbered[e.what] ?>: <?cs var:e.new_value ?><?cs /if ?><?cs if:e.actor ?> (<?cs var:e.actor ?>)<?cs /if ?></li><?cs /each ?></ol>
</aside>
</div>
<?cs /def ?>
<?cs set:Stars.0 = "1" ?><?cs set:Stars.1 = "2" ?><?cs set:Stars.2 = "3" ?><?cs set:Stars.3 = "4" ?><?cs set:Stars.4 = "5" ?>
<?cs set:States.0 = "new" ?><?cs set:States.1 = "open" ?><?cs set:States.2 = "pending" ?><?cs set:States.3 = "resolved" ?><?cs set:States.4 = "closed" ?>
<?cs set:Prios.0 = "1" ?><?cs set:Prios.1 = "2" ?><?cs set:Prios.2 = "3" ?><?cs set:Prios.3 = "4" ?>
<?cs include:"layout.cs" ?>
