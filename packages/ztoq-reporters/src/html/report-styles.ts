/**
 * The report's only styles, inlined: the file must open offline, from a mail attachment, with
 * nothing fetched. Tables scroll sideways inside their box on a phone; print drops the colours
 * that cost ink and keeps sections whole where it can.
 */
export const REPORT_CSS = `
:root { --good: #1a7f37; --warn: #9a6700; --bad: #cf222e; --none: #57606a; --planned: #0969da; --loaded: #1a7f37; --failed: #cf222e; --source: #0969da; --target: #8250df; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; padding: 16px; max-width: 1100px; margin-inline: auto; }
h1 { font-size: 1.5rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.status { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; text-transform: uppercase; font-size: .8rem; }
.status.good { background: var(--good); } .status.warn { background: var(--warn); } .status.bad { background: var(--bad); } .status.none { background: var(--none); }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 8px 16px; margin: 12px 0; }
.facts div { background: #f6f8fa; border-radius: 6px; padding: 6px 10px; overflow-wrap: anywhere; }
.facts dt { font-size: .75rem; color: #57606a; } .facts dd { margin: 0; font-weight: 600; }
.error { border-left: 4px solid var(--bad); background: #ffebe9; padding: 8px 12px; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.msg { overflow-wrap: anywhere; min-width: 14em; }
svg { width: 100%; height: auto; max-width: 720px; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: #1f2328; }
.bar-planned, .legend-planned { fill: var(--planned); } .bar-loaded, .legend-loaded { fill: var(--loaded); } .bar-failed, .legend-failed { fill: var(--failed); }
.bar-source, .legend-source { fill: var(--source); } .bar-target, .legend-target { fill: var(--target); }
.bar-throughput { fill: var(--loaded); } .axis { stroke: #8c959f; }
.note, .muted { color: #57606a; font-size: .85rem; }
ul.lossy li { overflow-wrap: anywhere; }
footer { margin-top: 32px; color: #57606a; font-size: .8rem; }
@media (max-width: 600px) { body { padding: 10px; font-size: 14px; } th, td { padding: 3px 5px; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .status { border: 1px solid #000; color: #000; background: none !important; }
  .scroll { overflow: visible; }
  section { break-inside: avoid-page; }
  table { page-break-inside: auto; } tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
