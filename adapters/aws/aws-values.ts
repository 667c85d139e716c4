/** Small value helpers shared by the live backends. */

/** Money to a millionth: Cost Explorer's ten-decimal strings without float noise from summing. */
export function money(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}
