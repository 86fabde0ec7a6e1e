<?cs escape:"none" ?><?cs var:T.mail.reset.hello ?> <?cs var:Mail.Name ?>,

<?cs var:T.mail.reset.text ?>

<?cs var:Mail.Link ?>

<?cs var:T.mail.reset.expires ?> <?cs var:Mail.Minutes ?> <?cs var:T.mail.reset.minutes ?>
<?cs var:T.mail.reset.ignore ?>

-- 
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
