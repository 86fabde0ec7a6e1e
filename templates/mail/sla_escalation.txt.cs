<?cs escape:"none" ?><?cs var:T.mail.reset.hello ?><?cs if:Mail.Name ?> <?cs var:Mail.Name ?><?cs /if ?>,

<?cs var:T.mail.sla["text_" + Mail.Event] ?>

<?cs var:Mail.Number ?>: <?cs var:Mail.TicketSubject ?>
<?cs var:T.mail.sla.rule ?>: <?cs var:Mail.Rule ?>
<?cs var:T.tickets.priority ?>: <?cs var:T.tickets.prio[Mail.Priority] ?>
<?cs if:Mail.Due ?><?cs var:T.mail.sla.due ?>: <?cs var:Mail.Due ?>
<?cs /if ?><?cs var:Mail.Link ?>

-- 
<?cs var:T.mail.signature ?> · <?cs var:Site.Name ?>
<?cs /escape ?>
