import { describe, expect, it } from 'vitest';
import type { RequestRecord, ResultRecord, TaskLog } from '../../../agents/a2a/index.ts';

/** The create-once rules every TaskLog keeps: the bus's exactly-one-answer promise rests on them. */
export function describeTaskLogContract(name: string, factory: () => Promise<TaskLog>): void {
  describe(`TaskLog contract: ${name}`, () => {
    const request: RequestRecord = {
      type: 'request',
      taskId: 'log-1',
      contextId: 'c',
      agent: 'ec2',
      step: 1,
      message: { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'q' }] },
      createdAt: '2026-11-24T10:00:00.000Z',
    };
    const result = (text: string, state: ResultRecord['state'] = 'completed'): ResultRecord => ({
      type: 'result',
      taskId: 'log-1',
      contextId: 'c',
      agent: 'ec2',
      step: 1,
      state,
      message: { kind: 'message', messageId: text, role: 'agent', parts: [{ kind: 'text', text }] },
      artifacts: [],
      timestamp: '2026-11-24T10:00:01.000Z',
    });

    it('should keep the first result of a step and refuse the next ones', async () => {
      const log = await factory();
      expect(await log.putRequest(request)).toBe(true);
      expect(await log.putRequest({ ...request, message: { ...request.message, messageId: 'm2' } })).toBe(
        false,
      );
      expect(await log.putResult(result('canceled', 'canceled'))).toBe(true);
      expect(await log.putResult(result('late answer'))).toBe(false);
      const records = await log.read('log-1');
      expect(records.filter((record) => record.type === 'request')).toEqual([request]);
      expect(records.filter((record) => record.type === 'result')).toEqual([result('canceled', 'canceled')]);
    });

    it('should read nothing for a task never written', async () => {
      const log = await factory();
      expect(await log.read('missing')).toEqual([]);
    });
  });
}
