// The command table, for callers that reach it through the commands folder (its home is cli/command-table.ts; nothing loads here).
export { COMMAND_TABLE, GROUPS, type CommandEntry, type GroupEntry } from '../command-table.js';
