// Load balancer and target group naming rules: 32 characters, alphanumerics and hyphens, no hyphen at either end.
import { validation } from './elbv2-errors.js';

export function checkLoadBalancerName(name: string): void {
  if (name.length > 32) throw validation('LoadBalancer name cannot be longer than 32 characters');
  if (!/^[a-zA-Z0-9-]*$/.test(name))
    throw validation('LoadBalancer name cannot contain characters that are not letters, or digits or the dash.');
  if (name.length === 0) throw validation('LoadBalancer name cannot be empty');
  if (name.startsWith('-') || name.endsWith('-')) throw validation("LoadBalancer name cannot begin or end with '-'");
  if (name.startsWith('internal-')) throw validation("LoadBalancer name cannot begin with 'internal-'");
}

export function checkTargetGroupName(name: string): void {
  if (name.length > 32) throw validation(`Target group name '${name}' cannot be longer than '32' characters`);
  if (!/^[a-zA-Z0-9-]*$/.test(name))
    throw validation(`Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  if (name.length === 0) throw validation('Target group name cannot be empty');
  if (name.startsWith('-') || name.endsWith('-')) throw validation(`Target group name '${name}' cannot begin or end with '-'`);
}
