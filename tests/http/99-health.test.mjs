// 99-health.test.mjs - runs last: after everything the suite threw at them,
// the programs still answer and their logs tell of no crash, no respawned
// worker and no internal error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badLogLines, Client } from './lib.mjs';

test('every program still answers', async () => {
  const c = new Client();
  const r = await c.get('/hello');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'Hello, world\n');
  for (const [path, status] of [['/', 200], ['/kb/', 200], ['/community/', 200], ['/catalog/', 200],
    ['/tickets/', 303], ['/admin/', 303]])
    assert.equal((await c.get(path)).status, status, path);
});

test('the logs show no crash, no respawned worker, no internal error', () => {
  const bad = badLogLines();
  assert.deepEqual(bad, [], `log lines telling of trouble:\n${bad.join('\n')}`);
});
