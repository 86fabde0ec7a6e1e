<?cs escape:"none" ?><?cs if:Mail.ReplyToken ?><?cs var:T.mailin.marker ?>
<?cs var:T.mailin.marker_hint ?>

<?cs /if ?><?cs var:T.mail.reset.hello ?> <?cs var:Mail.Name ?>,

<?cs var:T.mail.ticket["text_" + Mail.Kind] ?>

<?cs var:Mail.Number ?>: <?cs var:Mail.TicketSubject ?>
<?cs var:Mail.Link ?>

-- 
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
