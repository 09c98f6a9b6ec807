// The deploy engine as functions over a session: what the package exports, so every host (CLI, HTTP server) makes one call.
import type { Session } from '../session/index.js';
import { type DeployContext, openDeployContext } from './deploy-context.js';
import { deleteService as deleteServiceOn } from './delete-service.js';
import { deploy as deployOn } from './deploy.js';
import { deregister as deregisterOn } from './deregister.js';
import { diff as diffOn } from './diff.js';
import { logs as logsOn } from './logs.js';
import { refresh as refreshOn } from './refresh.js';
import { register as registerOn } from './register.js';
import { render as renderOn } from './render.js';
import { revision as revisionOn, revisions as revisionsOn } from './revisions.js';
import { rollback as rollbackOn } from './rollback.js';
import { runTask as runTaskOn } from './run-task.js';
import { scale as scaleOn } from './scale.js';
import { status as statusOn } from './status.js';
import { verify as verifyOn } from './verify.js';
import { waitService as waitServiceOn } from './wait.js';

/** Lifts an engine function over a deploy context to one over a session. */
const overSession =
  <A extends unknown[], R>(fn: (ctx: DeployContext, ...args: A) => Promise<R>) =>
  (session: Session, ...args: A): Promise<R> =>
    fn(openDeployContext(session), ...args);

export const deploy = overSession(deployOn);
export const diff = overSession(diffOn);
export const register = overSession(registerOn);
export const render = overSession(renderOn);
export const rollback = overSession(rollbackOn);
export const runTask = overSession(runTaskOn);
export const status = overSession(statusOn);
export const scale = overSession(scaleOn);
export const waitService = overSession(waitServiceOn);
export const refresh = overSession(refreshOn);
export const revisions = overSession(revisionsOn);
export const revision = overSession(revisionOn);
export const deregister = overSession(deregisterOn);
export const deleteService = overSession(deleteServiceOn);
export const logs = overSession(logsOn);
export const verify = overSession(verifyOn);
