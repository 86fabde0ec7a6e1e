<?cs # _tokens.cs - a user's API tokens on /admin/users/<id>, each with a revoke button. ?>
<section class="panel" id="tokens" aria-labelledby="tokens-h">
<h2 id="tokens-h"><?cs var:T.tokens.title ?></h2>
<?cs if:subcount(Page.Tokens) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.tokens.list ?>">
<table class="tokens">
  <thead><tr><th scope="col"><?cs var:T.tokens.name ?></th><th scope="col"><?cs var:T.tokens.created ?></th><th scope="col"><?cs var:T.tokens.last_used ?></th><th scope="col"><?cs var:T.tokens.expires ?></th><th scope="col"><span class="visually-hidden"><?cs var:T.tokens.actions ?></span></th></tr></thead>
  <tbody>
  <?cs each:k = Page.Tokens ?>
  <tr<?cs if:k.expired == "1" ?> class="muted"<?cs /if ?>>
    <td><?cs var:k.name ?> <code><?cs var:k.prefix ?>…</code></td>
    <td data-label="<?cs var:T.tokens.created ?>" class="nowrap"><?cs var:k.created ?></td>
    <td data-label="<?cs var:T.tokens.last_used ?>"><?cs if:k.last_used ?><span class="nowrap"><?cs var:k.last_used ?></span> <span class="hint"><?cs var:k.last_used_from ?></span><?cs else ?><?cs var:T.tokens.never_used ?><?cs /if ?></td>
    <td data-label="<?cs var:T.tokens.expires ?>" class="nowrap"><?cs if:k.expired == "1" ?><span class="badge"><?cs var:T.tokens.expired ?></span> <?cs /if ?><?cs if:k.expires ?><?cs var:k.expires ?><?cs else ?><?cs var:T.tokens.no_expiry ?><?cs /if ?></td>
    <td><form method="post" action="/admin/users/<?cs var:Page.U.id ?>/tokens/<?cs var:k.id ?>/revoke" class="inline"><?cs call:csrf() ?><button type="submit" class="small secondary" aria-label="<?cs var:T.tokens.revoke ?>: <?cs var:k.name ?>"><?cs var:T.tokens.revoke ?></button></form></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty-state"><?cs var:T.tokens.none_admin ?></p>
<?cs /if ?>
</section>
