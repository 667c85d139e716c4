import { describe, expect, it } from 'vitest';
import { createInProcessBus, createMemoryTaskLog } from '../../../agents/a2a/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { type BusSubject, type BusSubjectOptions, describeA2ABusContract } from './a2a-bus-contract.ts';
import { describeTaskLogContract } from './task-log-contract.ts';

async function inProcessSubject(options: BusSubjectOptions = {}): Promise<BusSubject> {
  const bus = createInProcessBus({ handlerTimeoutMs: options.handlerTimeoutMs });
  return {
    bus,
    redeliver: async (taskId, times) => {
      const task = await bus.get(taskId);
      if (task === undefined) throw new Error(`no task ${taskId} to redeliver`);
      // The request record as the bus stored it: the first message of the task, step 1, to the one
      // agent the contract's redelivery test uses.
      const request = task.history[0];
      const agent = 'ec2';
      const record = {
        type: 'request',
        taskId,
        contextId: task.contextId,
        agent,
        step: 1,
        message: request,
        createdAt: new Date().toISOString(),
      };
      await Promise.all(Array.from({ length: times }, () => bus.deliver(record)));
    },
    injectPoison: async ({ taskId, agent, contextId }) => {
      void bus.deliver({ type: 'request', taskId, agent, contextId, step: 1, message: 'not a message' });
    },
    cleanup: () => bus.close(),
  };
}

describeA2ABusContract('in-process', inProcessSubject);
describeTaskLogContract('memory', async () => createMemoryTaskLog());

describe('createInProcessBus', () => {
  it('should deliver on a later turn, never inside send', async () => {
    const bus = createInProcessBus();
    let called = false;
    await bus.subscribe('ec2', async () => {
      called = true;
      return { state: 'completed' };
    });
    await bus.send({
      agent: 'ec2',
      taskId: 't1',
      contextId: 'c',
      message: { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'q' }] },
    });
    expect(called).toBe(false);
    expect((await bus.gather(['t1'], { timeoutMs: 1_000 })).answered).toHaveLength(1);
    expect(called).toBe(true);
    await bus.close();
  });

  it('should end pending gathers when it closes and refuse work afterwards', async () => {
    const bus = createInProcessBus();
    await bus.send({
      agent: 'nobody',
      taskId: 't1',
      contextId: 'c',
      message: { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'q' }] },
    });
    const pending = bus.gather(['t1'], { timeoutMs: 60_000 });
    await bus.close();
    expect(await pending).toEqual({ answered: [], timedOut: ['t1'] });
    const error = await bus
      .subscribe('ec2', async () => ({ state: 'completed' }))
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).message).toContain('closed');
  });

  it('should end a gather when its signal aborts, with what has arrived so far', async () => {
    const bus = createInProcessBus();
    const controller = new AbortController();
    const pending = bus.gather(['a', 'b'], { timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ answered: [], timedOut: ['a', 'b'] });
    await bus.close();
  });
});
