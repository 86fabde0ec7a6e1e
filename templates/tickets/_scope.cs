<?cs # _scope.cs - "My requests" / "My department" tabs on /tickets/ when the admin lets requesters follow their department's requests. ?>
<?cs if:Page.DeptView ?>
<nav class="subnav" aria-label="<?cs var:T.tdept.scope ?>"><ul class="plain inline-list">
  <li><a href="/tickets/"<?cs if:Page.Who != "department" ?> aria-current="page"<?cs /if ?>><?cs var:T.tdept.mine ?></a></li>
  <li><a href="/tickets/?who=department"<?cs if:Page.Who == "department" ?> aria-current="page"<?cs /if ?>><?cs var:T.tdept.department ?></a></li>
</ul></nav>
<?cs /if ?>
