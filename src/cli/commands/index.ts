// Every CLI command, one file each.
import type { CliCommand } from '../command.js';
import { localStart } from './local-start.js';
import { DEPLOY_COMMANDS } from './deploy-commands.js';
import { localLs } from './local-ls.js';
import { demo } from './demo.js';
import { envCreate } from './env-create.js';
import { envLs } from './env-ls.js';
import { envDelete } from './env-delete.js';
import { envGc } from './env-gc.js';
import { envPublish } from './env-publish.js';
import { canaryStart } from './canary-start.js';
import { canaryStatus } from './canary-status.js';
import { canaryPromote } from './canary-promote.js';
import { canaryAbort } from './canary-abort.js';
import { canaryPause } from './canary-pause.js';
import { canaryResume } from './canary-resume.js';

export const COMMANDS: readonly CliCommand[] = [
  localStart,
  localLs,
  demo,
  envCreate,
  envLs,
  envDelete,
  envGc,
  envPublish,
  canaryStart,
  canaryStatus,
  canaryPromote,
  canaryAbort,
  canaryPause,
  canaryResume,
  ...DEPLOY_COMMANDS,
];
