<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.mailin.admin_title ?></h1>
<p><?cs var:T.mailin.admin_lead ?></p>
<form method="get" action="/admin/mail" class="filters" role="search" aria-label="<?cs var:T.mailin.admin_title ?>">
  <div class="field grow">
    <label for="mq"><?cs var:T.mailin.admin_search ?></label>
    <input id="mq" name="q" type="search" maxlength="100" value="<?cs var:Page.Query ?>">
  </div>
  <div class="field">
    <label for="outcome"><?cs var:T.mailin.admin_outcome ?></label>
    <select id="outcome" name="outcome">
      <option value="all"<?cs if:Page.Outcome == "all" ?> selected<?cs /if ?>><?cs var:T.mailin.outcomes.all ?></option>
      <option value="reply"<?cs if:Page.Outcome == "reply" ?> selected<?cs /if ?>><?cs var:T.mailin.outcomes.reply ?></option>
      <option value="new_ticket"<?cs if:Page.Outcome == "new_ticket" ?> selected<?cs /if ?>><?cs var:T.mailin.outcomes.new_ticket ?></option>
      <option value="bounced"<?cs if:Page.Outcome == "bounced" ?> selected<?cs /if ?>><?cs var:T.mailin.outcomes.bounced ?></option>
      <option value="ignored"<?cs if:Page.Outcome == "ignored" ?> selected<?cs /if ?>><?cs var:T.mailin.outcomes.ignored ?></option>
      <option value="duplicate"<?cs if:Page.Outcome == "duplicate" ?> selected<?cs /if ?>><?cs var:T.mailin.outcomes.duplicate ?></option>
    </select>
  </div>
  <button type="submit" class="secondary"><?cs var:T.admin.filter ?></button>
</form>
<?cs if:subcount(Page.Mail) > 0 ?>
<div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.mailin.admin_title ?>">
<table>
  <thead><tr><th scope="col"><?cs var:T.mailin.admin_at ?></th><th scope="col"><?cs var:T.mailin.admin_from ?></th><th scope="col"><?cs var:T.mailin.admin_subject ?></th><th scope="col"><?cs var:T.mailin.admin_outcome ?></th><th scope="col"><?cs var:T.mailin.admin_ticket ?></th><th scope="col"><?cs var:T.mailin.admin_msgid ?></th></tr></thead>
  <tbody>
  <?cs each:m = Page.Mail ?>
  <tr><td class="nowrap"><?cs var:m.at ?></td><td data-label="<?cs var:T.mailin.admin_from ?>"><?cs var:m.from_addr ?></td><td data-label="<?cs var:T.mailin.admin_subject ?>"><?cs var:m.subject ?></td><td data-label="<?cs var:T.mailin.admin_outcome ?>"><?cs var:T.mailin.outcomes[m.outcome] ?><?cs if:m.reason ?>: <?cs var:T.mailin.reasons[m.reason] ?><?cs /if ?></td><td data-label="<?cs var:T.mailin.admin_ticket ?>"><?cs if:m.ticket ?><a href="/tickets/<?cs var:m.ticket ?>"><?cs var:m.ticket ?></a><?cs /if ?></td><td data-label="<?cs var:T.mailin.admin_msgid ?>" class="small"><?cs var:m.message_id ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty-state"><?cs var:T.mailin.admin_none ?></p>
<?cs /if ?>
<?cs call:pager("/admin/mail?q=" + url_escape(Page.Query) + "&outcome=" + url_escape(Page.Outcome) + "&") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
