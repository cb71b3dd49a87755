/**
 * The report's HTML building blocks. Every piece of text that reaches the page goes through `esc`
 * (column names, class labels, file names and warnings come from the user's file), so a column named
 * `<script>` prints as text and can never become markup.
 */

/** Text for an element's content or an attribute value (quoted with "). */
export function esc(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A trusted fragment built by this module's helpers: marks what is already escaped markup. */
export interface Html {
  readonly html: string;
}

export function raw(html: string): Html {
  return { html };
}

/** Escape text; pass markup built with `raw` through. */
export function h(value: string | number | Html): string {
  return typeof value === 'object' ? value.html : esc(value);
}

export function table(
  header: readonly (string | Html)[],
  rows: readonly (readonly (string | number | Html)[])[],
  options: { numeric?: readonly boolean[]; caption?: string } = {},
): string {
  const cls = (j: number): string => (options.numeric?.[j] ? ' class="num"' : '');
  return [
    '<table>',
    options.caption ? `<caption>${esc(options.caption)}</caption>` : '',
    `<thead><tr>${header.map((c, j) => `<th${cls(j)}>${h(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c, j) => `<td${cls(j)}>${h(c)}</td>`).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

export function list(items: readonly (string | Html)[]): string {
  return `<ul>${items.map((i) => `<li>${h(i)}</li>`).join('')}</ul>`;
}

/** The first `max` items, and a line saying how many were left out: reports stay small whatever the data. */
export function capped<T>(items: readonly T[], max: number): { shown: readonly T[]; note: string } {
  if (items.length <= max) return { shown: items, note: '' };
  return {
    shown: items.slice(0, max),
    note: `<p class="note">… and ${items.length - max} more, not shown (the run record lists them all).</p>`,
  };
}

export function definitionList(entries: readonly (readonly [string, string | number | Html])[]): string {
  return `<dl>${entries.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`;
}
