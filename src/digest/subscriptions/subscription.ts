import { z } from 'zod';
import { costFilterSchema } from '../../domain/cost-query.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

export const CADENCES = ['weekly', 'daily'] as const;
export const cadenceSchema = z.enum(CADENCES);
export type Cadence = z.infer<typeof cadenceSchema>;

export const PLATFORMS = ['slack', 'teams'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** Whether the runtime's time-zone database knows the name (Intl throws a RangeError otherwise). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** 24-hour local time, HH:MM. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin, America/New_York or UTC');

export const digestScopeSchema = z.object({
  /** What people read: "team=payments", "account prod", "all accounts". */
  label: z.string().min(1),
  filters: z.array(costFilterSchema),
});
export type DigestScope = z.infer<typeof digestScopeSchema>;

/** The chat channel a subscription posts to. */
export const channelRefSchema = z.object({
  platform: platformSchema,
  workspace: z.string().min(1),
  channel: z.string().min(1),
});
export type ChannelRef = z.infer<typeof channelRefSchema>;

/** When a digest is posted, in the subscription's own time zone. */
export const digestTimingSchema = z
  .object({
    cadence: cadenceSchema,
    weekday: weekdaySchema.optional(),
    time: z.string().regex(TIME_PATTERN, 'a 24-hour time written HH:MM, e.g. 09:00'),
    timeZone: timeZoneSchema,
  })
  .refine((timing) => (timing.cadence === 'weekly') === (timing.weekday !== undefined), {
    message: 'a weekly digest needs a weekday (mon … sun) and a daily one has none',
    path: ['weekday'],
  });
export type DigestTiming = z.infer<typeof digestTimingSchema>;

export const subscriptionSchema = z
  .object({
    id: z.string().min(1),
    ...channelRefSchema.shape,
    cadence: cadenceSchema,
    weekday: weekdaySchema.optional(),
    time: z.string().regex(TIME_PATTERN, 'a 24-hour time written HH:MM, e.g. 09:00'),
    timeZone: timeZoneSchema,
    scope: digestScopeSchema,
    paused: z.boolean(),
    createdBy: z.string().min(1),
    /** ISO instants. */
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .refine((subscription) => (subscription.cadence === 'weekly') === (subscription.weekday !== undefined), {
    message: 'a weekly digest needs a weekday (mon … sun) and a daily one has none',
    path: ['weekday'],
  });
export type Subscription = z.infer<typeof subscriptionSchema>;
