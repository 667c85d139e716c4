import { escapeAndTruncate } from './mrkdwn.ts';
import type { SlackMessage } from './slack-types.ts';

const COMMANDS = [
  '`/finops <question>`: ask about AWS costs, e.g. `/finops EC2 spend last week by account`',
  '`/finops recommendations`: the open cost-saving recommendations, with Approve and Dismiss',
  '`/finops digest weekly mon 09:00 Europe/Berlin`: a weekly cost digest in this channel',
  '`/finops help`: this message',
];

/** What the bot can do: the commands, and that a mention or a DM works as well as a slash command. */
export function renderHelp(): SlackMessage {
  return {
    text: 'FinOps Copilot answers AWS cost questions. Ask with /finops <question>, a mention, or a direct message.',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'FinOps Copilot' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'I answer AWS cost questions with figures computed from your billing data, and post cost-saving recommendations you can approve or dismiss.',
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: COMMANDS.map((line) => `• ${line}`).join('\n') } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'You can also mention me in a channel (I answer in the thread) or send me a direct message. Every number says which period, filters and data it came from.',
          },
        ],
      },
    ],
  };
}

/** The one short message a failure gets; the details stay in the logs under the same reference. */
export function renderError(referenceId: string): SlackMessage {
  const reference = escapeAndTruncate(referenceId, 100);
  const text = `Something went wrong on my side (ref ${reference}). The details are in the logs.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
