import { describe, expect, it } from 'vitest';
import { describeSlackConfig, slackConfigFromEnv } from '../../../adapters/slack/slack-config.ts';
import { FinopsError } from '../../../src/errors.ts';

const BOT = 'xoxb-1111-2222-secretbotvalue';
const APP = 'xapp-1-A111-333-secretappvalue';

describe('slackConfigFromEnv', () => {
  it('should stay local when no Slack variable is set', () => {
    expect(slackConfigFromEnv({})).toBeUndefined();
  });

  it('should choose Socket Mode with an app token and HTTP with a signing secret', () => {
    const socket = slackConfigFromEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    expect(socket && describeSlackConfig(socket)).toEqual({
      mode: 'socket-mode',
      apiUrl: 'https://slack.com/api/',
    });
    const http = slackConfigFromEnv({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      SLACK_PORT: '3999',
      SLACK_API_URL: 'http://127.0.0.1:9000/api',
    });
    expect(http && describeSlackConfig(http)).toEqual({
      mode: 'http',
      apiUrl: 'http://127.0.0.1:9000/api/',
      port: 3999,
    });
    expect(JSON.stringify(http && describeSlackConfig(http))).not.toContain('abcdef0123456789');
  });

  it('should name the variable, and never echo a token, when a value is malformed', () => {
    const wrong = 'xoxp-user-token-secretvalue';
    const error = (() => {
      try {
        slackConfigFromEnv({ SLACK_BOT_TOKEN: wrong, SLACK_APP_TOKEN: APP });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as Error).message).toContain('SLACK_BOT_TOKEN');
    expect((error as Error).message).not.toContain('secretvalue');
  });

  it('should ask for an app token or a signing secret beside the bot token', () => {
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: BOT })).toThrow(
      /SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/,
    );
    expect(() => slackConfigFromEnv({ SLACK_APP_TOKEN: APP })).toThrow(/SLACK_BOT_TOKEN is not set/);
  });
});
