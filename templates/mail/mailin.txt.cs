<?cs escape:"none" ?><?cs var:T.mailin.hello ?>,

<?cs var:T.mailin.bounce[Mail.Reason] ?><?cs if:Mail.Reason == "too_large" ?> <?cs var:T.mailin.limit ?> <?cs var:Mail.MaxMb ?> MB.<?cs /if ?>
<?cs if:Mail.Several ?>
<?cs var:T.mailin.several ?> <?cs var:Mail.Several ?>
<?cs /if ?><?cs if:subcount(Mail.Skipped) > 0 ?>
<?cs each:f = Mail.Skipped ?>  - <?cs var:f ?>
<?cs /each ?><?cs /if ?>
<?cs var:T.mailin.what_to_do ?>
<?cs var:Mail.Link ?>
<?cs if:Mail.OrigSubject ?>
<?cs var:T.mailin.your_message ?> <?cs var:Mail.OrigSubject ?>
<?cs /if ?>
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
