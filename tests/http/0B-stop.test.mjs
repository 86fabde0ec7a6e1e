// 0B-stop.test.mjs - stopping cleanly. A worker told to stop (SIGTERM, as
// `systemctl stop` and scripts/stack.sh do) closes its database connection:
// MariaDB counts no aborted client. `make run` ends on Ctrl-C or SIGTERM with
// a friendly word, no error from make and nothing it started left running.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client, freePort, REPO, rnd, SERVER, sqlValue, STATE } from './lib.mjs';

const PROGRAMS = ['portal', 'knowledge', 'catalog', 'tickets', 'admin'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The worker pids of a program (children of the pid in its pid file). */
function workers(program) {
  const pid = readFileSync(join(STATE, 'run', `${program}.pid`), 'utf8').trim();
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
}

async function abortedClients() {
  return Number(await sqlValue("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'ABORTED_CLIENTS'"));
}

test('a worker told to stop closes its database connection, and another takes its place', async () => {
  const c = new Client();
  // Every worker has used its connection.
  for (let i = 0; i < 6; i++)
    for (const path of ['/', '/kb/', '/catalog/', '/tickets/', '/admin/']) await c.get(path);
  const before = await abortedClients();
  const stopped = {};
  for (const p of PROGRAMS) {
    const [w] = workers(p);
    stopped[p] = w;
    process.kill(Number(w), 'SIGTERM');
  }
  for (const p of PROGRAMS) {
    let now = [];
    for (let i = 0; i < 50; i++) {
      now = workers(p);
      if (!now.includes(stopped[p]) && now.length >= 1 && !existsSync(`/proc/${stopped[p]}`)) break;
      await sleep(100);
    }
    assert.ok(!now.includes(stopped[p]), `${p}: worker ${stopped[p]} stopped`);
  }
  await sleep(500);
  assert.equal(await abortedClients(), before, 'MariaDB saw no connection dropped without goodbye');
  for (const [path, status] of [['/', 200], ['/kb/', 200], ['/catalog/', 200], ['/tickets/', 303], ['/admin/', 303]])
    assert.equal((await c.get(path)).status, status, `${path} still answers`);
});

// ------------------------------------------------------------------ make run


const runState = `/tmp/vt-run-${rnd(8)}`;
const env = { ...process.env, VT_RUN_STATE: runState };

/** Start `make run` in its own process group, as a shell starts a job at a
 * terminal; resolves once it says it is running. */
async function makeRun(port) {
  const child = spawn('make', ['--no-print-directory', 'run', `PORT=${port}`],
    { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, out: '' };
  run.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.on('data', (d) => { run.out += d; });
  child.stderr.on('data', (d) => { run.out += d; });
  for (let i = 0; i < 1800 && !run.out.includes('Press Ctrl-C'); i++) {
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  assert.ok(run.out.includes('Press Ctrl-C'), `make run started:\n${run.out}`);
  return run;
}

/** `scripts/stack.sh status` of the run's folder: its exit code (3 = nothing runs). */
function status() {
  return new Promise((resolve) => {
    execFile('bash', [join(REPO, 'scripts/stack.sh'), 'status', runState], (err) =>
      resolve(err ? err.code : 0));
  });
}

/** After make returned: a friendly word, no error from make, nothing left. */
async function assertEndedWell(run, ended, what) {
  assert.doesNotMatch(run.out, /make(\[\d+\])?: \*\*\*/, `${what}: make reports no error:\n${run.out}`);
  assert.match(run.out, /Ventanilla (has stopped|was stopped)/, `${what}: says it stopped`);
  assert.ok(ended.code === 0 || ['SIGINT', 'SIGTERM'].includes(ended.signal),
    `${what}: make ended by itself or by the signal it was given (${JSON.stringify(ended)})`);
  assert.equal(await status(), 3, `${what}: nothing of the stack runs once make returned`);
  const log = readFileSync(join(runState, 'log/mariadb.log'), 'utf8');
  assert.doesNotMatch(log, /Aborted connection/, `${what}: MariaDB saw no connection dropped`);
}

const skipRun = SERVER === 'apache' ? 'make run uses nginx; tested in the nginx pass' : false;

test('make run: Ctrl-C stops everything it started, without an error from make', { skip: skipRun }, async () => {
  const port = await freePort();
  const run = await makeRun(port);
  const r = await fetch(`http://127.0.0.1:${port}/hello`);
  assert.equal(r.status, 200, 'the site answers');
  // Ctrl-C at a terminal: SIGINT to the whole foreground job.
  process.kill(-run.child.pid, 'SIGINT');
  await assertEndedWell(run, await run.exit, 'Ctrl-C');
});

test('make run: SIGTERM to make stops everything too', { skip: skipRun }, async () => {
  const run = await makeRun(await freePort());
  process.kill(run.child.pid, 'SIGTERM');
  await assertEndedWell(run, await run.exit, 'SIGTERM to make');
});

test('make run: SIGTERM to the whole job, and make stop from elsewhere', { skip: skipRun }, async () => {
  let run = await makeRun(await freePort());
  process.kill(-run.child.pid, 'SIGTERM');
  await assertEndedWell(run, await run.exit, 'SIGTERM to the job');
  run = await makeRun(await freePort());
  await new Promise((resolve, reject) => execFile('make', ['--no-print-directory', 'stop'],
    { cwd: REPO, env }, (err) => (err ? reject(err) : resolve())));
  const ended = await run.exit;
  assert.equal(ended.code, 0, `make run ends well after make stop:\n${run.out}`);
  await assertEndedWell(run, ended, 'make stop');
});

after(async () => {
  if (!skipRun && existsSync(runState)) {
    await new Promise((resolve) => execFile('bash', [join(REPO, 'scripts/stack.sh'), 'stop', runState],
      () => resolve()));
    rmSync(runState, { recursive: true, force: true });
  }
});
