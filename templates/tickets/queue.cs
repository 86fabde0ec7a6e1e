<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.tickets.queue ?><?cs if:Page.View.name ?>: <?cs var:Page.View.name ?><?cs /if ?></h1>
<?cs include:"tickets/_queue_views.cs" ?>
<form method="get" action="/tickets/queue" class="filters">
  <div class="field grow">
    <label for="qq"><?cs var:T.tickets.search_queue ?></label>
    <input id="qq" name="q" type="search" maxlength="100" value="<?cs var:Page.Filter.q ?>">
  </div>
  <div class="field">
    <label for="qs"><?cs var:T.tickets.status_label ?></label>
    <select id="qs" name="status"><option value="active"><?cs var:T.tickets.active ?></option><?cs each:s = States ?><option value="<?cs var:s ?>"<?cs if:s == Page.Filter.status ?> selected<?cs /if ?>><?cs var:T.tickets.status[s] ?></option><?cs /each ?><option value="all"<?cs if:Page.Filter.status == "all" ?> selected<?cs /if ?>><?cs var:T.tickets.state_all ?></option></select>
  </div>
  <div class="field">
    <label for="qw"><?cs var:T.tickets.who ?></label>
    <select id="qw" name="who"><option value="team"><?cs var:T.tickets.who_team ?></option><option value="mine"<?cs if:Page.Filter.who == "mine" ?> selected<?cs /if ?>><?cs var:T.tickets.who_mine ?></option><option value="unassigned"<?cs if:Page.Filter.who == "unassigned" ?> selected<?cs /if ?>><?cs var:T.tickets.who_unassigned ?></option></select>
  </div>
  <div class="field">
    <label for="qp"><?cs var:T.tickets.priority ?></label>
    <select id="qp" name="priority"><option value="0"><?cs var:T.tickets.any ?></option><?cs each:p = Prios ?><option value="<?cs var:p ?>"<?cs if:p == Page.Filter.priority ?> selected<?cs /if ?>><?cs var:T.tickets.prio[p] ?></option><?cs /each ?></select>
  </div>
  <div class="field">
    <label for="qo"><?cs var:T.tickets.sort ?></label>
    <select id="qo" name="sort"><option value="priority"><?cs var:T.tickets.sort_priority ?></option><option value="updated"<?cs if:Page.Filter.sort == "updated" ?> selected<?cs /if ?>><?cs var:T.tickets.sort_updated ?></option><option value="created"<?cs if:Page.Filter.sort == "created" ?> selected<?cs /if ?>><?cs var:T.tickets.sort_created ?></option><option value="due"<?cs if:Page.Filter.sort == "due" ?> selected<?cs /if ?>><?cs var:T.sla.sort_due ?></option></select>
  </div>
  <div class="field">
    <label for="qd"><?cs var:T.sla.filter ?></label>
    <select id="qd" name="due"><option value="any"><?cs var:T.tickets.any ?></option><?cs each:d = Dues ?><option value="<?cs var:d ?>"<?cs if:d == Page.Filter.due ?> selected<?cs /if ?>><?cs var:T.sla.due[d] ?></option><?cs /each ?></select>
  </div>
  <button type="submit" class="secondary"><?cs var:T.tickets.filter ?></button>
</form>
<?cs if:subcount(Page.Tickets) > 0 ?>
<form method="post" action="/tickets/queue/bulk" class="bulk">
<?cs call:csrf() ?>
<input type="hidden" name="back" value="<?cs var:Page.Filter.qs ?><?cs if:Page.View.id ?>&amp;view=<?cs var:Page.View.id ?><?cs /if ?><?cs if:Page.Pager.Page > 1 ?>&amp;page=<?cs var:Page.Pager.Page ?><?cs /if ?>">
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:T.tickets.queue ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.tickets.number ?></th><th scope="col"><?cs var:T.tickets.subject ?></th><th scope="col"><?cs var:T.tickets.status_label ?></th><th scope="col"><?cs var:T.tickets.priority ?></th><th scope="col"><?cs var:T.tickets.requester ?></th><th scope="col"><?cs var:T.tickets.assignee ?></th><th scope="col"><?cs var:T.tickets.updated ?></th><th scope="col"><?cs var:T.sla.column ?></th></tr></thead>
  <tbody><?cs each:t = Page.Tickets ?><tr class="p<?cs var:t.priority ?>"><td><input type="checkbox" name="t" value="<?cs var:t.number ?>" id="sel-<?cs var:t.id ?>" aria-label="<?cs var:T.queue.select ?> <?cs var:t.number ?>"> <a href="/tickets/<?cs var:t.number ?>"><?cs var:t.number ?></a></td><td><?cs var:t.subject ?></td><td><?cs var:T.tickets.status[t.status] ?></td><td><?cs var:T.tickets.prio[t.priority] ?></td><td><?cs var:t.requester ?></td><td><?cs var:t.assignee ?></td><td><?cs var:t.updated ?></td><td class="sla-<?cs var:t.sla.state ?>"><?cs if:t.sla.text ?><time title="<?cs var:t.sla.exact ?>"><?cs var:t.sla.text ?></time><?cs /if ?></td></tr><?cs /each ?></tbody>
</table>
</div>
<fieldset class="filters bulk-actions">
  <legend><?cs var:T.queue.bulk_legend ?></legend>
  <div class="field">
    <label for="ba"><?cs var:T.queue.assign_to ?></label>
    <select id="ba" name="assignee"><option value=""><?cs var:T.queue.keep ?></option><option value="<?cs var:User.Id ?>"><?cs var:T.queue.me ?></option><option value="0"><?cs var:T.queue.nobody ?></option><?cs each:a = Page.Agents ?><option value="<?cs var:a.id ?>"><?cs var:a.name ?></option><?cs /each ?></select>
  </div>
  <div class="field">
    <label for="bs"><?cs var:T.queue.set_status ?></label>
    <select id="bs" name="status"><option value=""><?cs var:T.queue.keep ?></option><?cs each:s = States ?><option value="<?cs var:s ?>"><?cs var:T.tickets.status[s] ?></option><?cs /each ?></select>
  </div>
  <div class="field">
    <label for="bp"><?cs var:T.queue.set_priority ?></label>
    <select id="bp" name="priority"><option value=""><?cs var:T.queue.keep ?></option><?cs each:p = Prios ?><option value="<?cs var:p ?>"><?cs var:T.tickets.prio[p] ?></option><?cs /each ?></select>
  </div>
  <button type="submit"><?cs var:T.queue.apply ?></button>
</fieldset>
</form>
<?cs else ?><p class="empty"><?cs var:T.tickets.none ?></p><?cs /if ?>
<?cs if:Page.Pager.More ?><p class="hint"><?cs var:T.queue.more ?></p><?cs /if ?>
<?cs call:pager("/tickets/queue?status=" + url_escape(Page.Filter.status) + "&who=" + url_escape(Page.Filter.who) + "&sort=" + url_escape(Page.Filter.sort) + "&priority=" + Page.Filter.priority + "&due=" + url_escape(Page.Filter.due) + "&q=" + url_escape(Page.Filter.q) + "&") ?>
<?cs /def ?>
<?cs set:States.0 = "new" ?><?cs set:States.1 = "open" ?><?cs set:States.2 = "pending" ?><?cs set:States.3 = "resolved" ?><?cs set:States.4 = "closed" ?>
<?cs set:Dues.0 = "overdue" ?><?cs set:Dues.1 = "hour" ?><?cs set:Dues.2 = "today" ?>
<?cs set:Prios.0 = "1" ?><?cs set:Prios.1 = "2" ?><?cs set:Prios.2 = "3" ?><?cs set:Prios.3 = "4" ?>
<?cs include:"layout.cs" ?>
