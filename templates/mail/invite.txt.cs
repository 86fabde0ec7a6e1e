<?cs escape:"none" ?><?cs var:T.mail.reset.hello ?> <?cs var:Mail.Name ?>,

<?cs var:T.mail.invite.text ?>

<?cs var:Mail.Link ?>

<?cs var:T.mail.invite.expires ?>

-- 
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
