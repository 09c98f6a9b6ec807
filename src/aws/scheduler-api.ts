// The EventBridge Scheduler calls scheduled jobs make: schedules in a cortado-owned schedule group, read back for diff, ls and prune.
import type * as scheduler from '@aws-sdk/client-scheduler';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface SchedulerApi {
  readonly createScheduleGroup: Call<scheduler.CreateScheduleGroupCommandInput, scheduler.CreateScheduleGroupCommandOutput>;
  readonly getScheduleGroup: Call<scheduler.GetScheduleGroupCommandInput, scheduler.GetScheduleGroupCommandOutput>;
  readonly listTagsForResource: Call<scheduler.ListTagsForResourceCommandInput, scheduler.ListTagsForResourceCommandOutput>;
  readonly tagResource: Call<scheduler.TagResourceCommandInput, scheduler.TagResourceCommandOutput>;
  readonly createSchedule: Call<scheduler.CreateScheduleCommandInput, scheduler.CreateScheduleCommandOutput>;
  readonly updateSchedule: Call<scheduler.UpdateScheduleCommandInput, scheduler.UpdateScheduleCommandOutput>;
  readonly getSchedule: Call<scheduler.GetScheduleCommandInput, scheduler.GetScheduleCommandOutput>;
  readonly deleteSchedule: Call<scheduler.DeleteScheduleCommandInput, scheduler.DeleteScheduleCommandOutput>;
  readonly listSchedules: Call<scheduler.ListSchedulesCommandInput, scheduler.ListSchedulesCommandOutput>;
}

export const SCHEDULER_SEAM: SeamSpec<SchedulerApi> = {
  service: 'scheduler',
  clientName: 'SchedulerClient',
  load: () => import('@aws-sdk/client-scheduler'),
  operations: {
    CreateScheduleGroup: true,
    GetScheduleGroup: true,
    ListTagsForResource: true,
    TagResource: true,
    CreateSchedule: true,
    UpdateSchedule: true,
    GetSchedule: true,
    DeleteSchedule: true,
    ListSchedules: true,
  } satisfies OperationsOf<SchedulerApi>,
};
