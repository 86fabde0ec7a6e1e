<?cs # number_form: a form that posts another ticket's number to this ticket (link, attach a ticket, attach this one to a major incident). ?>
<?cs def:number_form(action, id, label, button) ?><form method="post" action="/tickets/<?cs var:Page.T.number ?>/<?cs var:action ?>" class="stack">
  <?cs call:csrf() ?>
  <label for="<?cs var:id ?>"><?cs var:label ?></label>
  <input id="<?cs var:id ?>" name="number" maxlength="20" required placeholder="T-000123" autocomplete="off">
  <button type="submit" class="secondary"><?cs var:button ?></button>
</form><?cs /def ?>
<?cs if:Page.Staff || subcount(Page.Links) ?>
<h2 class="section-title" id="links"><?cs var:T.links.related ?></h2>
<?cs if:subcount(Page.Links) ?>
<ul class="plain linked"><?cs each:l = Page.Links ?><li><a href="/tickets/<?cs var:l.number ?>"><?cs var:l.number ?></a> <?cs var:l.subject ?> <span class="status s-<?cs var:l.status ?>"><?cs var:T.tickets.status[l.status] ?></span><?cs if:Page.Staff ?>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/unlink" class="inline-form"><?cs call:csrf() ?><input type="hidden" name="number" value="<?cs var:l.number ?>"><button type="submit" class="secondary small" aria-label="<?cs var:T.links.unlink ?> <?cs var:l.number ?>"><?cs var:T.links.unlink ?></button></form><?cs /if ?></li><?cs /each ?></ul>
<?cs elif:Page.Staff ?><p class="meta"><?cs var:T.links.none ?></p><?cs /if ?>
<?cs if:Page.Staff ?>
<?cs call:number_form("link", "link-number", T.links.link_label, T.links.link) ?>
<?cs if:subcount(Page.MergedIn) ?><p class="meta"><?cs var:T.links.merged_in ?> <?cs each:x = Page.MergedIn ?><a href="/tickets/<?cs var:x.number ?>"><?cs var:x.number ?></a> <?cs /each ?></p><?cs /if ?>
<h2 class="section-title" id="major"><?cs var:T.links.major ?></h2>
<?cs if:Page.Major.on == "1" ?>
<p><?cs var:T.links.is_major ?></p>
<?cs if:subcount(Page.Children) ?>
<h3 id="children-h"><?cs var:T.links.children ?> (<?cs var:Page.Major.children ?>)</h3>
<ul class="plain linked children" aria-labelledby="children-h"><?cs each:c = Page.Children ?><li><a href="/tickets/<?cs var:c.number ?>"><?cs var:c.number ?></a> <?cs var:c.subject ?> · <?cs var:c.requester ?> <span class="status s-<?cs var:c.status ?>"><?cs var:T.tickets.status[c.status] ?></span>
  <form method="post" action="/tickets/<?cs var:Page.T.number ?>/detach" class="inline-form"><?cs call:csrf() ?><input type="hidden" name="number" value="<?cs var:c.number ?>"><button type="submit" class="secondary small" aria-label="<?cs var:T.links.detach ?> <?cs var:c.number ?>"><?cs var:T.links.detach ?></button></form></li><?cs /each ?></ul>
<?cs else ?><p class="meta"><?cs var:T.links.no_children ?></p><?cs /if ?>
<?cs call:number_form("children", "child-number", T.links.attach_label, T.links.attach) ?>
<form method="post" action="/tickets/<?cs var:Page.T.number ?>/major" class="inline-form"><?cs call:csrf() ?><input type="hidden" name="major" value="0"><button type="submit" class="secondary"><?cs var:T.links.major_off ?></button></form>
<?cs elif:Page.Parent.yes ?>
<?cs if:Page.Parent.number ?>
<p class="attached-to"><?cs var:T.links.attached_to ?> <a href="/tickets/<?cs var:Page.Parent.number ?>"><?cs var:Page.Parent.number ?></a>.</p>
<form method="post" action="/tickets/<?cs var:Page.T.number ?>/parent/remove" class="inline-form"><?cs call:csrf() ?><input type="hidden" name="number" value="<?cs var:Page.Parent.number ?>"><button type="submit" class="secondary"><?cs var:T.links.leave ?></button></form>
<?cs else ?><p class="attached-to"><?cs var:T.links.attached_hidden ?></p><?cs /if ?>
<?cs elif:!Page.Merged.yes ?>
<form method="post" action="/tickets/<?cs var:Page.T.number ?>/major" class="inline-form"><?cs call:csrf() ?><input type="hidden" name="major" value="1"><button type="submit" class="secondary"><?cs var:T.links.major_on ?></button></form>
<?cs call:number_form("parent", "parent-number", T.links.join_label, T.links.attach) ?>
<?cs /if ?>
<?cs if:!Page.Merged.yes ?>
<h2 class="section-title" id="merge"><?cs var:T.links.merge ?></h2>
<form method="post" action="/tickets/<?cs var:Page.T.number ?>/merge" class="stack">
  <?cs call:csrf() ?>
  <label for="merge-number"><?cs var:T.links.merge_label ?></label>
  <input id="merge-number" name="number" maxlength="20" required placeholder="T-000123" autocomplete="off" aria-describedby="merge-hint">
  <p class="meta" id="merge-hint"><?cs var:T.links.merge_hint ?></p>
  <button type="submit" class="secondary"><?cs var:T.links.merge_button ?></button>
</form>
<?cs /if ?>
<?cs /if ?>
<?cs /if ?>
