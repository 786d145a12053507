/** What a progress line says besides the counts: how fast, and how long still to go. */
export interface ProgressFigures {
  done: number;
  total?: number;
  /** When the first progress of this line arrived, epoch ms. */
  startedAt: number;
  now: number;
}

/** `45/s`; below one per second, `0.4/s`. An empty string before anything was counted. */
export function rateText({ done, startedAt, now }: ProgressFigures): string {
  const seconds = (now - startedAt) / 1000;
  if (done === 0 || seconds <= 0) return '';
  const rate = done / seconds;
  return `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
}

/** `ETA 1m05s`; nothing when the total is unknown (extract) or nothing has been counted yet. */
export function etaText({ done, total, startedAt, now }: ProgressFigures): string {
  if (total === undefined || done === 0 || done >= total) return '';
  const seconds = Math.ceil(((now - startedAt) / 1000 / done) * (total - done));
  return `ETA ${durationText(seconds)}`;
}

export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** `120/300` when the total is known, `120` when it is not. */
export function countText(done: number, total: number | undefined): string {
  return total === undefined ? String(done) : `${done}/${total}`;
}
