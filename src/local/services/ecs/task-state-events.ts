// "ECS Task State Change" events on EventBridge's default bus whenever a task's lastStatus or desiredStatus changes.
//
// [DG ECS:"Amazon ECS task state change events"]: source aws.ecs, resources [taskArn], detail shaped like the
// DescribeTasks task (timestamps as ISO 8601 strings) plus updatedAt; no tags.
import type { EcsContext } from './ecs-context.js';
import type { Json, TaskRecord } from './ecs-state.js';
import { taskView } from './task-views.js';

/** A DescribeTasks task as the event's detail: Dates become ISO strings, and updatedAt says when. */
export function taskEventDetail(ctx: EcsContext, task: TaskRecord): Json {
  const view = JSON.parse(JSON.stringify(taskView(ctx.scope, task, false))) as Json;
  return { ...view, updatedAt: new Date(ctx.now()).toISOString() };
}

/** Returns the hook to call after every task change; it publishes only when the task's statuses changed. */
export function taskStateEvents(ctx: EcsContext): (task: TaskRecord) => void {
  const published = new Map<string, string>();
  return (task) => {
    const bus = ctx.env.seams.events;
    if (!bus) return;
    const key = `${task.lastStatus}/${task.desiredStatus}`;
    if (published.get(task.id) === key) return;
    published.set(task.id, key);
    bus.publish({
      source: 'aws.ecs',
      detailType: 'ECS Task State Change',
      resources: [task.arn],
      time: new Date(ctx.now()),
      detail: taskEventDetail(ctx, task),
    });
  };
}
