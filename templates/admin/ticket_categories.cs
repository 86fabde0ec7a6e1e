<?cs include:"macros.cs" ?>
<?cs include:"admin/_ticket_nav.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.tcfg.categories ?></h1>
<?cs call:ticket_nav("categories") ?>
<p class="lead"><?cs var:T.tcfg.categories_lead ?></p>
<?cs call:notices() ?>
<?cs if:subcount(Page.Categories) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.tcfg.categories ?>">
<table class="tcfg-list">
  <thead><tr><th scope="col"><?cs var:T.tcfg.topic ?></th><th scope="col"><?cs var:T.tcfg.team ?></th><th scope="col"><?cs var:T.tcfg.fields ?></th><th scope="col"><?cs var:T.tcfg.tickets ?></th><th scope="col"><?cs var:T.tcfg.state ?></th><th scope="col"><?cs var:T.tcfg.order ?></th></tr></thead>
  <tbody>
  <?cs each:c = Page.Categories ?><tr>
    <td><a href="/admin/tickets/categories/<?cs var:c.id ?>"><?cs var:c.name_en ?></a> / <span lang="es"><?cs var:c.name_es ?></span> <span class="meta">(<?cs var:c.slug ?>)</span></td>
    <td data-label="<?cs var:T.tcfg.team ?>"><?cs if:c.team ?><?cs var:c.team ?><?cs else ?><?cs var:T.tcfg.no_team ?><?cs /if ?></td>
    <td data-label="<?cs var:T.tcfg.fields ?>"><?cs var:c.fields ?></td>
    <td data-label="<?cs var:T.tcfg.tickets ?>"><?cs var:c.tickets ?></td>
    <td data-label="<?cs var:T.tcfg.state ?>"><?cs if:c.active == "1" ?><?cs var:T.tcfg.active ?><?cs else ?><span class="badge"><?cs var:T.tcfg.inactive ?></span><?cs /if ?></td>
    <td data-label="<?cs var:T.tcfg.order ?>"><form method="post" action="/admin/tickets/categories/<?cs var:c.id ?>/move" class="inline move">
      <?cs call:csrf() ?>
      <?cs if:!first(c) ?><button type="submit" name="dir" value="up" class="secondary small" aria-label="<?cs var:T.tcfg.move_up ?>: <?cs var:c.name_en ?>">↑</button><?cs /if ?>
      <?cs if:!last(c) ?><button type="submit" name="dir" value="down" class="secondary small" aria-label="<?cs var:T.tcfg.move_down ?>: <?cs var:c.name_en ?>">↓</button><?cs /if ?>
    </form></td>
  </tr><?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p><?cs var:T.tcfg.no_categories ?></p>
<?cs /if ?>
<section class="panel" aria-labelledby="new-cat-h">
<h2 id="new-cat-h"><?cs var:T.tcfg.category_new ?></h2>
<?cs set:New.id = "new" ?><?cs set:New.slug = Page.Form.slug ?><?cs set:New.name_en = Page.Form.name_en ?><?cs set:New.name_es = Page.Form.name_es ?><?cs set:New.description_en = Page.Form.description_en ?><?cs set:New.description_es = Page.Form.description_es ?><?cs set:New.group_id = Page.Form.group_id ?>
<?cs call:category_form(New, "/admin/tickets/categories", T.tcfg.create) ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
