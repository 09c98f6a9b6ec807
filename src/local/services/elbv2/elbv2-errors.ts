// ELBv2's error codes with the messages AWS answers (wording marked unconfirmed in spec.md where AWS does not document it).
import { AwsError } from '../../aws-error.js';

export const validation = (message: string) => new AwsError('ValidationError', message);
export const invalidConfig = (message: string) => new AwsError('InvalidConfigurationRequest', message);
export const loadBalancerNotFound = () => new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
export const targetGroupNotFound = () => new AwsError('TargetGroupNotFound', 'One or more target groups not found');
export const listenerNotFound = () => new AwsError('ListenerNotFound', 'One or more listeners not found');
export const ruleNotFound = () => new AwsError('RuleNotFound', 'One or more rules not found');
export const invalidAction = (message: string) => new AwsError('InvalidLoadBalancerAction', message);

export const notEmulated = (what: string) =>
  new AwsError('InvalidConfigurationRequest', `${what} is not emulated by cortado local (it serves Application Load Balancers over HTTP)`);
