<!DOCTYPE html>
<html lang="<?cs var:Mail.Lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.Number ?></title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p><?cs var:T.mail.reset.hello ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,</p>
<p><?cs var:T.mail.sla["text_" + Mail.Event] ?></p>
<p><a href="<?cs var:Mail.Link ?>"><strong><?cs var:Mail.Number ?></strong>: <?cs var:Mail.TicketSubject ?></a></p>
<ul>
<li><?cs var:T.mail.sla.rule ?>: <?cs var:Mail.Rule ?></li>
<li><?cs var:T.tickets.priority ?>: <?cs var:T.tickets.prio[Mail.Priority] ?></li>
<?cs if:Mail.Due ?><li><?cs var:T.mail.sla.due ?>: <?cs var:Mail.Due ?></li><?cs /if ?>
</ul>
<p>— <?cs var:T.mail.signature ?> · <?cs var:Site.Name ?></p>
</body></html>
