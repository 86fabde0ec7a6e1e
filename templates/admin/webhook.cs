<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/webhooks"><?cs var:T.webhooks.title ?></a></li></ol></nav>
<h1><?cs var:T.webhooks.edit ?></h1>
<?cs call:notices() ?>
<div class="columns">
<section class="panel" aria-labelledby="hook-h">
<h2 id="hook-h"><?cs var:Page.Hook.url ?></h2>
<form method="post" action="/admin/webhooks/<?cs var:Page.Hook.id ?>" class="stack">
<?cs include:"admin/_webhook_form.cs" ?>
  <button type="submit"><?cs var:T.admin.save ?></button>
</form>
</section>
<section class="panel" aria-labelledby="secret-h">
<h2 id="secret-h"><?cs var:T.webhooks.secret ?></h2>
<p class="hint"><?cs var:T.webhooks.secret_hint ?></p>
<label for="secret"><?cs var:T.webhooks.secret ?></label>
<input id="secret" class="mono" readonly value="<?cs var:Page.Hook.secret ?>" autocomplete="off" spellcheck="false">
<form method="post" action="/admin/webhooks/<?cs var:Page.Hook.id ?>/secret" class="inline-form">
  <?cs call:csrf() ?>
  <button type="submit" class="secondary"><?cs var:T.webhooks.new_secret ?></button>
</form>
<h2><?cs var:T.webhooks.delete ?></h2>
<form method="post" action="/admin/webhooks/<?cs var:Page.Hook.id ?>/delete" class="inline-form">
  <?cs call:csrf() ?>
  <button type="submit" class="secondary"><?cs var:T.webhooks.delete_button ?></button>
</form>
</section>
</div>
<section aria-labelledby="deliveries-h">
<h2 id="deliveries-h"><?cs var:T.webhooks.deliveries ?></h2>
<?cs if:subcount(Page.Deliveries) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.webhooks.deliveries_table ?>">
<table class="deliveries">
  <thead><tr><th scope="col"><?cs var:T.webhooks.delivery ?></th><th scope="col"><?cs var:T.webhooks.event_col ?></th><th scope="col"><?cs var:T.webhooks.state ?></th><th scope="col"><?cs var:T.webhooks.attempts ?></th><th scope="col"><?cs var:T.webhooks.answer ?></th><th scope="col"><?cs var:T.webhooks.when ?></th></tr></thead>
  <tbody>
  <?cs each:d = Page.Deliveries ?>
  <tr>
    <td>#<?cs var:d.id ?></td>
    <td data-label="<?cs var:T.webhooks.event_col ?>"><code><?cs var:d.event ?></code><?cs if:d.ticket_id ?> <a href="/tickets/<?cs var:d.number ?>"><?cs var:d.number ?></a><?cs /if ?></td>
    <td data-label="<?cs var:T.webhooks.state ?>"><span class="badge"><?cs var:T.webhooks.status[d.status] ?></span><?cs if:d.status == "failed" ?> <form method="post" action="/admin/webhooks/<?cs var:Page.Hook.id ?>/deliveries/<?cs var:d.id ?>/retry" class="inline"><?cs call:csrf() ?><button type="submit" class="small secondary" aria-label="<?cs var:T.webhooks.retry ?> #<?cs var:d.id ?>"><?cs var:T.webhooks.retry ?></button></form><?cs /if ?></td>
    <td data-label="<?cs var:T.webhooks.attempts ?>"><?cs var:d.attempts ?></td>
    <td data-label="<?cs var:T.webhooks.answer ?>"><?cs if:d.response_code ?>HTTP <?cs var:d.response_code ?><?cs /if ?><?cs if:d.last_error ?> <span class="hint"><?cs var:d.last_error ?></span><?cs /if ?><?cs if:d.duration_ms ?> <span class="hint">(<?cs var:d.duration_ms ?> ms)</span><?cs /if ?></td>
    <td data-label="<?cs var:T.webhooks.when ?>" class="nowrap"><?cs if:d.last_attempt ?><?cs var:d.last_attempt ?><?cs else ?><?cs var:d.created ?><?cs /if ?><?cs if:d.next_attempt ?><br><span class="hint"><?cs var:T.webhooks.next ?> <?cs var:d.next_attempt ?></span><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty-state"><?cs var:T.webhooks.no_deliveries ?></p>
<?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
