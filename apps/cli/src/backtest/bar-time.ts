/** A bar time for people: `2024-03-15` for daily bars, `2024-03-15 09:35` within a day (UTC). */
export function formatBarTime(time: number | undefined): string {
  if (time === undefined || !Number.isFinite(time)) return '-';
  const iso = new Date(time).toISOString();
  return iso.slice(11, 16) === '00:00'
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
