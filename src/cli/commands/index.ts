// Every CLI command, one file each.
import type { CliCommand } from '../command.js';
import { localStart } from './local-start.js';
import { demo } from './demo.js';

export const COMMANDS: readonly CliCommand[] = [
  localStart,
  demo,
];
