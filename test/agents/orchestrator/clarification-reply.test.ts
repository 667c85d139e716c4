import { describe, expect, it } from 'vitest';
import { answerClarification } from '../../../agents/orchestrator/clarification-reply.ts';

const PROD =
  "'prod' could mean the acme-prod account (442069174385) or the env tag value prod (say 'env=prod'); say which (e.g. 'prod account')";
const STAGING =
  "'staging' could mean the acme-staging account (553108246790) or the env tag value staging (say 'env=staging') or the team tag value staging (say 'team=staging'); say which (e.g. 'staging account')";

describe('answerClarification', () => {
  it.each([
    ['the env tag', 'forecast and anomalies for env=prod'],
    ['env', 'forecast and anomalies for env=prod'],
    ['env=prod', 'forecast and anomalies for env=prod'],
    ['the tag', 'forecast and anomalies for env=prod'],
    ['the account', 'forecast and anomalies for the prod account'],
    ['prod account please', 'forecast and anomalies for the prod account'],
  ])('should read the reply "%s" as the clarified question', (reply, expected) => {
    expect(answerClarification('forecast and anomalies for prod', PROD, reply)).toBe(expected);
  });

  it('should need the tag key when several tags could be meant', () => {
    expect(answerClarification('staging spend', STAGING, 'the tag')).toBeUndefined();
    expect(answerClarification('staging spend', STAGING, 'team')).toBe('team=staging spend');
  });

  it('should treat a long or unrelated reply as a new question', () => {
    expect(
      answerClarification('forecast for prod', PROD, 'top 5 accounts this month by region please now'),
    ).toBeUndefined();
    expect(answerClarification('forecast for prod', PROD, 'thanks')).toBeUndefined();
    expect(answerClarification('forecast for prod', 'I could not read that question', 'env')).toBeUndefined();
  });

  it('should replace "the prod" as a whole and leave other words alone', () => {
    expect(answerClarification('spend of the prod last week', PROD, 'env')).toBe(
      'spend of env=prod last week',
    );
    expect(answerClarification('production spend', PROD, 'env')).toBeUndefined();
  });
});
