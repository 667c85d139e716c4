import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  A2ABus,
  A2AMessage,
  A2APart,
  A2ATask,
  TaskContext,
  TaskHandler,
  TaskUpdate,
} from '../../../agents/a2a/index.ts';
import { FinopsError } from '../../../src/errors.ts';

/**
 * The behaviour every A2A bus must show, run against each implementation. Expected values are
 * written out here, never read back from the bus under test.
 */
export interface BusSubject {
  bus: A2ABus;
  /** Delivers the stored request of the task's latest step `times` times at once, as an at-least-once transport may. */
  redeliver(taskId: string, times: number): Promise<void>;
  /** Puts a request for `agent` whose message is not an A2A message into the transport. */
  injectPoison(request: { taskId: string; agent: string; contextId: string }): Promise<void>;
  cleanup(): Promise<void>;
}

export interface BusSubjectOptions {
  handlerTimeoutMs?: number;
}

/** Long enough for the DynamoDB bus's stream polling, short enough that a hang fails fast. */
const GATHER_MS = 10_000;

let messageCounter = 0;
function userMessage(parts: A2APart[]): A2AMessage {
  messageCounter += 1;
  return { kind: 'message', messageId: `m-${messageCounter}`, role: 'user', parts };
}
function agentMessage(text: string): A2AMessage {
  messageCounter += 1;
  return {
    kind: 'message',
    messageId: `a-${messageCounter}`,
    role: 'agent',
    parts: [{ kind: 'text', text }],
  };
}
function textOf(task: A2ATask | undefined): string {
  return (task?.status.message?.parts ?? []).map((part) => (part.kind === 'text' ? part.text : '')).join(' ');
}
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export function describeA2ABusContract(
  name: string,
  factory: (options?: BusSubjectOptions) => Promise<BusSubject>,
): void {
  describe(`A2A bus contract: ${name}`, () => {
    let subject: BusSubject;
    let bus: A2ABus;
    let ids = 0;
    const newId = (prefix: string) => {
      ids += 1;
      return `${prefix}-${ids}-${Math.random().toString(36).slice(2, 8)}`;
    };

    beforeEach(async () => {
      subject = await factory({ handlerTimeoutMs: 5_000 });
      bus = subject.bus;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('should carry a task with text and data parts to its agent and bring back the answer and artifacts', async () => {
      const seen: { task: A2ATask; context: TaskContext }[] = [];
      const answer = agentMessage('EC2 cost fell by 12.5 USD');
      const artifacts = [
        {
          artifactId: 'facts',
          name: 'EC2 facts',
          parts: [
            {
              kind: 'data' as const,
              data: { metric: 'UnblendedCost', value: 1234.56, tags: ['prod', null] },
            },
            { kind: 'text' as const, text: 'Café ☕' },
          ],
        },
      ];
      await bus.subscribe('ec2', async (task, context) => {
        seen.push({ task, context });
        return { state: 'completed', message: answer, artifacts };
      });
      const taskId = newId('t');
      const request = userMessage([
        { kind: 'text', text: 'How much did EC2 cost last month?' },
        { kind: 'data', data: { period: { start: '2026-10-01', end: '2026-11-01' }, services: ['EC2'] } },
      ]);
      await bus.send({ agent: 'ec2', taskId, contextId: 'thread-1', message: request });

      const gathered = await bus.gather([taskId], { timeoutMs: GATHER_MS });

      expect(gathered.timedOut).toEqual([]);
      expect(gathered.answered).toHaveLength(1);
      const task = gathered.answered[0];
      expect(task).toMatchObject({ kind: 'task', id: taskId, contextId: 'thread-1' });
      expect(task?.status.state).toBe('completed');
      expect(task?.status.message).toEqual(answer);
      expect(task?.history).toEqual([request, answer]);
      expect(task?.artifacts).toEqual(artifacts);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.task.status.state).toBe('working');
      expect(seen[0]?.task.history).toEqual([request]);
      expect(seen[0]?.context).toMatchObject({ agent: 'ec2', step: 1 });
      expect(await bus.get(taskId)).toEqual(task);
    });

    it('should serve two specialists in parallel', async () => {
      const started = { ec2: deferred(), s3: deferred() };
      const both = Promise.all([started.ec2.promise, started.s3.promise]);
      // Each answers only once the other has started: run one after the other, they would time out.
      const handler =
        (agent: 'ec2' | 's3'): TaskHandler =>
        async () => {
          started[agent].resolve();
          await both;
          return { state: 'completed', message: agentMessage(`${agent} done`) };
        };
      await bus.subscribe('ec2', handler('ec2'));
      await bus.subscribe('s3', handler('s3'));
      const ec2Task = newId('ec2');
      const s3Task = newId('s3');
      await bus.send({
        agent: 'ec2',
        taskId: ec2Task,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'ec2?' }]),
      });
      await bus.send({
        agent: 's3',
        taskId: s3Task,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 's3?' }]),
      });

      const gathered = await bus.gather([s3Task, ec2Task], { timeoutMs: GATHER_MS });

      expect(gathered.answered.map((task) => [task.id, task.status.state, textOf(task)])).toEqual([
        [s3Task, 'completed', 's3 done'],
        [ec2Task, 'completed', 'ec2 done'],
      ]);
    });

    it('should ask for input, take the follow-up on the same task, and refuse follow-ups out of turn', async () => {
      const seen: { history: number; step: number }[] = [];
      await bus.subscribe('forecast', async (task, context) => {
        seen.push({ history: task.history.length, step: context.step });
        if (context.step === 1) return { state: 'input-required', message: agentMessage('Which account?') };
        return { state: 'completed', message: agentMessage('Forecast for 111122223333') };
      });
      const taskId = newId('t');
      await bus.send({
        agent: 'forecast',
        taskId,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'forecast' }]),
      });
      const first = await bus.gather([taskId], { timeoutMs: GATHER_MS });
      expect(first.answered[0]?.status.state).toBe('input-required');
      expect(textOf(first.answered[0])).toBe('Which account?');

      await expect(
        bus.send({
          agent: 'ec2',
          taskId,
          contextId: 'c',
          message: userMessage([{ kind: 'text', text: 'x' }]),
        }),
      ).rejects.toThrow(/belongs to agent forecast/);
      const followUp = userMessage([{ kind: 'data', data: { account: '111122223333' } }]);
      await bus.send({ agent: 'forecast', taskId, contextId: 'c', message: followUp });
      await expect(
        bus.send({
          agent: 'forecast',
          taskId,
          contextId: 'c',
          message: userMessage([{ kind: 'text', text: 'again' }]),
        }),
      ).rejects.toThrow(/still waiting/);
      const second = await bus.gather([taskId], { timeoutMs: GATHER_MS });

      const task = second.answered[0];
      expect(task?.status.state).toBe('completed');
      expect(task?.history.map((message) => message.role)).toEqual(['user', 'agent', 'user', 'agent']);
      expect(task?.history[2]).toEqual(followUp);
      expect(seen).toEqual([
        { history: 1, step: 1 },
        { history: 3, step: 2 },
      ]);
      const refused = await bus
        .send({
          agent: 'forecast',
          taskId,
          contextId: 'c',
          message: userMessage([{ kind: 'text', text: 'more' }]),
        })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(FinopsError);
      expect((refused as FinopsError).code).toBe('finops_invalid_input');
      expect((refused as FinopsError).message).toContain('is completed');
    });

    it('should fail only the task whose handler throws or returns nonsense', async () => {
      await bus.subscribe('bad', async (_task, context) => {
        if (context.step === 1) throw new Error('boom: the tool crashed');
        return { state: 'completed' };
      });
      await bus.subscribe('odd', async () => ({ state: 'done' }) as unknown as TaskUpdate);
      await bus.subscribe('good', async () => ({ state: 'completed', message: agentMessage('fine') }));
      const bad = newId('bad');
      const odd = newId('odd');
      const good = newId('good');
      await bus.send({
        agent: 'bad',
        taskId: bad,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: '1' }]),
      });
      await bus.send({
        agent: 'odd',
        taskId: odd,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: '2' }]),
      });
      await bus.send({
        agent: 'good',
        taskId: good,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: '3' }]),
      });

      const gathered = await bus.gather([bad, odd, good], { timeoutMs: GATHER_MS });

      const byId = new Map(gathered.answered.map((task) => [task.id, task]));
      expect(byId.get(bad)?.status.state).toBe('failed');
      expect(textOf(byId.get(bad))).toContain('boom: the tool crashed');
      expect(byId.get(odd)?.status.state).toBe('failed');
      expect(textOf(byId.get(odd))).toContain('not a task update');
      expect(byId.get(good)?.status.state).toBe('completed');
    });

    it('should fail a poison request with an error and go on serving the tasks behind it', async () => {
      let calls = 0;
      await bus.subscribe('ec2', async () => {
        calls += 1;
        return { state: 'completed', message: agentMessage('ok') };
      });
      const poison = newId('poison');
      await subject.injectPoison({ taskId: poison, agent: 'ec2', contextId: 'c' });
      const good = newId('good');
      await bus.send({
        agent: 'ec2',
        taskId: good,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'q' }]),
      });

      const gathered = await bus.gather([poison, good], { timeoutMs: GATHER_MS });

      expect(gathered.timedOut).toEqual([]);
      const [poisoned, served] = gathered.answered;
      expect(poisoned?.status.state).toBe('failed');
      expect(textOf(poisoned)).toContain('could not be read');
      expect(served?.status.state).toBe('completed');
      expect(calls).toBe(1);
    });

    it('should return partial results and the ids that timed out instead of waiting for a silent agent', async () => {
      await bus.subscribe('ec2', async () => ({ state: 'completed', message: agentMessage('ok') }));
      const answered = newId('answered');
      const silent = newId('silent');
      await bus.send({
        agent: 'ec2',
        taskId: answered,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'q' }]),
      });
      await bus.send({
        agent: 'nobody',
        taskId: silent,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'q' }]),
      });
      // The answered task must be in before the short gather starts, so the test does not race.
      await bus.gather([answered], { timeoutMs: GATHER_MS });

      const gathered = await bus.gather([answered, silent, answered, 'never-sent'], { timeoutMs: 300 });

      expect(gathered.answered.map((task) => task.id)).toEqual([answered]);
      expect(gathered.timedOut).toEqual([silent, 'never-sent']);
      expect((await bus.get(silent))?.status.state).toBe('submitted');
    });

    it('should fail a task whose handler hangs past its deadline and serve the next one', async () => {
      await bus.subscribe('slow', async (_task, context) => {
        if (
          context.step === 1 &&
          _task.history[0]?.parts[0]?.kind === 'text' &&
          _task.history[0].parts[0].text === 'hang'
        ) {
          await new Promise(() => {});
        }
        return { state: 'completed', message: agentMessage('quick') };
      });
      const hung = newId('hung');
      const next = newId('next');
      await bus.send({
        agent: 'slow',
        taskId: hung,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'hang' }]),
        deadlineMs: Date.now() + 1_000,
      });
      await bus.send({
        agent: 'slow',
        taskId: next,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'go' }]),
      });

      const gathered = await bus.gather([hung, next], { timeoutMs: GATHER_MS });

      const byId = new Map(gathered.answered.map((task) => [task.id, task]));
      expect(byId.get(hung)?.status.state).toBe('failed');
      expect(textOf(byId.get(hung))).toMatch(/did not answer within \d+ ms/);
      expect(byId.get(next)?.status.state).toBe('completed');
    });

    it('should cancel a running task, abort its handler and discard its late answer', async () => {
      const started = deferred();
      const aborted = deferred<boolean>();
      await bus.subscribe('slow', async (_task, context) => {
        started.resolve();
        await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve()));
        aborted.resolve(context.signal.aborted);
        return { state: 'completed', message: agentMessage('too late') };
      });
      const taskId = newId('t');
      await bus.send({
        agent: 'slow',
        taskId,
        contextId: 'c',
        message: userMessage([{ kind: 'text', text: 'q' }]),
      });
      await started.promise;

      expect(await bus.cancel(taskId)).toBe(true);
      expect(await aborted.promise).toBe(true);
      const gathered = await bus.gather([taskId], { timeoutMs: GATHER_MS });

      expect(gathered.answered[0]?.status.state).toBe('canceled');
      expect(gathered.answered[0]?.history.map((message) => message.role)).toEqual(['user', 'agent']);
      expect(await bus.cancel(taskId)).toBe(false);
      expect(await bus.cancel('never-sent')).toBe(false);
    });

    it('should keep one answer when the same request is delivered several times at once', async () => {
      const release = deferred();
      let calls = 0;
      await bus.subscribe('ec2', async () => {
        calls += 1;
        const call = calls;
        await release.promise;
        return {
          state: 'completed',
          message: agentMessage(`answer ${call}`),
          artifacts: [{ artifactId: `call-${call}`, parts: [{ kind: 'text', text: 'x' }] }],
        };
      });
      const taskId = newId('t');
      const message = userMessage([{ kind: 'text', text: 'q' }]);
      await bus.send({ agent: 'ec2', taskId, contextId: 'c', message });
      // A retried send of the same message is not a second request.
      await bus.send({ agent: 'ec2', taskId, contextId: 'c', message });
      const redelivered = subject.redeliver(taskId, 2);
      release.resolve();
      await redelivered;
      const gathered = await bus.gather([taskId, taskId], { timeoutMs: GATHER_MS });

      expect(gathered.answered).toHaveLength(1);
      const task = gathered.answered[0];
      expect(task?.history).toHaveLength(2);
      expect(task?.artifacts).toHaveLength(1);
      expect(task?.status.message?.messageId).toBe(task?.history[1]?.messageId);

      // Once answered, a redelivery does not even reach the handler.
      const callsBefore = calls;
      await subject.redeliver(taskId, 1);
      expect(calls).toBe(callsBefore);
      expect((await bus.get(taskId))?.artifacts).toEqual(task?.artifacts);
    });

    it('should refuse a malformed request with a message that says what is expected', async () => {
      const error = await bus
        .send({
          agent: 'ec2',
          taskId: 'has space',
          contextId: 'c',
          message: userMessage([{ kind: 'text', text: 'q' }]),
        })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(FinopsError);
      expect((error as FinopsError).code).toBe('finops_invalid_input');
      expect((error as FinopsError).message).toContain('taskId');
      await expect(
        bus.send({
          agent: 'ec2',
          taskId: 'ok',
          contextId: 'c',
          message: { kind: 'message', messageId: 'x', role: 'user', parts: [] },
        }),
      ).rejects.toThrow(/at least one part|message.parts/);
    });
  });
}
