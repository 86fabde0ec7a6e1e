<?cs if:Page.Seen ?><input type="hidden" name="seen" value="<?cs var:Page.Seen ?>"><?cs /if ?>
<?cs if:Page.Major.open > 0 ?><label class="check"><input type="checkbox" name="also_children" value="1"> <?cs var:T.links.also_solve_a ?> <?cs var:Page.Major.open ?> <?cs var:T.links.also_solve_b ?></label><?cs /if ?>
