<?cs escape:"none" ?><?cs var:T.mailin.marker ?>
<?cs var:T.mailin.marker_hint ?>

<?cs var:T.mailin.hello ?> <?cs var:Mail.Name ?>,

<?cs var:Mail.Requester ?> <?cs var:T.mailin.staff.text ?>

<?cs var:Mail.Body ?>
<?cs if:Mail.Cut == "1" ?><?cs var:T.mailin.staff.cut ?>
<?cs /if ?>
<?cs var:T.mailin.staff.answer ?>
<?cs var:Mail.Number ?>: <?cs var:Mail.TicketSubject ?>
<?cs var:Mail.Link ?>

-- 
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
