import { z } from 'zod';
import type { Findings } from '../specialists/findings.ts';

/** One request to one specialist: which skill, with which input (validated by the specialist). */
export const skillCallSchema = z.object({
  agent: z.string().min(1),
  skill: z.string().min(1),
  input: z.record(z.string(), z.json()),
});
export type SkillCall = z.infer<typeof skillCallSchema>;

/**
 * How one call ended. `timed-out` and `canceled` carry no findings; the orchestrator answers
 * with what the others found and says which part is missing.
 */
export interface SkillResult {
  call: SkillCall;
  taskId: string;
  state: 'completed' | 'failed' | 'input-required' | 'canceled' | 'timed-out';
  findings?: Findings | undefined;
  /** The specialist's message: its error (failed), its question (input-required), or a note. */
  message?: string | undefined;
}
