<!DOCTYPE html>
<html lang="<?cs var:Mail.Lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.Subject ?></title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p><?cs var:T.mail.reset.hello ?> <?cs var:Mail.Name ?>,</p>
<p><?cs var:T.mail.reset.text ?></p>
<p><a href="<?cs var:Mail.Link ?>"><?cs var:Mail.Link ?></a></p>
<p><?cs var:T.mail.reset.expires ?> <?cs var:Mail.Minutes ?> <?cs var:T.mail.reset.minutes ?></p>
<p><?cs var:T.mail.reset.ignore ?></p>
<p>— <?cs var:T.mail.signature ?> · <?cs var:Site.Name ?></p>
</body></html>
