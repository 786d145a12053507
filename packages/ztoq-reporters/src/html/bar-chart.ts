/**
 * Geometry for the report's horizontal grouped bar charts (entities per type, execution
 * statuses). Only numbers are computed here; the template draws them, so every label passes
 * through Mustache's escaping like any other value.
 */
export interface BarSeries {
  key: string;
  label: string;
}

export interface BarGroup {
  label: string;
  values: Record<string, number>;
}

export interface BarChartView {
  width: number;
  height: number;
  groups: {
    label: string;
    labelY: number;
    bars: {
      series: string;
      seriesLabel: string;
      value: number;
      x: number;
      y: number;
      width: number;
      height: number;
      textX: number;
      textY: number;
    }[];
  }[];
  legend: { series: string; label: string; x: number }[];
  empty: boolean;
}

const WIDTH = 600;
const BAR = 14;
const GAP = 3;
const LABEL = 18;
const GROUP_GAP = 12;
const LEGEND = 24;
/** Room right of the longest bar for its number. */
const VALUE_ROOM = 70;

export function barChart(series: readonly BarSeries[], groups: readonly BarGroup[]): BarChartView {
  const max = Math.max(1, ...groups.flatMap((group) => series.map((s) => group.values[s.key] ?? 0)));
  const scale = (WIDTH - VALUE_ROOM) / max;
  let y = LEGEND;
  const drawn = groups.map((group) => {
    const labelY = y + LABEL - 5;
    y += LABEL;
    const bars = series.map((s) => {
      const value = group.values[s.key] ?? 0;
      // A zero still gets a sliver, so "0 failed" reads as a measured zero rather than a gap.
      const width = Math.max(1, Math.round(value * scale));
      const bar = {
        series: s.key,
        seriesLabel: s.label,
        value,
        x: 0,
        y,
        width,
        height: BAR,
        textX: width + 4,
        textY: y + BAR - 3,
      };
      y += BAR + GAP;
      return bar;
    });
    y += GROUP_GAP;
    return { label: group.label, labelY, bars };
  });
  return {
    width: WIDTH,
    height: Math.max(y, LEGEND + LABEL),
    groups: drawn,
    legend: series.map((s, index) => ({ series: s.key, label: s.label, x: index * 150 })),
    empty: groups.length === 0,
  };
}
