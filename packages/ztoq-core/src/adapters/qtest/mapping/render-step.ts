import type { CanonicalInlineStep } from '../../../model/canonical.js';
import type { QTestContext } from '../qtest-context.js';
import { customFieldHtmlLines } from './field-text.js';
import { escapeHtml, textToHtml } from './html.js';
import type { ParameterValues } from './parameters.js';

export interface PlannedStep {
  description: string;
  expected: string;
}

/**
 * A Zephyr step as a qTest step. qTest steps have no test data and the project's two step
 * fields are not worth spending on Zephyr's (API-NOTES B.5, C.9), so both go into the
 * description, under a `Test data:` line and as `Name: value` lines. Step texts are HTML.
 */
export function renderInlineStep(
  step: CanonicalInlineStep,
  parameters: ParameterValues,
  context: QTestContext,
): PlannedStep {
  const html = (text: string | undefined) => parameters.substitute(text ?? '', escapeHtml);
  const parts: string[] = [];
  const description = html(step.description);
  if (description !== '') parts.push(description);
  const testData = html(step.testData);
  if (testData !== '') parts.push(`Test data:<br>${testData}`);
  parts.push(...customFieldHtmlLines(step.customFields ?? {}, context));
  return { description: parts.join('<br>'), expected: html(step.expectedResult) };
}

/** A plain or BDD script as the one step qTest can hold it in, its lines kept as `<br>`. */
export function renderScript(text: string, parameters: ParameterValues): PlannedStep {
  return { description: textToHtml(parameters.substitute(text)), expected: '' };
}
