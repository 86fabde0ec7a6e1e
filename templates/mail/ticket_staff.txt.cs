<?cs escape:"none" ?><?cs var:T.mailin.marker ?>
<?cs var:T.mailin.marker_hint ?>

<?cs var:T.mailin.hello ?>,

<?cs if:Mail.Kind == "new" ?><?cs if:Mail.ToAssignee == "1" ?><?cs var:T.mailin.staff.new_mine ?><?cs else ?><?cs var:T.mailin.staff.new_team ?><?cs /if ?>

<?cs var:Mail.Number ?>: <?cs var:Mail.TicketSubject ?>
<?cs if:Mail.Team ?><?cs var:T.mailin.staff.team ?> <?cs var:Mail.Team ?>
<?cs /if ?><?cs var:T.mailin.staff.from ?> <?cs var:Mail.Requester ?>
<?cs if:Mail.Topic ?><?cs var:T.mailin.staff.topic ?> <?cs var:Mail.Topic ?>
<?cs /if ?><?cs var:T.mailin.staff.channel ?> <?cs var:T.tickets.channel_names[Mail.Channel] ?>
<?cs else ?><?cs var:Mail.Requester ?> <?cs var:T.mailin.staff.text ?>
<?cs /if ?>
<?cs var:Mail.Body ?>
<?cs if:Mail.Cut == "1" ?><?cs var:T.mailin.staff.cut ?>
<?cs /if ?>
<?cs var:T.mailin.staff.answer ?>
<?cs var:Mail.Number ?>: <?cs var:Mail.TicketSubject ?>
<?cs var:Mail.Link ?>

-- 
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
