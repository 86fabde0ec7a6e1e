<?cs # _queue_views.cs - on the work queue: what a bulk change or a saved view did,
   the saved views (own and shared with the agent's teams) and saving the filters. ?>
<?cs if:Page.Done == "bulk" ?><p class="notice ok" role="status"><?cs var:T.queue.changed ?> <?cs var:Page.Changed ?><?cs if:Page.Refused > 0 ?>. <?cs var:T.queue.refused ?> <?cs var:Page.Refused ?><?cs /if ?>.</p><?cs
elif:Page.Done == "saved" ?><p class="notice ok" role="status"><?cs var:T.queue.saved ?></p><?cs
elif:Page.Done == "deleted" ?><p class="notice ok" role="status"><?cs var:T.queue.deleted ?></p><?cs /if ?>
<section class="saved-views" aria-labelledby="views-h">
  <h2 id="views-h"><?cs var:T.queue.views ?></h2>
  <?cs if:subcount(Page.Views) > 0 ?>
  <ul class="plain view-list"><?cs each:v = Page.Views ?>
    <li><a href="/tickets/queue?view=<?cs var:v.id ?>"<?cs if:v.id == Page.View.id ?> aria-current="page"<?cs /if ?>><?cs var:v.name ?></a>
      <span class="meta"><?cs if:v.team ?><?cs var:T.queue.shared_with ?> <?cs var:v.team ?><?cs else ?><?cs var:T.queue.private ?><?cs /if ?><?cs if:v.own != "1" ?> · <?cs var:v.owner ?><?cs /if ?></span>
      <?cs if:v.own == "1" ?><form method="post" action="/tickets/queue/views/<?cs var:v.id ?>/delete" class="inline"><?cs call:csrf() ?><button type="submit" class="link" aria-label="<?cs var:T.queue.delete ?> <?cs var:v.name ?>"><?cs var:T.queue.delete ?></button></form><?cs /if ?></li><?cs /each ?>
  </ul>
  <?cs else ?><p class="meta"><?cs var:T.queue.no_views ?></p><?cs /if ?>
  <details>
    <summary><?cs var:T.queue.save_summary ?></summary>
    <form method="post" action="/tickets/queue/views" class="filters">
      <?cs call:csrf() ?>
      <input type="hidden" name="status" value="<?cs var:Page.Filter.status ?>">
      <input type="hidden" name="who" value="<?cs var:Page.Filter.who ?>">
      <input type="hidden" name="sort" value="<?cs var:Page.Filter.sort ?>">
      <input type="hidden" name="priority" value="<?cs var:Page.Filter.priority ?>">
      <input type="hidden" name="due" value="<?cs var:Page.Filter.due ?>">
      <input type="hidden" name="q" value="<?cs var:Page.Filter.q ?>">
      <div class="field grow">
        <label for="vn"><?cs var:T.queue.view_name ?></label>
        <input id="vn" name="name" maxlength="80" required value="<?cs var:Page.View.name ?>">
      </div>
      <div class="field">
        <label for="vs"><?cs var:T.queue.share ?></label>
        <select id="vs" name="share"><option value="0"><?cs var:T.queue.only_me ?></option><?cs each:g = Page.ShareTeams ?><option value="<?cs var:g.id ?>"><?cs var:T.queue.team ?> <?cs var:g.name ?></option><?cs /each ?></select>
      </div>
      <button type="submit" class="secondary"><?cs var:T.queue.save ?></button>
    </form>
  </details>
</section>
