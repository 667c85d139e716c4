import type { WebClient } from '@slack/web-api';
import { FinopsError } from '../../src/errors.ts';
import type { ChartImage } from './render/index.ts';

export interface ChartPng {
  png: Uint8Array;
  altText: string;
  title: string;
}

/**
 * Uploads a chart with Slack's v2 flow (`files.upload` is retired): files.getUploadURLExternal for
 * a one-time URL, the PNG bytes POSTed there, then files.completeUploadExternal with no channel, so
 * the file stays private to the app and is shown only through the answer's image block.
 */
export async function uploadChart(
  client: WebClient,
  chart: ChartPng,
  options: { fetch?: typeof fetch; filename?: string } = {},
): Promise<ChartImage> {
  const filename = options.filename ?? 'chart.png';
  const target = await client.files.getUploadURLExternal({
    filename,
    length: chart.png.byteLength,
    alt_text: chart.altText.slice(0, 1000),
  });
  if (!target.upload_url || !target.file_id) {
    throw new FinopsError(
      'finops_unknown_error',
      'files.getUploadURLExternal answered without upload_url or file_id',
    );
  }
  const fetchImpl = options.fetch ?? fetch;
  const uploaded = await fetchImpl(target.upload_url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: chart.png,
  });
  if (!uploaded.ok) {
    throw new FinopsError(
      'finops_unknown_error',
      `uploading the chart's bytes failed with HTTP ${uploaded.status}`,
      { isRetryable: uploaded.status >= 500 },
    );
  }
  await client.files.completeUploadExternal({ files: [{ id: target.file_id, title: chart.title }] });
  return { slackFileId: target.file_id, altText: chart.altText, title: chart.title };
}
