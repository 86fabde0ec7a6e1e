<!DOCTYPE html>
<html lang="<?cs var:Mail.Lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.Number ?></title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<?cs if:Mail.ReplyToken ?><p style="color: #555555; font-size: small;"><?cs var:T.mailin.marker ?><br><?cs var:T.mailin.marker_hint ?></p>
<?cs /if ?><p><?cs var:T.mail.reset.hello ?> <?cs var:Mail.Name ?>,</p>
<p><?cs var:T.mail.ticket["text_" + Mail.Kind] ?></p>
<p><a href="<?cs var:Mail.Link ?>"><strong><?cs var:Mail.Number ?></strong>: <?cs var:Mail.TicketSubject ?></a></p>
<p>— <?cs var:T.mail.signature ?> · <?cs var:Site.Name ?></p>
</body></html>
