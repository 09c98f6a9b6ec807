// Makes the dashboard's browser tests runnable on a fresh Debian machine: installs Debian's chromium when it is missing.
// Run by `npm test` before the tests. Never downloads a browser of its own: apt-get or nothing. When chromium cannot be
// installed (no apt-get, not root and no password-less sudo, the install failing), it says why and the browser tests skip.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CHROMIUM = process.env.CORTADO_CHROMIUM ?? '/usr/bin/chromium';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (cmd) => (process.env.PATH ?? '').split(delimiter).some((d) => executable(join(d, cmd)));

function skip(why) {
  console.log(`ensure-chromium: ${why}: the dashboard browser tests (test/server/dashboard) will be skipped`);
  process.exit(0);
}

if (executable(CHROMIUM)) process.exit(0);
if (process.env.CORTADO_CHROMIUM) skip(`CORTADO_CHROMIUM=${CHROMIUM} is not an executable`);
if (!onPath('apt-get')) skip(`${CHROMIUM} is missing and there is no apt-get to install Debian's chromium package`);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!root && !sudo) skip(`${CHROMIUM} is missing and installing it needs root (apt-get install -y chromium)`);

const apt = (args) => {
  const [cmd, argv] = sudo ? ['sudo', ['-n', 'apt-get', ...args]] : ['apt-get', args];
  const r = spawnSync(cmd, argv, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
};

console.log("ensure-chromium: installing Debian's chromium for the dashboard browser tests (apt-get install -y chromium; a minute or two)");
let r = apt(['install', '-y', '-q', 'chromium']);
// A fresh image often has no package lists yet.
if (!r.ok) {
  const u = apt(['update', '-q']);
  if (u.ok) r = apt(['install', '-y', '-q', 'chromium']);
}
if (!r.ok || !executable(CHROMIUM)) {
  console.log(r.out.split('\n').slice(-15).join('\n'));
  skip(`apt-get install -y chromium failed`);
}
console.log(`ensure-chromium: ${CHROMIUM} installed`);
