<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.tickets.title ?></h1>
<?cs include:"tickets/_scope.cs" ?>
<p class="lead"><?cs var:T.tickets.lead ?></p>
<p><a class="button" href="/tickets/new"><?cs var:T.tickets.new ?></a><?cs if:User.IsAgent || User.IsAdmin ?> <a class="button secondary" href="/tickets/queue"><?cs var:T.tickets.queue ?></a><?cs /if ?></p>
<form method="get" action="/tickets/" class="filters">
  <div class="field grow">
    <label for="tq"><?cs var:T.tickets.search ?></label>
    <input id="tq" name="q" type="search" maxlength="100" value="<?cs var:Page.Query ?>">
  </div>
  <div class="field">
    <label for="ts"><?cs var:T.tickets.state ?></label>
    <select id="ts" name="state">
    <option value="open"<?cs if:Page.State == "open" ?> selected<?cs /if ?>><?cs var:T.tickets.state_open ?></option>
    <option value="closed"<?cs if:Page.State == "closed" ?> selected<?cs /if ?>><?cs var:T.tickets.state_closed ?></option>
    <option value="all"<?cs if:Page.State == "all" ?> selected<?cs /if ?>><?cs var:T.tickets.state_all ?></option>
  </select>
  </div>
  <button type="submit" class="secondary"><?cs var:T.tickets.filter ?></button>
</form>
<?cs if:subcount(Page.Tickets) > 0 ?>
<ul class="plain ticket-list">
<?cs each:t = Page.Tickets ?>
  <li class="ticket-row"><a href="/tickets/<?cs var:t.number ?>"><span class="num"><?cs var:t.number ?></span> <strong><?cs var:t.subject ?></strong></a>
    <p class="meta"><span class="status s-<?cs var:t.status ?>"><?cs var:T.tickets.status[t.status] ?></span> · <?cs var:T.tickets.updated ?> <?cs var:t.updated ?></p></li>
<?cs /each ?>
</ul>
<?cs call:pager("/tickets/?state=" + url_escape(Page.State) + "&q=" + url_escape(Page.Query) + "&") ?>
<?cs if:Page.Pager.More ?><p class="hint"><?cs var:T.queue.mine_more ?></p><?cs /if ?>
<?cs else ?>
<p class="empty"><?cs var:T.tickets.empty ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
