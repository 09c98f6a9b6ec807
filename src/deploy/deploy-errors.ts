// The error a failed deployment ends with: exit 1, and the stopped tasks' story in the data.
import { CortadoError } from '../core/errors.js';
import type { StoppedTask } from './failure-report.js';

export class DeploymentFailedError extends CortadoError {
  readonly stoppedTasks: readonly StoppedTask[];
  readonly rolledBack: boolean;
  constructor(message: string, stoppedTasks: readonly StoppedTask[], rolledBack: boolean) {
    super('DEPLOYMENT_FAILED', message, {
      source: 'aws',
      hint: rolledBack
        ? 'the service is back on its previous revision; fix the task definition and deploy again'
        : 'see the stopped reasons above; cortado status shows the service now',
    });
    this.name = 'DeploymentFailedError';
    this.stoppedTasks = stoppedTasks;
    this.rolledBack = rolledBack;
  }
}
