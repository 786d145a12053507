/**
 * The HTML report as a Mustache template. Every value is written with `{{…}}`, which escapes
 * it; nothing is written raw except the stylesheet (`{{{css}}}`), which is ours. The content
 * security policy forbids scripts and every fetch, so even a value that escaped the escaping
 * could neither run nor phone home.
 */
export const REPORT_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>ztoq migration {{report.projectKey}}: {{report.status}}</title>
<style>{{{css}}}</style>
</head>
<body>
<header>
  <h1>Zephyr → qTest migration: {{report.projectKey}}</h1>
  <span class="status {{statusTone}}" data-field="status">{{report.status}}</span>
  {{#report.dryRun}}<span class="muted">dry run: nothing was written to qTest</span>{{/report.dryRun}}
  <dl class="facts">
    <div><dt>Duration</dt><dd data-field="duration">{{duration}}</dd></div>
    <div><dt>Exit code</dt><dd data-field="exitCode">{{exitCode}}</dd></div>
    <div><dt>Started</dt><dd>{{report.startedAt}}</dd></div>
    <div><dt>Finished</dt><dd>{{report.finishedAt}}</dd></div>
    <div><dt>qTest project</dt><dd>{{qtestProjectId}}</dd></div>
    <div><dt>Open failures</dt><dd data-field="failures.total">{{report.failures.total}}</dd></div>
    <div><dt>Migration</dt><dd>{{migrationId}}</dd></div>
  </dl>
  {{#report.error}}<p class="error">{{report.error}}</p>{{/report.error}}
</header>

<section id="entities">
<h2>Entities per type</h2>
{{#entityChart}}
<svg viewBox="0 0 {{width}} {{height}}" role="img" aria-label="Entities per qTest type: from Zephyr, loaded, failed">
  {{#legend}}<rect x="{{x}}" y="2" width="12" height="12" class="legend-{{series}}"/><text x="{{x}}" dx="16" y="12">{{label}}</text>{{/legend}}
  {{#groups}}<text x="0" y="{{labelY}}" font-weight="600">{{label}}</text>
  {{#bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" class="bar-{{series}}"><title>{{seriesLabel}}: {{value}}</title></rect><text x="{{textX}}" y="{{textY}}">{{value}}</text>
  {{/bars}}{{/groups}}
</svg>
{{/entityChart}}
<div class="scroll"><table>
<thead><tr><th>qTest type</th><th class="n">Planned</th><th class="n">Loaded</th><th class="n">Created</th><th class="n">Updated</th><th class="n">Unchanged</th><th class="n">Removed in source</th><th class="n">Already present</th><th class="n">Failed</th><th class="n">Skipped</th><th class="n">Pending</th></tr></thead>
<tbody>
{{#report.entities}}<tr><td>{{type}}</td><td class="n" data-count="{{type}}.transformed">{{transformed}}</td><td class="n" data-count="{{type}}.loaded">{{loaded}}</td><td class="n" data-count="{{type}}.created">{{created}}</td><td class="n" data-count="{{type}}.updated">{{updated}}</td><td class="n" data-count="{{type}}.unchanged">{{unchanged}}</td><td class="n" data-count="{{type}}.removedInSource">{{removedInSource}}</td><td class="n" data-count="{{type}}.alreadyPresent">{{alreadyPresent}}</td><td class="n" data-count="{{type}}.failed">{{failed}}</td><td class="n" data-count="{{type}}.skipped">{{skipped}}</td><td class="n" data-count="{{type}}.pending">{{pending}}</td></tr>
{{/report.entities}}
</tbody></table></div>
<p class="note">Updated: changed in Zephyr since an earlier migration wrote it, and written over in qTest. Unchanged: written earlier and the same since, so nothing was sent. Removed in source: gone from Zephyr, kept in qTest.</p>
{{#report.notices}}<p class="note" data-field="notice">{{.}}</p>{{/report.notices}}
<h3>Extracted from Zephyr</h3>
<div class="scroll"><table><tbody>
{{#report.extracted}}<tr><td>{{name}}</td><td class="n" data-count="extracted.{{name}}">{{count}}</td></tr>{{/report.extracted}}
</tbody></table></div>
</section>

<section id="execution-status">
<h2>Execution results, Zephyr vs qTest</h2>
{{#executionChart}}{{#empty}}<p class="muted">No test executions.</p>{{/empty}}{{^empty}}
<svg viewBox="0 0 {{width}} {{height}}" role="img" aria-label="Execution results by status, Zephyr and qTest">
  {{#legend}}<rect x="{{x}}" y="2" width="12" height="12" class="legend-{{series}}"/><text x="{{x}}" dx="16" y="12">{{label}}</text>{{/legend}}
  {{#groups}}<text x="0" y="{{labelY}}" font-weight="600">{{label}}</text>
  {{#bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" class="bar-{{series}}"><title>{{seriesLabel}}: {{value}}</title></rect><text x="{{textX}}" y="{{textY}}">{{value}}</text>
  {{/bars}}{{/groups}}
</svg>
<p class="note">qTest's side is what validation read back; a status the mapping file renamed shows under its qTest name.</p>
{{/empty}}{{/executionChart}}
</section>

<section id="throughput">
<h2>Load throughput</h2>
{{#throughput}}{{#empty}}<p class="muted">Nothing was loaded.</p>{{/empty}}{{^empty}}
<svg viewBox="0 0 {{width}} {{height}}" role="img" aria-label="Entities loaded over time">
  <line x1="0" y1="{{baseline}}" x2="{{width}}" y2="{{baseline}}" class="axis"/>
  {{#bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" class="bar-throughput"><title>{{at}}: {{loaded}} loaded, {{failed}} failed</title></rect>{{/bars}}
  <text x="0" y="{{height}}" dy="-4">{{firstAt}}</text>
  <text x="{{width}}" y="{{height}}" dy="-4" text-anchor="end">{{lastAt}}</text>
</svg>
<p class="note">Entities created or taken over per {{bucketSeconds}}s; busiest: {{peak}}.</p>
{{/empty}}{{/throughput}}
</section>

<section id="phases">
<h2>Runs and phases</h2>
<div class="scroll"><table>
<thead><tr><th>Run</th><th>Phase</th><th>Outcome</th><th>Started</th><th class="n">Duration</th><th>Counts</th></tr></thead>
<tbody>
{{#phases}}<tr><td>{{runId}}</td><td>{{phase}}</td><td>{{status}}</td><td>{{startedAt}}</td><td class="n">{{duration}}</td><td class="msg">{{counts}}</td></tr>
{{/phases}}
{{^phases}}<tr><td colspan="6" class="muted">No phase has run.</td></tr>{{/phases}}
</tbody></table></div>
<div class="scroll"><table>
<thead><tr><th>Run</th><th>Ran</th><th>Ended</th><th class="n">Exit code</th><th class="n">Duration</th><th>Error</th></tr></thead>
<tbody>
{{#runs}}<tr><td>{{runId}}</td><td>{{phase}}{{#dryRun}} (dry run){{/dryRun}}</td><td>{{status}}</td><td class="n">{{exitCode}}</td><td class="n">{{duration}}</td><td class="msg">{{error}}</td></tr>
{{/runs}}
</tbody></table></div>
</section>

<section id="validation">
<h2>Validation</h2>
{{^report.validation.ran}}<p class="muted">Validation has not run.</p>{{/report.validation.ran}}
{{#report.validation.ran}}
<div class="scroll"><table>
<thead><tr><th>qTest type</th><th class="n">Expected</th><th class="n">Found</th><th class="n">Missing</th><th class="n">Different</th><th class="n">Not loaded</th></tr></thead>
<tbody>
{{#report.validation.types}}<tr><td>{{type}}</td><td class="n" data-count="validation.{{type}}.expected">{{expected}}</td><td class="n" data-count="validation.{{type}}.found">{{found}}</td><td class="n" data-count="validation.{{type}}.missing">{{missing}}</td><td class="n" data-count="validation.{{type}}.mismatched">{{mismatched}}</td><td class="n" data-count="validation.{{type}}.notLoaded">{{notLoaded}}</td></tr>
{{/report.validation.types}}
</tbody></table></div>
{{#mismatches.length}}<h3>Missing or different in qTest</h3>
<div class="scroll"><table>
<thead><tr><th>Type</th><th>Zephyr</th><th>Name</th><th>Difference</th></tr></thead>
<tbody>{{#mismatches}}<tr><td>{{entityType}}</td><td>{{sourceKey}}</td><td class="msg">{{label}}</td><td class="msg">{{error}}</td></tr>{{/mismatches}}</tbody>
</table></div>
{{#mismatchesTruncated}}<p class="note">The first {{rowLimit}} of {{report.validation.mismatches.length}}; failures.csv lists them all.</p>{{/mismatchesTruncated}}
{{/mismatches.length}}
{{/report.validation.ran}}
</section>

{{#report.targetEdits.length}}<section id="target-edits">
<h2>Edited in qTest since ztoq wrote them</h2>
<div class="scroll"><table>
<thead><tr><th>Type</th><th>Zephyr</th><th>Name</th><th>This run</th><th>qTest differs from what ztoq wrote</th></tr></thead>
<tbody>{{#report.targetEdits}}<tr><td>{{entityType}}</td><td>{{sourceId}}</td><td class="msg">{{label}}</td><td>{{action}}</td><td class="msg">{{#differences}}{{.}}<br>{{/differences}}</td></tr>
{{/report.targetEdits}}</tbody>
</table></div>
</section>{{/report.targetEdits.length}}

<section id="failures">
<h2>Failures</h2>
{{^failures}}<p class="muted">No open failures.</p>{{/failures}}
{{#failures.length}}
<div class="scroll"><table>
<thead><tr><th>Phase</th><th>Type</th><th>Zephyr</th><th>Name</th><th class="n">Attempts</th><th>Error</th></tr></thead>
<tbody>{{#failures}}<tr><td>{{phase}}</td><td>{{entityType}}</td><td>{{sourceKey}}</td><td class="msg" data-field="failure-label">{{label}}</td><td class="n">{{attempts}}</td><td class="msg">{{error}}</td></tr>
{{/failures}}</tbody>
</table></div>
<p class="note" data-field="failures.note">{{#failuresTruncated}}Showing the first {{rowLimit}} of {{report.failures.total}} failures; failures.csv lists them all.{{/failuresTruncated}}{{^failuresTruncated}}All {{report.failures.total}} open failures.{{/failuresTruncated}}</p>
{{/failures.length}}
</section>

<section id="lossy">
<h2>Not carried as Zephyr had it</h2>
{{^report.lossy}}<p class="muted">Everything mapped without loss.</p>{{/report.lossy}}
{{#report.lossy}}<h3>{{kind}}: {{total}} in {{entities}} entities</h3>
<ul class="lossy">{{#examples}}<li>{{.}}</li>{{/examples}}</ul>
{{/report.lossy}}
</section>

<section id="removed-in-source">
<h2>Removed in source</h2>
{{^removed}}<p class="muted">Nothing ztoq wrote to qTest is gone from Zephyr.</p>{{/removed}}
{{#removed.length}}
<p class="note">Gone from Zephyr since ztoq wrote them to qTest. They stay in qTest: ztoq never deletes anything there.</p>
<div class="scroll"><table>
<thead><tr><th>Type</th><th>Zephyr</th><th>Name</th><th>qTest id</th><th>Noticed</th></tr></thead>
<tbody>{{#removed}}<tr data-removed="{{type}}"><td>{{type}}</td><td>{{sourceKey}}</td><td class="msg" data-field="removed-label">{{label}}</td><td>{{targetId}}</td><td>{{removedAt}}</td></tr>
{{/removed}}</tbody>
</table></div>
{{#removedTruncated}}<p class="note">The first {{rowLimit}} of {{report.removedInSource.length}}; removed-in-source.csv lists them all.</p>{{/removedTruncated}}
{{/removed.length}}
</section>

<section id="http">
<h2>API requests</h2>
{{^http}}<p class="muted">No requests recorded.</p>{{/http}}
{{#http.length}}<div class="scroll"><table>
<thead><tr><th>API</th><th class="n">Requests</th><th class="n">Retries</th><th class="n">Network errors</th><th>Responses</th></tr></thead>
<tbody>{{#http}}<tr><td>{{api}}</td><td class="n">{{requests}}</td><td class="n">{{retries}}</td><td class="n">{{networkErrors}}</td><td>{{responses}}</td></tr>{{/http}}</tbody>
</table></div>{{/http.length}}
</section>

<footer>Report format {{report.reportVersion}}, generated {{report.generatedAt}} by ztoq.</footer>
</body>
</html>
`;
