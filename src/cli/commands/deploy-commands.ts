// The deploy commands (issue 4), in the order `cortado --help` lists them.
import type { CliCommand } from '../command.js';
import { deleteCommand } from './delete.js';
import { deployCommand } from './deploy.js';
import { deregisterCommand } from './deregister.js';
import { diffCommand } from './diff.js';
import { execCommand } from './exec.js';
import { iamPolicyCommand } from './iam-policy.js';
import { initCommand } from './init.js';
import { logsCommand } from './logs.js';
import { refreshCommand } from './refresh.js';
import { registerCommand } from './register.js';
import { renderCommand } from './render.js';
import { revisionsCommand } from './revisions.js';
import { rollbackCommand } from './rollback.js';
import { runCommand } from './run.js';
import { scaleCommand } from './scale.js';
import { statusCommand } from './status.js';
import { tagCommand } from './tag.js';
import { verifyCommand } from './verify.js';
import { waitCommand } from './wait.js';

export const DEPLOY_COMMANDS: readonly CliCommand[] = [
  initCommand, renderCommand, diffCommand, verifyCommand, registerCommand, deployCommand, refreshCommand, scaleCommand, waitCommand,
  rollbackCommand, statusCommand, revisionsCommand, deregisterCommand, deleteCommand, runCommand, logsCommand, execCommand, tagCommand, iamPolicyCommand,
];
