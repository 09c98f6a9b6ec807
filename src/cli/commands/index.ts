// Every CLI command, one file each.
import type { CliCommand } from '../command.js';
import { localStart } from './local-start.js';

export const COMMANDS: readonly CliCommand[] = [localStart];
