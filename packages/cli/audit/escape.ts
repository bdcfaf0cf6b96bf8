/**
 * File names and messages come from the repository, so a report must not let them forge lines, clear
 * the terminal or break a table: a name holding a newline could print a fake "✓ 0 violations" line,
 * escape codes could rewrite the screen, and `|` would split a markdown row. JSON escapes by itself;
 * these helpers cover text, markdown and SARIF URIs.
 */

/** C0 and C1 controls (newline, ESC…), DEL, line/paragraph separators and bidirectional overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeChar = (char: string): string => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text with every unsafe character shown as its escape (`\n`, `\u001b`), on one line. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** A file name for a terminal: as is when harmless, else quoted with its unsafe characters escaped. */
export function displayName(file: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(file) ? JSON.stringify(file) : file;
}

/** A markdown code span that holds any text: one line, `|` escaped for tables, a fence longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const safe = terminalSafe(text).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/** A relative path as a SARIF `artifactLocation.uri`: each segment percent-encoded (RFC 3986), `/` kept. */
export function sarifUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/**
 * Mermaid reads `#name;` / `#123;` in a quoted label as an entity, so every character that could end the
 * quotes, open markup (`<script>`, a markdown-string backtick), start a comment (`%%`) or be read as an
 * entity (`#`) becomes its numeric entity; controls are first shown as escapes, on one line.
 */
const MERMAID_UNSAFE = /["'`#%&<>[\]{}()|;:\\=]/g;

/** Text for a quoted Mermaid label (`n1["…"]`): nothing inside can close the quotes or inject markup. */
export function mermaidText(text: string): string {
  return terminalSafe(text).replace(MERMAID_UNSAFE, (char) => `#${char.charCodeAt(0)};`);
}

/** Text for a double-quoted Graphviz string: one line, `\` and `"` escaped so no DOT escape or quote survives. */
export function dotText(text: string): string {
  return terminalSafe(text).replace(/[\\"]/g, (char) => `\\${char}`);
}
