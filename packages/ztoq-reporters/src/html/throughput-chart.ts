import type { ReportThroughput } from '@ztoq/core';

export interface ThroughputChartView {
  width: number;
  height: number;
  baseline: number;
  bars: { x: number; y: number; width: number; height: number; loaded: number; failed: number; at: string }[];
  firstAt: string;
  lastAt: string;
  peak: number;
  bucketSeconds: number;
  empty: boolean;
}

const WIDTH = 600;
const HEIGHT = 160;
const TOP = 10;
const BOTTOM = 20;

/** Entities loaded per time bucket as vertical bars on a time axis; empty buckets stay gaps. */
export function throughputChart(throughput: ReportThroughput): ThroughputChartView {
  const { points, bucketSeconds } = throughput;
  const first = points[0] ? Date.parse(points[0].at) : 0;
  const last = points.at(-1) ? Date.parse(points.at(-1)!.at) : 0;
  const slots = Math.max(1, Math.round((last - first) / 1000 / bucketSeconds) + 1);
  const slotWidth = WIDTH / slots;
  const peak = Math.max(1, ...points.map((point) => point.loaded));
  const plot = HEIGHT - TOP - BOTTOM;
  return {
    width: WIDTH,
    height: HEIGHT,
    baseline: HEIGHT - BOTTOM,
    bars: points.map((point) => {
      const slot = Math.round((Date.parse(point.at) - first) / 1000 / bucketSeconds);
      const height = Math.max(1, Math.round((point.loaded / peak) * plot));
      return {
        x: Math.round(slot * slotWidth * 100) / 100,
        y: HEIGHT - BOTTOM - height,
        width: Math.max(1, Math.round(slotWidth * 0.8 * 100) / 100),
        height,
        loaded: point.loaded,
        failed: point.failed,
        at: point.at,
      };
    }),
    firstAt: points[0]?.at ?? '',
    lastAt: points.at(-1)?.at ?? '',
    peak: points.length === 0 ? 0 : peak,
    bucketSeconds,
    empty: points.length === 0,
  };
}
