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

export const COMMANDS: readonly CliCommand[] = [
  localStart,
  localLs,
  demo,
  envCreate,
  envLs,
  envDelete,
  envGc,
  envPublish,
  ...DEPLOY_COMMANDS,
];
