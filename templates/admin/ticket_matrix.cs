<?cs include:"macros.cs" ?>
<?cs include:"admin/_ticket_nav.cs" ?>
<?cs def:content() ?>
<nav class="crumbs" aria-label="<?cs var:T.nav.crumbs ?>"><ol><li><a href="/admin/"><?cs var:T.admin.title ?></a></li></ol></nav>
<h1><?cs var:T.tcfg.matrix ?></h1>
<?cs call:ticket_nav("matrix") ?>
<p class="lead"><?cs var:T.tcfg.matrix_lead ?></p>
<?cs call:notices() ?>
<form method="post" action="/admin/tickets/matrix" class="stack wide">
  <?cs call:csrf() ?>
  <div class="table-wrap cards-on-phone" tabindex="0" role="region" aria-label="<?cs var:T.tcfg.matrix ?>">
  <table class="matrix">
    <caption class="visually-hidden"><?cs var:T.tcfg.matrix_caption ?></caption>
    <thead><tr><th scope="col"><?cs var:T.tcfg.impact_urgency ?></th><?cs each:u = Levels ?><th scope="col" id="u<?cs var:u ?>"><?cs var:T.tickets["urgency" + u] ?></th><?cs /each ?></tr></thead>
    <tbody>
    <?cs each:i = Levels ?><tr><th scope="row" id="i<?cs var:i ?>"><?cs var:T.tickets["impact" + i] ?></th>
      <?cs each:u = Levels ?><?cs set:cell = "p_" + i + "_" + u ?><td data-label="<?cs var:T.tickets["urgency" + u] ?>">
        <label class="visually-hidden" for="<?cs var:cell ?>"><?cs var:T.tickets["impact" + i] ?> · <?cs var:T.tickets["urgency" + u] ?></label>
        <select id="<?cs var:cell ?>" name="<?cs var:cell ?>"<?cs call:invalid(cell) ?>><?cs each:p = Prios ?><option value="<?cs var:p ?>"<?cs if:p == Page.Matrix[i][u] ?> selected<?cs /if ?>><?cs var:p ?> · <?cs var:T.tickets.prio[p] ?></option><?cs /each ?></select>
        <?cs call:field_error(cell) ?>
      </td><?cs /each ?>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <p class="hint"><?cs var:T.tcfg.matrix_hint ?></p>
  <button type="submit"><?cs var:T.admin.save ?></button>
</form>
<?cs /def ?>
<?cs set:Levels.0 = "1" ?><?cs set:Levels.1 = "2" ?><?cs set:Levels.2 = "3" ?>
<?cs set:Prios.0 = "1" ?><?cs set:Prios.1 = "2" ?><?cs set:Prios.2 = "3" ?><?cs set:Prios.3 = "4" ?>
<?cs include:"layout.cs" ?>
