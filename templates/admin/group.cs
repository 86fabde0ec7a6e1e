<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li><li><a href="/admin/groups"><?cs var:T.admin.groups ?></a></li></ol></nav>
<h1><?cs var:Page.G.name ?></h1>
<?cs call:notices() ?>
<div class="columns">
<section class="panel" aria-labelledby="team-h">
<h2 id="team-h"><?cs var:T.tcfg.team_edit ?></h2>
<form method="post" action="/admin/groups/<?cs var:Page.G.id ?>" class="stack">
  <?cs call:csrf() ?>
  <label for="name"><?cs var:T.admin.group_name ?></label>
  <input id="name" name="name" required maxlength="120" value="<?cs if:Page.Form.name ?><?cs var:Page.Form.name ?><?cs else ?><?cs var:Page.G.name ?><?cs /if ?>"<?cs call:invalid("name") ?>>
  <?cs call:field_error("name") ?>
  <label for="description"><?cs var:T.admin.group_description ?></label>
  <input id="description" name="description" maxlength="500" value="<?cs var:Page.G.description ?>">
  <input type="hidden" name="support_form" value="1">
  <label class="check"><input type="checkbox" name="support" value="1"<?cs if:Page.G.support == "1" ?> checked<?cs /if ?>> <?cs var:T.tcfg.support_label ?></label>
  <button type="submit"><?cs var:T.admin.save ?></button>
</form>
<?cs if:subcount(Page.Topics) > 0 ?>
<h3><?cs var:T.tcfg.team_topics ?></h3>
<ul><?cs each:t = Page.Topics ?><li><?cs var:t.name ?></li><?cs /each ?></ul>
<?cs /if ?>
</section>
<section class="panel" aria-labelledby="members-h">
<h2 id="members-h"><?cs var:T.tcfg.members ?></h2>
<?cs if:subcount(Page.Members) == 0 ?><p><?cs var:T.tcfg.no_members ?></p><?cs /if ?>
<ul class="plain members">
<?cs each:m = Page.Members ?><li>
  <form method="post" action="/admin/groups/<?cs var:Page.G.id ?>/members/<?cs var:m.id ?>/remove" class="inline">
    <?cs call:csrf() ?>
    <a href="/admin/users/<?cs var:m.id ?>"><?cs var:m.name ?></a> <span class="meta"><?cs var:m.email ?><?cs if:m.active == "0" ?> · <?cs var:T.admin.disabled ?><?cs /if ?></span>
    <button type="submit" class="secondary small" aria-label="<?cs var:T.tcfg.member_remove ?>: <?cs var:m.name ?>"><?cs var:T.tcfg.member_remove ?></button>
  </form>
</li><?cs /each ?>
</ul>
<form method="post" action="/admin/groups/<?cs var:Page.G.id ?>/members" class="stack">
  <?cs call:csrf() ?>
  <label for="email"><?cs var:T.tcfg.member_email ?></label>
  <input id="email" name="email" type="email" required maxlength="254" value="<?cs var:Page.Form.email ?>"<?cs call:invalid("email") ?>>
  <?cs call:field_error("email") ?>
  <button type="submit"><?cs var:T.tcfg.member_add ?></button>
</form>
</section>
</div>
<?cs /def ?>
<?cs include:"layout.cs" ?>
