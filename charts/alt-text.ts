import type { ChartRequest } from '../src/domain/chart-request.ts';
import { isEmptyChart, parseChartRequest } from './build-spec.ts';
import { formatChange, formatDateLabel, formatPercent, formatValue } from './format.ts';
import { sum, topBars } from './prepare.ts';
import { taggedShare } from './specs/tag-compliance.ts';
import { foldTrendSeries } from './specs/trend.ts';

/** How many named items an alt text lists before it stops; screen readers read every word. */
const LISTED = 3;

function period(xs: readonly string[]): string {
  const sorted = [...xs].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last
    ? `on ${formatDateLabel(first)}`
    : `from ${formatDateLabel(first)} to ${formatDateLabel(last)}`;
}

function listed(rows: readonly { label: string; value: number }[], unit: string): string {
  return rows
    .slice(0, LISTED)
    .map((row) => `${row.label} ${formatValue(row.value, unit)}`)
    .join(', ');
}

function describe(request: ChartRequest): string {
  switch (request.kind) {
    case 'trend': {
      const trend = foldTrendSeries(request, LISTED);
      const totals = trend.names
        .filter((name) => name !== 'Other' || trend.foldedCount === 0)
        .map((name) => ({ label: name, value: sum(trend.values.get(name)?.values() ?? []) }));
      const chart = request.granularity === 'day' ? 'Daily' : 'Monthly';
      const total = formatValue(sum(request.points.map((point) => point.value)), request.unit);
      const series = trend.names.length > 1 ? `; largest: ${listed(totals, request.unit)}` : '';
      return `${chart} cost ${period(trend.buckets)} totalling ${total}${series}.`;
    }
    case 'breakdown':
    case 'savings': {
      const rows = topBars(request.bars, request.bars.length).sort((a, b) => b.value - a.value);
      const total = formatValue(sum(request.bars.map((bar) => bar.value)), request.unit);
      const what = request.kind === 'savings' ? 'Estimated savings' : `Cost by ${request.dimension}`;
      return `${what} totalling ${total} across ${rows.length} items; largest: ${listed(rows, request.unit)}.`;
    }
    case 'comparison': {
      const current = sum(request.items.map((item) => item.current));
      const previous = sum(request.items.map((item) => item.previous));
      const movers = [...request.items]
        .sort((a, b) => Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous))
        .slice(0, LISTED)
        .map((item) => `${item.label} ${formatChange(item.current - item.previous, request.unit)}`)
        .join(', ');
      return `${request.currentLabel} ${formatValue(current, request.unit)} vs ${request.previousLabel} ${formatValue(previous, request.unit)} (${formatChange(current - previous, request.unit)}); biggest changes: ${movers}.`;
    }
    case 'waterfall': {
      const drivers = [...request.contributions]
        .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
        .slice(0, LISTED)
        .map((row) => `${row.label} ${formatChange(row.value, request.unit)}`)
        .join(', ');
      return `Cost went from ${formatValue(request.start, request.unit)} (${request.startLabel}) to ${formatValue(request.end, request.unit)} (${request.endLabel}), ${formatChange(request.end - request.start, request.unit)}${drivers ? `; main drivers: ${drivers}` : ''}.`;
    }
    case 'forecast': {
      const last = request.actual[request.actual.length - 1];
      const end = request.forecast[request.forecast.length - 1];
      const parts: string[] = [];
      if (last)
        parts.push(`Actual cost ${formatValue(last.value, request.unit)} on ${formatDateLabel(last.x)}`);
      if (end) {
        parts.push(
          `forecast ${formatValue(end.value, request.unit)} by ${formatDateLabel(end.x)} (80% range ${formatValue(end.lo80, request.unit)} to ${formatValue(end.hi80, request.unit)}, 95% range ${formatValue(end.lo95, request.unit)} to ${formatValue(end.hi95, request.unit)})`,
        );
      }
      if (request.budget !== undefined) {
        const over = end !== undefined && end.value > request.budget;
        parts.push(
          `budget ${formatValue(request.budget, request.unit)}${end ? (over ? ', forecast above budget' : ', forecast within budget') : ''}`,
        );
      }
      return `${parts.join('; ')}.`;
    }
    case 'anomaly': {
      const anomalies = request.points.filter((point) => point.isAnomaly);
      const listedAnomalies = [...anomalies]
        .sort((a, b) => Math.abs(b.actual - b.expected) - Math.abs(a.actual - a.expected))
        .slice(0, LISTED)
        .map(
          (point) =>
            `${formatDateLabel(point.x)} ${formatValue(point.actual, request.unit)} vs ${formatValue(point.expected, request.unit)} expected`,
        )
        .join(', ');
      const range = period(request.points.map((point) => point.x));
      return anomalies.length === 0
        ? `Actual vs expected cost ${range}; no anomalies.`
        : `Actual vs expected cost ${range} with ${anomalies.length} ${anomalies.length === 1 ? 'anomaly' : 'anomalies'}: ${listedAnomalies}.`;
    }
    case 'tag_compliance': {
      const tagged = sum(request.groups.map((group) => group.tagged));
      const untagged = sum(request.groups.map((group) => group.untagged));
      const worst = [...request.groups]
        .sort((a, b) => b.untagged - a.untagged)
        .slice(0, LISTED)
        .map((group) => `${group.label} ${formatValue(group.untagged, request.unit)}`)
        .join(', ');
      return `${formatPercent(taggedShare(tagged, untagged))} of ${formatValue(tagged + untagged, request.unit)} is tagged; most untagged cost: ${worst}.`;
    }
    case 'rightsizing': {
      const values = request.points.map((point) => point.value);
      const average = sum(values) / values.length;
      const thresholds = request.thresholds
        .map((threshold) => `${threshold.label} ${formatValue(threshold.value, request.unit)}`)
        .join(', ');
      return `${request.metric} ${period(request.points.map((point) => point.x))}: average ${formatValue(average, request.unit)}, peak ${formatValue(Math.max(...values), request.unit)}${thresholds ? `; thresholds: ${thresholds}` : ''}.`;
    }
  }
}

/**
 * One sentence with the chart's key numbers, for screen readers and Slack's `alt_text`. Uses
 * the full labels even where the image had to shorten them.
 */
export function chartAltText(request: ChartRequest): string {
  const parsed = parseChartRequest(request);
  if (isEmptyChart(parsed)) return `${parsed.title}: no data for ${parsed.title}.`;
  return `${parsed.title}: ${describe(parsed)}`;
}
