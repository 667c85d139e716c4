import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bedrockName } from '../../../agents/orchestrator/bedrock/action-groups.ts';
import { bedrockSessionId } from '../../../agents/orchestrator/bedrock/session-id.ts';

const SESSION_PATTERN = /^[0-9a-zA-Z._:-]{2,100}$/;
const NAME_PATTERN = /^([0-9a-zA-Z][_-]?){1,100}$/;

describe('bedrockSessionId', () => {
  it('should keep a thread id that fits Bedrock, so traces stay readable', () => {
    expect(bedrockSessionId('thread-42.a:b')).toBe('thread-42.a:b');
  });

  it('should hash a Slack or Teams thread id to a stable id that fits the pattern', () => {
    const slack = 'C0123/1700000000.000100';
    const expected = `thread-${createHash('sha256').update(slack).digest('hex').slice(0, 48)}`;
    expect(bedrockSessionId(slack)).toBe(expected);
    expect(bedrockSessionId(slack)).toBe(bedrockSessionId(slack));
    expect(bedrockSessionId(slack)).toMatch(SESSION_PATTERN);
    expect(bedrockSessionId('19:abc@thread.tacv2;messageid=1')).toMatch(SESSION_PATTERN);
    expect(bedrockSessionId('x'.repeat(101))).toMatch(SESSION_PATTERN);
    expect(bedrockSessionId('x')).toMatch(SESSION_PATTERN);
  });
});

describe('bedrockName', () => {
  it('should keep names that already fit', () => {
    expect(bedrockName('cost-analysis')).toBe('cost-analysis');
    expect(bedrockName('explain_day')).toBe('explain_day');
  });

  it('should fit other names to the action group and function pattern', () => {
    for (const name of ['cost analysis!', '--tags__compliance', 'a'.repeat(150), 'é']) {
      expect(bedrockName(name)).toMatch(NAME_PATTERN);
    }
    expect(bedrockName('cost analysis!')).toBe('cost-analysis');
  });
});
