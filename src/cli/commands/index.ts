// Every CLI command, one file each.
import type { CliCommand } from '../command.js';
import { localStart } from './local-start.js';
import { localLs } from './local-ls.js';
import { demo } from './demo.js';

export const COMMANDS: readonly CliCommand[] = [
  localStart,
  localLs,
  demo,
];
