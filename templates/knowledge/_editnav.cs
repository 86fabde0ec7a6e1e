<?cs # _editnav.cs - the editors' sub-navigation. ?>
<nav class="subnav" aria-label="<?cs var:T.kbe.nav ?>">
  <ul>
    <li><a href="/kb/edit/"<?cs if:Path == "/kb/edit/" ?> aria-current="page"<?cs /if ?>><?cs var:T.kbe.title ?></a></li>
    <li><a href="/kb/edit/articles"<?cs if:Path == "/kb/edit/articles" ?> aria-current="page"<?cs /if ?>><?cs var:T.kbe.all ?></a></li>
    <li><a href="/kb/edit/new"<?cs if:Path == "/kb/edit/new" ?> aria-current="page"<?cs /if ?>><?cs var:T.kbe.new ?></a></li>
    <li><a href="/kb/edit/synonyms"<?cs if:Path == "/kb/edit/synonyms" ?> aria-current="page"<?cs /if ?>><?cs var:T.kbe.synonyms ?></a></li>
  </ul>
</nav>
