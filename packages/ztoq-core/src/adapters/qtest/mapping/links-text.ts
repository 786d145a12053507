import type { CanonicalIssueLink, CanonicalLinks, CanonicalWebLink } from '../../../model/canonical.js';
import { escapeHtml } from './html.js';

/**
 * Issue and web links have no place in qTest (API-NOTES C.6, C.14): Zephyr gives Jira issue ids
 * only, and qTest links issues through requirements. They are listed where people read them.
 */

/** The links as HTML lists for a test case description; empty when there are none. */
export function linksHtml(links: CanonicalLinks): string {
  const parts: string[] = [];
  if (links.issues.length > 0) {
    const items = links.issues.map((link) => `<li>${issueHtml(link)}</li>`).join('');
    parts.push(`<p>Issue links:</p><ul>${items}</ul>`);
  }
  if (links.webLinks.length > 0) {
    const items = links.webLinks.map((link) => `<li>${webLinkHtml(link)}</li>`).join('');
    parts.push(`<p>Web links:</p><ul>${items}</ul>`);
  }
  return parts.join('');
}

function issueHtml(link: CanonicalIssueLink): string {
  const name = `Jira issue ${escapeHtml(link.issueId)}`;
  const shown = link.url === undefined ? name : `<a href="${escapeHtml(link.url)}">${name}</a>`;
  return `${shown} (${link.kind})`;
}

function webLinkHtml(link: CanonicalWebLink): string {
  return `<a href="${escapeHtml(link.url)}">${escapeHtml(link.description ?? link.url)}</a> (${link.kind})`;
}

/** One plain-text line per issue link, for descriptions and notes. */
export function issueLines(issues: readonly CanonicalIssueLink[]): string[] {
  return issues.map(
    (link) => `Jira issue ${link.issueId} (${link.kind})${link.url === undefined ? '' : `: ${link.url}`}`,
  );
}

/** One plain-text line per web link. */
export function webLinkLines(webLinks: readonly CanonicalWebLink[]): string[] {
  return webLinks.map(
    (link) =>
      `Web link (${link.kind}): ${link.description === undefined ? link.url : `${link.description} <${link.url}>`}`,
  );
}

/** Both kinds of links as plain-text lines. */
export function linkLines(links: CanonicalLinks): string[] {
  return [...issueLines(links.issues), ...webLinkLines(links.webLinks)];
}
