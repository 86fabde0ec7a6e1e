<!DOCTYPE html>
<html lang="<?cs var:Mail.Lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.Number ?></title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p style="color: #555555; font-size: small;"><?cs var:T.mailin.marker ?><br><?cs var:T.mailin.marker_hint ?></p>
<p><?cs var:T.mailin.hello ?>,</p>
<?cs if:Mail.Kind == "new" ?><p><?cs if:Mail.ToAssignee == "1" ?><?cs var:T.mailin.staff.new_mine ?><?cs else ?><?cs var:T.mailin.staff.new_team ?><?cs /if ?></p>
<p><a href="<?cs var:Mail.Link ?>"><strong><?cs var:Mail.Number ?></strong>: <?cs var:Mail.TicketSubject ?></a><br>
<?cs if:Mail.Team ?><?cs var:T.mailin.staff.team ?> <?cs var:Mail.Team ?><br>
<?cs /if ?><?cs var:T.mailin.staff.from ?> <?cs var:Mail.Requester ?><br>
<?cs if:Mail.Topic ?><?cs var:T.mailin.staff.topic ?> <?cs var:Mail.Topic ?><br>
<?cs /if ?><?cs var:T.mailin.staff.channel ?> <?cs var:T.tickets.channel_names[Mail.Channel] ?></p>
<?cs else ?><p><?cs var:Mail.Requester ?> <?cs var:T.mailin.staff.text ?></p>
<?cs /if ?><div style="white-space: pre-wrap; border-left: 3px solid #cccccc; padding-left: 12px;"><?cs var:Mail.Body ?></div>
<?cs if:Mail.Cut == "1" ?><p><?cs var:T.mailin.staff.cut ?></p><?cs /if ?>
<p><?cs var:T.mailin.staff.answer ?><br><a href="<?cs var:Mail.Link ?>"><strong><?cs var:Mail.Number ?></strong>: <?cs var:Mail.TicketSubject ?></a></p>
<p>— <?cs var:T.mail.signature ?> · <?cs var:Site.Name ?></p>
</body></html>
