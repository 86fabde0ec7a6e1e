<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:T.account.title ?></h1>
<?cs call:notices() ?>
<div class="columns">
<section class="panel" aria-labelledby="details-h">
  <h2 id="details-h"><?cs var:T.account.details ?></h2>
  <dl class="facts">
    <dt><?cs var:T.account.email ?></dt><dd><?cs var:Page.Account.email ?></dd>
    <?cs if:Page.Account.department ?><dt><?cs var:T.account.department ?></dt><dd><?cs var:Page.Account.department ?></dd><?cs /if ?>
    <?cs if:subcount(Page.Groups) > 0 ?><dt><?cs var:T.account.groups ?></dt><dd><?cs each:g = Page.Groups ?><?cs var:g.name ?><?cs if:!last(g) ?>, <?cs /if ?><?cs /each ?></dd><?cs /if ?>
    <dt><?cs var:T.account.since ?></dt><dd><?cs var:Page.Account.since ?></dd>
  </dl>
  <form method="post" action="/account" class="stack">
    <?cs call:csrf() ?>
    <label for="name"><?cs var:T.account.name ?></label>
    <input id="name" name="name" required maxlength="120" autocomplete="name" value="<?cs var:Page.Account.name ?>"<?cs call:invalid("name") ?>>
    <?cs call:field_error("name") ?>
    <label for="language"><?cs var:T.account.language ?></label>
    <select id="language" name="language">
      <option value=""<?cs if:Page.Account.language == "" ?> selected<?cs /if ?>><?cs var:T.account.language_auto ?></option>
      <option value="en" lang="en"<?cs if:Page.Account.language == "en" ?> selected<?cs /if ?>>English</option>
      <option value="es" lang="es"<?cs if:Page.Account.language == "es" ?> selected<?cs /if ?>>Español</option>
    </select>
    <button type="submit"><?cs var:T.account.save ?></button>
  </form>
</section>
<section class="panel" aria-labelledby="pw-h">
  <h2 id="pw-h"><?cs var:T.account.password ?></h2>
  <form method="post" action="/account/password" class="stack">
    <?cs call:csrf() ?>
    <input type="hidden" name="username" value="<?cs var:Page.Account.email ?>" autocomplete="username">
    <label for="current"><?cs var:T.account.current ?></label>
    <input id="current" name="current" type="password" required maxlength="256" autocomplete="current-password"<?cs call:invalid("current") ?>>
    <?cs call:field_error("current") ?>
    <label for="new"><?cs var:T.account.new ?></label>
    <input id="new" name="new" type="password" required maxlength="256" autocomplete="new-password" aria-describedby="new-hint<?cs if:Page.Errors.new ?> new-error<?cs /if ?>"<?cs if:Page.Errors.new ?> aria-invalid="true"<?cs /if ?>>
    <span class="hint" id="new-hint"><?cs var:T.account.min_length ?> <?cs var:MinPassword ?> <?cs var:T.account.characters ?> <?cs var:T.account.new_hint ?></span>
    <?cs call:field_error("new") ?>
    <label for="confirm"><?cs var:T.account.confirm ?></label>
    <input id="confirm" name="confirm" type="password" required maxlength="256" autocomplete="new-password"<?cs call:invalid("confirm") ?>>
    <?cs call:field_error("confirm") ?>
    <button type="submit"><?cs var:T.account.change ?></button>
  </form>
</section>
</div>
<?cs include:"portal/_tokens.cs" ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
