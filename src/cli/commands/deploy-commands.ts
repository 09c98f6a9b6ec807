// The deploy commands' entries in the table (ecspresso's set), in the order `cortado --help` lists them; no module loads here.
import { COMMAND_TABLE, type CommandEntry } from '../command-table.js';

const GROUPED = new Set(['canary', 'env', 'local', 'demo']);

export const DEPLOY_COMMANDS: readonly CommandEntry[] = COMMAND_TABLE.filter((e) => !GROUPED.has(e.path[0]!));
