<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.webhooks.title ?></h1>
<?cs call:notices() ?>
<p class="hint"><?cs var:T.webhooks.lead ?></p>
<?cs if:subcount(Page.Hooks) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.webhooks.title ?>">
<table class="hooks">
  <thead><tr><th scope="col"><?cs var:T.webhooks.url ?></th><th scope="col"><?cs var:T.webhooks.events ?></th><th scope="col"><?cs var:T.webhooks.state ?></th><th scope="col"><?cs var:T.webhooks.last ?></th></tr></thead>
  <tbody>
  <?cs each:h = Page.Hooks ?>
  <tr<?cs if:h.enabled == "0" ?> class="muted"<?cs /if ?>>
    <td><a href="/admin/webhooks/<?cs var:h.id ?>"><?cs var:h.url ?></a></td>
    <td data-label="<?cs var:T.webhooks.events ?>"><?cs var:h.events ?></td>
    <td data-label="<?cs var:T.webhooks.state ?>"><?cs if:h.enabled == "1" ?><?cs var:T.webhooks.on ?><?cs else ?><span class="badge"><?cs var:T.webhooks.off ?></span><?cs /if ?><?cs if:h.pending > 0 ?> · <?cs var:h.pending ?> <?cs var:T.webhooks.pending ?><?cs /if ?><?cs if:h.failed > 0 ?> · <?cs var:h.failed ?> <?cs var:T.webhooks.failed ?><?cs /if ?></td>
    <td data-label="<?cs var:T.webhooks.last ?>"><?cs if:h.last_status ?><?cs var:T.webhooks.status[h.last_status] ?> <span class="hint nowrap"><?cs var:h.last_attempt ?></span><?cs else ?><?cs var:T.webhooks.never ?><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty-state"><?cs var:T.webhooks.none ?></p>
<?cs /if ?>
<section class="panel narrow" aria-labelledby="new-hook-h">
<h2 id="new-hook-h"><?cs var:T.webhooks.new ?></h2>
<form method="post" action="/admin/webhooks" class="stack">
<?cs include:"admin/_webhook_form.cs" ?>
  <button type="submit"><?cs var:T.webhooks.create ?></button>
</form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
