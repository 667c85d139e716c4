/**
 * Charts served at `GET /charts/<id>.png` when TEAMS_PUBLIC_URL is set: Teams clients fetch card
 * images themselves, without the bot's token, so the ids are random and unguessable and only the
 * most recent charts are kept (in memory: a restart forgets them, and old cards lose their picture).
 */
export interface ChartHost {
  /** Stores the PNG and returns the public URL Teams will fetch it from. */
  put(png: Uint8Array): string;
  get(id: string): Uint8Array | undefined;
}

export const CHART_PATH = /^\/charts\/([A-Za-z0-9-]{8,64})\.png$/;
export const DEFAULT_MAX_HOSTED_CHARTS = 500;

export function createChartHost(options: {
  publicUrl: string;
  generateId: () => string;
  maxCharts?: number | undefined;
}): ChartHost {
  const charts = new Map<string, Uint8Array>();
  const max = options.maxCharts ?? DEFAULT_MAX_HOSTED_CHARTS;
  return {
    put(png) {
      const id = options.generateId().replace(/[^A-Za-z0-9-]/g, '');
      charts.set(id, png);
      while (charts.size > max) {
        const oldest = charts.keys().next().value;
        if (oldest === undefined) break;
        charts.delete(oldest);
      }
      return `${options.publicUrl}/charts/${id}.png`;
    },
    get: (id) => charts.get(id),
  };
}
