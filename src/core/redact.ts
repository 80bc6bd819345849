// Secret redaction for everything that reaches the store, the UI or a file. Pure string work:
// transcripts and shell histories routinely carry passwords and tokens, and clearance only needs
// the shape of a command to learn from it, never the secret itself.

/** The placeholder that replaces every secret. */
export const REDACTED = '<redacted>';

// Env names whose values are secrets: any name containing one of these words.
const SECRET_NAME =
  /(?:PASSWORD|PASSWD|PASS|PWD|TOKEN|SECRET|CREDENTIAL|CREDS?|AUTH|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|_KEY|KEY_|^KEY$|SESSION|COOKIE|DSN|DATABASE_URL)/i;

// Token shapes that are secrets wherever they appear.
const TOKEN_PATTERNS: RegExp[] = [
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-(?:proj-)?[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{16,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{8,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\bnpm_[A-Za-z0-9]{30,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/**
 * Memoize a pure string → string function over short inputs: the same commands, paths and URLs
 * recur thousands of times in a scan, and each redaction runs a dozen regular expressions. Cleared
 * when full, so memory stays bounded.
 */
function memoized(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    if (text.length > 512) return fn(text);
    let out = cache.get(text);
    if (out === undefined) {
      out = fn(text);
      if (cache.size >= 4096) cache.clear();
      cache.set(text, out);
    }
    return out;
  };
}

/** Replace token-shaped secrets, credentials in URLs and auth headers in free text. */
export const redactText = memoized(redactTextNow);

function redactTextNow(text: string): string {
  if (text === '') return text;
  let out = text;
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, REDACTED);
  // scheme://user:pass@host → keep the user, drop the password
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+):[^\s@/'"]+@/gi, `$1:${REDACTED}@`);
  // Authorization / API key headers: everything after the header name up to the quote/eol
  out = out.replace(
    /\b((?:Proxy-)?Authorization|X-Api-Key|Api-Key|X-Auth-Token|Private-Token|Cookie)(\s*[:=]\s*)(?:(Bearer|Basic|Token|Bot)\s+)?[^\s'"\\]+/gi,
    (_m, name: string, sep: string, scheme: string | undefined) =>
      `${name}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  );
  // query parameters and key=value pairs named like secrets: ?token=…, &api_key=…, password: …
  out = out.replace(
    /([?&;\s]|^)((?:access_|refresh_|id_|auth_|api_|client_|private_)?(?:token|key|apikey|secret|password|passwd|pwd|sig|signature|auth))=([^\s&'"#]+)/gi,
    (_m, lead: string, name: string, value: string) =>
      value === REDACTED ? _m : `${lead}${name}=${REDACTED}`,
  );
  return out;
}

/** True when an env name's value should never be kept (`PGPASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Redact a shell command: secret env assignments, password flags, headers and token shapes. */
export const redactCommand = memoized(redactCommandNow);

function redactCommandNow(text: string): string {
  if (text === '') return text;
  let out = text;
  // NAME=value (also `export NAME=value`, `env NAME=value`); value may be quoted
  out = out.replace(
    /(^|[\s;&|(`])([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|)`]*)/g,
    (match, lead: string, name: string, value: string) =>
      isSecretName(name) && value !== '' && !value.includes(REDACTED) ? `${lead}${name}=${REDACTED}` : match,
  );
  // --password=x, --password x, --token x, --api-key x, --secret x, --pass x
  out = out.replace(
    /(--?(?:password|passwd|pass|token|api[-_]?key|secret|client[-_]secret|auth[-_]token|access[-_]token)(?:[=\s]+))("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|]+)/gi,
    (_m, flag: string) => `${flag}${REDACTED}`,
  );
  // mysql/mariadb -pSECRET (attached value only; a bare -p prompts for it)
  out = out.replace(
    /(\b(?:mysql|mysqldump|mariadb|mysqladmin)\b[^\n;&|]*?\s-p)(?!\s)([^\s;&|]+)/g,
    (_m, head: string) => `${head}${REDACTED}`,
  );
  // curl -u user:pass / --user user:pass
  out = out.replace(/(\s(?:-u|--user)\s+)(['"]?)([^\s:'"]+):([^\s'"]+)\2/g, `$1$2$3:${REDACTED}$2`);
  return redactText(out);
}

// Input keys whose values are file contents: not needed for learning and a leak risk.
const CONTENT_KEYS = new Set([
  'content',
  'old_string',
  'new_string',
  'new_source',
  'edits',
  'contents',
  'text',
]);
const KEEP_CONTENT_CHARS = 0;

/**
 * Redact a tool input deeply: Bash `command` via redactCommand, file contents (Write `content`,
 * Edit `old_string`/`new_string`, MultiEdit `edits`) dropped, every other string via redactText.
 */
/**
 * Characters of a command kept. Learning needs a command's shape, and a heredoc writing a file can
 * be megabytes: past this the command is cut (and marked) before redaction, parsing and storage, so
 * one 50 MB command costs what a 64 KB one does. A cut command is never parsed into rule evidence:
 * what follows the cut could change what the command does.
 */
export const COMMAND_CAP = 64 * 1024;

const CUT_MARK = /\n… <\d+ chars cut by clearance>$/;

/** The command as stored: itself when short, else its head (at a word break) and a mark. */
export function capCommand(text: string): string {
  if (text.length <= COMMAND_CAP) return text;
  const head = text.slice(0, COMMAND_CAP);
  // cut at a word break, so no secret is cut into a piece too short to look like one
  const brk = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  const kept = brk > COMMAND_CAP - 1024 ? head.slice(0, brk) : head;
  return `${kept}${cutMark(text.length - kept.length)}`;
}

/** True for a command capCommand cut: only its head is known. */
export function isCutCommand(text: string): boolean {
  // the mark alone: a command that really ends so loses only its segments (the safe direction)
  return CUT_MARK.test(text);
}

/** The mark capCommand ends a cut command with (`n`: how much was cut). */
export function cutMark(n: number): string {
  return `\n… <${n} chars cut by clearance>`;
}

export function redactInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (CONTENT_KEYS.has(key)) {
      out[key] =
        typeof value === 'string'
          ? `${value.slice(0, KEEP_CONTENT_CHARS)}<${value.length} chars omitted>`
          : '<omitted>';
    } else if (key === 'command' || key === 'full_command' || key === 'bash_command') {
      out[key] = typeof value === 'string' ? redactCommand(capCommand(value)) : redactValue(value);
    } else {
      out[key] = redactValue(value);
    }
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') return redactInput(value as Record<string, unknown>);
  return value;
}
