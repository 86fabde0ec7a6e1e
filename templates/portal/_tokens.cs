<?cs # _tokens.cs - the person's API tokens on /account: the new one (shown once), the list, a form. ?>
<section class="panel" id="tokens" aria-labelledby="tokens-h">
  <h2 id="tokens-h"><?cs var:T.tokens.title ?></h2>
  <p class="hint"><?cs var:T.tokens.lead ?></p>
  <?cs if:Page.NewToken.token ?>
  <div class="notice warn" role="status">
    <p><strong><?cs var:T.tokens.copy_now ?></strong></p>
    <label for="new-token"><?cs var:T.tokens.your_token ?> “<?cs var:Page.NewToken.name ?>”</label>
    <input id="new-token" class="mono" readonly value="<?cs var:Page.NewToken.token ?>" autocomplete="off" spellcheck="false">
  </div>
  <?cs /if ?>
  <?cs if:subcount(Page.Tokens) > 0 ?>
  <div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.tokens.list ?>">
  <table class="tokens">
    <thead><tr><th scope="col"><?cs var:T.tokens.name ?></th><th scope="col"><?cs var:T.tokens.created ?></th><th scope="col"><?cs var:T.tokens.last_used ?></th><th scope="col"><?cs var:T.tokens.expires ?></th><th scope="col"><span class="visually-hidden"><?cs var:T.tokens.actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:k = Page.Tokens ?>
    <tr<?cs if:k.expired == "1" ?> class="muted"<?cs /if ?>>
      <td><?cs var:k.name ?> <code><?cs var:k.prefix ?>…</code></td>
      <td data-label="<?cs var:T.tokens.created ?>" class="nowrap"><?cs var:k.created ?></td>
      <td data-label="<?cs var:T.tokens.last_used ?>" class="nowrap"><?cs if:k.last_used ?><?cs var:k.last_used ?><?cs else ?><?cs var:T.tokens.never_used ?><?cs /if ?></td>
      <td data-label="<?cs var:T.tokens.expires ?>" class="nowrap"><?cs if:k.expired == "1" ?><span class="badge"><?cs var:T.tokens.expired ?></span> <?cs /if ?><?cs if:k.expires ?><?cs var:k.expires ?><?cs else ?><?cs var:T.tokens.no_expiry ?><?cs /if ?></td>
      <td><form method="post" action="/account/tokens/<?cs var:k.id ?>/revoke" class="inline"><?cs call:csrf() ?><button type="submit" class="small secondary" aria-label="<?cs var:T.tokens.revoke ?>: <?cs var:k.name ?>"><?cs var:T.tokens.revoke ?></button></form></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="empty-state"><?cs var:T.tokens.none ?></p>
  <?cs /if ?>
  <h3><?cs var:T.tokens.new ?></h3>
  <form method="post" action="/account/tokens" class="stack">
    <?cs call:csrf() ?>
    <label for="token_name"><?cs var:T.tokens.name ?></label>
    <input id="token_name" name="token_name" required maxlength="80" value="<?cs var:Page.Form.token_name ?>" aria-describedby="token_name-hint<?cs if:Page.Errors.token_name ?> token_name-error<?cs /if ?>"<?cs if:Page.Errors.token_name ?> aria-invalid="true"<?cs /if ?>>
    <span class="hint" id="token_name-hint"><?cs var:T.tokens.name_hint ?></span>
    <?cs call:field_error("token_name") ?>
    <label for="expires_days"><?cs var:T.tokens.expires ?></label>
    <select id="expires_days" name="expires_days"<?cs call:invalid("expires_days") ?>>
      <option value="30"><?cs var:T.tokens.days_30 ?></option>
      <option value="90" selected><?cs var:T.tokens.days_90 ?></option>
      <option value="365"><?cs var:T.tokens.days_365 ?></option>
      <option value="0"><?cs var:T.tokens.no_expiry ?></option>
    </select>
    <?cs call:field_error("expires_days") ?>
    <button type="submit"><?cs var:T.tokens.create ?></button>
  </form>
</section>
