import { formatPercent, formatValue } from '../format.ts';
import { displayLabels, OTHER_LABEL, rankKeys, sum } from '../prepare.ts';
import { COLORS } from '../theme.ts';
import {
  frame,
  paddedDomain,
  type RequestOf,
  type SpecOptions,
  type VegaLiteSpec,
  valueAxis,
} from './common.ts';

interface ComplianceRow {
  label: string;
  tagged: number;
  untagged: number;
}

function foldGroups(request: RequestOf<'tag_compliance'>, limit: number): ComplianceRow[] {
  const totals = new Map<string, { tagged: number; untagged: number }>();
  for (const group of request.groups) {
    const entry = totals.get(group.label) ?? { tagged: 0, untagged: 0 };
    entry.tagged += group.tagged;
    entry.untagged += group.untagged;
    totals.set(group.label, entry);
  }
  const weights = new Map(
    [...totals].map(([label, entry]) => [label, Math.abs(entry.tagged) + Math.abs(entry.untagged)]),
  );
  const { kept, folded } = rankKeys(weights, limit);
  const rows = kept.map((label) => ({ label, ...(totals.get(label) ?? { tagged: 0, untagged: 0 }) }));
  if (folded.length > 0) {
    const other = folded.map((label) => totals.get(label) ?? { tagged: 0, untagged: 0 });
    rows.push({
      label: `${OTHER_LABEL} (${folded.length})`,
      tagged: sum(other.map((entry) => entry.tagged)),
      untagged: sum(other.map((entry) => entry.untagged)),
    });
  }
  return rows;
}

/** Share of cost that carries the tag; zero-cost groups count as fully compliant (nothing to tag). */
export function taggedShare(tagged: number, untagged: number): number {
  const total = tagged + untagged;
  return total > 0 ? tagged / total : 1;
}

/** Stacked bars per team or account: tagged cost blue, untagged orange, share tagged at the end. */
export function tagComplianceSpec(request: RequestOf<'tag_compliance'>, options: SpecOptions): VegaLiteSpec {
  const rows = foldGroups(request, options.topBars);
  const labels = displayLabels(rows.map((row) => row.label));
  const values = rows.flatMap((row, index) => [
    { label: labels[index], status: 'Tagged', value: row.tagged, order: 0 },
    { label: labels[index], status: 'Untagged', value: row.untagged, order: 1 },
  ]);
  const ends = rows.map((row, index) => ({
    label: labels[index],
    end: Math.max(0, row.tagged) + Math.max(0, row.untagged),
    text: `${formatPercent(taggedShare(row.tagged, row.untagged))} tagged`,
  }));
  const tagged = sum(request.groups.map((group) => group.tagged));
  const untagged = sum(request.groups.map((group) => group.untagged));
  const subtitle = `${formatPercent(taggedShare(tagged, untagged))} of ${formatValue(tagged + untagged, request.unit)} tagged; untagged ${formatValue(untagged, request.unit)}`;
  const y = {
    field: 'label',
    type: 'nominal',
    sort: labels,
    axis: { title: null, ticks: false, domain: false, labelFontSize: 12 },
  };

  return frame(request.title, subtitle, options, {
    layer: [
      {
        data: { values },
        mark: { type: 'bar', height: { band: 0.72 } },
        encoding: {
          y,
          x: {
            field: 'value',
            type: 'quantitative',
            stack: 'zero',
            scale: {
              domain: paddedDomain(
                ends.map((row) => row.end),
                0.22,
              ),
              nice: false,
            },
            axis: valueAxis(request.unit),
          },
          color: {
            field: 'status',
            type: 'nominal',
            scale: { domain: ['Tagged', 'Untagged'], range: [COLORS.tagged, COLORS.untagged] },
            legend: { title: null, orient: 'top', direction: 'horizontal' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        data: { values: ends },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11 },
        encoding: { y, x: { field: 'end', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  });
}
